"""Loading, validating and combining glossaries: bad input is reported as file:line."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from bitext.errors import GlossaryError, UsageError
from bitext.glossary import load_glossary
from bitext.glossary.io import default_glossary_dir

ENTRY = """\
  - id: {id}
    type: institution
    sources: [{source}]
    target: {target}
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def entries(*items: tuple[str, str, str]) -> str:
    return "entries:\n" + "".join(ENTRY.format(id=i, source=s, target=t) for i, s, t in items)


def test_project_glossary_loads_and_names_everyone_in_the_seeds() -> None:
    glossary = load_glossary()
    assert glossary.notes == ()
    assert glossary.paths and all(p.parent == default_glossary_dir() for p in glossary.paths)
    targets = {entry.target for entry in glossary.entries}
    for name in (
        "Tran Dai Quang",
        "Bernard Cazeneuve",
        "Patricia Adam",
        "Jean-Marc Falcone",
        "Hoang Xuan Chien",
        "Geneviève Darrieussecq",
        "Pham Minh Chinh",
        "Le Van Tuyen",
        "Trần Văn Thuấn",
    ):
        assert name in targets
    for form in (
        "Ministry of Public Security",
        "Deputy Minister of Public Security",
        "Ministry of the Interior",
        "Director General for Civil Security and Crisis Management",
        "Deputy Minister of Health",
        "Ministry of Health",
        "Ministry for Europe and Foreign Affairs",
        "Department of International Cooperation",
        "Vietnam\u2013France Comprehensive Strategic Partnership",
        "Ministry of the Armed Forces",
        "National Assembly",
        "UN Security Council",
    ):
        assert form in targets
    assert all(entry.origin for entry in glossary.entries)
    assert len(glossary.sha256) == 64


def test_sha256_follows_the_entries_not_the_files(tmp_path: Path) -> None:
    one = write(tmp_path, "a.yaml", entries(("x", "ministère de la Santé", "Ministry of Health")))
    two = write(
        tmp_path, "b.yml", "# comment\n" + entries(("x", "ministère de la Santé", "Ministry of Health"))
    )
    three = write(tmp_path, "c.yaml", entries(("x", "ministère de la Santé", "Health Ministry")))
    assert load_glossary([one]).sha256 == load_glossary([two]).sha256
    assert load_glossary([one]).sha256 != load_glossary([three]).sha256


def test_malformed_yaml_names_file_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.yaml", "entries:\n  - id: a\n    sources: [ministre\n    target: Minister\n")
    with pytest.raises(GlossaryError) as info:
        load_glossary([path])
    assert info.value.path == path and info.value.line == 4
    assert "malformed YAML" in str(info.value) and info.value.exit_code == 65


def test_entry_without_target(tmp_path: Path) -> None:
    path = write(
        tmp_path, "g.yaml", "entries:\n  - id: a\n    type: title\n    sources: [ministre]\n    target:\n"
    )
    with pytest.raises(GlossaryError, match="entry 'a' has no target") as info:
        load_glossary([path])
    assert info.value.line == 5


def test_unknown_field_is_an_error_with_its_line(tmp_path: Path) -> None:
    text = "entries:\n  - id: a\n    type: title\n    sources: [ministre]\n    target: Minister\n"
    text += "    colour: red\n"
    with pytest.raises(GlossaryError, match="unknown field 'colour'") as info:
        load_glossary([write(tmp_path, "g.yaml", text)])
    assert info.value.line == 6


def test_bad_type_is_an_error(tmp_path: Path) -> None:
    text = "entries:\n  - id: a\n    type: person\n    sources: [X]\n    target: X\n"
    with pytest.raises(GlossaryError, match="type") as info:
        load_glossary([write(tmp_path, "g.yaml", text)])
    assert info.value.line == 3


def test_duplicate_source_with_other_target_names_both_lines(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "g.yaml",
        entries(
            ("a", "ministère de la Santé", "Ministry of Health"),
            ("b", "Ministère de la santé", "Health Ministry"),
        ),
    )
    with pytest.raises(GlossaryError, match="conflict") as info:
        load_glossary([path])
    assert info.value.line == 8
    assert f"{path}:4" in str(info.value)


def test_duplicate_id_and_duplicate_key(tmp_path: Path) -> None:
    path = write(
        tmp_path, "g.yaml", entries(("a", "ministre", "Minister"), ("a", "vice-ministre", "Deputy Minister"))
    )
    with pytest.raises(GlossaryError, match="duplicate id 'a'"):
        load_glossary([path])
    text = (
        "entries:\n  - id: a\n    type: title\n    sources: [ministre]\n    target: Minister\n    target: X\n"
    )
    with pytest.raises(GlossaryError, match="given twice") as info:
        load_glossary([write(tmp_path, "k.yaml", text)])
    assert info.value.line == 6


@pytest.mark.parametrize("text", ["", "# nothing yet\n", "entries:\n", "entries: []\n"])
def test_empty_glossary_is_a_warning(tmp_path: Path, text: str) -> None:
    glossary = load_glossary([write(tmp_path, "g.yaml", text)])
    assert glossary.entries == ()
    assert glossary.warnings and not glossary.conflicts
    assert glossary.matcher.find("le ministre") == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- a\n- b\n", "mapping"),
        ("entries: 3\n", "must be a list"),
        ("entries:\n  - just text\n", "each entry must be a mapping"),
        ("stuff: 1\nentries: []\n", "unknown top-level key 'stuff'"),
        ("description: x\n", "missing 'entries'"),
        ("entries:\n  - id: a\n    type: title\n    sources: []\n    target: A\n", "sources"),
        (
            "entries:\n  - id: a\n    type: title\n    sources: [a]\n    target: A\n    wrong: [A]\n",
            "target itself",
        ),
    ],
)
def test_shape_errors(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(GlossaryError, match=message) as info:
        load_glossary([write(tmp_path, "g.yaml", text)])
    assert info.value.line is not None or "missing" in message


def _alias_bomb(depth: int) -> str:
    """Nested aliases: each level lists the previous one nine times (9**depth strings)."""
    levels = ["    notes: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"]
    for level in range(1, depth):
        items = ", ".join([f"*l{level - 1}"] * 9)
        levels.append(f"    x{level}: &l{level} [{items}]\n")
    return (
        "entries:\n  - id: a\n    type: title\n    target: A\n"
        + "".join(levels)
        + f"    sources: *l{depth - 1}\n"
    )


def test_yaml_aliases_are_refused_before_any_expansion(tmp_path: Path) -> None:
    """Regression: a 544-byte glossary of nested aliases expanded to 3.9 GB."""
    path = write(tmp_path, "bomb.yaml", _alias_bomb(7))
    assert path.stat().st_size < 600
    started = time.perf_counter()
    with pytest.raises(GlossaryError, match=r"YAML anchor &l0 is not allowed") as info:
        load_glossary([path])
    assert info.value.line == 5 and info.value.exit_code == 65
    assert time.perf_counter() - started < 2


@pytest.mark.parametrize(
    ("target", "notes", "message", "line"),
    [("&x Minister", "*x", "anchor &x", 5), ("Minister", "*y", "alias *y", 10)],
)
def test_a_single_anchor_or_alias_is_refused_with_its_line(
    tmp_path: Path, target: str, notes: str, message: str, line: int
) -> None:
    text = f"entries:\n  - id: a\n    type: title\n    sources: [ministre]\n    target: {target}\n"
    text += f"  - id: b\n    type: title\n    sources: [général]\n    target: General\n    notes: {notes}\n"
    with pytest.raises(GlossaryError, match=re.escape(message)) as info:
        load_glossary([write(tmp_path, "g.yaml", text)])
    assert info.value.line == line


def test_binary_and_missing_files(tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    path.write_bytes(b"entries:\n\xff\n")
    with pytest.raises(GlossaryError.__mro__[1]):
        load_glossary([path])
    with pytest.raises(UsageError):
        load_glossary([tmp_path / "absent.yaml"])
    (tmp_path / "empty_dir").mkdir()
    with pytest.raises(UsageError, match="no glossary"):
        load_glossary([tmp_path / "empty_dir"])


def test_later_glossaries_override_and_conflicts_are_reported(tmp_path: Path) -> None:
    first = write(
        tmp_path,
        "1.yaml",
        entries(
            ("health", "ministère de la Santé", "Ministry of Health"),
            ("mps", "ministère de la Sécurité publique", "Ministry of Public Security"),
            ("keep", "Assemblée nationale", "National Assembly"),
        ),
    )
    second = write(
        tmp_path,
        "2.yaml",
        entries(
            ("health", "ministère de la Santé", "Health Ministry"),
            ("police", "ministère de la Sécurité publique", "Police Ministry"),
        ),
    )
    glossary = load_glossary([first, second])
    by_id = {entry.id: entry for entry in glossary.entries}
    assert by_id["health"].target == "Health Ministry"
    assert "mps" not in by_id and by_id["police"].target == "Police Ministry"
    assert by_id["keep"].target == "National Assembly"
    messages = [str(note) for note in glossary.conflicts]
    assert len(messages) == 2
    assert any(f"{first}:2" in m and f"{second}:2" in m for m in messages)
    assert any(f"{first}:8" in m and f"{second}:8" in m and "Police Ministry" in m for m in messages)
    [match] = glossary.matcher.find("le ministère de la Sécurité publique")
    assert match.render() == "Police Ministry"


def test_a_folder_loads_all_its_yaml_files_in_order(tmp_path: Path) -> None:
    write(tmp_path, "b.yaml", entries(("x", "ministre", "Secretary")))
    write(tmp_path, "a.yaml", entries(("x", "ministre", "Minister")))
    write(tmp_path, "README.md", "not a glossary")
    glossary = load_glossary([tmp_path])
    assert [p.name for p in glossary.paths] == ["a.yaml", "b.yaml"]
    assert [e.target for e in glossary.entries] == ["Secretary"]


MANY_PROBLEMS = """\
entries:
  - id: a
    type: title
    sources: [ministre]
    target: Minister
    colour: blue
  - id: b
    type: person
    sources: [général]
  - id: a
    type: title
    sources: [préfet]
    target: Prefect
  - id: c
    type: title
    sources: [préfet]
    target: Secretary
  - id: d
    type: title
    sources: [maire]
    target: Mayor
    countries: [XY]
extra: 1
"""


def test_every_problem_of_a_file_is_reported_in_file_order(tmp_path: Path) -> None:
    """Regression (hardening 18): only the first problem of a file was reported."""
    path = tmp_path / "bad.yaml"
    path.write_text(MANY_PROBLEMS, encoding="utf-8")
    second = tmp_path / "second.yaml"
    second.write_text("entries:\n  - id: z\n    type: title\n    sources: [x]\n", encoding="utf-8")
    with pytest.raises(GlossaryError) as caught:
        load_glossary([path, second])
    problems = caught.value.problems()
    assert [(p.path.name if p.path else None, p.line) for p in problems] == [
        ("bad.yaml", 6),
        ("bad.yaml", 7),
        ("bad.yaml", 8),
        ("bad.yaml", 10),
        ("bad.yaml", 16),
        ("bad.yaml", 22),
        ("bad.yaml", 23),
        ("second.yaml", 2),
    ]
    messages = [p.message for p in problems]
    assert "unknown field 'colour'" in messages[0]
    assert messages[1] == "entry 'b' has no target"
    assert messages[2].startswith("entry 'b': type:")
    assert messages[3] == f"duplicate id 'a' (also at {path}:2)"
    assert messages[4].startswith("conflict: 'préfet' → 'Secretary' here but 'préfet' → 'Prefect'")
    assert "unknown country 'XY'" in messages[5]
    assert "unknown top-level key 'extra'" in messages[6]
    assert messages[7] == "entry 'z' has no target"
    assert caught.value.exit_code == 65 and caught.value.line == 6
    assert str(caught.value).splitlines()[1] == f"{path}:7: entry 'b' has no target"


def test_a_single_problem_is_raised_as_itself(tmp_path: Path) -> None:
    path = tmp_path / "one.yaml"
    path.write_text("entries:\n  - id: a\n    type: title\n    sources: [x]\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="entry 'a' has no target") as caught:
        load_glossary([path])
    assert caught.value.problems() == (caught.value,)

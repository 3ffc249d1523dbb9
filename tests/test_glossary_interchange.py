"""Glossary interchange: TBX-Basic and CSV round trips, outside readers, bad files, ``glossary add``."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from bitext.cli import app
from bitext.errors import GlossaryError, InputError
from bitext.glossary import fields as entry_fields
from bitext.glossary import load_glossary
from bitext.glossary.csvfile import read_csv, write_csv
from bitext.glossary.interchange import add_entry, import_glossary
from bitext.glossary.tbx import read_tbx, write_tbx
from bitext.models import GlossaryEntry

GLOSSARY_DIR = Path(__file__).resolve().parent.parent / "glossary"


def shipped_entries() -> list[GlossaryEntry]:
    return list(load_glossary([GLOSSARY_DIR]).entries)


def tbx_round_trip(folder: Path, entries: list[GlossaryEntry]) -> list[GlossaryEntry]:
    path = folder / "g.tbx"
    path.write_text(write_tbx(entries), encoding="utf-8")
    return read_tbx(path)


def csv_round_trip(folder: Path, entries: list[GlossaryEntry]) -> list[GlossaryEntry]:
    path = folder / "g.csv"
    path.write_text(write_csv(entries), encoding="utf-8")
    return read_csv(path)


@pytest.mark.parametrize("fmt", ["tbx", "csv"])
def test_every_shipped_entry_survives_yaml_to_format_to_yaml(tmp_path: Path, fmt: str) -> None:
    entries = shipped_entries()
    exported = tmp_path / f"project.{fmt}"
    result = CliRunner().invoke(app, ["glossary", "export", "--format", fmt, "-o", str(exported), "-q"])
    assert result.exit_code == 0, result.stderr

    imported, text = import_glossary(exported, tmp_path / "back.yaml")

    assert text == "" and imported.entries == len(entries)
    assert list(load_glossary([tmp_path / "back.yaml"]).entries) == entries
    assert load_glossary([tmp_path / "back.yaml"]).sha256 == load_glossary([GLOSSARY_DIR]).sha256


forms = st.text(
    alphabet=st.sampled_from(list("abcdeéèàçôABCÉ '-&<>\"«»,;:|#?!0123456789")), min_size=1, max_size=25
).map(lambda text: " ".join(text.replace("|", "/").split()))
an_entry = st.builds(
    GlossaryEntry,
    id=st.from_regex(r"[a-z][a-z0-9-]{0,15}", fullmatch=True),
    type=st.sampled_from(["title", "institution", "name", "acronym"]),
    sources=st.lists(forms.filter(lambda f: any(c.isalnum() for c in f)), min_size=1, max_size=3).map(tuple),
    target=forms.filter(lambda f: any(c.isalnum() for c in f)),
    wrong=st.lists(forms.filter(lambda f: any(c.isalnum() for c in f)), max_size=2).map(tuple),
    notes=st.text(max_size=40).map(lambda t: "".join(c for c in t if c.isprintable()).strip()),
    origin=forms,
    plural=st.one_of(st.just(""), forms.filter(lambda f: any(c.isalnum() for c in f))),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entry=an_entry)
def test_any_valid_entry_round_trips_through_tbx_and_csv(tmp_path: Path, entry: GlossaryEntry) -> None:
    if set(entry.wrong) & {entry.target, entry.plural} or len(set(entry.sources)) != len(entry.sources):
        return
    assert tbx_round_trip(tmp_path, [entry]) == [entry]
    assert csv_round_trip(tmp_path, [entry]) == [entry]


def test_translate_toolkit_reads_our_tbx(tmp_path: Path) -> None:
    from translate.storage.tbx import tbxfile

    entries = shipped_entries()
    path = tmp_path / "g.tbx"
    path.write_text(write_tbx(entries), encoding="utf-8")

    store = tbxfile.parsefile(str(path))
    assert [unit.getid() for unit in store.units] == [entry.id for entry in entries]
    assert [(unit.source, unit.target) for unit in store.units] == [(e.sources[0], e.target) for e in entries]


def test_csv_has_the_documented_header_and_spreadsheet_quoting(tmp_path: Path) -> None:
    entry = GlossaryEntry(
        id="x", type="title", sources=("a, b", 'le "c"'), target="A", wrong=("B",), notes="two\nlines"
    )
    text = write_csv([entry])
    assert text.splitlines()[0] == "id,type,fr,en,wrong,origin,plural,notes,countries"
    path = tmp_path / "g.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert read_csv(path) == [entry]


TBX_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<martif type="TBX-Basic" xml:lang="en"><text><body>\n'


def tbx_file(folder: Path, body: str, head: str = TBX_HEAD) -> Path:
    path = folder / "bad.tbx"
    path.write_text(head + body + "\n</body></text></martif>\n", encoding="utf-8")
    return path


ENTRY = (
    '<termEntry id="{id}"><note>bitext-type: title</note>'
    '<langSet xml:lang="fr"><tig><term>{fr}</term></tig></langSet>'
    '<langSet xml:lang="en"><tig><term>{en}</term></tig></langSet></termEntry>'
)


@pytest.mark.parametrize(
    ("body", "message", "line"),
    [
        (
            '<termEntry id="a"><note>bitext-type: title</note>\n'
            '<langSet xml:lang="en"><tig><term>Minister</term></tig></langSet></termEntry>',
            "entry 'a' has no French term",
            3,
        ),
        (
            ENTRY.format(id="a", fr="ministre", en="Minister") + "\n" + ENTRY.format(id="b", fr="x", en=" "),
            "empty term",
            4,
        ),
        (
            ENTRY.format(id="a", fr="ministre", en="Minister") + "\n" + ENTRY.format(id="a", fr="x", en="X"),
            "duplicate id 'a' \\(first on line 3\\)",
            4,
        ),
        ('<termEntry id="a"><langSet><tig><term>x</term></tig></langSet></termEntry>', "without xml:lang", 3),
        (ENTRY.replace("bitext-type: title", "").format(id="a", fr="x", en="X"), "has no type", 3),
        (ENTRY.format(id="a", fr="x", en="X").replace("title", "sport"), "type: Input should be", 3),
        (ENTRY.format(id="a", fr="x", en="X") + ENTRY.format(id="b", fr="x", en="Y"), "conflict: 'x'", 3),
    ],
)
def test_bad_tbx_names_the_file_and_line_and_exits_65(
    tmp_path: Path, body: str, message: str, line: int
) -> None:
    path = tbx_file(tmp_path, body)
    with pytest.raises(GlossaryError, match=message) as caught:
        read_tbx(path)
    assert (caught.value.path, caught.value.line) == (path, line)

    result = CliRunner().invoke(app, ["glossary", "import", str(path)])
    assert result.exit_code == 65
    assert f"bad.tbx:{line}:" in result.stderr


@pytest.mark.parametrize(
    ("head", "line"),
    [
        (
            '<?xml version="1.0"?>\n<!DOCTYPE martif [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<martif><text><body>\n',
            2,
        ),
        (
            '<?xml version="1.0"?>\n<!DOCTYPE martif [\n<!ENTITY a "aaaaaaaaaa">\n'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n<martif><text><body>\n',
            3,
        ),
    ],
)
def test_entity_tricks_in_tbx_are_refused(tmp_path: Path, head: str, line: int) -> None:
    path = tbx_file(
        tmp_path,
        ENTRY.format(id="a", fr="&b;", en="X").replace("&b;", "&xxe;" if "xxe" in head else "&b;"),
        head,
    )
    with pytest.raises(InputError, match="declares entities") as caught:
        read_tbx(path)
    assert caught.value.line == line and caught.value.exit_code == 65


def test_tbx_in_the_wrong_encoding_gives_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.tbx"
    path.write_bytes(
        (TBX_HEAD + ENTRY.format(id="a", fr="ministère", en="Minister") + "</body></text></martif>").encode(
            "latin-1"
        )
    )
    with pytest.raises(InputError, match="not well-formed") as caught:
        read_tbx(path)
    assert caught.value.line == 3
    not_tbx = tmp_path / "other.tbx"
    not_tbx.write_text("<html/>", encoding="utf-8")
    with pytest.raises(InputError, match="not a TBX file"):
        read_tbx(not_tbx)


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("id,type,en\nx,title,X\n", "missing column 'fr'", 1),
        ("id,type,fr,en,colour\nx,title,a,X,red\n", "unknown column 'colour'", 1),
        ("id,type,fr,en\nx,title,a|,X\n", "empty term", 2),
        (
            'id,type,fr,en\nx,title,a,X\n\ny,name,"b\nc",Y\nx,name,d,Z\n',
            "duplicate id 'x' \\(first on line 2\\)",
            6,
        ),
        ("id,type,fr,en\nx,sport,a,X\n", "type: Input should be", 2),
        ("id,type,fr,en\nx,title,,X\n", "no French term", 2),
        ("id,type,fr,en\nx,title,a\n", "3 cells where the header has 4", 2),
    ],
)
def test_bad_csv_names_the_file_and_line(tmp_path: Path, text: str, message: str, line: int) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GlossaryError, match=message) as caught:
        read_csv(path)
    assert (caught.value.path, caught.value.line, caught.value.exit_code) == (path, line, 65)


def test_csv_in_the_wrong_encoding_gives_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes(
        "id,type,fr,en\nx,title,ministre,Minister\ny,title,ministère,Ministry\n".encode("latin-1")
    )
    result = CliRunner().invoke(app, ["glossary", "import", str(path)])
    assert result.exit_code == 65
    assert "latin1.csv:3" in result.stderr and "not valid UTF-8" in result.stderr


def test_a_tbx_from_another_tool_imports_with_a_default_type(tmp_path: Path) -> None:
    path = tmp_path / "memoq.tbx"
    path.write_text(
        """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif type="TBX" xml:lang="en-US">
<martifHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></martifHeader>
<text><body>
  <termEntry>
    <descrip type="subjectField">Government</descrip>
    <langSet xml:lang="de-DE"><ntig><termGrp><term>Ministerium</term></termGrp></ntig></langSet>
    <langSet xml:lang="fr-FR"><ntig><termGrp><term>ministère de la santé</term></termGrp></ntig></langSet>
    <langSet xml:lang="en-GB">
      <ntig><termGrp><term>Health Ministry</term>
        <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termGrp></ntig>
      <ntig><termGrp><term>Ministry of Health</term>
        <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termGrp></ntig>
    </langSet>
  </termEntry>
</body></text></martif>
""",
        encoding="utf-8",
    )
    with pytest.raises(GlossaryError, match="has no type"):
        read_tbx(path)
    result = CliRunner().invoke(app, ["glossary", "import", str(path), "--type", "institution"])
    assert result.exit_code == 0, result.stderr
    assert "id: ministry-of-health" in result.stdout and "wrong: [Health Ministry]" in result.stdout
    assert read_tbx(path, default_type="institution") == [
        GlossaryEntry(
            id="ministry-of-health",
            type="institution",
            sources=("ministère de la santé",),
            target="Ministry of Health",
            wrong=("Health Ministry",),
        )
    ]


def test_import_does_not_overwrite_without_force(tmp_path: Path) -> None:
    source = tmp_path / "g.csv"
    source.write_text("id,type,fr,en\nx,title,ministre,Minister\n", encoding="utf-8")
    target = tmp_path / "g.yaml"
    target.write_text("# hand-written\nentries: []\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["glossary", "import", str(source), "-o", str(target)])
    assert result.exit_code == 2 and "--force" in result.stderr
    assert target.read_text(encoding="utf-8") == "# hand-written\nentries: []\n"
    result = runner.invoke(app, ["glossary", "import", str(source), "-o", str(target), "--force", "--json"])
    assert result.exit_code == 0, result.stderr
    assert [e.id for e in load_glossary([target]).entries] == ["x"]


def test_new_optional_fields_travel_without_changing_the_formats(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class CountryEntry(GlossaryEntry):
        countries: tuple[str, ...] = ()
        region: str = ""

    monkeypatch.setattr(entry_fields, "GlossaryEntry", CountryEntry)
    entry = CountryEntry(
        id="x", type="name", sources=("Hanoï",), target="Hanoi", countries=("VN", "FR"), region="Red River"
    )
    assert entry_fields.extra_fields() == ("type", "countries", "region")
    assert tbx_round_trip(tmp_path, [entry]) == [entry]
    assert csv_round_trip(tmp_path, [entry]) == [entry]
    assert write_csv([entry]).splitlines()[1].endswith(",VN|FR,Red River")


def test_add_appends_an_entry_keeping_the_files_comments_and_layout(tmp_path: Path) -> None:
    titles = tmp_path / "titles.yaml"
    original = (GLOSSARY_DIR / "titles.yaml").read_text(encoding="utf-8")
    titles.write_text(original, encoding="utf-8")
    result = CliRunner().invoke(
        app,
        ["glossary", "add", "--to", str(titles), "--id", "deputy-minister-finance", "--type", "title",
         "--fr", "vice-ministre des finances", "--en", "Deputy Minister of Finance",
         "--plural", "Deputy Ministers of Finance", "--wrong", "Vice Minister of Finance",
         "--origin", "test"],
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr

    text = titles.read_text(encoding="utf-8")
    assert text.startswith(original.rstrip("\n"))
    assert text.endswith(
        "\n\n  - id: deputy-minister-finance\n    type: title\n    sources: [vice-ministre des finances]\n"
        "    target: Deputy Minister of Finance\n    plural: Deputy Ministers of Finance\n"
        "    wrong: [Vice Minister of Finance]\n    origin: test\n"
    )
    added = load_glossary([titles]).entries[-1]
    assert (added.id, added.sources, added.plural) == (
        "deputy-minister-finance",
        ("vice-ministre des finances",),
        "Deputy Ministers of Finance",
    )


def test_add_to_a_one_line_per_entry_file_and_to_a_new_file(tmp_path: Path) -> None:
    names = tmp_path / "names.yaml"
    names.write_text((GLOSSARY_DIR / "names.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    entry = GlossaryEntry(id="nguyen-van-a", type="name", sources=("Nguyễn Văn A",), target="Nguyễn Văn A")
    add_entry(names, entry)
    assert names.read_text(encoding="utf-8").splitlines()[-1] == (
        "  - {id: nguyen-van-a, type: name, sources: [Nguyễn Văn A], target: Nguyễn Văn A}"
    )
    fresh = tmp_path / "new.yaml"
    add_entry(fresh, entry)
    assert list(load_glossary([fresh]).entries) == [entry]


@pytest.mark.parametrize(
    ("options", "code", "message"),
    [
        (
            ["--id", "minister", "--type", "title", "--fr", "ministre x", "--en", "X"],
            65,
            "duplicate id 'minister'",
        ),
        (["--id", "y", "--type", "title", "--fr", "ministre", "--en", "Boss"], 65, "conflict: 'ministre'"),
        (["--id", "y", "--type", "sport", "--fr", "a", "--en", "A"], 65, "type: Input should be"),
        (
            ["--id", "y", "--type", "title", "--fr", "a", "--en", "A", "--wrong", "A"],
            65,
            "is the target itself",
        ),
        (
            ["--id", "y", "--type", "title", "--fr", "a", "--en", "A", "--set", "colour=red"],
            2,
            "unknown field",
        ),
    ],
)
def test_add_refuses_an_invalid_entry_and_leaves_the_file_alone(
    tmp_path: Path, options: list[str], code: int, message: str
) -> None:
    titles = tmp_path / "titles.yaml"
    original = (GLOSSARY_DIR / "titles.yaml").read_text(encoding="utf-8")
    titles.write_text(original, encoding="utf-8")

    result = CliRunner().invoke(app, ["glossary", "add", "--to", str(titles), *options])

    assert result.exit_code == code, result.stderr
    assert message in result.stderr
    assert titles.read_text(encoding="utf-8") == original

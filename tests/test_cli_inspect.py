"""``bitext inspect`` through typer's CliRunner: output contract, exit codes, messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bitext.cli import app

runner = CliRunner()
GOOD = "Le ministre est arrivé à Paris hier soir pour une visite officielle.\n"


def _inspect(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["inspect", *args], env={"COLUMNS": "160"})
    return result.exit_code, result.stdout, result.stderr


def test_inspect_seeds_json(seeds_dir: Path) -> None:
    code, stdout, stderr = _inspect(str(seeds_dir), "--json")
    assert code == 0, stderr
    items = json.loads(stdout)
    assert [(i["id"][:3], i["lang"]) for i in items] == [
        ("000", "en"),
        ("001", "fr"),
        ("002", "en"),
        ("003", "fr"),
    ]
    for item in items:
        assert {"id", "lang", "title", "paragraphs", "sentences", "changes", "metadata"} <= item.keys()
        assert (
            item["paragraphs"] == len(item["paragraph_langs"])
            and item["sentences"][0]["text"] == item["title"]
        )
        for sentence in item["sentences"]:
            assert item["text"][sentence["start"] : sentence["end"]] == sentence["text"]
        for change in item["changes"]:
            assert {"kind", "before", "after", "start", "paragraph"} <= change.keys()
    kinds_001 = {c["kind"] for c in items[1]["changes"]}
    assert kinds_001 == {
        "duplicate_paragraph",
        "glued_words",
        "missing_space",
        "teaser_cut",
        "agency_signoff",
    }
    assert items[3]["metadata"]["date"] == "2021-11" and len(items[3]["metadata"]["captions"]) == 1
    assert items[0]["metadata"]["date"] == "29/09/2025" and items[2]["metadata"]["agency"] == "VNS"


def test_inspect_table(seeds_dir: Path) -> None:
    code, stdout, _ = _inspect(str(seeds_dir / "001_2bea66558eb3f719.txt"))
    assert code == 0
    for shown in ("001_2bea66558eb3f719", "fr", "glued_words 26", "duplicate_paragraph 1", "agency VNA"):
        assert shown in stdout


def test_no_clean_reports_no_changes(seeds_dir: Path) -> None:
    code, stdout, _ = _inspect(str(seeds_dir / "001_2bea66558eb3f719.txt"), "--no-clean", "--json")
    (item,) = json.loads(stdout)
    assert code == 0 and item["changes"] == [] and "Voir plus" in item["text"]


def test_teaser_marker_option(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(f"Titre\n{GOOD}À LIRE\nAutre article.\n", encoding="utf-8")
    _, stdout, _ = _inspect(str(tmp_path), "--json", "--teaser-marker", "À lire")
    assert "Autre article" not in json.loads(stdout)[0]["text"]


def test_teaser_marker_cuts_a_paragraph_starting_with_it_and_keeps_the_defaults(tmp_path: Path) -> None:
    """Regression (hardening 20): ``--teaser-marker "Les escroqueries"`` cut nothing, and a
    custom marker silently dropped the default ones."""
    (tmp_path / "a.txt").write_text(
        f"Titre\n{GOOD}Les escroqueries en ligne se multiplient.\nAutre article.\n", encoding="utf-8"
    )
    (tmp_path / "b.txt").write_text(f"Titre\n{GOOD}Voir plus\nAutre article.\n", encoding="utf-8")
    code, stdout, _ = _inspect(str(tmp_path), "--json", "--teaser-marker", "Les escroqueries")
    assert code == 0
    texts = {item["id"]: item["text"] for item in json.loads(stdout)}
    assert "escroqueries" not in texts["a"] and "Autre article" not in texts["a"]
    assert "Voir plus" not in texts["b"] and "Autre article" not in texts["b"]

    code, stdout, _ = _inspect(
        str(tmp_path), "--json", "--no-default-teasers", "--teaser-marker", "Les escroqueries"
    )
    texts = {item["id"]: item["text"] for item in json.loads(stdout)}
    assert code == 0 and "Autre article" not in texts["a"] and "Voir plus" in texts["b"]


def test_an_empty_teaser_marker_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    code, _, stderr = _inspect(str(tmp_path), "--teaser-marker", " ")
    assert code == 2 and "must have some text" in stderr


def test_inspect_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    before = sorted(tmp_path.rglob("*"))
    assert _inspect(str(tmp_path), "--json")[0] == 0
    assert sorted(tmp_path.rglob("*")) == before


@pytest.mark.parametrize("content", [b"", b"  \n\t\n  \n", "\u00a0\u200b\n".encode()])
def test_empty_items_are_skipped_with_a_warning(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "[empty].txt").write_bytes(content)
    code, stdout, stderr = _inspect(str(tmp_path), "--json")
    assert code == 0 and [i["id"] for i in json.loads(stdout)] == ["a"]
    assert "warning: skipped" in stderr and "[empty].txt" in stderr
    code, stdout, stderr = _inspect(str(tmp_path), "--json", "--quiet")
    assert code == 0 and stderr == "" and len(json.loads(stdout)) == 1


def test_bom_and_crlf_are_silent(tmp_path: Path) -> None:
    (tmp_path / "bom.txt").write_bytes(("\ufeffTitre\r\n\r\n" + GOOD.replace("\n", "\r\n")).encode())
    code, stdout, stderr = _inspect(str(tmp_path / "bom.txt"), "--json")
    (item,) = json.loads(stdout)
    assert code == 0 and stderr == "" and item["title"] == "Titre" and item["changes"] == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("Titre\nd\u00e9j\u00e0 vu\n".encode("latin-1"), "bad.txt:2 (offset 7): not valid UTF-8 (byte 0xe9)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "bad.txt:3 (offset 8): binary file"),
    ],
)
def test_unreadable_items_exit_65_naming_file_and_offset(
    tmp_path: Path, content: bytes, message: str
) -> None:
    (tmp_path / "bad.txt").write_bytes(content)
    (tmp_path / "z.txt").write_text(GOOD, encoding="utf-8")
    code, stdout, stderr = _inspect(str(tmp_path), "--json")
    assert code == 65 and message in stderr and stdout == ""


def test_missing_path_exits_2_with_the_path(tmp_path: Path) -> None:
    code, _, stderr = _inspect(str(tmp_path / "nowhere"))
    assert code == 2 and str(tmp_path / "nowhere") in stderr and "no such file" in stderr


def test_folder_without_txt_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("x", encoding="utf-8")
    code, _, stderr = _inspect(str(tmp_path))
    assert code == 2 and "folder holds no .txt file" in stderr and str(tmp_path) in stderr


def test_no_path_is_a_usage_error() -> None:
    assert _inspect()[0] == 2


def test_a_symlink_loop_in_a_folder_is_a_warning_and_the_rest_is_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    code, out, err = _inspect(str(tmp_path), "--json")
    assert code == 0
    assert [item["id"] for item in json.loads(out)] == ["a"]
    assert f"warning: skipped {tmp_path / 'loop.txt'}: symbolic link loop" in err


def test_a_symlink_loop_named_directly_exits_2_saying_so(tmp_path: Path) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    code, _, err = _inspect(str(loop))
    assert code == 2
    assert err == f"error: {loop}: symbolic link loop (too many levels of symbolic links)\n"

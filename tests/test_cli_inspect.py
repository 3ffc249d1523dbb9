"""``bitext inspect`` through typer's CliRunner: output contract, exit codes, messages."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from bitext.cli import app

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
runner = CliRunner()


def test_inspect_seeds_json() -> None:
    result = runner.invoke(app, ["inspect", str(SEEDS), "--json"])
    assert result.exit_code == 0, result.output
    items = json.loads(result.stdout)
    assert [(i["id"][:3], i["lang"]) for i in items] == [
        ("000", "en"),
        ("001", "fr"),
        ("002", "en"),
        ("003", "fr"),
    ]
    for item in items:
        assert {"id", "lang", "title", "paragraphs", "sentences", "changes", "metadata"} <= item.keys()
        for sentence in item["sentences"]:
            assert {"text", "start", "end"} <= sentence.keys()
    kinds_001 = {c["kind"] for c in items[1]["changes"]}
    assert {"duplicate_paragraph", "glued_words", "teaser_cut", "missing_space"} <= kinds_001
    assert items[3]["metadata"]["date"] == "2021-11" and items[3]["metadata"]["captions"]


def test_inspect_table_and_no_clean() -> None:
    result = runner.invoke(app, ["inspect", str(SEEDS / "001_2bea66558eb3f719.txt")])
    assert result.exit_code == 0 and "glued_words" in result.stdout
    raw = runner.invoke(app, ["inspect", str(SEEDS / "001_2bea66558eb3f719.txt"), "--no-clean", "--json"])
    assert json.loads(raw.stdout)[0]["changes"] == []


def test_inspect_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Le ministre est arrivé à Paris hier soir.\n", encoding="utf-8")
    before = sorted(tmp_path.iterdir())
    assert runner.invoke(app, ["inspect", str(tmp_path), "--json"]).exit_code == 0
    assert sorted(tmp_path.iterdir()) == before


def test_empty_item_is_a_warning(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Le ministre est arrivé à Paris hier soir.\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    result = runner.invoke(app, ["inspect", str(tmp_path), "--json"])
    assert result.exit_code == 0
    assert [i["id"] for i in json.loads(result.stdout)] == ["a"]
    assert "empty.txt" in result.stderr and "warning" in result.stderr
    quiet = runner.invoke(app, ["inspect", str(tmp_path), "--json", "--quiet"])
    assert quiet.stderr == ""


def test_non_utf8_exits_65_naming_file_and_offset(tmp_path: Path) -> None:
    (tmp_path / "latin.txt").write_bytes("Titre\nd\xe9j\xe0 vu\n".encode("latin-1"))
    result = runner.invoke(app, ["inspect", str(tmp_path / "latin.txt")])
    assert result.exit_code == 65
    assert "latin.txt:2 (offset 7)" in result.stderr and "UTF-8" in result.stderr


def test_binary_file_exits_65(tmp_path: Path) -> None:
    (tmp_path / "blob.txt").write_bytes(b"\x89PNG\x00\x00\x00")
    result = runner.invoke(app, ["inspect", str(tmp_path / "blob.txt")])
    assert result.exit_code == 65 and "binary" in result.stderr


def test_missing_path_exits_2_with_the_path(tmp_path: Path) -> None:
    result = runner.invoke(app, ["inspect", str(tmp_path / "nowhere")])
    assert result.exit_code == 2 and "nowhere" in result.stderr


def test_folder_without_txt_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["inspect", str(tmp_path)])
    assert result.exit_code == 2 and "no .txt" in result.stderr

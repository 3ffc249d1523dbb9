"""``bitext glossary validate | list | check`` through typer's CliRunner: exit codes and messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bitext.cli import app

runner = CliRunner()


def test_validate_the_project_glossary() -> None:
    result = runner.invoke(app, ["glossary", "validate", "glossary"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("ok: ") and "sha256: " in result.stdout


def test_validate_reports_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "entries:\n  - id: a\n    type: title\n    sources: [ministre]\n    target: Minister\n    x: 1\n"
    )
    result = runner.invoke(app, ["glossary", "validate", str(bad)])
    assert result.exit_code == 65
    assert f"error: {bad}:6: entry 'a': unknown field 'x'" in result.stderr


def test_validate_warns_on_an_empty_glossary(tmp_path: Path) -> None:
    empty = tmp_path / "empty.yaml"
    empty.write_text("entries: []\n")
    result = runner.invoke(app, ["glossary", "validate", "--json", str(empty)])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["entries"] == 0
    assert "warning:" in result.stderr and "empty" in result.stderr


def test_list_as_json_filters_by_type() -> None:
    result = runner.invoke(app, ["glossary", "list", "--json", "--type", "name"])
    assert result.exit_code == 0
    names = json.loads(result.stdout)
    assert names and all(entry["type"] == "name" for entry in names)
    assert any(entry["target"] == "Hoang Xuan Chien" for entry in names)


def test_list_combines_glossaries_and_reports_conflicts(tmp_path: Path) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text(
        "entries:\n  - id: minister\n    type: title\n    sources: [ministre]\n    target: Secretary\n"
    )
    result = runner.invoke(app, ["glossary", "list", "--json", "-g", "glossary", "-g", str(extra)])
    assert result.exit_code == 0
    assert {e["id"]: e["target"] for e in json.loads(result.stdout)}["minister"] == "Secretary"
    assert "conflict:" in result.stderr and "overridden" in result.stderr


def test_check_without_input_translates_every_glossary_form() -> None:
    pytest.importorskip("bitext.translate.apertium")
    from bitext.translate import apertium

    if not apertium.is_available():
        pytest.skip("Apertium is not installed here")
    result = runner.invoke(app, ["glossary", "check", "--engine", "apertium", "--json", "--strict"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["overall"]["accuracy"] == 1.0 and report["enforced"] is True
    bare = runner.invoke(app, ["glossary", "check", "--engine", "apertium", "--no-enforce", "--strict"])
    assert bare.exit_code == 1
    assert "missing: ministry-interior: 'ministère de l'intérieur' should read" in bare.stdout
    # names are protected without the glossary too (issue 9): the bare engine path keeps them
    assert "missing: le-van-tuyen" not in bare.stdout


def test_check_items_reports_per_item_accuracy(seeds_dir: Path) -> None:
    pytest.importorskip("bitext.ingest")
    from bitext.translate import apertium

    if not apertium.is_available():
        pytest.skip("Apertium is not installed here")
    result = runner.invoke(
        app, ["glossary", "check", "--engine", "apertium", "--json", "--strict", str(seeds_dir)]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["overall"]["accuracy"] == 1.0
    assert {item["lang"] for item in report["items"]} == {"fr", "en"}
    assert all(item["accuracy"]["found"] > 0 for item in report["items"])


def test_check_fix_english_repairs_wrong_variants(tmp_path: Path) -> None:
    item = tmp_path / "en.txt"
    item.write_text(
        "Officials meet in Hanoi\n\n"
        "The Ministry of Public Safety welcomed the Interior Ministry delegation.\n",
        encoding="utf-8",
    )
    reported = runner.invoke(app, ["glossary", "check", str(item), "--json", "--strict"])
    assert reported.exit_code == 1
    assert json.loads(reported.stdout)["items"][0]["english_fixes"] == []
    fixed = runner.invoke(app, ["glossary", "check", str(item), "--json", "--fix-english", "--strict"])
    assert fixed.exit_code == 0, fixed.output
    [fix] = json.loads(fixed.stdout)["items"][0]["english_fixes"]
    assert fix["fixed"] == "The Ministry of Public Security welcomed the Ministry of the Interior delegation."


def test_validate_refuses_yaml_aliases_with_exit_65(tmp_path: Path) -> None:
    bad = tmp_path / "g.yaml"
    bad.write_text("entries:\n  - &e\n    id: a\n    type: title\n    sources: [ministre]\n    target: M\n")
    result = runner.invoke(app, ["glossary", "validate", str(bad)])
    assert result.exit_code == 65
    assert f"{bad}:2: YAML anchor &e is not allowed" in result.stderr


def test_validate_reports_every_problem_in_file_order(tmp_path: Path) -> None:
    """Regression (hardening 18): validate stopped at the first problem of a file."""
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "entries:\n  - id: a\n    type: title\n    sources: [ministre]\n    target: Minister\n    x: 1\n"
        "  - id: b\n    type: person\n    sources: [général]\n    target: General\n"
        "  - id: a\n    type: title\n    sources: [préfet]\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["glossary", "validate", str(bad)])
    assert result.exit_code == 65
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert [line.split(":")[2] for line in errors] == ["6", "8", "11", "11"]
    assert "unknown field 'x'" in errors[0] and "type" in errors[1]
    assert "entry 'a' has no target" in errors[2] and "duplicate id 'a'" in errors[3]


def test_list_with_an_unknown_type_is_a_usage_error_listing_the_types() -> None:
    """Regression (hardening 18): ``--type person`` listed nothing and exited 0."""
    result = runner.invoke(app, ["glossary", "list", "--type", "person"])
    assert result.exit_code == 2
    assert "unknown type 'person'; choose from: title, institution, name, acronym" in result.stderr


def test_list_on_a_pipe_cuts_and_wraps_nothing() -> None:
    """Regression (hardening 18): ``glossary list | cat`` cut 56 cells to 80 columns."""
    from bitext.glossary import load_glossary

    result = runner.invoke(app, ["glossary", "list"])
    assert result.exit_code == 0
    assert "…" not in result.stdout
    rows = result.stdout.splitlines()
    for entry in load_glossary().entries:
        assert any(entry.id in row and entry.target in row for row in rows), entry.id


def test_messages_are_not_hard_wrapped_on_a_pipe(tmp_path: Path) -> None:
    folder = tmp_path / ("a-folder-with-a-long-name-" * 4)
    folder.mkdir()
    extra = folder / "extra.yaml"
    extra.write_text(
        "entries:\n  - id: minister\n    type: title\n    sources: [ministre]\n    target: Secretary\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["glossary", "list", "--json", "-g", "glossary", "-g", str(extra)])
    assert result.exit_code == 0
    [conflict] = [line for line in result.stderr.splitlines() if line.startswith("conflict: ")]
    assert len(conflict) > 200 and "overridden by" in conflict and f"{extra}:2" in conflict

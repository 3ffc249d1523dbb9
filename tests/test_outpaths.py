"""Every command checks where it writes before it works: a clear exit 2, never a traceback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fakes import WordEngine
from typer.testing import CliRunner, Result

from bitext.cli import app
from bitext.errors import UsageError
from bitext.outpaths import check_output_file, check_output_folder


def test_check_output_file(tmp_path: Path) -> None:
    check_output_file(tmp_path / "new.txt")
    (tmp_path / "old.txt").write_text("x", encoding="utf-8")
    check_output_file(tmp_path / "old.txt")
    with pytest.raises(UsageError, match="is a folder"):
        check_output_file(tmp_path)
    with pytest.raises(UsageError, match="output folder does not exist"):
        check_output_file(tmp_path / "missing" / "x.txt")
    with pytest.raises(UsageError, match="is a file, so no output"):
        check_output_file(tmp_path / "old.txt" / "x.txt")


def test_check_output_folder(tmp_path: Path) -> None:
    check_output_folder(tmp_path)
    check_output_folder(tmp_path / "new" / "deeper")
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(UsageError, match="exists and is not a folder"):
        check_output_folder(tmp_path / "file")
    with pytest.raises(UsageError, match="is a file, so the output folder cannot be created"):
        check_output_folder(tmp_path / "file" / "sub")


@pytest.fixture
def no_work(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if a command builds an engine or aligns: the check must come first."""

    def forbidden(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the command started working before checking its output")

    monkeypatch.setattr("bitext.translate.get_engine", forbidden)
    monkeypatch.setattr("bitext.align.documents.align_files", forbidden)


def invoke(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(app, list(args), input=stdin)


def items(folder: Path, *names: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for number, name in enumerate(names):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Le ministre numéro {number} est arrivé à Paris hier soir.\n", encoding="utf-8")
    return folder


@pytest.mark.usefixtures("no_work")
def test_translate_files_into_an_existing_file_is_refused_before_translating(tmp_path: Path) -> None:
    """Regression (hardening 13): FileExistsError after all the translating."""
    (tmp_path / "out.json").write_text("mine", encoding="utf-8")
    result = invoke("translate", str(items(tmp_path / "in", "a.txt")), "-o", str(tmp_path / "out.json"))
    assert result.exit_code == 2, result.output
    assert "exists and is not a folder" in result.stderr and "Traceback" not in result.output
    assert (tmp_path / "out.json").read_text(encoding="utf-8") == "mine"


@pytest.mark.usefixtures("no_work")
def test_translate_stdin_into_a_folder_is_refused_before_translating(tmp_path: Path) -> None:
    """Regression (hardening 13): IsADirectoryError from ``translate - -o DIR``."""
    result = invoke("translate", "-", "-o", str(tmp_path), stdin="Bonjour.\n")
    assert result.exit_code == 2, result.output
    assert f"{tmp_path}: is a folder" in result.stderr


@pytest.mark.usefixtures("no_work")
def test_align_into_a_folder_is_refused_before_aligning(tmp_path: Path) -> None:
    """Regression (hardening 13): IsADirectoryError from ``align -o DIR``."""
    source, target = tmp_path / "fr.txt", tmp_path / "en.txt"
    source.write_text("Le ministre est arrivé.\n", encoding="utf-8")
    target.write_text("The minister arrived.\n", encoding="utf-8")
    result = invoke("align", str(source), str(target), "-e", "none", "-o", str(tmp_path))
    assert result.exit_code == 2, result.output
    assert "is a folder" in result.stderr


def test_export_into_a_folder_is_refused(tmp_path: Path) -> None:
    """Regression (hardening 13): IsADirectoryError from ``export -o DIR``."""
    source = tmp_path / "corpus.jsonl"
    source.write_text("", encoding="utf-8")
    (tmp_path / "out.tmx").mkdir()
    for target in (tmp_path / "out.tmx", tmp_path / "out.tmx" / ".." / "out.tmx"):
        result = invoke("export", str(source), "-o", str(target))
        assert result.exit_code == 2, result.output
        assert "is a folder" in result.stderr
    (tmp_path / "pair.fr").mkdir()
    result = invoke("export", str(source), "-o", str(tmp_path / "pair"), "--format", "txt")
    assert result.exit_code == 2 and "pair.fr: is a folder" in result.stderr


@pytest.mark.parametrize("command", ["export", "import"])
def test_glossary_conversions_into_a_folder_are_refused(tmp_path: Path, command: str) -> None:
    args = ["glossary", "export", "-f", "tbx"] if command == "export" else ["glossary", "import", "x.csv"]
    if command == "import":
        (tmp_path / "x.csv").write_text("id,type,fr,en\na,title,ministre,Minister\n", encoding="utf-8")
        args[2] = str(tmp_path / "x.csv")
    result = invoke(*args, "-o", str(tmp_path), "--force")
    assert result.exit_code == 2, result.output
    assert "is a folder" in result.stderr


def test_translate_refuses_two_items_that_would_share_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression (hardening 6): ``a b.txt`` and ``a_b.txt`` both became a_b.json; one was lost
    while the command reported "wrote 2 item(s)"."""
    engine = WordEngine()
    monkeypatch.setattr("bitext.translate.get_engine", lambda *args, **kwargs: engine)
    folder = items(tmp_path / "in", "a b.txt", "a_b.txt")
    result = invoke("translate", str(folder), "-o", str(tmp_path / "out"), "--no-cache", "--no-glossary")
    assert result.exit_code == 2, result.output
    assert "a b.txt" in result.stderr and "a_b.txt" in result.stderr and "a_b.json" in result.stderr
    assert engine.calls == [] and not (tmp_path / "out").exists()

    nested = items(tmp_path / "nested", "x.txt", "sub/x.txt")
    args = ["translate", str(nested), str(nested / "sub"), "-o", str(tmp_path / "out"), "-f", "txt"]
    result = invoke(*args, "--no-cache", "--no-glossary")
    assert result.exit_code == 2 and "x.txt" in result.stderr and engine.calls == []

    result = invoke("translate", str(folder), "--no-cache", "--no-glossary")  # one JSON list: no clash
    assert result.exit_code == 0, result.output
    assert result.stdout.count('"doc_id"') == 2

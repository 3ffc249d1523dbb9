"""Parquet is the ``parquet`` extra: without pyarrow every Parquet path is a clear exit 69.

``no_pyarrow`` makes ``import pyarrow`` fail as it does in a core install; each command
must then stop before it writes anything, name the install line, and never show a traceback.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fakes import WordEngine
from optional_deps import needs_pyarrow
from typer.testing import CliRunner, Result

from bitext.cli import app
from bitext.errors import ModelError
from bitext.export.jsonl import JsonlWriter
from bitext.extras import PARQUET_INSTALL_HINT, check_formats, import_pyarrow
from bitext.ingest import collect_inputs
from bitext.models import Bead, SegmentPair
from bitext.run import run_options, run_pipeline

FRENCH = "Le ministre arrive à Paris.\nIl rencontre la délégation le mardi.\n"


def invoke(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def assert_needs_the_extra(result: Result, path: Path | None = None) -> None:
    assert result.exit_code == 69, result.output
    assert PARQUET_INSTALL_HINT in result.stderr
    assert isinstance(result.exception, SystemExit) and "Traceback" not in result.output
    if path is not None:
        assert f"{path}: " in result.stderr


@pytest.fixture
def items(tmp_path: Path) -> Path:
    folder = tmp_path / "items"
    folder.mkdir()
    (folder / "a.txt").write_text(FRENCH, encoding="utf-8")
    return folder


@pytest.fixture
def word_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    """``bitext run`` translates with the word-for-word fake (Apertium need not be here)."""
    monkeypatch.setattr("bitext.run.pipeline.get_engine", lambda *_: WordEngine())


def test_import_pyarrow_names_the_install_line_and_the_file(no_pyarrow: None) -> None:
    with pytest.raises(ModelError) as caught:
        import_pyarrow(path="in.parquet")
    assert caught.value.exit_code == 69
    assert (
        str(caught.value)
        == f"in.parquet: Parquet needs pyarrow, which is not installed here: {PARQUET_INSTALL_HINT}"
    )


def test_only_parquet_needs_pyarrow(no_pyarrow: None) -> None:
    check_formats(("tmx", "json", "jsonl", "xliff", "txt", "tsv"))
    with pytest.raises(ModelError, match=r"bitext\[parquet\]"):
        check_formats(("tmx", "parquet"))


@needs_pyarrow
def test_with_pyarrow_parquet_passes_the_check() -> None:
    check_formats(("parquet",))
    assert import_pyarrow().parquet.ParquetFile is not None


def test_a_parquet_input_is_refused_when_inputs_are_collected(no_pyarrow: None, tmp_path: Path) -> None:
    parquet = tmp_path / "items.parquet"
    parquet.write_bytes(b"PAR1")
    with pytest.raises(ModelError) as caught:
        collect_inputs([parquet])
    assert caught.value.path == parquet


def test_the_default_run_needs_no_pyarrow(
    no_pyarrow: None, word_engine: None, items: Path, tmp_path: Path
) -> None:
    result = invoke("run", str(items), "-o", str(tmp_path / "out"), "--no-glossary", "-q")
    assert result.exit_code == 0, result.output
    assert {"corpus.tmx", "corpus.jsonl", "corpus.json"} <= {p.name for p in (tmp_path / "out").iterdir()}


def test_run_with_parquet_output_stops_before_writing(
    no_pyarrow: None, word_engine: None, items: Path, tmp_path: Path
) -> None:
    """Regression: without pyarrow the run wrote corpus.tmx, then died in the Parquet writer."""
    outdir = tmp_path / "out"
    result = invoke("run", str(items), "-o", str(outdir), "-f", "tmx,parquet", "--no-glossary", "-q")
    assert_needs_the_extra(result)
    assert not outdir.exists()


def test_run_into_an_existing_outdir_leaves_it_as_it_was(
    no_pyarrow: None, word_engine: None, items: Path, tmp_path: Path
) -> None:
    outdir = tmp_path / "out"
    assert invoke("run", str(items), "-o", str(outdir), "--no-glossary", "-q").exit_code == 0
    before = {path.name: path.read_bytes() for path in outdir.iterdir()}
    result = invoke("run", str(items), "-o", str(outdir), "-f", "jsonl,parquet", "--no-glossary", "-q")
    assert_needs_the_extra(result)
    assert {path.name: path.read_bytes() for path in outdir.iterdir()} == before


def test_run_on_a_parquet_collection_names_it(no_pyarrow: None, word_engine: None, tmp_path: Path) -> None:
    parquet = tmp_path / "items.parquet"
    parquet.write_bytes(b"PAR1 not read")
    outdir = tmp_path / "out"
    result = invoke("run", str(parquet), "-o", str(outdir), "-f", "tmx", "--no-glossary", "-q")
    assert_needs_the_extra(result, parquet)
    assert not outdir.exists()


@pytest.fixture
def jsonl_corpus(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.jsonl"
    with JsonlWriter(path) as writer:
        writer.write(
            SegmentPair(
                id="a:0", doc_id="a", fr="Bonjour.", en="Hello.", bead=Bead(src=(0,), tgt=(0,), score=1.0)
            )
        )
    return path


def test_convert_to_parquet_writes_nothing(no_pyarrow: None, jsonl_corpus: Path, tmp_path: Path) -> None:
    target = tmp_path / "corpus.parquet"
    result = invoke("export", str(jsonl_corpus), "-o", str(target))
    assert_needs_the_extra(result, target)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["corpus.jsonl"]


def test_convert_from_parquet_writes_nothing(no_pyarrow: None, tmp_path: Path) -> None:
    source = tmp_path / "corpus.parquet"
    source.write_bytes(b"PAR1 not read")
    result = invoke("export", str(source), "-o", str(tmp_path / "corpus.jsonl"))
    assert_needs_the_extra(result, source)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["corpus.parquet"]


def test_match_with_a_parquet_collection_names_it(no_pyarrow: None, items: Path, tmp_path: Path) -> None:
    parquet = tmp_path / "english.parquet"
    parquet.write_bytes(b"PAR1 not read")
    output = tmp_path / "matches.json"
    result = invoke("match", str(items), str(parquet), "--no-cache", "-o", str(output), "-q")
    assert_needs_the_extra(result, parquet)
    assert not output.exists()


@needs_pyarrow
def test_import_xliff_into_a_run_with_parquet_changes_nothing(
    items: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """The run wrote corpus.parquet; import-xliff would rewrite it, so it stops before the memory changes."""
    outdir = tmp_path / "out"
    options = run_options(
        inputs=[items], outdir=outdir, formats=("jsonl", "xliff", "parquet"), use_glossary=False
    )
    run_pipeline(options, engine=WordEngine())
    xliff = outdir / "corpus.xlf"
    edited = tmp_path / "edited.xlf"
    text = xliff.read_text(encoding="utf-8")
    start = text.index("<target") + text[text.index("<target") :].index(">") + 1
    edited.write_text(
        text[:start] + "Edited by a person." + text[text.index("</target>", start) :], encoding="utf-8"
    )
    before = {path.name: path.read_bytes() for path in outdir.iterdir()}
    request.getfixturevalue("no_pyarrow")

    result = invoke("import-xliff", str(edited), "--into", str(outdir))

    assert_needs_the_extra(result)
    assert {path.name: path.read_bytes() for path in outdir.iterdir()} == before

"""A matching run keeps its documents on disk between its passes (:mod:`bitext.run.spill`)."""

from __future__ import annotations

import errno
import pickle
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fakes import WordEngine

from bitext.errors import ExportError, InputError
from bitext.ingest import load_document
from bitext.models import Document, RunReport, SkippedItem
from bitext.run import pipeline, run_options, run_pipeline
from bitext.run.spill import document_spill

STORIES = {
    "pont": "Le nouveau pont a ouvert mardi. Les cyclistes l'ont traversé en premier.",
    "greve": "Les pilotes sont en grève depuis lundi. Trois vols ont été annulés à Lyon.",
    "bridge": "The new bridge opened on Tuesday. Cyclists were the first to cross it.",
}


def items(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in STORIES.items():
        (folder / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
    return folder


def run(folder: Path, outdir: Path, **settings: Any) -> RunReport:
    options = run_options(inputs=[folder], outdir=outdir, formats=("jsonl",), review=False, **settings)
    return run_pipeline(options, engine=WordEngine())


def test_the_spill_gives_back_documents_and_skipped_items_in_their_order(tmp_path: Path) -> None:
    folder = items(tmp_path / "items")
    documents = [load_document(folder / f"{name}.txt") for name in ("pont", "greve")]
    met: list[Document | SkippedItem] = []
    with document_spill(tmp_path) as spill:
        kept = spill.keep(iter(documents))
        assert next(kept) == documents[0]
        spill.skip(folder / "bad.txt", InputError("not UTF-8", path=folder / "bad.txt"))
        assert list(kept) == documents[1:]
        met.extend(spill.replay(met.append))
    assert met[0] == documents[0] and met[2] == documents[1]
    assert isinstance(met[1], SkippedItem) and met[1].path.endswith("bad.txt")
    assert "not UTF-8" in met[1].reason
    assert list(tmp_path.iterdir()) == [folder], "the spill has no name in the folder"


def test_a_matching_run_ingests_each_item_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Regression: the write pass ingested every item a second time after matching."""
    ingested: Counter[str] = Counter()
    real = pipeline.load_documents

    def counting(*args: Any, **kwargs: Any) -> Iterator[Document]:
        for document in real(*args, **kwargs):
            ingested[document.id] += 1
            yield document

    monkeypatch.setattr(pipeline, "load_documents", counting)
    report = run(items(tmp_path / "items"), tmp_path / "out")
    assert report.matching is not None
    assert ingested == dict.fromkeys(STORIES, 1)


def test_a_matching_run_writes_what_it_wrote_when_it_read_the_items_twice(tmp_path: Path) -> None:
    folder = items(tmp_path / "items")
    (folder / "bad.txt").write_bytes(b"\xff\xfe caf\xe9\n")
    matched = run(folder, tmp_path / "matched", skip_bad=True)
    plain = run(folder, tmp_path / "plain", skip_bad=True, match=False)
    assert [Path(item.path).name for item in matched.skipped] == ["bad.txt"]
    assert matched.skipped == plain.skipped and matched.items == plain.items
    matched_dir, plain_dir = tmp_path / "matched", tmp_path / "plain"
    assert (matched_dir / "corpus.jsonl").read_bytes() == (plain_dir / "corpus.jsonl").read_bytes()
    assert {path.name for path in matched_dir.iterdir()} == {path.name for path in plain_dir.iterdir()}


@pytest.mark.parametrize(
    ("step", "error"),
    [
        ("dump", OSError(errno.ENOSPC, "No space left on device")),
        ("load", OSError(errno.EIO, "Input/output error")),
    ],
    ids=["written", "read back"],
)
def test_a_spill_that_fails_is_an_output_error(
    step: str, error: OSError, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def failing(*args: Any, **kwargs: Any) -> None:
        raise error

    monkeypatch.setattr(pickle, step, failing)
    outdir = tmp_path / "out"
    with pytest.raises(ExportError, match=str(error.strerror)) as caught:
        run(items(tmp_path / "items"), outdir)
    assert caught.value.exit_code == 73 and caught.value.path == outdir
    assert not (outdir / "corpus.jsonl").exists()

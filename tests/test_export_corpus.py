"""The corpus writer: every chosen format and the rejects from one stream of items, atomically."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from export_samples import check_tmx, sample_pairs

from bitext.export import read_pairs
from bitext.export.corpus import CorpusWriter
from bitext.export.json_doc import read_json_items
from bitext.models import CorpusItem, Provenance, RejectedPair

PROVENANCE = Provenance(bitext_version="0.1.0", created="20260101T000000Z", engine="fake")


def item(doc_id: str) -> CorpusItem:
    pairs = sample_pairs(doc_id)
    return CorpusItem(
        id=doc_id,
        path=f"{doc_id}.txt",
        sha256="0" * 64,
        lang="fr",
        pairs=tuple(pairs[:-1]),
        rejected=(RejectedPair(pair=pairs[-1], reason="low score: 0.6 < 0.7"),),
    )


def test_every_format_gets_the_kept_pairs_and_rejects_keep_their_reason(tmp_path: Path) -> None:
    items = [item("a"), item("b")]
    with CorpusWriter(tmp_path, ("tmx", "jsonl", "json", "txt", "tsv"), PROVENANCE) as writer:
        for each in items:
            writer.add_item(each)
    kept = [pair for each in items for pair in each.pairs]
    assert writer.outputs == (
        "corpus.tmx",
        "corpus.jsonl",
        "corpus.json",
        "corpus.fr",
        "corpus.en",
        "corpus.tsv",
        "rejects.jsonl",
    )
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(writer.outputs)
    for name in ("corpus.tmx", "corpus.jsonl", "corpus.json"):
        assert list(read_pairs(tmp_path / name)) == kept
    check_tmx(tmp_path / "corpus.tmx")
    assert (tmp_path / "corpus.fr").read_text(encoding="utf-8").count("\n") == len(kept)
    assert [record["id"] for record in read_json_items(tmp_path / "corpus.json")] == ["a", "b"]
    rejects = [
        json.loads(line) for line in (tmp_path / "rejects.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert [r["meta"]["reason"] for r in rejects] == ["low score: 0.6 < 0.7"] * 2
    assert writer.stripped == 0


def test_a_failure_while_writing_leaves_no_output(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), CorpusWriter(tmp_path, ("tmx", "jsonl"), PROVENANCE) as writer:
        writer.add_item(item("a"))
        raise RuntimeError("the engine died")
    assert list(tmp_path.iterdir()) == []


def test_rejects_are_written_even_when_empty(tmp_path: Path) -> None:
    with CorpusWriter(tmp_path, ("jsonl",), PROVENANCE):
        pass
    assert (tmp_path / "rejects.jsonl").read_text(encoding="utf-8") == ""
    assert (tmp_path / "corpus.jsonl").read_text(encoding="utf-8") == ""

"""corpus.json: one document, items streamed in and out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from export_samples import sample_pairs

from bitext.errors import InputError
from bitext.export import default_provenance
from bitext.export.json_doc import JsonDocWriter, read_json, read_json_items, read_json_provenance
from bitext.models import CorpusItem, RejectedPair, Sentence, TermAccuracy


def item(doc_id: str) -> CorpusItem:
    pairs = sample_pairs(doc_id)
    return CorpusItem(
        id=doc_id,
        path=f"in/{doc_id}.txt",
        sha256="0" * 64,
        lang="fr",
        title="Titre",
        sentences=(Sentence(id=f"{doc_id}:0", index=0, text=pairs[0].fr, start=0, end=10, paragraph=0),),
        pairs=tuple(pairs[:3]),
        rejected=(RejectedPair(pair=pairs[3], reason="score below 0.9"),),
        terms=TermAccuracy(found=2, canonical=1),
    )


def test_items_are_written_as_one_document_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / "corpus.json"
    provenance = default_provenance()
    with JsonDocWriter(path, provenance) as writer:
        writer.add_item(item("a"))
        writer.add_item(item("b"))

    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["format"] == "bitext-corpus"
    assert [entry["id"] for entry in document["items"]] == ["a", "b"]
    assert document["items"][0]["rejected"][0]["meta"]["reason"] == "score below 0.9"
    assert document["items"][0]["terms"]["accuracy"] == 0.5
    assert writer.count == 6
    assert list(read_json(path)) == sample_pairs("a")[:3] + sample_pairs("b")[:3]
    assert read_json_provenance(path) == provenance
    assert [entry["id"] for entry in read_json_items(path)] == ["a", "b"]


def test_pairs_are_grouped_into_items_by_document(tmp_path: Path) -> None:
    path = tmp_path / "corpus.json"
    pairs = sample_pairs("a") + sample_pairs("b")
    with JsonDocWriter(path, default_provenance()) as writer:
        for pair in pairs:
            writer.write(pair)

    assert [entry["id"] for entry in read_json_items(path)] == ["a", "b"]
    assert list(read_json(path)) == pairs


def test_reader_streams_items_bigger_than_its_buffer(tmp_path: Path) -> None:
    long_text = "très long " * 20_000
    pairs = sample_pairs("big", texts=[(long_text, long_text.upper())] * 3)
    path = tmp_path / "corpus.json"
    with JsonDocWriter(path, default_provenance()) as writer:
        for pair in pairs:
            writer.write(pair)
    assert list(read_json(path)) == pairs


def test_reader_accepts_any_key_order_and_layout(tmp_path: Path) -> None:
    path = tmp_path / "corpus.json"
    with JsonDocWriter(path, default_provenance()) as writer:
        writer.add_item(item("a"))
    document = json.loads(path.read_text(encoding="utf-8"))
    reordered = {"items": document["items"], "provenance": document["provenance"], "extra": [1, {"x": 2}]}
    path.write_text(json.dumps(reordered), encoding="utf-8")

    assert list(read_json(path)) == sample_pairs("a")[:3]
    assert read_json_provenance(path) == default_provenance().model_copy(
        update={"created": document["provenance"]["created"]}
    )


def test_an_error_while_writing_leaves_nothing(tmp_path: Path) -> None:
    path = tmp_path / "corpus.json"
    with pytest.raises(RuntimeError), JsonDocWriter(path, default_provenance()) as writer:
        writer.add_item(item("a"))
        raise RuntimeError("interrupted")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("text", ['{"items": [{"id": 1}', "[1, 2]", '{"items": [1,, 2]}', ""])
def test_broken_json_is_an_input_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "corpus.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError):
        list(read_json(path))

"""Corpus-wide deduplication in ``bitext run``: the first occurrence of a pair stays, repeats are rejects."""

from __future__ import annotations

import json
from pathlib import Path

from fakes import WordEngine

from bitext.export import read_pairs
from bitext.match import Deduplicator
from bitext.models import Bead, CorpusItem, DedupCounts, SegmentPair
from bitext.run import run_options, run_pipeline
from bitext.run.duplicates import drop_duplicates
from bitext.run.stats import summary_lines


def item(doc_id: str, *texts: tuple[str, str]) -> CorpusItem:
    pairs = tuple(
        SegmentPair(id=f"{doc_id}:{i}", doc_id=doc_id, fr=fr, en=en, bead=Bead(src=(i,), tgt=(i,), score=0.9))
        for i, (fr, en) in enumerate(texts)
    )
    return CorpusItem(id=doc_id, path=f"{doc_id}.txt", sha256="0" * 64, lang="fr", pairs=pairs)


def test_later_exact_and_near_repeats_move_to_the_rejects_with_their_reason() -> None:
    seen = Deduplicator()
    first = item("a", ("Le 5 mai, il pleut.", "On 5 May, it rains."), ("Bonjour.", "Hello."))
    second = item(
        "b",
        ("Bonjour.", "Hello."),
        ("le 6 mai : il pleut", "on 6 may: it rains"),
        ("Au revoir.", "Goodbye."),
    )
    assert drop_duplicates(first, seen) == first
    kept = drop_duplicates(second, seen)
    assert [pair.id for pair in kept.pairs] == ["b:2"]
    assert [(r.pair.id, r.reason.split(":")[0]) for r in kept.rejected] == [
        ("b:0", "duplicate"),
        ("b:1", "duplicate"),
    ]
    assert "same pair" in kept.rejected[0].reason and "numbers" in kept.rejected[1].reason
    assert seen.counts == DedupCounts(seen=5, kept=3, exact=1, near=1)


def write_items(folder: Path) -> Path:
    folder.mkdir()
    shared = "Le ministre a rencontré la police. La police est une priorité."
    (folder / "one.txt").write_text(
        f"Une visite\n{shared} Le ministre a déclaré la santé.\n", encoding="utf-8"
    )
    (folder / "two.txt").write_text(
        f"Une autre visite\n{shared} Les armées ont rencontré.\n", encoding="utf-8"
    )
    return folder


def test_a_run_sets_aside_the_pairs_an_earlier_item_already_gave(tmp_path: Path) -> None:
    folder = write_items(tmp_path / "items")
    options = run_options(inputs=[folder], outdir=tmp_path / "out", formats=("jsonl",), use_glossary=False)
    report = run_pipeline(options, engine=WordEngine())
    pairs = list(read_pairs(tmp_path / "out" / "corpus.jsonl"))
    assert len({(pair.fr, pair.en) for pair in pairs}) == len(pairs) == report.pairs
    assert report.duplicates is not None and report.duplicates.exact == 2 and report.duplicates.near == 0
    assert report.reject_reasons == {"duplicate": 2}
    rejects = [json.loads(line) for line in (tmp_path / "out" / "rejects.jsonl").read_text().splitlines()]
    assert {r["doc_id"] for r in rejects} == {"two"}
    assert "duplicates: 2 pair(s) set aside (2 exact, 0 near)" in summary_lines(report)


def test_keep_duplicates_keeps_every_pair(tmp_path: Path) -> None:
    folder = write_items(tmp_path / "items")
    options = run_options(
        inputs=[folder], outdir=tmp_path / "out", formats=("jsonl",), use_glossary=False, deduplicate=False
    )
    report = run_pipeline(options, engine=WordEngine())
    assert report.duplicates is None and report.rejected == 0
    assert len(list(read_pairs(tmp_path / "out" / "corpus.jsonl"))) == report.pairs == 8
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["options"]["deduplicate"] is False

"""Run statistics: counted item by item, frozen into the report, summarised for a person."""

from __future__ import annotations

from bitext.models import (
    Bead,
    CorpusItem,
    EngineInfo,
    EnglishCheck,
    RejectedPair,
    SegmentPair,
    SkippedItem,
    TermAccuracy,
    TermHit,
    Translation,
)
from bitext.run.stats import RunStats, english_check, summary_lines

ENGINE = EngineInfo(name="fake")
MISSING = TermHit(entry_id="minister", start=0, end=8, source="ministre", target="Minister", status="missing")
OK = MISSING.model_copy(update={"status": "ok"})


def pair(index: int, score: float, src: tuple[int, ...] = (0,), tgt: tuple[int, ...] = (0,)) -> SegmentPair:
    return SegmentPair(id=f"f:{index}", doc_id="f", fr="a", en="b", bead=Bead(src=src, tgt=tgt, score=score))


def french() -> CorpusItem:
    translations = (
        Translation(segment_id="f:0", source="a", target="b", engine=ENGINE, cached=True, terms=(OK,)),
        Translation(segment_id="f:1", source="c", target="d", engine=ENGINE, terms=(MISSING,)),
    )
    return CorpusItem(
        id="f",
        path="f.txt",
        sha256="0" * 64,
        lang="fr",
        translations=translations,
        pairs=(pair(0, 0.8), pair(1, 0.6)),
        rejected=(
            RejectedPair(pair=pair(2, 0.0, tgt=()), reason="unaligned: French without English (1-0 bead)"),
        ),
        terms=TermAccuracy(found=2, canonical=1, repaired=1),
    )


def english() -> CorpusItem:
    check = EnglishCheck(segment_id="e:0", text="x", fixed="x", terms=(OK, MISSING))
    return CorpusItem(id="e", path="e.txt", sha256="1" * 64, lang="en", english_checks=(check,))


def test_counts_add_up_item_by_item() -> None:
    stats = RunStats()
    for item in (french(), english(), CorpusItem(id="o", path="o.txt", sha256="2" * 64, lang=None)):
        stats.add_item(item)
    report = stats.report(
        outdir="out", engine="fake", glossary_sha256="g", skipped=(), stripped=0, outputs=("corpus.tmx",)
    )
    assert report.items == 3 and report.languages == {"en": 1, "fr": 1, "unknown": 1}
    assert (report.translated_sentences, report.cached_sentences) == (2, 1)
    assert (report.pairs, report.rejected, report.mean_score) == (2, 1, 0.7)
    assert report.bead_types == {"1-0": 1, "1-1": 2}
    assert report.reject_reasons == {"unaligned": 1}
    assert report.term_accuracy == TermAccuracy(found=2, canonical=1, repaired=1)
    assert [item.id for item in report.items_with_missing_terms] == ["f"]
    assert report.items_with_missing_terms[0].missing == (MISSING,)
    assert [item.id for item in report.english_items] == ["e"] and report.other_items == ("o.txt",)


def test_without_a_glossary_there_is_no_term_accuracy() -> None:
    stats = RunStats()
    stats.add_item(french().model_copy(update={"terms": None}))
    report = stats.report(outdir="o", engine="e", glossary_sha256=None, skipped=(), stripped=0, outputs=())
    assert report.term_accuracy is None and not report.items_with_missing_terms
    assert "glossary: not used" in summary_lines(report)


def test_english_check_counts_canonical_and_wrong_forms() -> None:
    summary = english_check(english())
    assert summary.accuracy == TermAccuracy(found=2, canonical=1) and summary.wrong == (MISSING,)


def test_summary_names_what_to_check() -> None:
    stats = RunStats()
    stats.add_item(french())
    stats.add_item(english())
    stats.timings["total"] = 1.25
    report = stats.report(
        outdir="out",
        engine="fake",
        glossary_sha256="g",
        skipped=(SkippedItem(path="bad.txt", reason="not valid UTF-8"),),
        stripped=3,
        outputs=("corpus.tmx", "report.json"),
    )
    lines = summary_lines(report)
    assert lines[0] == "items: 2 (1 en, 1 fr); skipped: 1"
    assert "pairs: 2 kept (2 MT), 1 rejected; beads 1-0: 1, 1-1: 2; mean score 0.700" in lines
    assert "term accuracy (French items): 50.0% (1/2, 1 repaired by the glossary)" in lines
    assert "English item (not translated): e.txt: 2 glossary term(s), 1 non-canonical term(s)" in lines
    assert "skipped bad.txt: not valid UTF-8" in lines
    assert "characters illegal in XML dropped from the TMX: 3" in lines
    assert lines[-1] == "outputs in out: corpus.tmx, report.json"


def scored(index: int, quality: float) -> SegmentPair:
    return pair(index, 0.9).model_copy(update={"quality": quality, "en": f"english {index}"})


def test_the_report_has_the_quality_distribution_and_the_20_lowest_pairs() -> None:
    qualities = [round(0.01 * ((i * 37) % 100), 2) for i in range(100)]
    item = french().model_copy(update={"pairs": tuple(scored(i, q) for i, q in enumerate(qualities))})
    stats = RunStats()
    stats.add_item(item)
    report = stats.report(outdir="o", engine="e", glossary_sha256=None, skipped=(), stripped=0, outputs=())
    summary = report.quality
    assert summary is not None and summary.pairs == 100
    assert summary.histogram == (10,) * 10
    assert summary.quartiles == (0.25, 0.5, 0.75)
    assert summary.mean == round(sum(qualities) / 100, 4)
    lowest = [low.quality for low in summary.lowest]
    assert lowest == sorted(qualities)[:20]
    assert all(low.en.startswith("english") for low in summary.lowest)
    lines = summary_lines(report)
    assert "quality estimate (kept pairs): mean 0.49, quartiles 0.25 / 0.50 / 0.75" in lines
    assert any(line.startswith("  0 |") and "10 10 10" in line for line in lines)
    assert any("the 20 lowest in report.json" in line for line in lines)


def test_ties_among_the_lowest_keep_corpus_order_and_rejects_are_not_counted() -> None:
    pairs = tuple(scored(i, 0.5) for i in range(30))
    stats = RunStats()
    stats.add_item(french().model_copy(update={"pairs": pairs}))
    report = stats.report(outdir="o", engine="e", glossary_sha256=None, skipped=(), stripped=0, outputs=())
    assert report.quality is not None and report.quality.pairs == 30
    assert [low.id for low in report.quality.lowest] == [f"f:{i}" for i in range(20)]


def test_without_quality_estimates_the_summary_says_nothing_of_quality() -> None:
    stats = RunStats()
    stats.add_item(french())
    report = stats.report(outdir="o", engine="e", glossary_sha256=None, skipped=(), stripped=0, outputs=())
    assert report.quality is not None and report.quality.pairs == 0
    assert not any(line.startswith("quality") for line in summary_lines(report))

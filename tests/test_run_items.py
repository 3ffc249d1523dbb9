"""Item building: one engine call per chunk, pairs and rejects, English checks, untouched others."""

from __future__ import annotations

import pytest
from fakes import LOST, WordEngine, make_document

from bitext.glossary import load_glossary
from bitext.models import Bead, SegmentPair
from bitext.run.items import build_items, reject_reason
from bitext.translate.documents import Translator

FRENCH = ["Le ministre a rencontré la délégation.", "La délégation est arrivée à Paris le mardi."]
ENGLISH = ["The Ministry of Public Safety welcomed the delegation."]


def chunk() -> list:  # type: ignore[type-arg]
    return [
        make_document("fr1", "fr", FRENCH),
        make_document("en1", "en", ENGLISH),
        make_document("de1", "de", ["Der Minister ist angekommen."]),
        make_document("fr2", "fr", [FRENCH[1], "Il a parlé longuement de la coopération."]),
    ]


def test_one_engine_call_for_the_chunk_and_items_in_order() -> None:
    engine = WordEngine()
    progress: list[int] = []
    timings: dict[str, float] = {}
    items = build_items(chunk(), Translator(engine), None, timings=timings, progress=progress.append)
    assert [item.id for item in items] == ["fr1", "en1", "de1", "fr2"]
    assert engine.calls == [3], "the four French sentences, one of them twice, in one call"
    assert sum(progress) == 4
    assert set(timings) == {"translate", "align"} and all(seconds >= 0 for seconds in timings.values())


def test_french_items_get_translations_and_1_1_pairs_with_provenance() -> None:
    fr1 = build_items(chunk(), Translator(WordEngine()), None)[0]
    assert [t.segment_id for t in fr1.translations] == ["fr1:0", "fr1:1"]
    assert [(p.id, p.fr, p.bead.src, p.bead.tgt) for p in fr1.pairs] == [
        ("fr1:0", FRENCH[0], (0,), (0,)),
        ("fr1:1", FRENCH[1], (1,), (1,)),
    ]
    assert all(pair.en == t.target for pair, t in zip(fr1.pairs, fr1.translations, strict=True))
    assert all(pair.engine == "fake-words" and 0.0 <= pair.bead.score <= 1.0 for pair in fr1.pairs)
    assert fr1.terms is None and not fr1.rejected


def test_other_items_pass_untouched_and_english_items_unchecked_without_glossary() -> None:
    _, en1, de1, _ = build_items(chunk(), Translator(WordEngine()), None)
    for item in (en1, de1):
        assert not item.translations and not item.pairs and not item.english_checks
        assert item.terms is None


def test_with_a_glossary_terms_are_enforced_and_english_items_checked() -> None:
    glossary = load_glossary()
    fr1, en1, de1, _ = build_items(chunk(), Translator(WordEngine(), glossary=glossary), None)
    assert fr1.terms is not None and fr1.terms.found == fr1.terms.canonical > 0
    assert "minister" in fr1.pairs[0].terms
    assert en1.terms is not None and en1.terms.found > en1.terms.canonical
    assert [hit.status for check in en1.english_checks for hit in check.terms if hit.status == "missing"]
    assert de1.terms is None


def test_a_lost_sentence_and_a_low_score_go_to_rejects() -> None:
    lost = make_document("x", "fr", [FRENCH[0], f"Cette phrase est {LOST} par le moteur.", FRENCH[1]])
    [item] = build_items([lost], Translator(WordEngine()), 0.99)
    assert item.rejected and all(r.reason.startswith(("low score", "unaligned")) for r in item.rejected)
    assert LOST in " ".join(r.pair.fr for r in item.rejected), "the lost sentence is kept, in the rejects"
    assert all(pair.bead.score >= 0.99 for pair in item.pairs)
    assert sum(len(p.bead.src) for p in (*item.pairs, *(r.pair for r in item.rejected))) == 3


def pair(src: tuple[int, ...], tgt: tuple[int, ...], score: float) -> SegmentPair:
    return SegmentPair(id="d:0", doc_id="d", fr="a", en="b", bead=Bead(src=src, tgt=tgt, score=score))


@pytest.mark.parametrize(
    ("bead", "min_score", "reason"),
    [
        (((0,), (0,), 0.5), None, None),
        (((0,), (0,), 0.5), 0.5, None),
        (((0,), (0,), 0.4), 0.5, "low score: 0.4 < 0.5"),
        (((), (0,), 0.0), None, "unaligned: English without French (0-1 bead)"),
        (((0,), (), 0.0), 0.0, "unaligned: French without English (1-0 bead)"),
    ],
)
def test_reject_reasons(
    bead: tuple[tuple[int, ...], tuple[int, ...], float], min_score: float | None, reason: str | None
) -> None:
    assert reject_reason(pair(*bead), min_score) == reason


def test_every_pair_kept_or_rejected_carries_a_quality_and_a_1_1_pair_its_sentence_s() -> None:
    lost = make_document("x", "fr", [FRENCH[0], f"Cette phrase est {LOST} par le moteur.", FRENCH[1]])
    [item] = build_items([lost], Translator(WordEngine()), None)
    every = [*item.pairs, *(r.pair for r in item.rejected)]
    assert every and all(pair.quality is not None and 0.0 <= pair.quality <= 1.0 for pair in every)
    by_segment = {t.segment_id: t for t in item.translations}
    for kept in item.pairs:
        [index] = kept.bead.src
        assert kept.quality == by_segment[f"x:{index}"].quality
    assert all(r.pair.quality == 0.0 for r in item.rejected if not r.pair.bead.tgt)


def test_min_quality_sends_pairs_below_to_rejects_with_the_reason() -> None:
    everything = build_items(chunk(), Translator(WordEngine()), None)
    qualities = sorted(p.quality for item in everything for p in item.pairs if p.quality is not None)
    threshold = qualities[len(qualities) // 2]
    items = build_items(chunk(), Translator(WordEngine()), None, min_quality=threshold)
    kept = [p for item in items for p in item.pairs]
    rejected = [r for item in items for r in item.rejected]
    assert kept and rejected
    assert all(p.quality is not None and p.quality >= threshold for p in kept)
    for reject in rejected:
        assert reject.reason == f"low quality: {reject.pair.quality} < {threshold}"


@pytest.mark.parametrize(
    ("quality", "min_quality", "reason"),
    [(0.5, None, None), (0.5, 0.5, None), (0.25, 0.5, "low quality: 0.25 < 0.5"), (None, 0.5, None)],
)
def test_quality_reject_reasons(quality: float | None, min_quality: float | None, reason: str | None) -> None:
    scored = pair((0,), (0,), 0.9).model_copy(update={"quality": quality})
    assert reject_reason(scored, None, min_quality) == reason


def test_a_post_edit_below_min_quality_goes_to_rejects() -> None:
    from bitext.models import HumanTranslation

    human = {FRENCH[0]: HumanTranslation(source=FRENCH[0], target="xqzt kfp wvb zzrq")}
    [item] = build_items([make_document("fr1", "fr", FRENCH)], Translator(WordEngine()), None, human=human)
    assert [r.pair.en for r in item.rejected] == []
    [item] = build_items(
        [make_document("fr1", "fr", FRENCH)], Translator(WordEngine()), None, human=human, min_quality=0.2
    )
    [reject] = [r for r in item.rejected if r.pair.origin == "post-edited"]
    assert reject.pair.en == "xqzt kfp wvb zzrq" and reject.reason.startswith("low quality: ")

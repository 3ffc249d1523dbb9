"""Mining parallel sentences from comparable texts, with Apertium as the bridge."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest

from bitext.errors import AlignmentError
from bitext.match import MineParams, mine_pairs
from bitext.models import Document

Translate = Callable[[Sequence[str]], list[str]]


def _sentences(documents: dict[str, Document], *ids: str) -> list[str]:
    return [s.text for item_id in ids for s in documents[item_id].sentences]


def test_translated_sentences_are_found_among_unrelated_ones(
    match_documents_by_id: dict[str, Document], apertium_translate: Translate
) -> None:
    # French: the lavender story, then the comet story, then the unpaired beekeepers.
    # English: an unrelated library story, the comet story, the lavender story.
    src = _sentences(match_documents_by_id, "lavande", "comete", "apiculteurs")
    tgt = _sentences(match_documents_by_id, "dublin-library", "comet", "lavender")
    result = mine_pairs(src, tgt, src_mt=apertium_translate(src))
    found = {(src[p.src], tgt[p.tgt]) for p in result.pairs}
    beekeepers = set(_sentences(match_documents_by_id, "apiculteurs"))
    library = set(_sentences(match_documents_by_id, "dublin-library"))
    assert not any(fr in beekeepers or en in library for fr, en in found)
    lavender = list(
        zip(
            _sentences(match_documents_by_id, "lavande"),
            _sentences(match_documents_by_id, "lavender"),
            strict=True,
        )
    )
    comet = list(
        zip(
            _sentences(match_documents_by_id, "comete"),
            _sentences(match_documents_by_id, "comet"),
            strict=True,
        )
    )
    expected = set(lavender + comet)
    assert len(found & expected) >= len(expected) - 1
    assert found <= expected
    assert [p.score for p in result.pairs] == sorted((p.score for p in result.pairs), reverse=True)
    assert len({p.src for p in result.pairs}) == len(result.pairs) == len({p.tgt for p in result.pairs})


def test_nothing_is_mined_from_unrelated_texts(
    match_documents_by_id: dict[str, Document], apertium_translate: Translate
) -> None:
    src = _sentences(match_documents_by_id, "greve-aerienne")
    tgt = _sentences(match_documents_by_id, "dublin-library", "bike-bridge")
    assert mine_pairs(src, tgt, src_mt=apertium_translate(src)).pairs == ()


def test_empty_sides_and_a_bad_translation() -> None:
    assert mine_pairs([], ["A sentence."], src_mt=[]).pairs == ()
    assert mine_pairs(["Une phrase."], [], src_mt=["A sentence."]).pairs == ()
    with pytest.raises(AlignmentError, match="1:1"):
        mine_pairs(["Une phrase.", "Deux."], ["A sentence."], src_mt=["A sentence."])


def test_blank_lines_are_never_paired() -> None:
    src = ["", "Le ministre est arrivé à Paris lundi.", ""]
    tgt = ["", "The minister arrived in Paris on Monday."]
    result = mine_pairs(src, tgt, src_mt=["", "The minister arrived in Paris on Monday.", ""])
    assert [(p.src, p.tgt) for p in result.pairs] == [(1, 1)]


def test_a_threshold_can_be_set() -> None:
    src = ["Le ministre est arrivé à Paris lundi.", "Il pleut à Lyon."]
    tgt = ["The minister arrived in Paris on Monday.", "Lyon is sunny and warm all week."]
    mt = ["The minister arrived in Paris on Monday.", "It rains in Lyon."]
    calibrated = mine_pairs(src, tgt, src_mt=mt)
    assert [(p.src, p.tgt) for p in calibrated.pairs] == [(0, 0)]
    everything = mine_pairs(src, tgt, src_mt=mt, params=MineParams(threshold=0.0, min_similarity=0.0))
    assert [(p.src, p.tgt) for p in everything.pairs] == [(0, 0), (1, 1)]
    assert everything.threshold == 0.0

"""Word-for-word coverage between candidate sentences (bitext.match.coverage)."""

from __future__ import annotations

import numpy as np
import pytest

from bitext.match.counting import count_sentences
from bitext.match.coverage import COVERAGE_SIGNALS, coverage_signals


def _signals(left_mt: list[str], right: list[str]) -> dict[str, np.ndarray]:
    counts = count_sentences([(text, text) for text in left_mt], right, 4, coverage=True)
    assert counts.word_sets is not None
    rows = np.arange(len(left_mt), dtype=np.int64)
    return coverage_signals(counts.word_sets, rows, rows.copy())


def test_each_side_counts_the_share_of_its_own_words_found_on_the_other() -> None:
    signals = _signals(["the cat sleeps"], ["The cat sleeps here."])
    assert set(signals) == set(COVERAGE_SIGNALS)
    assert signals["covered_words_left"][0] == pytest.approx(1.0)
    assert signals["covered_words_right"][0] == pytest.approx(0.75)
    assert signals["covered_stems_min"][0] == pytest.approx(0.75)


def test_stems_meet_where_whole_words_differ_and_short_words_have_none() -> None:
    signals = _signals(["a skeptical minister"], ["A skeptic minister"])
    # "skeptical"/"skeptic" share the stem "skept"; "a" (too short) has no stem.
    assert signals["covered_words_left"][0] == pytest.approx(2 / 3)
    assert signals["covered_stems_left"][0] == pytest.approx(1.0)
    assert signals["covered_stems_right"][0] == pytest.approx(1.0)


def test_a_sentence_of_the_same_story_covers_less_than_its_translation() -> None:
    left = ["The minister Dupont announced a new tax on fuel on Monday."] * 2
    right = [
        "Minister Dupont announced a new fuel tax on Monday.",
        "Dupont's tax has angered the hauliers, who plan to strike.",
    ]
    counts = count_sentences([(text, text) for text in left], right, 4, coverage=True)
    assert counts.word_sets is not None
    signals = coverage_signals(counts.word_sets, np.array([0, 1]), np.array([0, 1]))
    translation, neighbour = signals["covered_stems_min"]
    assert translation > 0.8
    assert neighbour < 0.4


def test_no_coverage_sets_unless_asked() -> None:
    assert count_sentences([("le chat", "the cat")], ["the cat"], 4).word_sets is None

"""Strict/lax precision, recall and F1 against hand-computed values."""

from __future__ import annotations

import pytest

from bitext.align import evaluate, evaluate_many, parse_beads

# Gold: a 1-1, a 1-2, a 2-1, a two-sentence insertion and a 1-1.
GOLD = parse_beads("[0]:[0]\n[1]:[1, 2]\n[2, 3]:[3]\n[]:[4, 5]\n[4]:[6]\n")
# Test: 1-1 right; [1]:[1] and [2]:[3] share a link with gold (lax only); []:[2] and [3]:[]
# are wrong skips; the insertion comes as two single 0-1 beads (both right); [4]:[6] right.
TEST = parse_beads("[0]:[0]\n[1]:[1]\n[]:[2]\n[2]:[3]\n[3]:[]\n[]:[4]\n[]:[5]\n[4]:[6]\n")


def test_scores_match_hand_computation() -> None:
    scores = evaluate(GOLD, TEST)
    # precision over the 8 test beads: strict hits [0]:[0], []:[4], []:[5], [4]:[6] = 4;
    # lax adds [1]:[1] and [2]:[3] = 6.
    assert scores.strict.precision == pytest.approx(4 / 8)
    assert scores.lax.precision == pytest.approx(6 / 8)
    # recall over the 4 gold beads that align something: strict [0]:[0], [4]:[6] = 2;
    # lax: every one of the 4 shares a link with a test bead.
    assert scores.strict.recall == pytest.approx(2 / 4)
    assert scores.lax.recall == pytest.approx(4 / 4)
    assert scores.strict.f1 == pytest.approx(0.5)
    assert scores.lax.f1 == pytest.approx(2 * 0.75 * 1.0 / 1.75)
    assert (scores.strict.precision_hits, scores.strict.precision_total) == (4, 8)
    assert (scores.lax.recall_hits, scores.lax.recall_total) == (4, 4)


def test_perfect_alignment_scores_one() -> None:
    scores = evaluate(GOLD, GOLD)
    assert scores.strict.f1 == scores.lax.f1 == 1.0


def test_unrelated_alignment_scores_zero() -> None:
    test = parse_beads("[0]:[6]\n[1, 2, 3, 4]:[]\n[]:[0, 1, 2, 3]\n")
    scores = evaluate(GOLD, test)
    assert scores.strict.f1 == scores.lax.f1 == 0.0
    assert scores.strict.precision_total == 9


def test_pooling_adds_counts_rather_than_averaging_scores() -> None:
    small_gold = parse_beads("[0]:[0]\n")
    small_test = parse_beads("[0]:[0]\n")
    pooled = evaluate_many([(GOLD, TEST), (small_gold, small_test)])
    assert pooled.strict.precision == pytest.approx(5 / 9)
    assert pooled.strict.recall == pytest.approx(3 / 5)
    assert pooled.gold_beads == 6 + 1  # the 0-2 insertion counts as two 0-1 beads
    assert pooled.test_beads == 8 + 1


def test_empty_inputs_give_zero_not_an_error() -> None:
    scores = evaluate([], [])
    assert scores.strict.f1 == 0.0

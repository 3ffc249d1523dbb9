"""Two sides seen in every comparison space, and the signals of each candidate pair.

Sentences are counted once; an item's counts are the sum of its sentences' (so
document matching tokenises each sentence once for both levels). Each space is a
TF-IDF view shared by both sides (:mod:`bitext.match.tokens` says what is counted);
``combined`` stacks the spaces so one sparse product gives their mean cosine, the
similarity candidates are ranked by; candidates are searched in ``search``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bitext.match.candidates import Candidates, competition
from bitext.match.counting import SPACES, Counts
from bitext.match.selection import top_terms
from bitext.match.sparse import CsrMatrix, FloatArray, IntArray
from bitext.match.vectors import (
    binary,
    pair_cosines,
    row_sums,
    stack,
    sum_rows,
    weigh,
)

COMMON_SIGNALS = (
    "cos_words",
    "cos_chars",
    "cos_pairs",
    "cos_original",
    "log_similarity",
    "margin",
    "lead_left",
    "lead_right",
    "rank_left",
    "rank_right",
    "length_mismatch",
    "short",
    "numbers_shared",
    "numbers_unmatched",
    "names_shared",
    "names_unmatched",
    "anchors_unmatched",
)
_LENGTH_RATIO_RANGE = (0.5, 2.0)


@dataclass(frozen=True)
class Views:
    """Both sides (left, right) in every space, plus lengths, anchors and name/number sets."""

    spaces: dict[str, tuple[CsrMatrix, CsrMatrix]]
    combined: tuple[CsrMatrix, CsrMatrix]
    search: tuple[CsrMatrix, CsrMatrix]
    numbers: tuple[CsrMatrix, CsrMatrix]
    names: tuple[CsrMatrix, CsrMatrix]
    lengths: tuple[FloatArray, FloatArray]
    anchors: tuple[FloatArray, FloatArray]


Grouping = tuple[IntArray, int]
"""``(unit of each sentence, number of units)``: how sentences make up items."""


def build_views(
    counts: Counts,
    left_units: Grouping | None = None,
    right_units: Grouping | None = None,
    *,
    search_df: int = 100,
    search_spaces: tuple[str, ...] = SPACES,
    search_terms: int | None = None,
) -> Views:
    """TF-IDF views of sentences, or of items when sentences are grouped into units.

    ``search`` holds the terms of ``search_spaces`` found in at most ``search_df``
    texts, at most ``search_terms`` a text (its heaviest): the space candidates are
    searched in (see :mod:`bitext.match.candidates`).
    """

    def side(pair: tuple[CsrMatrix, CsrMatrix]) -> tuple[CsrMatrix, CsrMatrix]:
        left, right = pair
        if left_units is not None:
            left = sum_rows(left, *left_units)
        if right_units is not None:
            right = sum_rows(right, *right_units)
        return left, right

    spaces = {name: weigh(*side(pair)) for name, pair in counts.spaces.items()}
    weight = 1.0 / len(spaces)
    combined = (
        stack([(left, weight) for left, _ in spaces.values()]),
        stack([(right, weight) for _, right in spaces.values()]),
    )
    search_parts = [weigh(*side(counts.spaces[name]), max_count=search_df) for name in search_spaces]
    search_weight = 1.0 / len(search_parts)
    search = (
        stack([(left, search_weight) for left, _ in search_parts]),
        stack([(right, search_weight) for _, right in search_parts]),
    )
    if search_terms is not None:
        search = (top_terms(search[0], search_terms), top_terms(search[1], search_terms))
    numbers, names = side(counts.numbers), side(counts.names)
    return Views(
        spaces,
        combined,
        search,
        (binary(numbers[0]), binary(numbers[1])),
        (binary(names[0]), binary(names[1])),
        (_unit_lengths(counts.lengths[0], left_units), _unit_lengths(counts.lengths[1], right_units)),
        (_unit_rows(counts.anchors[0], left_units), _unit_rows(counts.anchors[1], right_units)),
    )


def _unit_rows(values: FloatArray, units: Grouping | None) -> FloatArray:
    if units is None:
        return values
    summed = np.zeros((units[1], values.shape[1]))
    np.add.at(summed, units[0], values)
    return summed


def _unit_lengths(lengths: FloatArray, units: Grouping | None) -> FloatArray:
    if units is None:
        return lengths
    summed: FloatArray = np.bincount(units[0], weights=lengths, minlength=units[1]).astype(np.float64)
    return summed


def score_candidates(
    views: Views, rows: IntArray, cols: IntArray
) -> tuple[Candidates, dict[str, FloatArray]]:
    """The candidates with their similarity (the mean of the spaces' cosines) and those cosines."""
    cosines = {f"cos_{name}": pair_cosines(*views.spaces[name], rows, cols) for name in SPACES}
    similarity = np.mean(list(cosines.values()), axis=0) if len(rows) else np.zeros(0)
    shape = (views.lengths[0].shape[0], views.lengths[1].shape[0])
    return Candidates(rows, cols, similarity, shape), cosines


def pair_signals(
    views: Views,
    candidates: tuple[IntArray, IntArray],
    competitors: tuple[int, float],
    left_groups: IntArray | None = None,
    right_groups: IntArray | None = None,
) -> tuple[Candidates, dict[str, FloatArray]]:
    """The scored candidates and the :data:`COMMON_SIGNALS` of each, one array per signal.

    ``competitors`` is ``(margin_k, background)`` (see :func:`~bitext.match.candidates.competition`).
    """
    scored, signals = score_candidates(views, *candidates)
    rows, cols = scored.rows, scored.cols
    signals["log_similarity"] = np.log(scored.similarity + 0.01)
    margin_k, background = competitors
    signals.update(competition(scored, margin_k, left_groups, right_groups, background))
    signals.update(_lengths(views.lengths, rows, cols))
    left_anchors, right_anchors = views.anchors
    signals["anchors_unmatched"] = np.log1p(np.abs(left_anchors[rows] - right_anchors[cols]).sum(axis=1))
    for name, (left, right) in (("numbers", views.numbers), ("names", views.names)):
        shared = pair_cosines(left, right, rows, cols)
        union = row_sums(left)[rows] + row_sums(right)[cols] - shared
        signals[f"{name}_shared"] = np.log1p(shared)
        signals[f"{name}_unmatched"] = np.log1p(union - shared)
    return scored, signals


def _lengths(lengths: tuple[FloatArray, FloatArray], rows: IntArray, cols: IntArray) -> dict[str, FloatArray]:
    """Squared log-distance from the collection's own length ratio, and the shorter length."""
    left, right = lengths
    ratio = float(np.clip(right.sum() / max(left.sum(), 1.0), *_LENGTH_RATIO_RANGE))
    a, b = np.maximum(left[rows], 1.0), np.maximum(right[cols], 1.0)
    deviation = np.log(b / a) - np.log(ratio)
    return {"length_mismatch": deviation * deviation, "short": np.log(np.minimum(a, b))}


def duplicate_groups(units: Sequence[str]) -> IntArray:
    """Group ids for exact duplicates (after normalising case, accents, punctuation and digits)."""
    from bitext.match.dedup import normalise_text

    first: dict[str, int] = {}
    groups = [first.setdefault(normalise_text(text), i) for i, text in enumerate(units)]
    return np.array(groups, dtype=np.int64)


def as_matrix(signals: dict[str, FloatArray], names: Sequence[str]) -> FloatArray:
    """The signals in ``names`` order, one row per candidate pair."""
    if not names:
        return np.zeros((0, 0))
    return np.column_stack([signals[name] for name in names])

"""Candidates, competition signals (with near-duplicate groups) and one-to-one linking."""

from __future__ import annotations

import numpy as np
import pytest

from bitext.match.candidates import Candidates, competition, find_candidates, one_to_one
from bitext.match.counting import count_sentences
from bitext.match.signals import build_views
from bitext.match.sparse import CsrMatrix
from bitext.match.vectors import tfidf_pair


def _candidates(similarity: list[list[float]]) -> Candidates:
    matrix = np.array(similarity)
    rows, cols = np.nonzero(matrix > 0)
    return Candidates(rows.astype(np.int64), cols.astype(np.int64), matrix[rows, cols], matrix.shape)


def test_find_candidates_takes_both_directions() -> None:
    left, right = tfidf_pair([["a", "b"], ["c"]], [["a"], ["b"], ["c", "x"]])
    rows, cols = find_candidates((left, right), 1)
    pairs = set(zip(rows.tolist(), cols.tolist(), strict=True))
    # Row 0's best is one of 0/1; column 1 (b) only finds row 0 from its side.
    assert (0, 1) in pairs and (0, 0) in pairs and (1, 2) in pairs
    assert list(rows) == sorted(rows)


def test_lead_and_rank_against_other_candidates() -> None:
    c = _candidates([[0.9, 0.5, 0.1], [0.2, 0.8, 0.0]])
    signals = competition(c, margin_k=2)
    lead = dict(zip(zip(c.rows.tolist(), c.cols.tolist(), strict=True), signals["lead_left"], strict=True))
    rank = dict(zip(zip(c.rows.tolist(), c.cols.tolist(), strict=True), signals["rank_left"], strict=True))
    assert lead[(0, 0)] == np.float64(0.9 - 0.5)
    assert lead[(0, 1)] == np.float64(0.5 - 0.9)
    assert rank[(0, 0)] == 0 and rank[(0, 1)] == 1 and rank[(0, 2)] == 2


def test_near_duplicates_of_the_partner_are_not_competitors() -> None:
    # English 0 and 1 are two copies of one text: French 0's pair with either must not
    # lose its lead to the other copy.
    c = _candidates([[0.9, 0.88, 0.1]])
    plain = competition(c, margin_k=2)
    grouped = competition(c, margin_k=2, right_groups=np.array([0, 0, 2]))
    assert plain["lead_left"][1] < 0
    assert np.allclose(grouped["lead_left"][:2], [0.9 - 0.1, 0.88 - 0.1])
    assert list(grouped["rank_left"][:2]) == [0, 0]


def test_margin_is_the_distance_from_both_sides_best() -> None:
    c = _candidates([[0.6, 0.2], [0.4, 0.0]])
    margin = competition(c, margin_k=2)["margin"]
    # (0, 0): left mean (0.6+0.2)/2, right mean (0.6+0.4)/2.
    assert margin[0] == pytest.approx(0.6 - (0.4 + 0.5) / 2)
    # (1, 0): row 1 has one candidate; the missing neighbour counts as cosine 0.
    assert margin[2] == pytest.approx(0.4 - (0.2 + 0.5) / 2)


def test_one_to_one_links_best_first_and_respects_accept() -> None:
    rows = np.array([0, 0, 1, 1, 2])
    cols = np.array([0, 1, 0, 1, 2])
    rank = np.array([5.0, 4.0, 4.5, 1.0, 3.0])
    accept = np.array([True, True, True, True, False])
    linked = one_to_one(rows, cols, rank, accept)
    assert [(int(rows[i]), int(cols[i])) for i in linked] == [(0, 0), (1, 1)]


def _join_size(left: CsrMatrix, right: CsrMatrix) -> int:
    """How many (left value, right value) pairs the search product expands: its cost."""
    postings = np.bincount(right.indices, minlength=right.shape[1])
    return int(postings[left.indices].sum())


def test_a_per_row_term_cap_bounds_the_candidate_search() -> None:
    """30 long items a side sharing many mid-frequency words, each pair sharing a few rare ones:
    uncapped, the join exceeds rows x cap x df cap; capped, it stays under, and every item
    still finds its partner through its rarest (heaviest) terms."""
    rng = np.random.default_rng(5)
    letters = np.array(list("bcdfghjklmnpqrstvz"))
    pool = ["".join(rng.choice(letters, 7)) for _ in range(150)]
    texts = []
    for _ in range(30):
        shared = rng.choice(pool, 50, replace=False).tolist()
        own = ["".join(rng.choice(letters, 9)) for _ in range(10)]
        texts.append(" ".join(shared + own))
    counts = count_sentences([(text, text) for text in texts], texts, 4)
    units = (np.arange(30, dtype=np.int64), 30)
    cap, search_df = 8, 20
    views = {
        terms: build_views(
            counts, units, units, search_df=search_df, search_spaces=("words",), search_terms=terms
        )
        for terms in (None, cap)
    }
    bound = 30 * cap * search_df
    assert _join_size(*views[None].search) > bound
    capped = views[cap].search
    assert _join_size(*capped) <= bound
    assert max(np.diff(capped[0].indptr).max(), np.diff(capped[1].indptr).max()) <= cap
    rows, cols = find_candidates(capped, 1)
    assert {(r, c) for r, c in zip(rows.tolist(), cols.tolist(), strict=True) if r == c} == {
        (i, i) for i in range(30)
    }

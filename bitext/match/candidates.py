"""Candidate pairs from nearest neighbours, the signals of competition, one-to-one linking.

Candidates are found in a *search* space of rare terms only (words, word pairs and
character n-grams): a term in more than a fixed number of texts is left out of the
search (common words would join every text with every other), and a long text keeps
only its heaviest terms (``search_terms``: a term's postings grow with the
collection, its rarest terms' least), so the neighbour search costs time in proportion
to the texts, not to their square. Candidates are then scored in the full spaces
(:mod:`bitext.match.signals`).

How a pair fares against its competitors is what separates a translation from a text
on the same story: the margin of its similarity over the mean of both sides' best
candidates (the distance margin of Artetxe and Schwenk 2019), its lead over each
side's best other candidate, and its rank on each side. Items that are near-duplicates
of each other share a group, and a pair's competitors never include its partner's
near-duplicates, so two copies of one English version do not cancel each other out.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from bitext.match.sparse import CsrMatrix, FloatArray, IntArray
from bitext.match.vectors import mutual_nearest

MAX_RANK = 3


@dataclass(frozen=True)
class Candidates:
    """Candidate pairs ``(rows[i], cols[i])``, sorted by row, with their similarity."""

    rows: IntArray
    cols: IntArray
    similarity: FloatArray
    shape: tuple[int, int]


def find_candidates(search: tuple[CsrMatrix, CsrMatrix], k: int) -> tuple[IntArray, IntArray]:
    """Pairs ``(rows, cols)``, sorted, where either side is among the other's ``k`` nearest in ``search``."""
    left, right = search
    n, m = left.shape[0], right.shape[0]
    found = mutual_nearest(left, right, k)
    forward, backward = found[0].index, found[1].index
    rows = np.concatenate((np.repeat(np.arange(n, dtype=np.int64), k), backward.ravel()))
    cols = np.concatenate((forward.ravel(), np.repeat(np.arange(m, dtype=np.int64), k)))
    keep = (rows >= 0) & (cols >= 0)
    width = max(m, 1)
    keys = np.unique(rows[keep] * width + cols[keep])
    return keys // width, keys % width


def competition(
    candidates: Candidates,
    margin_k: int,
    left_groups: IntArray | None = None,
    right_groups: IntArray | None = None,
    background: float = 0.0,
) -> dict[str, FloatArray]:
    """How each candidate pair compares with the other candidates of its two sides.

    Returns:
        ``margin`` (the similarity minus the mean of both sides' ``margin_k`` best
        candidates: the distance margin; the ratio margin misleads when all
        similarities are tiny), ``lead_left``/``lead_right`` (the
        similarity minus the side's best candidate outside the partner's group) and
        ``rank_left``/``rank_right`` (how many such candidates score higher, at most
        :data:`MAX_RANK`). A side with fewer than ``margin_k`` candidates, or none
        besides the pair, is completed with ``background``: the similarity a wrong
        candidate typically has. In a large collection that never matters; in a
        collection of three sentences it stops a weak pair from looking unrivalled.
    """
    c = candidates
    n, m = c.shape
    left_groups = np.arange(n, dtype=np.int64) if left_groups is None else left_groups
    right_groups = np.arange(m, dtype=np.int64) if right_groups is None else right_groups
    left_mean, lead_left, rank_left = _side(
        c.rows, right_groups[c.cols], c.similarity, (n, margin_k, background)
    )
    right_mean, lead_right, rank_right = _side(
        c.cols, left_groups[c.rows], c.similarity, (m, margin_k, background)
    )
    return {
        "margin": c.similarity - (left_mean + right_mean) / 2.0,
        "lead_left": lead_left,
        "lead_right": lead_right,
        "rank_left": rank_left,
        "rank_right": rank_right,
    }


def _side(
    own: IntArray, partner_group: IntArray, similarity: FloatArray, shape: tuple[int, int, float]
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Per candidate, seen from the ``own`` side: its side's top mean, its lead and its rank.

    ``shape`` is ``(items on the own side, margin_k, background similarity)``.
    """
    size, margin_k, background = shape
    order = np.lexsort((-similarity, own))
    sorted_own, sorted_sim, sorted_group = own[order], similarity[order], partner_group[order]
    segment_start = np.searchsorted(sorted_own, np.arange(size))
    position = np.arange(len(order)) - segment_start[sorted_own]
    top = position < margin_k
    found = np.bincount(sorted_own[top], minlength=size)
    top_sum = np.bincount(sorted_own[top], weights=sorted_sim[top], minlength=size)
    top_mean = (top_sum + (margin_k - found) * background) / margin_k
    # The side's best candidate, its group, and the best candidate of any other group.
    first = position == 0
    best = np.full(size, -np.inf)
    best_group = np.full(size, -1, dtype=np.int64)
    best[sorted_own[first]] = sorted_sim[first]
    best_group[sorted_own[first]] = sorted_group[first]
    other_group = sorted_group != best_group[sorted_own]
    runner_up = np.full(size, -np.inf)
    np.maximum.at(runner_up, sorted_own[other_group], sorted_sim[other_group])
    competitor = np.where(sorted_group == best_group[sorted_own], runner_up[sorted_own], best[sorted_own])
    lead = sorted_sim - np.where(np.isfinite(competitor), competitor, background)
    # Rank: higher-scoring candidates of the side, less those in the partner's own group.
    group_order = np.lexsort((-sorted_sim, sorted_group, sorted_own))
    key = sorted_own[group_order] * (int(partner_group.max(initial=0)) + 1) + sorted_group[group_order]
    group_start = np.searchsorted(key, key)
    in_group = np.empty(len(order), dtype=np.int64)
    in_group[group_order] = np.arange(len(order)) - group_start
    rank = np.minimum(position - in_group, MAX_RANK).astype(np.float64)
    out_mean, out_lead, out_rank = np.empty(len(order)), np.empty(len(order)), np.empty(len(order))
    out_mean[order] = top_mean[sorted_own]
    out_lead[order] = lead
    out_rank[order] = rank
    return out_mean, out_lead, out_rank


def one_to_one(rows: IntArray, cols: IntArray, rank: FloatArray, accept: NDArray[np.bool_]) -> IntArray:
    """Competitive linking: the highest-ranked accepted pair first, each item used at most once.

    Returns:
        Indices into ``rows``/``cols`` of the linked pairs, in link order.
    """
    order = np.argsort(-rank, kind="stable")
    order = order[accept[order]]
    used_left: set[int] = set()
    used_right: set[int] = set()
    linked: list[int] = []
    for i in order.tolist():
        left, right = int(rows[i]), int(cols[i])
        if left in used_left or right in used_right:
            continue
        used_left.add(left)
        used_right.add(right)
        linked.append(i)
    return np.array(linked, dtype=np.int64)

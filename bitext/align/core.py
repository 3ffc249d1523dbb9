"""Banded dynamic programming over bead shapes, vectorised with numpy.

A cell ``(i, j)`` means "the first ``i`` source and ``j`` target sentences are aligned".
Row ``i`` only holds the cells ``lo[i] <= j < hi[i]``, so time and memory grow with the
number of rows times the band width, never with ``n * m``. Each row is computed with a
handful of array operations: one gather of every predecessor for every bead shape, a
max, and a running maximum for chains of 0-1 beads (insertions) inside the row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import reduce
from typing import Any

import numpy as np
from numpy.typing import NDArray

from bitext.align.params import BeadType
from bitext.errors import AlignmentError

IntArray = NDArray[np.int64]
FloatArray = NDArray[np.float64]
ScoreChunk = Callable[[int, int, IntArray], FloatArray]
"""``score_chunk(i0, i1, cols)`` gives scores ``(len(shapes), i1 - i0, width)`` for the
cells ``(i, cols[i - i0, w])``; the 0-1 entry is the score of inserting target ``j - 1``."""

CHUNK_ROWS = 512
BeadPath = list[tuple[int, int, int, int]]
"""Beads as ``(src_start, src_end, tgt_start, tgt_end)``, in document order."""


def clamp(values: NDArray[Any], low: float, high: float) -> NDArray[Any]:
    """``np.clip(values, low, high)``, without its Python-side dispatch: on the small arrays
    of a short item that dispatch costs more than the two ufuncs (same values, NaN kept)."""
    clamped: NDArray[Any] = np.minimum(np.maximum(values, low), high)
    return clamped


def summed(arrays: Sequence[FloatArray]) -> FloatArray:
    """``np.sum(arrays, axis=0)`` without stacking the arrays first (same order of additions)."""
    return reduce(np.add, arrays)


def full_band(n: int, m: int) -> tuple[IntArray, IntArray]:
    """The band that holds every cell (for small inputs)."""
    return np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m + 1, dtype=np.int64)


def banded_dp(
    n: int, m: int, lo: IntArray, hi: IntArray, shapes: Sequence[BeadType], score_chunk: ScoreChunk
) -> BeadPath:
    """Best-scoring monotone path of beads from ``(0, 0)`` to ``(n, m)`` inside the band.

    Raises:
        AlignmentError: The band does not connect the two corners (a bug upstream).
    """
    width = int((hi - lo).max())
    max_a = max(a for a, _ in shapes)
    pad = max(b for _, b in shapes) + 1
    stride = pad + width + 1
    insert = list(shapes).index((0, 1))
    moves = [k for k, (a, _) in enumerate(shapes) if a > 0]
    move_a = np.array([shapes[k][0] for k in moves], dtype=np.int64)
    move_b = np.array([shapes[k][1] for k in moves], dtype=np.int64)
    lo_padded = np.concatenate((np.zeros(max_a, dtype=np.int64), lo))
    dp = np.full((n + 1 + max_a, stride), -np.inf)
    back = np.zeros((n + 1, width), dtype=np.int8)
    flat = dp.reshape(-1)
    offsets = np.arange(width, dtype=np.int64)
    shape_ids = np.array(moves, dtype=np.int8)
    for i0 in range(0, n + 1, CHUNK_ROWS):
        i1 = min(n + 1, i0 + CHUNK_ROWS)
        rows = np.arange(i0, i1, dtype=np.int64)
        cols = lo[rows][:, None] + offsets[None, :]
        scores = score_chunk(i0, i1, cols)
        valid = (cols < hi[rows][:, None]) & (cols <= m)
        prev_rows = rows[:, None] - move_a[None, :] + max_a
        shift = lo[rows][:, None] - lo_padded[prev_rows] - move_b[None, :] + pad
        gather = prev_rows[:, :, None] * stride + clamp(shift[:, :, None] + offsets, 0, stride - 1)
        move_scores = scores[moves]
        for r, i in enumerate(range(i0, i1)):
            cand = flat[gather[r]] + move_scores[:, r, :]
            best_k = cand.argmax(axis=0)
            best = cand[best_k, offsets]
            if i == 0:
                best[:] = -np.inf
                best[0] = 0.0
            best[~valid[r]] = -np.inf
            chain = np.cumsum(scores[insert, r, :])
            own = best - chain
            running = np.maximum.accumulate(own)
            inserted = running > own
            value = np.where(inserted, running + chain, best)
            value[~valid[r]] = -np.inf
            dp[i + max_a, pad : pad + width] = value
            back[i] = np.where(inserted, insert, shape_ids[best_k])
    return _backtrack(n, m, lo, dp[max_a + n, pad : pad + width], back, shapes)


def _backtrack(
    n: int, m: int, lo: IntArray, last_row: FloatArray, back: NDArray[np.int8], shapes: Sequence[BeadType]
) -> BeadPath:
    end = m - int(lo[n])
    if not 0 <= end < last_row.shape[0] or not np.isfinite(last_row[end]):
        raise AlignmentError("internal error: the alignment band does not reach the end of both documents")
    beads: BeadPath = []
    i, j = n, m
    while i > 0 or j > 0:
        a, b = shapes[int(back[i, j - lo[i]])]
        beads.append((i - a, i, j - b, j))
        i, j = i - a, j - b
    beads.reverse()
    return beads


def band_around(path: BeadPath, factor: int, n: int, m: int, margin: int) -> tuple[IntArray, IntArray]:
    """Project a path found on ``factor``-sentence blocks to a band of sentence cells.

    Every cell under a coarse bead is kept, widened by ``margin`` sentences on both
    sides, and the band is made monotone so it always connects ``(0, 0)`` to ``(n, m)``.
    """
    lo = np.full(n + 1, m + 1, dtype=np.int64)
    hi = np.full(n + 1, -1, dtype=np.int64)
    for s0, s1, t0, t1 in path:
        rows = slice(min(n, s0 * factor), min(n, s1 * factor) + 1)
        lo[rows] = np.minimum(lo[rows], min(m, t0 * factor) - margin)
        hi[rows] = np.maximum(hi[rows], min(m, t1 * factor) + margin)
    lo = np.minimum.accumulate(np.clip(lo, 0, m)[::-1])[::-1]
    hi = np.maximum.accumulate(np.clip(hi, 0, m)) + 1
    lo[0] = 0
    hi[n] = m + 1
    return lo, hi

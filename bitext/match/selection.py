"""Each row's ``k`` largest stored values of a :class:`~bitext.match.sparse.CsrMatrix`, without a full sort.

Sorting every stored value of a product to keep a few per row costs ``n log n`` in the
product's size, which grows faster than the items do. Here each long row's ``k``-th
largest value is found by ``np.partition`` (linear), rows of lengths within a power of
two of each other padded to the longest and partitioned together (at most twice the
work); only the values at or above that cut, at most ``k`` a row, are then sorted.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from bitext.match.sparse import CsrMatrix, FloatArray, IntArray, ranges


def best_per_row(matrix: CsrMatrix, k: int) -> tuple[IntArray, IntArray, FloatArray]:
    """``(row, column, value)`` of each row's ``k`` largest stored values, best first.

    Equal values go to the lower column, as a stable sort of the row by value would
    order them. The entries come row by row, each row's best first.
    """
    row_ids = matrix.row_ids()
    keep = _kept(matrix, row_ids, k)
    rows, cols, values = row_ids[keep], matrix.indices[keep], matrix.data[keep]
    order = np.lexsort((-values, rows))  # stable: equal values stay in column order
    return rows[order], cols[order], values[order]


def top_terms(matrix: CsrMatrix, k: int) -> CsrMatrix:
    """``matrix`` with only each row's ``k`` largest stored values (ties to the lower column).

    The candidate search uses it to cap each text's search terms: a product's join then
    expands at most ``k`` terms a row, whatever the text's length, and a text's largest
    TF-IDF weights are its rarest terms, those a translation shares most surely.
    """
    row_ids = matrix.row_ids()
    keep = _kept(matrix, row_ids, k)
    counts = np.bincount(row_ids[keep], minlength=matrix.shape[0])
    indptr = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
    return CsrMatrix(matrix.data[keep], matrix.indices[keep], indptr, matrix.shape)


def _kept(matrix: CsrMatrix, row_ids: IntArray, k: int) -> NDArray[np.bool_]:
    """Which stored values are among their row's ``k`` largest (equal values: lower columns first)."""
    lengths = np.diff(matrix.indptr)
    cut = _cuts(matrix, lengths, k)
    entry_cut = cut[row_ids]
    above = matrix.data > entry_cut
    tied = matrix.data == entry_cut
    # Of the values equal to the cut, the lowest columns fill what the larger ones leave.
    room = k - np.bincount(row_ids[above], minlength=matrix.shape[0])
    tied_at = np.flatnonzero(tied)
    tied_rows = row_ids[tied_at]
    tied_count = np.bincount(tied_rows, minlength=matrix.shape[0])
    tied_rank = np.arange(len(tied_at)) - (np.cumsum(tied_count) - tied_count)[tied_rows]
    keep = above
    keep[tied_at[tied_rank < room[tied_rows]]] = True
    return keep


def _cuts(matrix: CsrMatrix, lengths: IntArray, k: int) -> FloatArray:
    """Each row's ``k``-th largest stored value, ``-inf`` for a row of ``k`` values or fewer."""
    cut = np.full(matrix.shape[0], -np.inf)
    long_rows = np.flatnonzero(lengths > k)
    if not len(long_rows):
        return cut
    buckets = np.ceil(np.log2(lengths[long_rows])).astype(np.int64)
    for bucket in np.unique(buckets).tolist():
        rows = long_rows[buckets == bucket]
        sizes = lengths[rows]
        width = int(sizes.max())
        padded = np.full((len(rows), width), -np.inf)
        within = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        values = matrix.data[ranges(matrix.indptr[rows], sizes)]
        padded[np.repeat(np.arange(len(rows)), sizes), within] = values
        cut[rows] = np.partition(padded, width - k, axis=1)[:, width - k]
    return cut

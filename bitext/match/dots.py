"""Dot products of given pairs of rows of two :class:`~bitext.match.sparse.CsrMatrix`.

Like the products of :mod:`bitext.match.sparse`, each sum adds its terms in the order
of the shared index (the column), so results equal scipy's to the last bit.
"""

from __future__ import annotations

import numpy as np

from bitext.match.sparse import CsrMatrix, FloatArray, IntArray, ranges


def row_dots(left: CsrMatrix, right: CsrMatrix, rows: IntArray, cols: IntArray, *, chunk: int) -> FloatArray:
    """``left[rows[i]] · right[cols[i]]`` for every ``i``, ``chunk`` pairs at a time.

    Each value of one row is looked up in the other row by its linear key; the products
    of a pair are added in column order, zeros left out, with ``np.add.reduceat``: as
    scipy's ``left[rows].multiply(right[cols]).sum(axis=1)``. The side looked up in is
    the one whose row numbers are sorted (when only ``rows`` is), since
    ``np.searchsorted`` is much faster on sorted keys; the sum is the same either way.
    """
    if _is_sorted(rows) and not _is_sorted(cols):
        return _looked_up_dots(right, left, cols, rows, chunk)
    return _looked_up_dots(left, right, rows, cols, chunk)


def _is_sorted(values: IntArray) -> bool:
    return bool(np.all(values[1:] >= values[:-1]))


def _looked_up_dots(
    left: CsrMatrix, right: CsrMatrix, rows: IntArray, cols: IntArray, chunk: int
) -> FloatArray:
    """:func:`row_dots`, every value of ``left``'s row looked up in ``right``'s row."""
    width = max(left.shape[1], 1)
    right_keys = right.row_ids() * width + right.indices
    out = np.zeros(len(rows))
    if not len(right_keys):
        return out
    for start in range(0, len(rows), chunk):
        pair_rows, pair_cols = rows[start : start + chunk], cols[start : start + chunk]
        sizes = left.indptr[pair_rows + 1] - left.indptr[pair_rows]
        positions = ranges(left.indptr[pair_rows], sizes)
        wanted = np.repeat(pair_cols, sizes) * width + left.indices[positions]
        found = np.minimum(np.searchsorted(right_keys, wanted), len(right_keys) - 1)
        hit = right_keys[found] == wanted
        products = left.data[positions[hit]] * right.data[found[hit]]
        owner = np.repeat(np.arange(len(pair_rows), dtype=np.int64), sizes)[hit]
        keep = products != 0
        products, owner = products[keep], owner[keep]
        if len(products):
            firsts = np.flatnonzero(np.concatenate(([True], owner[1:] != owner[:-1])))
            out[start + owner[firsts]] = np.add.reduceat(products, firsts)
    return out

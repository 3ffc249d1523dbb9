"""Sparse TF-IDF vectors for two sides in one space, top-k neighbours and pair cosines.

Both sides are counted in one vocabulary and weighed by one inverse document
frequency, so a French text (through its translation) and an English text are
comparable by a dot product of unit rows. Neighbour search multiplies a block of rows
at a time with the other side (scipy's sparse product, in C), keeps each row's ``k``
best and drops the block, so memory stays flat; nothing compares pairs in Python.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
Sparse = Any
"""A ``scipy.sparse.csr_matrix`` (scipy ships no type information)."""

_BLOCK_ROWS = 2048
_PAIR_CHUNK = 8_192


def tfidf_pair(
    left: Sequence[Sequence[str]], right: Sequence[Sequence[str]], *, max_df: float = 1.0
) -> tuple[Sparse, Sparse]:
    """Unit-length TF-IDF rows for two lists of token lists, in one shared space.

    See :func:`weigh` for the weighting; ``max_df`` is passed on.
    """
    return weigh(*count_pair(left, right), max_df=max_df)


def count_pair(left: Sequence[Sequence[str]], right: Sequence[Sequence[str]]) -> tuple[Sparse, Sparse]:
    """Token counts of two lists of token lists in one vocabulary (one row per list)."""
    vocabulary: dict[str, int] = {}
    counts = count_rows([_ids(tokens, vocabulary) for tokens in (*left, *right)], len(vocabulary))
    return counts[: len(left)].tocsr(), counts[len(left) :].tocsr()


def weigh(
    left: Sparse, right: Sparse, *, max_df: float = 1.0, max_count: int | None = None
) -> tuple[Sparse, Sparse]:
    """Unit-length TF-IDF rows from the raw counts of two sides.

    Term frequencies are damped (``1 + log tf``) so a word repeated in one long item
    does not dominate it; ``idf = 1 + log(N / df)`` over both sides together. Terms in
    more than ``max_df`` of all rows, or in more than ``max_count`` rows, are dropped.
    """
    from scipy import sparse

    counts = sparse.vstack((left, right), format="csr")
    total = counts.shape[0]
    df = np.bincount(counts.indices, minlength=counts.shape[1]).astype(np.float64)
    idf = 1.0 + np.log(max(total, 1) / np.maximum(df, 1.0))
    idf[df > max(max_df * total, 2.0)] = 0.0
    if max_count is not None:
        idf[df > max_count] = 0.0
    counts.data = (1.0 + np.log(counts.data)) * idf[counts.indices]
    counts.eliminate_zeros()
    norms = np.sqrt(np.asarray(counts.multiply(counts).sum(axis=1)).ravel())
    rows = (sparse.diags(1.0 / np.maximum(norms, 1e-12)) @ counts).tocsr()
    return rows[: left.shape[0]], rows[left.shape[0] :]


def sum_rows(matrix: Sparse, group_of_row: IntArray, groups: int) -> Sparse:
    """Rows added up by group (sentence counts into item counts)."""
    from scipy import sparse

    indicator = sparse.csr_matrix(
        (np.ones(len(group_of_row)), (group_of_row, np.arange(len(group_of_row)))),
        shape=(groups, len(group_of_row)),
    )
    return (indicator @ matrix).tocsr()


def _ids(tokens: Sequence[str], vocabulary: dict[str, int]) -> list[int]:
    return [vocabulary.setdefault(token, len(vocabulary)) for token in tokens]


def count_rows(ids: Sequence[Sequence[int]], width: int) -> Sparse:
    """A count matrix with one row per id list (``width`` columns, at least one)."""
    from scipy import sparse

    lengths = np.fromiter(map(len, ids), dtype=np.int64, count=len(ids))
    cols = np.fromiter((i for row in ids for i in row), dtype=np.int64, count=int(lengths.sum()))
    rows = np.repeat(np.arange(len(ids), dtype=np.int64), lengths)
    matrix = sparse.csr_matrix(
        (np.ones(len(cols)), (rows, cols)), shape=(len(ids), max(width, 1)), dtype=np.float64
    )
    matrix.sum_duplicates()
    return matrix


def stack(blocks: Sequence[tuple[Sparse, float]]) -> Sparse:
    """Side-by-side blocks, each scaled by the square root of its weight.

    With unit rows in every block and weights summing to one, the dot product of two
    stacked rows is the weighted mean of the blocks' cosines: one sparse product gives
    a combined similarity.
    """
    from scipy import sparse

    return sparse.hstack([block * np.sqrt(weight) for block, weight in blocks], format="csr")


@dataclass(frozen=True)
class Neighbours:
    """Each row's ``k`` most similar rows of the other side, best first."""

    index: IntArray
    score: FloatArray


def nearest(left: Sparse, right: Sparse, k: int) -> Neighbours:
    """The (at most) ``k`` rows of ``right`` most similar to each row of ``left``.

    Only rows sharing a term count as neighbours; a row with fewer than ``k`` of them
    is padded with index ``-1`` and score ``-inf``. The product is never made dense:
    each row's nonzero cosines are partitioned and the best ``k`` kept (ties go to the
    lower index), so the cost follows the number of term-sharing pairs.
    """
    n = left.shape[0]
    index = np.full((n, k), -1, dtype=np.int64)
    score = np.full((n, k), -np.inf)
    if n == 0 or right.shape[0] == 0:
        return Neighbours(index, score)
    right_t = right.T.tocsr()
    for start in range(0, n, _BLOCK_ROWS):
        product = (left[start : start + _BLOCK_ROWS] @ right_t).tocsr()
        product.eliminate_zeros()
        indptr, cols, values = product.indptr, product.indices, product.data
        for row in range(product.shape[0]):
            first, last = int(indptr[row]), int(indptr[row + 1])
            if first == last:
                continue
            row_values = values[first:last]
            top = np.argpartition(-row_values, k - 1)[:k] if last - first > k else np.arange(last - first)
            top = top[np.lexsort((cols[first:last][top], -row_values[top]))]
            index[start + row, : len(top)] = cols[first:last][top]
            score[start + row, : len(top)] = row_values[top]
    return Neighbours(index, score)


def pair_cosines(left: Sparse, right: Sparse, rows: IntArray, cols: IntArray) -> FloatArray:
    """``left[rows[i]] · right[cols[i]]`` for every ``i``, in chunks (no full product)."""
    out = np.zeros(len(rows))
    for start in range(0, len(rows), _PAIR_CHUNK):
        stop = start + _PAIR_CHUNK
        product = left[rows[start:stop]].multiply(right[cols[start:stop]])
        out[start:stop] = np.asarray(product.sum(axis=1)).ravel()
    return out


def binary(counts: Sparse) -> Sparse:
    """0/1 rows: is the token there. A dot product of two rows counts the tokens they share."""
    out = counts.copy()
    out.data[:] = 1.0
    return out


def row_sums(matrix: Sparse) -> FloatArray:
    """Each row's sum, as a flat array."""
    return np.asarray(matrix.sum(axis=1), dtype=np.float64).ravel()


def prune(matrix: Sparse, max_df: int) -> Sparse:
    """``matrix`` without the columns (terms) found in more than ``max_df`` of its rows."""
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    keep = (df <= max_df)[matrix.indices]
    pruned = matrix.copy()
    pruned.data = np.where(keep, pruned.data, 0.0)
    pruned.eliminate_zeros()
    return pruned

"""CsrMatrix TF-IDF vectors for two sides in one space, top-k neighbours and pair cosines.

Both sides are counted in one vocabulary and weighed by one inverse document
frequency, so a French text (through its translation) and an English text are
comparable by a dot product of unit rows. Neighbour search multiplies a block of rows
at a time with the other side (:mod:`bitext.match.sparse`), keeps each row's ``k``
best and drops the block, so memory stays flat; nothing compares pairs in Python.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bitext.match.dots import row_dots
from bitext.match.selection import best_per_row
from bitext.match.sparse import CsrMatrix, FloatArray, IntArray, hstack, vstack

_BLOCK_ROWS = 2048
_PAIR_CHUNK = 8_192


def tfidf_pair(
    left: Sequence[Sequence[str]], right: Sequence[Sequence[str]], *, max_df: float = 1.0
) -> tuple[CsrMatrix, CsrMatrix]:
    """Unit-length TF-IDF rows for two lists of token lists, in one shared space.

    See :func:`weigh` for the weighting; ``max_df`` is passed on.
    """
    return weigh(*count_pair(left, right), max_df=max_df)


def count_pair(left: Sequence[Sequence[str]], right: Sequence[Sequence[str]]) -> tuple[CsrMatrix, CsrMatrix]:
    """Token counts of two lists of token lists in one vocabulary (one row per list)."""
    vocabulary: dict[str, int] = {}
    counts = count_rows([_ids(tokens, vocabulary) for tokens in (*left, *right)], len(vocabulary))
    return counts[: len(left)], counts[len(left) :]


def weigh(
    left: CsrMatrix, right: CsrMatrix, *, max_df: float = 1.0, max_count: int | None = None
) -> tuple[CsrMatrix, CsrMatrix]:
    """Unit-length TF-IDF rows from the raw counts of two sides.

    Term frequencies are damped (``1 + log tf``) so a word repeated in one long item
    does not dominate it; ``idf = 1 + log(N / df)`` over both sides together. Terms in
    more than ``max_df`` of all rows, or in more than ``max_count`` rows, are dropped.
    """
    counts = vstack((left, right))
    total = counts.shape[0]
    df = np.bincount(counts.indices, minlength=counts.shape[1]).astype(np.float64)
    idf = 1.0 + np.log(max(total, 1) / np.maximum(df, 1.0))
    idf[df > max(max_df * total, 2.0)] = 0.0
    if max_count is not None:
        idf[df > max_count] = 0.0
    counts = counts.with_data((1.0 + np.log(counts.data)) * idf[counts.indices]).eliminate_zeros()
    norms = np.sqrt(counts.with_data(counts.data * counts.data).eliminate_zeros().row_sums())
    rows = counts.scale_rows(1.0 / np.maximum(norms, 1e-12))
    return rows[: left.shape[0]], rows[left.shape[0] :]


def sum_rows(matrix: CsrMatrix, group_of_row: IntArray, groups: int) -> CsrMatrix:
    """Rows added up by group (sentence counts into item counts)."""
    indicator = CsrMatrix.from_coo(
        group_of_row, np.arange(len(group_of_row)), np.ones(len(group_of_row)), (groups, len(group_of_row))
    )
    return indicator @ matrix


def _ids(tokens: Sequence[str], vocabulary: dict[str, int]) -> list[int]:
    return [vocabulary.setdefault(token, len(vocabulary)) for token in tokens]


def count_rows(ids: Sequence[Sequence[int]], width: int) -> CsrMatrix:
    """A count matrix with one row per id list (``width`` columns, at least one)."""
    lengths = np.fromiter(map(len, ids), dtype=np.int64, count=len(ids))
    cols = np.fromiter((i for row in ids for i in row), dtype=np.int64, count=int(lengths.sum()))
    rows = np.repeat(np.arange(len(ids), dtype=np.int64), lengths)
    return CsrMatrix.from_coo(rows, cols, np.ones(len(cols)), (len(ids), max(width, 1)))


def stack(blocks: Sequence[tuple[CsrMatrix, float]]) -> CsrMatrix:
    """Side-by-side blocks, each scaled by the square root of its weight.

    With unit rows in every block and weights summing to one, the dot product of two
    stacked rows is the weighted mean of the blocks' cosines: one sparse product gives
    a combined similarity.
    """
    return hstack([block * float(np.sqrt(weight)) for block, weight in blocks])


@dataclass(frozen=True)
class Neighbours:
    """Each row's ``k`` most similar rows of the other side, best first."""

    index: IntArray
    score: FloatArray


def nearest(left: CsrMatrix, right: CsrMatrix, k: int) -> Neighbours:
    """The (at most) ``k`` rows of ``right`` most similar to each row of ``left``.

    Only rows sharing a term count as neighbours; a row with fewer than ``k`` of them
    is padded with index ``-1`` and score ``-inf``. The product is never made dense:
    each row's nonzero cosines are partitioned and the best ``k`` kept (ties go to the
    lower index; :mod:`bitext.match.selection`), so the cost follows the number of
    term-sharing pairs.
    """
    return _search(left, right, k, columns=False)[0]


def mutual_nearest(left: CsrMatrix, right: CsrMatrix, k: int) -> tuple[Neighbours, Neighbours]:
    """``nearest(left, right, k)`` and ``nearest(right, left, k)`` from one product.

    The second product would be the first's transpose, cell for cell (each cosine adds
    the same terms in the same order), so each block of the first is also cut at every
    column's ``k`` best; a column's ``k`` best overall are among its blocks' best. That
    saves the second product, the largest cost of the candidate search.
    """
    forward, column_best = _search(left, right, k, columns=True)
    backward = _empty_neighbours(right.shape[0], k)
    if column_best:
        rows, cols, values = (np.concatenate(parts) for parts in zip(*column_best, strict=True))
        merged = CsrMatrix.from_coo(rows, cols, values, (right.shape[0], left.shape[0]))
        _fill(backward, 0, *best_per_row(merged, k))
    return forward, backward


def _search(
    left: CsrMatrix, right: CsrMatrix, k: int, *, columns: bool
) -> tuple[Neighbours, list[tuple[IntArray, IntArray, FloatArray]]]:
    """Each row's best (see :func:`nearest`) and, with ``columns``, each block's best per column."""
    forward = _empty_neighbours(left.shape[0], k)
    column_best: list[tuple[IntArray, IntArray, FloatArray]] = []
    if left.shape[0] == 0 or right.shape[0] == 0:
        return forward, column_best
    right_t = right.T
    for start in range(0, left.shape[0], _BLOCK_ROWS):
        product = (left[start : start + _BLOCK_ROWS] @ right_t).eliminate_zeros()
        _fill(forward, start, *best_per_row(product, k))
        if columns:
            rows, cols, values = best_per_row(product.T, k)
            column_best.append((rows, cols + start, values))
    return forward, column_best


def _empty_neighbours(n: int, k: int) -> Neighbours:
    return Neighbours(np.full((n, k), -1, dtype=np.int64), np.full((n, k), -np.inf))


def _fill(found: Neighbours, start: int, rows: IntArray, cols: IntArray, values: FloatArray) -> None:
    """Write each row's best (in order, from :func:`best_per_row`) into rows ``start`` on."""
    per_row = np.bincount(rows, minlength=int(rows.max(initial=-1)) + 1)
    rank = np.arange(len(rows)) - (np.cumsum(per_row) - per_row)[rows]
    found.index[start + rows, rank] = cols
    found.score[start + rows, rank] = values


def pair_cosines(left: CsrMatrix, right: CsrMatrix, rows: IntArray, cols: IntArray) -> FloatArray:
    """``left[rows[i]] · right[cols[i]]`` for every ``i``, in chunks (no full product)."""
    return row_dots(left, right, rows, cols, chunk=_PAIR_CHUNK)


def binary(counts: CsrMatrix) -> CsrMatrix:
    """0/1 rows: is the token there. A dot product of two rows counts the tokens they share."""
    return counts.with_data(np.ones(counts.nnz))


def row_sums(matrix: CsrMatrix) -> FloatArray:
    """Each row's sum, as a flat array."""
    return matrix.row_sums()


def prune(matrix: CsrMatrix, max_df: int) -> CsrMatrix:
    """``matrix`` without the columns (terms) found in more than ``max_df`` of its rows."""
    df = np.bincount(matrix.indices, minlength=matrix.shape[1])
    keep = (df <= max_df)[matrix.indices]
    return matrix.with_data(np.where(keep, matrix.data, 0.0)).eliminate_zeros()

"""A compressed sparse row matrix on numpy, with just what matching and mining need.

scipy (145 MB installed) was used only for these sparse counts and their products; this
type keeps the core install small. Every matrix is canonical (columns sorted within each
row, no duplicates) and every sum is taken in a fixed order, the order scipy takes on
canonical matrices:

* a product adds each cell's terms one by one in the order of the shared index, as
  scipy's row-by-row product does (``np.bincount`` accumulates in input order);
* row sums reduce each row with ``np.add.reduceat``, as scipy's ``sum(axis=1)`` does.

(scipy's products leave a row's columns unsorted, so the TF-IDF rows the scipy version
made added their terms in another order: cosines may differ from it in the last bit.)

A product expands every joined pair of nonzeros with ``np.repeat`` (the inverted-index
join), a block of rows at a time so memory stays bounded, and sums the terms of each
cell by its linear key: into a dense block when the block is small against its terms,
else over the sorted distinct keys.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]

PRODUCT_TERMS = 1 << 18
"""At most this many joined pairs are expanded at once in a product (about 10 MB of arrays:
small enough that the dozen passes over them stay in cache, large enough to amortise a block)."""


class CsrMatrix:
    """A float64 matrix in compressed sparse row form, canonical (see the module doc).

    Args:
        data: The stored values, row after row.
        indices: Each value's column.
        indptr: Where each row starts in ``data``, and the total at the end.
        shape: ``(rows, columns)``.
    """

    __slots__ = ("data", "indices", "indptr", "shape")

    def __init__(self, data: FloatArray, indices: IntArray, indptr: IntArray, shape: tuple[int, int]) -> None:
        self.data = data
        self.indices = indices
        self.indptr = indptr
        self.shape = shape

    @classmethod
    def from_coo(
        cls, rows: IntArray, cols: IntArray, values: FloatArray, shape: tuple[int, int]
    ) -> CsrMatrix:
        """The matrix with ``values`` at ``(rows, cols)``; values at the same cell are added."""
        keys = np.asarray(rows, dtype=np.int64) * shape[1] + np.asarray(cols, dtype=np.int64)
        summed = _summed_by_key(keys, np.asarray(values, dtype=np.float64), shape[0] * max(shape[1], 1))
        return _from_keys(*summed, shape)

    @property
    def nnz(self) -> int:
        """How many values are stored."""
        return len(self.data)

    @property
    def T(self) -> CsrMatrix:
        """The transpose, itself canonical."""
        order = stable_order(self.indices, self.shape[1])  # by column, then by row
        counts = np.bincount(self.indices, minlength=self.shape[1])
        return CsrMatrix(self.data[order], self.row_ids()[order], _indptr(counts), self.shape[::-1])

    def row_ids(self) -> IntArray:
        """The row of every stored value."""
        ids: IntArray = np.repeat(np.arange(self.shape[0], dtype=np.int64), np.diff(self.indptr))
        return ids

    def with_data(self, data: FloatArray) -> CsrMatrix:
        """The same structure holding ``data`` (zeros stay stored; see :meth:`eliminate_zeros`)."""
        return CsrMatrix(np.asarray(data, dtype=np.float64), self.indices, self.indptr, self.shape)

    def eliminate_zeros(self) -> CsrMatrix:
        """The matrix without its stored zeros."""
        keep = self.data != 0
        if keep.all():
            return self
        counts = np.bincount(self.row_ids()[keep], minlength=self.shape[0])
        return CsrMatrix(self.data[keep], self.indices[keep], _indptr(counts), self.shape)

    def scale_rows(self, factors: FloatArray) -> CsrMatrix:
        """Row ``i`` times ``factors[i]`` (a diagonal matrix times this one), zeros dropped."""
        return self.with_data(self.data * factors[self.row_ids()]).eliminate_zeros()

    def __mul__(self, scalar: float) -> CsrMatrix:
        """Every value times ``scalar``."""
        return self.with_data(self.data * scalar)

    def __getitem__(self, rows: int | slice | IntArray) -> CsrMatrix:
        """The rows asked for: one row, a slice, or an array of row numbers (repeats allowed)."""
        if isinstance(rows, slice):
            start, stop, step = rows.indices(self.shape[0])
            if step == 1:
                first, last = int(self.indptr[start]), int(self.indptr[max(stop, start)])
                return CsrMatrix(
                    self.data[first:last],
                    self.indices[first:last],
                    self.indptr[start : max(stop, start) + 1] - first,
                    (max(stop - start, 0), self.shape[1]),
                )
            rows = np.arange(start, stop, step, dtype=np.int64)
        picked = np.atleast_1d(np.asarray(rows, dtype=np.int64))
        picked = np.where(picked < 0, picked + self.shape[0], picked)
        starts, sizes = self.indptr[picked], self.indptr[picked + 1] - self.indptr[picked]
        positions = ranges(starts, sizes)
        return CsrMatrix(
            self.data[positions], self.indices[positions], _indptr(sizes), (len(picked), self.shape[1])
        )

    def row_sums(self) -> FloatArray:
        """Each row's sum, added as scipy adds it (``np.add.reduceat`` over the row)."""
        out = np.zeros(self.shape[0])
        nonempty = np.flatnonzero(np.diff(self.indptr))
        if len(nonempty):
            out[nonempty] = np.add.reduceat(self.data, self.indptr[nonempty])
        return out

    def toarray(self) -> FloatArray:
        """The dense matrix."""
        dense = np.zeros(self.shape)
        dense[self.row_ids(), self.indices] = self.data
        return dense

    def __matmul__(self, other: CsrMatrix) -> CsrMatrix:
        """The matrix product (see :meth:`product`)."""
        return self.product(other)

    def product(self, other: CsrMatrix, *, block_terms: int = PRODUCT_TERMS) -> CsrMatrix:
        """The matrix product, a block of rows at a time (see the module doc).

        Args:
            other: The right-hand matrix.
            block_terms: About how many joined pairs of nonzeros one block may expand to.

        Raises:
            ValueError: The shapes do not fit.
        """
        if self.shape[1] != other.shape[0]:
            raise ValueError(f"cannot multiply {self.shape} by {other.shape}")
        bounds = _row_blocks(self, other, block_terms)
        return vstack(
            [_product_block(self[start:stop], other) for start, stop in bounds], width=other.shape[1]
        )


def vstack(blocks: Sequence[CsrMatrix], *, width: int | None = None) -> CsrMatrix:
    """The blocks one under the other (all as wide as the first, or ``width`` when none)."""
    if not blocks:
        empty = np.zeros(0, dtype=np.int64)
        return CsrMatrix(np.zeros(0), empty, np.zeros(1, dtype=np.int64), (0, width or 0))
    offsets = np.cumsum([0] + [block.nnz for block in blocks[:-1]])
    shifted = [block.indptr[1:] + offset for block, offset in zip(blocks, offsets, strict=True)]
    indptr = np.concatenate([np.zeros(1, dtype=np.int64), *shifted])
    return CsrMatrix(
        np.concatenate([block.data for block in blocks]),
        np.concatenate([block.indices for block in blocks]),
        indptr.astype(np.int64),
        (sum(block.shape[0] for block in blocks), blocks[0].shape[1]),
    )


def hstack(blocks: Sequence[CsrMatrix]) -> CsrMatrix:
    """The blocks side by side (all with the same rows).

    Each value goes straight to its place (its row's start, plus what the blocks before
    put in that row, plus its place in its own row): no sort, so the cost is linear.
    """
    rows = blocks[0].shape[0]
    offsets = np.cumsum([0] + [block.shape[1] for block in blocks])
    indptr = _indptr(sum((np.diff(block.indptr) for block in blocks), np.zeros(rows, dtype=np.int64)))
    data = np.empty(int(indptr[-1]))
    indices = np.empty(int(indptr[-1]), dtype=np.int64)
    free = indptr[:-1].copy()
    for block, offset in zip(blocks, offsets[:-1].tolist(), strict=True):
        counts = np.diff(block.indptr)
        places = np.repeat(free - block.indptr[:-1], counts)
        places += np.arange(block.nnz, dtype=np.int64)
        data[places] = block.data
        indices[places] = block.indices + offset
        free += counts
    return CsrMatrix(data, indices, indptr, (rows, int(offsets[-1])))


def _product_block(left: CsrMatrix, right: CsrMatrix) -> CsrMatrix:
    """``left @ right`` for a block whose joined pairs fit in memory.

    The terms come out ordered by output row, then by the shared index, so adding them
    in that order per cell is the order of scipy's row-by-row product.
    """
    rows, width = left.shape[0], right.shape[1]
    keys, values = join(left.row_ids() * width, left.indices, left.data, right, column_stride=1)
    cells = rows * width
    if cells <= 4 * len(keys):
        dense = np.asarray(np.bincount(keys, weights=values, minlength=cells), dtype=np.float64)
        present = np.flatnonzero(dense)
        return _from_keys(present, dense[present], (rows, width))
    unique, summed = _summed_by_key(keys, values, cells)
    keep = summed != 0
    return _from_keys(unique[keep], summed[keep], (rows, width))


def join(
    owner_keys: IntArray, shared: IntArray, weights: FloatArray, other: CsrMatrix, *, column_stride: int
) -> tuple[IntArray, FloatArray]:
    """The inverted-index join: each stored value ``(owner key, shared index, weight)`` with
    every value of ``other``'s row ``shared``.

    Returns:
        ``(owner key + other's column * column_stride, weight * other's value)`` of every
        joined pair, in the order of the given values, then of ``other``'s columns.
    """
    sizes = other.indptr[shared + 1] - other.indptr[shared]
    positions = ranges(other.indptr[shared], sizes)
    keys = other.indices[positions]
    if column_stride != 1:
        keys *= column_stride
    keys += np.repeat(owner_keys, sizes)
    values = other.data[positions]
    values *= np.repeat(weights, sizes)
    return keys, values


def _row_blocks(left: CsrMatrix, right: CsrMatrix, block_terms: int) -> list[tuple[int, int]]:
    """Row ranges of ``left`` whose products with ``right`` expand to about ``block_terms`` pairs
    (a row that alone expands to more is a block of its own)."""
    sizes = right.indptr[left.indices + 1] - right.indptr[left.indices]
    per_row = np.bincount(left.row_ids(), weights=sizes, minlength=left.shape[0])
    total = np.concatenate(([0.0], np.cumsum(per_row)))
    bounds, start = [], 0
    while start < left.shape[0]:
        stop = int(np.searchsorted(total, total[start] + block_terms, side="right")) - 1
        stop = min(max(stop, start + 1), left.shape[0])
        bounds.append((start, stop))
        start = stop
    return bounds or [(0, 0)]


def _summed_by_key(keys: IntArray, values: FloatArray, bound: int) -> tuple[IntArray, FloatArray]:
    """The distinct keys (all in ``[0, bound)``), sorted, and the sum of each key's values,
    added in input order (a stable sort keeps equal keys in input order: :func:`stable_order`)."""
    order = stable_order(keys, bound)
    ordered = keys[order]
    first = np.ones(len(ordered), dtype=bool)
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    group = np.cumsum(first) - 1
    summed = np.bincount(group, weights=values[order], minlength=int(first.sum()))
    return ordered[first], np.asarray(summed, dtype=np.float64)


def _from_keys(keys: IntArray, values: FloatArray, shape: tuple[int, int]) -> CsrMatrix:
    """The canonical matrix of values at sorted, distinct linear keys ``row * columns + column``."""
    width = max(shape[1], 1)
    rows = keys // width
    return CsrMatrix(
        np.asarray(values, dtype=np.float64),
        (keys - rows * width).astype(np.int64),
        _indptr(np.bincount(rows, minlength=shape[0])),
        shape,
    )


def stable_order(keys: IntArray, bound: int) -> IntArray:
    """``np.argsort(keys, kind="stable")`` for keys in ``[0, bound)``, in linear time.

    numpy sorts 16-bit keys stably by radix (linear) but wider ones by merge sort
    (``n log n``); so keys of up to 32 bits are sorted 16 bits at a time, lowest first,
    each pass stable: the same order as one stable sort, in about half its time here.
    """
    if bound > 1 << 32:  # three passes and more lose to the merge sort
        wide: IntArray = np.argsort(keys, kind="stable")
        return wide
    order: IntArray = np.argsort((keys & 0xFFFF).astype(np.uint16), kind="stable")
    shift = 16
    while bound > 1 << shift:
        digit = ((keys[order] >> shift) & 0xFFFF).astype(np.uint16)
        order = order[np.argsort(digit, kind="stable")]
        shift += 16
    return order


def _indptr(counts: IntArray) -> IntArray:
    indptr: IntArray = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
    return indptr


def ranges(starts: IntArray, sizes: IntArray) -> IntArray:
    """The concatenation of ``range(start, start + size)`` for every pair."""
    offsets = np.repeat(np.asarray(starts, dtype=np.int64) - (np.cumsum(sizes) - sizes), sizes)
    offsets += np.arange(len(offsets), dtype=np.int64)
    return offsets

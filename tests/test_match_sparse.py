"""The numpy CSR matrix of matching against dense numpy on random small matrices."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bitext.match.dots import row_dots
from bitext.match.sparse import CsrMatrix, FloatArray, hstack, stable_order, vstack

# Small integers keep sums exact in any order; the order test below uses real fractions.
VALUES = st.sampled_from([0.0, 0.0, 0.0, 1.0, 2.0, 3.0, -1.0])


@st.composite
def dense(draw: st.DrawFn, rows: int | None = None, cols: int | None = None) -> FloatArray:
    n = draw(st.integers(0, 7)) if rows is None else rows
    m = draw(st.integers(0, 7)) if cols is None else cols
    return np.array(draw(st.lists(VALUES, min_size=n * m, max_size=n * m)), dtype=np.float64).reshape(n, m)


def csr(matrix: FloatArray) -> CsrMatrix:
    rows, cols = np.nonzero(matrix)
    return CsrMatrix.from_coo(rows, cols, matrix[rows, cols], matrix.shape)


def assert_canonical(matrix: CsrMatrix) -> None:
    assert matrix.indptr[0] == 0 and matrix.indptr[-1] == matrix.nnz == len(matrix.indices)
    assert len(matrix.indptr) == matrix.shape[0] + 1
    for row in range(matrix.shape[0]):
        columns = matrix.indices[matrix.indptr[row] : matrix.indptr[row + 1]]
        assert np.all(np.diff(columns) > 0), "columns sorted and distinct within a row"
        assert np.all((columns >= 0) & (columns < matrix.shape[1]))


@settings(max_examples=80, deadline=None)
@given(st.data())
def test_from_coo_adds_values_at_the_same_cell(data: st.DataObject) -> None:
    n, m = data.draw(st.integers(1, 6)), data.draw(st.integers(1, 6))
    count = data.draw(st.integers(0, 20))
    rows = np.array(
        data.draw(st.lists(st.integers(0, n - 1), min_size=count, max_size=count)), dtype=np.int64
    )
    cols = np.array(
        data.draw(st.lists(st.integers(0, m - 1), min_size=count, max_size=count)), dtype=np.int64
    )
    values = np.arange(1.0, count + 1.0)
    expected = np.zeros((n, m))
    np.add.at(expected, (rows, cols), values)
    matrix = CsrMatrix.from_coo(rows, cols, values, (n, m))
    assert_canonical(matrix)
    assert np.array_equal(matrix.toarray(), expected)


@settings(max_examples=120, deadline=None)
@given(st.data())
def test_products_equal_dense_products_in_any_block_size(data: st.DataObject) -> None:
    left = data.draw(dense())
    right = data.draw(dense(rows=left.shape[1]))
    block_terms = data.draw(st.sampled_from([1, 2, 5, 1 << 21]))
    product = csr(left).product(csr(right), block_terms=block_terms)
    assert_canonical(product)
    assert product.shape == (left.shape[0], right.shape[1])
    assert np.array_equal(product.toarray(), left @ right)
    assert not np.any(product.data == 0), "cells that sum to zero are not stored"


@settings(max_examples=80, deadline=None)
@given(dense())
def test_transpose_and_row_sums(first: FloatArray) -> None:
    matrix = csr(first)
    assert_canonical(matrix.T)
    assert np.array_equal(matrix.T.toarray(), first.T)
    assert np.array_equal(matrix.row_sums(), first.sum(axis=1))


@settings(max_examples=80, deadline=None)
@given(st.data())
def test_row_dots_are_the_cells_of_the_product(data: st.DataObject) -> None:
    left = data.draw(dense())
    right = data.draw(dense(cols=left.shape[1]))
    expected = left @ right.T
    if left.shape[0] and right.shape[0]:
        count = data.draw(st.integers(0, 12))
        rows, cols = (
            np.array(
                data.draw(st.lists(st.integers(0, n - 1), min_size=count, max_size=count)), dtype=np.int64
            )
            for n in (left.shape[0], right.shape[0])
        )
        chunk = data.draw(st.integers(1, 5))
        dots = row_dots(csr(left), csr(right), rows, cols, chunk=chunk)
        assert np.array_equal(dots, expected[rows, cols])


@settings(max_examples=80, deadline=None)
@given(st.data())
def test_row_selection_by_index_slice_and_array(data: st.DataObject) -> None:
    first = data.draw(dense())
    matrix, n = csr(first), first.shape[0]
    start, stop = data.draw(st.integers(0, n)), data.draw(st.integers(0, n))
    assert np.array_equal(matrix[start:stop].toarray(), first[start:stop])
    assert np.array_equal(matrix[::2].toarray(), first[::2])
    if n:
        picked = np.array(data.draw(st.lists(st.integers(0, n - 1), max_size=10)), dtype=np.int64)
        assert np.array_equal(matrix[picked].toarray(), first[picked])
        row = data.draw(st.integers(-n, n - 1))
        assert np.array_equal(matrix[row].toarray(), first[[row]])
        assert matrix[row].nnz == np.count_nonzero(first[row])


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_stacking(data: st.DataObject) -> None:
    n, m = data.draw(st.integers(0, 5)), data.draw(st.integers(0, 5))
    tall = [data.draw(dense(cols=m)) for _ in range(data.draw(st.integers(1, 3)))]
    wide = [data.draw(dense(rows=n)) for _ in range(data.draw(st.integers(1, 3)))]
    stacked = vstack([csr(block) for block in tall])
    assert_canonical(stacked)
    assert np.array_equal(stacked.toarray(), np.vstack(tall))
    side_by_side = hstack([csr(block) for block in wide])
    assert_canonical(side_by_side)
    assert np.array_equal(side_by_side.toarray(), np.hstack(wide))


@settings(max_examples=60, deadline=None)
@given(dense(), st.floats(0.1, 4.0))
def test_scaling_keeps_the_structure_and_drops_zeros(first: FloatArray, scalar: float) -> None:
    matrix = csr(first)
    assert np.array_equal((matrix * scalar).toarray(), first * scalar)
    factors = np.arange(first.shape[0], dtype=np.float64)  # row 0 becomes all zeros
    scaled = matrix.scale_rows(factors)
    assert np.array_equal(scaled.toarray(), first * factors[:, None])
    assert not np.any(scaled.data == 0)
    zeroed = matrix.with_data(np.where(matrix.data > 1, matrix.data, 0.0)).eliminate_zeros()
    assert_canonical(zeroed)
    assert np.array_equal(zeroed.toarray(), np.where(first > 1, first, 0.0))


def test_product_terms_are_added_in_the_order_of_the_shared_index() -> None:
    """Each cell is ``((0 + a0*b0) + a1*b1) + ...`` by shared index, as scipy's row product adds."""
    rng = np.random.default_rng(7)
    left = np.where(rng.random((9, 40)) < 0.5, rng.random((9, 40)), 0.0)
    right = np.where(rng.random((40, 300)) < 0.3, rng.random((40, 300)), 0.0)
    expected = np.zeros((9, 300))
    for i in range(9):
        for k in np.flatnonzero(left[i]):
            for j in np.flatnonzero(right[k]):
                expected[i, j] += left[i, k] * right[k, j]
    # A one-row block takes the sorted-key path, a large block the dense one.
    for block_terms in (1, 50, 1 << 21):
        assert np.array_equal(csr(left).product(csr(right), block_terms=block_terms).toarray(), expected)


def test_row_dots_add_in_column_order_as_scipy_row_sums_do() -> None:
    """A pair's products in column order, summed with ``np.add.reduceat`` (scipy's ``sum(axis=1)``)."""
    rng = np.random.default_rng(11)
    left = np.where(rng.random((5, 200)) < 0.6, rng.random((5, 200)), 0.0)
    right = np.where(rng.random((4, 200)) < 0.6, rng.random((4, 200)), 0.0)
    rows, cols = np.array([0, 1, 4, 4], dtype=np.int64), np.array([3, 0, 0, 2], dtype=np.int64)
    products = left[rows] * right[cols]
    expected = [np.add.reduceat(row[row != 0], [0])[0] for row in products]
    assert np.array_equal(row_dots(csr(left), csr(right), rows, cols, chunk=3), expected)


def test_row_dots_add_in_column_order_when_the_left_side_is_looked_up() -> None:
    """Sorted ``rows`` with unsorted ``cols`` look values up in the left rows: the same sums, bit for bit."""
    rng = np.random.default_rng(12)
    left = np.where(rng.random((6, 300)) < 0.5, rng.random((6, 300)), 0.0)
    right = np.where(rng.random((7, 300)) < 0.5, rng.random((7, 300)), 0.0)
    rows = np.repeat(np.arange(6, dtype=np.int64), 7)
    cols = rng.permuted(np.tile(np.arange(7, dtype=np.int64), (6, 1)), axis=1).ravel()
    products = left[rows] * right[cols]
    expected = [np.add.reduceat(row[row != 0], [0])[0] for row in products]
    for chunk in (1, 5, 100):
        assert np.array_equal(row_dots(csr(left), csr(right), rows, cols, chunk=chunk), expected)


def test_mismatched_shapes_are_refused() -> None:
    with pytest.raises(ValueError, match="cannot multiply"):
        csr(np.ones((2, 3))) @ csr(np.ones((2, 3)))


@pytest.mark.parametrize("bound", [1, 5, 1 << 16, (1 << 16) + 1, 300_000, 1 << 32, 1 << 40])
def test_stable_order_is_the_stable_argsort(bound: int) -> None:
    """Radix passes of 16 bits (and the merge sort past 32 bits) keep equal keys in input order."""
    keys = np.random.default_rng(bound).integers(0, bound, 5000)
    assert np.array_equal(stable_order(keys, bound), np.argsort(keys, kind="stable"))


def test_side_by_side_blocks_keep_empty_rows_and_block_order() -> None:
    first = csr(np.array([[0.0, 1.0], [0.0, 0.0], [2.0, 3.0]]))
    second = csr(np.array([[4.0], [0.0], [0.0]]))
    third = csr(np.array([[0.0, 0.0, 5.0], [6.0, 0.0, 0.0], [0.0, 7.0, 0.0]]))
    joined = hstack([first, second, third])
    assert_canonical(joined)
    assert joined.indptr.tolist() == [0, 3, 4, 7]
    assert joined.data.tolist() == [1.0, 4.0, 5.0, 6.0, 2.0, 3.0, 7.0]

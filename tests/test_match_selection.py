"""Each row's k largest values by partition, against a full stable sort of every row."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from bitext.match.selection import best_per_row, top_terms
from bitext.match.sparse import CsrMatrix, FloatArray

# Few distinct values, so rows hold many ties at and around the k-th value.
VALUES = st.sampled_from([0.0, 0.0, 0.0, 0.25, 0.5, 0.5, 1.0, -1.0])


def csr(matrix: FloatArray) -> CsrMatrix:
    rows, cols = np.nonzero(matrix)
    return CsrMatrix.from_coo(rows, cols, matrix[rows, cols], matrix.shape)


def sorted_best(matrix: FloatArray, k: int) -> list[tuple[int, int, float]]:
    """Every row's stored values by value, highest first, ties by column (a stable sort)."""
    best = []
    for row, values in enumerate(matrix):
        stored = [(-value, col) for col, value in enumerate(values.tolist()) if value != 0]
        best += [(row, col, -negated) for negated, col in sorted(stored)[:k]]
    return best


def draw_rows_and_k(data: st.DataObject) -> tuple[np.ndarray, int]:
    """A small matrix of :data:`VALUES` (0 to 6 rows, 0 to 70 columns) and a ``k`` from 1 to 9."""
    n, m = data.draw(st.integers(0, 6)), data.draw(st.integers(0, 70))
    dense = np.array(data.draw(st.lists(VALUES, min_size=n * m, max_size=n * m))).reshape(n, m)
    return dense, data.draw(st.integers(1, 9))


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_best_per_row_equals_a_full_sort(data: st.DataObject) -> None:
    dense, k = draw_rows_and_k(data)
    rows, cols, values = best_per_row(csr(dense), k)
    assert list(zip(rows.tolist(), cols.tolist(), values.tolist(), strict=True)) == sorted_best(dense, k)


def test_rows_of_many_lengths_are_cut_at_their_own_kth_value() -> None:
    """Rows of 1 to 300 values (several padded widths at once), real-valued, some tied."""
    rng = np.random.default_rng(3)
    dense = np.zeros((60, 300))
    for row in range(60):
        cols = rng.choice(300, size=rng.integers(1, 301), replace=False)
        dense[row, cols] = np.round(rng.random(len(cols)), 2) + 0.01
    rows, cols, values = best_per_row(csr(dense), 7)
    assert list(zip(rows.tolist(), cols.tolist(), values.tolist(), strict=True)) == sorted_best(dense, 7)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_top_terms_keeps_the_values_a_full_sort_keeps(data: st.DataObject) -> None:
    """The kept cells are exactly each row's ``k`` best by a stable sort, in canonical order."""
    dense, k = draw_rows_and_k(data)
    capped = top_terms(csr(dense), k)
    expected = np.zeros_like(dense)
    for row, col, value in sorted_best(dense, k):
        expected[row, col] = value
    np.testing.assert_array_equal(capped.toarray(), expected)
    assert capped.nnz == sum(min(k, int(np.count_nonzero(row))) for row in dense)
    for row in range(dense.shape[0]):
        start, stop = capped.indptr[row], capped.indptr[row + 1]
        assert np.all(np.diff(capped.indices[start:stop]) > 0)  # still canonical


def test_top_terms_leaves_short_rows_whole() -> None:
    dense = np.array([[0.0, 0.3, 0.0, 0.1], [0.2, 0.0, 0.0, 0.0]])
    capped = top_terms(csr(dense), 2)
    np.testing.assert_array_equal(capped.toarray(), dense)

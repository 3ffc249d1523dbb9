"""Sparse TF-IDF in one space, top-k neighbours without dense products, pair cosines."""

from __future__ import annotations

import numpy as np
import pytest

from bitext.match import vectors
from bitext.match.vectors import mutual_nearest, nearest, pair_cosines, prune, sum_rows, tfidf_pair, weigh

LEFT = [["cat", "sat", "mat"], ["dog", "ran"], []]
RIGHT = [["dog", "ran", "far"], ["cat", "mat"], ["bird"]]


def test_rows_are_unit_length_in_one_space() -> None:
    left, right = tfidf_pair(LEFT, RIGHT)
    assert left.shape[1] == right.shape[1]
    norms = np.sqrt((left.toarray() ** 2).sum(axis=1))
    assert np.allclose(norms, [1.0, 1.0, 0.0])
    product = (left @ right.T).toarray()
    assert product[0].argmax() == 1 and product[1].argmax() == 0


def test_nearest_is_sorted_padded_and_skips_unrelated_rows() -> None:
    left, right = tfidf_pair(LEFT, RIGHT)
    found = nearest(left, right, 3)
    dense = (left @ right.T).toarray()
    assert found.index[0, 0] == 1 and found.score[0, 0] == dense[0, 1]
    assert list(found.index[0, 1:]) == [-1, -1]  # shares no term with the others
    assert list(found.index[2]) == [-1, -1, -1]
    assert np.all(np.diff(found.score[1][np.isfinite(found.score[1])]) <= 0)


def test_nearest_matches_a_dense_search() -> None:
    rng = np.random.default_rng(0)
    vocabulary = [f"w{i}" for i in range(40)]
    left_tokens = [list(rng.choice(vocabulary, 6)) for _ in range(30)]
    right_tokens = [list(rng.choice(vocabulary, 6)) for _ in range(25)]
    left, right = tfidf_pair(left_tokens, right_tokens)
    found = nearest(left, right, 4)
    dense = (left @ right.T).toarray()
    for row in range(30):
        expected = np.sort(dense[row][dense[row] > 0])[::-1][:4]
        got = found.score[row][np.isfinite(found.score[row])]
        assert np.allclose(got, expected)


def test_pair_cosines_equal_the_product() -> None:
    left, right = tfidf_pair(LEFT, RIGHT)
    rows, cols = np.array([0, 1, 2, 0]), np.array([1, 0, 2, 2])
    dense = (left @ right.T).toarray()
    assert np.allclose(pair_cosines(left, right, rows, cols), dense[rows, cols])


def test_weigh_drops_frequent_terms_and_prune_drops_common_columns() -> None:
    from bitext.match.vectors import count_pair

    left_counts, right_counts = count_pair([["the", "cat"], ["the", "dog"]], [["the", "cow"]])
    left, _ = weigh(left_counts, right_counts, max_count=2)
    assert left[0].nnz == 1  # "the" is in three rows
    pruned = prune(left_counts, 1)
    assert pruned[0].nnz == 1 and pruned[1].nnz == 1


def test_sum_rows_adds_sentences_into_items() -> None:
    from bitext.match.vectors import count_pair

    counts, _ = count_pair([["a"], ["a", "b"], ["c"]], [])
    items = sum_rows(counts, np.array([0, 0, 1]), 2).toarray()
    assert items.sum(axis=1).tolist() == [3.0, 1.0]


def test_nearest_breaks_ties_by_the_lower_index() -> None:
    """Ten English rows equally close to the French one: the first three are kept, in order."""
    left, right = tfidf_pair([["a"]], [["a", f"x{i}"] for i in range(10)])
    found = nearest(left, right, 3)
    assert list(found.index[0]) == [0, 1, 2]
    assert found.score[0, 0] == found.score[0, 2] > 0


@pytest.mark.parametrize("vocabulary_size", [3, 12, 400])  # nearly full products, then sparse ones
def test_nearest_keeps_the_best_with_ties_to_the_lower_index_dense_or_sparse(vocabulary_size: int) -> None:
    rng = np.random.default_rng(vocabulary_size)
    vocabulary = [f"w{i}" for i in range(vocabulary_size)]
    left, right = tfidf_pair(
        [list(rng.choice(vocabulary, 3)) for _ in range(40)],
        [list(rng.choice(vocabulary, 3)) for _ in range(50)],
    )
    found = nearest(left, right, 5)
    dense = (left @ right.T).toarray()
    for row in range(40):
        ranked = sorted((-value, col) for col, value in enumerate(dense[row]) if value > 0)[:5]
        assert list(found.index[row][: len(ranked)]) == [col for _, col in ranked]
        assert list(found.score[row][: len(ranked)]) == [-value for value, _ in ranked]
        assert list(found.index[row][len(ranked) :]) == [-1] * (5 - len(ranked))


@pytest.mark.parametrize(("vocabulary_size", "block_rows"), [(3, 7), (12, 2048), (400, 5)])
def test_mutual_nearest_equals_two_searches_in_every_block_size(
    vocabulary_size: int, block_rows: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ties included (a vocabulary of 3 ties most pairs): one product gives both directions exactly."""
    rng = np.random.default_rng(vocabulary_size)
    vocabulary = [f"w{i}" for i in range(vocabulary_size)]
    left, right = tfidf_pair(
        [list(rng.choice(vocabulary, 3)) for _ in range(40)],
        [list(rng.choice(vocabulary, 3)) for _ in range(50)],
    )
    monkeypatch.setattr(vectors, "_BLOCK_ROWS", block_rows)
    forward, backward = mutual_nearest(left, right, 4)
    for found, expected in ((forward, nearest(left, right, 4)), (backward, nearest(right, left, 4))):
        assert np.array_equal(found.index, expected.index)
        assert np.array_equal(found.score, expected.score)


def test_mutual_nearest_of_an_empty_side_is_all_padding() -> None:
    left, right = tfidf_pair([["a"], ["b"]], [])
    forward, backward = mutual_nearest(left, right, 2)
    assert forward.index.tolist() == [[-1, -1], [-1, -1]]
    assert backward.index.shape == (0, 2)

"""Sentence counts: word pairs from word ids, and counting in chunks as counting at once."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from bitext.align.scoring import word_tokens
from bitext.match.counting import SentenceCounter, count_sentences
from bitext.match.sparse import CsrMatrix
from bitext.match.vectors import count_pair

WORDS = st.sampled_from(["le", "chat", "dort", "the", "cat", "sleeps", "Paris", "12", "mai"])
SENTENCES = st.lists(st.lists(WORDS, max_size=7).map(" ".join), max_size=6)


def same(left: CsrMatrix, right: CsrMatrix) -> None:
    assert left.shape == right.shape
    for mine, theirs in ((left.data, right.data), (left.indices, right.indices), (left.indptr, right.indptr)):
        np.testing.assert_array_equal(mine, theirs)


@settings(max_examples=100, deadline=None)
@given(SENTENCES, SENTENCES)
def test_word_pairs_are_numbered_as_a_vocabulary_of_pair_strings_numbers_them(
    french: list[str], english: list[str]
) -> None:
    counts = count_sentences([(text, text) for text in french], english, 4)

    def pairs(text: str) -> list[str]:
        return [f"{a} {b}" for a, b in itertools.pairwise(word_tokens(text))]

    expected = count_pair([pairs(text) for text in french], [pairs(text) for text in english])
    for mine, theirs in zip(counts.spaces["pairs"], expected, strict=True):
        same(mine, theirs)


@settings(max_examples=50, deadline=None)
@given(SENTENCES, SENTENCES, st.integers(1, 4))
def test_counting_in_chunks_counts_as_counting_at_once(
    french: list[str], english: list[str], chunk: int
) -> None:
    left = [(text, text.upper()) for text in french]
    counter = SentenceCounter(4)
    for start in range(0, len(left), chunk):
        counter.add_left(left[start : start + chunk])
    for start in range(0, len(english), chunk):
        counter.add_right(english[start : start + chunk])
    chunked, whole = counter.counts(), count_sentences(left, english, 4)
    assert list(chunked.spaces) == list(whole.spaces)
    for name, (mine_left, mine_right) in chunked.spaces.items():
        same(mine_left, whole.spaces[name][0])
        same(mine_right, whole.spaces[name][1])
    for mine, theirs in ((chunked.numbers, whole.numbers), (chunked.names, whole.names)):
        same(mine[0], theirs[0])
        same(mine[1], theirs[1])
    mine_arrays = (*chunked.lengths, *chunked.anchors)
    for mine_array, theirs_array in zip(mine_arrays, (*whole.lengths, *whole.anchors), strict=True):
        np.testing.assert_array_equal(mine_array, theirs_array)

"""Count what every sentence of both sides holds, in every comparison space, quickly.

Each sentence is tokenised once into words (of its translation and of its original),
word pairs, and names, numbers and dates. Character n-grams are never enumerated per
sentence: each distinct word is cut into n-grams once, and a sentence's n-gram counts
are its word counts times that word-to-n-gram matrix (one sparse product), so the
cost of the n-gram spaces grows with the vocabulary, not with the text.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from bitext.align.scoring import name_tokens, word_tokens
from bitext.collector import collector_paused
from bitext.match import tokens as tk
from bitext.match.coverage import WordSets, word_sets
from bitext.match.sparse import CsrMatrix, FloatArray, hstack
from bitext.match.vectors import count_rows

SPACES = ("words", "chars", "pairs", "original")
ANCHOR_CLASSES = ("?", "!", '"«»“”')


@dataclass(frozen=True)
class Counts:
    """Raw token counts of every sentence of both sides (left French, right English)."""

    spaces: dict[str, tuple[CsrMatrix, CsrMatrix]]
    numbers: tuple[CsrMatrix, CsrMatrix]
    names: tuple[CsrMatrix, CsrMatrix]
    lengths: tuple[FloatArray, FloatArray]
    anchors: tuple[FloatArray, FloatArray]
    word_sets: WordSets | None = None


class _Vocabulary:
    """Token → id, growing as tokens are seen."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}

    def __call__(self, tokens: Sequence[str]) -> list[int]:
        ids = self.ids
        return [ids.setdefault(token, len(ids)) for token in tokens]

    def __len__(self) -> int:
        return len(self.ids)


class _Rows:
    """Token id lists, one per text, kept flat: one machine-integer array and each text's length.

    A Python list per text would cost more than the text itself (8 bytes a reference
    plus the list); here an id costs 8 bytes and a text 8 more.
    """

    def __init__(self) -> None:
        self.ids = array("q")
        self.lengths = array("q")

    def append(self, ids: list[int]) -> None:
        self.ids.extend(ids)
        self.lengths.append(len(ids))

    def matrix(self, width: int) -> CsrMatrix:
        """The count matrix, one row per text (as :func:`~bitext.match.vectors.count_rows`)."""
        lengths = np.asarray(self.lengths, dtype=np.int64)
        rows = np.repeat(np.arange(len(lengths), dtype=np.int64), lengths)
        cols = np.asarray(self.ids, dtype=np.int64)
        return CsrMatrix.from_coo(rows, cols, np.ones(len(cols)), (len(lengths), max(width, 1)))


@dataclass
class _Side:
    translated: _Rows = field(default_factory=_Rows)
    original: _Rows = field(default_factory=_Rows)
    extra: _Rows = field(default_factory=_Rows)
    numbers: _Rows = field(default_factory=_Rows)
    names: _Rows = field(default_factory=_Rows)
    lengths: list[FloatArray] = field(default_factory=list)
    anchors: list[FloatArray] = field(default_factory=list)


class SentenceCounter:
    """Counts sentences of both sides as they come, keeping their token ids, never their text.

    A caller that reads items in chunks (a run's first pass) adds each chunk and drops
    it: what stays is a few integers per token. Ids are given in the order tokens are
    first seen, so adding all French sentences, then all English ones, counts exactly
    as :func:`count_sentences` does.

    Args:
        char_size: The character n-gram size.
    """

    def __init__(self, char_size: int) -> None:
        self.char_size = char_size
        self._vocabularies = tuple(_Vocabulary() for _ in range(4))
        self._sides = (_Side(), _Side())

    def add_left(self, pairs: Sequence[tuple[str, str]]) -> None:
        """Count French sentences given as ``(original, translation)`` pairs."""
        self._add(self._sides[0], pairs)

    def add_right(self, texts: Sequence[str]) -> None:
        """Count English sentences."""
        self._add(self._sides[1], [(text, text) for text in texts])

    def _add(self, side: _Side, texts: Sequence[tuple[str, str]]) -> None:
        with collector_paused():
            _tokenise(texts, self._vocabularies, side)
        side.lengths.append(np.array([len(text) for text, _ in texts], dtype=np.float64))
        side.anchors.append(_anchors([text for text, _ in texts]))

    def counts(self, *, coverage: bool = False) -> Counts:
        """The counts of every sentence added so far (see :func:`count_sentences`)."""
        words, extra, numbers, names = self._vocabularies
        sides = self._sides
        grams = _gram_matrix(list(words.ids), self.char_size)

        def both(field: str, width: int) -> tuple[CsrMatrix, CsrMatrix]:
            left_rows, right_rows = (getattr(side, field).matrix(width) for side in sides)
            return left_rows, right_rows

        translated = both("translated", len(words))
        original = both("original", len(words))
        extras = both("extra", len(extra))
        spaces = {
            "words": (_join(translated[0], extras[0]), _join(translated[1], extras[1])),
            "chars": (translated[0] @ grams, translated[1] @ grams),
            "pairs": _pair_rows(sides, len(words)),
            "original": (original[0] @ grams, original[1] @ grams),
        }
        empty_anchors = (0, len(ANCHOR_CLASSES))
        lengths = tuple(_concatenated(side.lengths, (0,)) for side in sides)
        anchors = tuple(_concatenated(side.anchors, empty_anchors) for side in sides)
        sets = word_sets(translated, list(words.ids)) if coverage else None
        return Counts(
            spaces,
            both("numbers", len(numbers)),
            both("names", len(names)),
            (lengths[0], lengths[1]),
            (anchors[0], anchors[1]),
            sets,
        )


def count_sentences(
    left: Sequence[tuple[str, str]], right: Sequence[str], char_size: int, *, coverage: bool = False
) -> Counts:
    """Count every space for each sentence: ``left`` as ``(original, translation)`` pairs.

    With ``coverage``, also each sentence's distinct words and stems
    (:mod:`bitext.match.coverage`; mining uses them, document matching does not).
    """
    counter = SentenceCounter(char_size)
    counter.add_left(left)
    counter.add_right(right)
    return counter.counts(coverage=coverage)


def _concatenated(parts: list[FloatArray], empty: tuple[int, ...]) -> FloatArray:
    joined: FloatArray = np.concatenate(parts) if parts else np.zeros(empty)
    return joined


def _anchors(texts: Sequence[str]) -> FloatArray:
    """Question marks, exclamation marks and quotation marks per text (the aligner's anchors)."""
    counts = np.zeros((len(texts), len(ANCHOR_CLASSES)))
    for column, marks in enumerate(ANCHOR_CLASSES):
        counts[:, column] = [sum(text.count(mark) for mark in marks) for text in texts]
    return counts


def _tokenise(texts: Sequence[tuple[str, str]], vocabularies: tuple[_Vocabulary, ...], side: _Side) -> None:
    words, extra, numbers, names = vocabularies
    for original, translated in texts:
        translated_words = word_tokens(translated)
        original_words = translated_words if translated is original else word_tokens(original)
        found_names = name_tokens(original)
        found_numbers = tk.numbers(original)
        dates = tk.dates(original_words)
        translated_ids = words(translated_words)
        side.translated.append(translated_ids)
        side.original.append(translated_ids if original_words is translated_words else words(original_words))
        side.extra.append(
            extra(
                ["n" + name for name in found_names]
                + ["d" + number for number in found_numbers]
                + ["m" + month for month in dates]
            )
        )
        side.numbers.append(numbers(found_numbers))
        side.names.append(names(found_names))


def _pair_rows(sides: tuple[_Side, _Side], words: int) -> tuple[CsrMatrix, CsrMatrix]:
    """Counts of consecutive word pairs (of the translation) in every sentence of both sides.

    Made from the word ids alone, no string per pair: a pair is the key
    ``first * words + second``, and the distinct keys are numbered in the order first
    seen (left side, then right), as a vocabulary of pair strings would number them.
    """
    keys, sizes = [], []
    for side in sides:
        ids = np.asarray(side.translated.ids, dtype=np.int64)
        lengths = np.asarray(side.translated.lengths, dtype=np.int64)
        starts_pair = np.ones(len(ids), dtype=bool)
        starts_pair[np.cumsum(lengths)[lengths > 0] - 1] = False  # a sentence's last word
        first = np.flatnonzero(starts_pair)
        keys.append(ids[first] * words + ids[first + 1])
        sizes.append(np.maximum(lengths - 1, 0))
    distinct, first_seen, inverse = np.unique(np.concatenate(keys), return_index=True, return_inverse=True)
    number = np.empty(len(distinct), dtype=np.int64)
    number[np.argsort(first_seen, kind="stable")] = np.arange(len(distinct), dtype=np.int64)
    columns = number[inverse.ravel()]
    split = len(keys[0])
    left, right = (
        CsrMatrix.from_coo(
            np.repeat(np.arange(len(size), dtype=np.int64), size),
            part,
            np.ones(len(part)),
            (len(size), max(len(distinct), 1)),
        )
        for part, size in ((columns[:split], sizes[0]), (columns[split:], sizes[1]))
    )
    return left, right


def _gram_matrix(vocabulary: list[str], size: int) -> CsrMatrix:
    """Word → character ``size``-gram counts (words padded with a space at both ends).

    Without words, one empty row: word counts are at least one column wide.
    """
    grams = _Vocabulary()
    ids = [grams(tk.word_ngrams(word, size)) for word in vocabulary] or [[]]
    return count_rows(ids, len(grams))


def _join(left: CsrMatrix, right: CsrMatrix) -> CsrMatrix:
    return hstack((left, right))

"""Count what every sentence of both sides holds, in every comparison space, quickly.

Each sentence is tokenised once into words (of its translation and of its original),
word pairs, and names, numbers and dates. Character n-grams are never enumerated per
sentence: each distinct word is cut into n-grams once, and a sentence's n-gram counts
are its word counts times that word-to-n-gram matrix (one sparse product), so the
cost of the n-gram spaces grows with the vocabulary, not with the text.
"""

from __future__ import annotations

import gc
import itertools
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np

from bitext.align.scoring import name_tokens, word_tokens
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


@dataclass
class _Side:
    translated: list[list[int]]
    original: list[list[int]]
    extra: list[list[int]]
    pairs: list[list[int]]
    numbers: list[list[int]]
    names: list[list[int]]


def count_sentences(
    left: Sequence[tuple[str, str]], right: Sequence[str], char_size: int, *, coverage: bool = False
) -> Counts:
    """Count every space for each sentence: ``left`` as ``(original, translation)`` pairs.

    With ``coverage``, also each sentence's distinct words and stems
    (:mod:`bitext.match.coverage`; mining uses them, document matching does not).
    """
    words, extra, pairs, numbers, names = (_Vocabulary() for _ in range(5))
    vocabularies = (words, extra, pairs, numbers, names)
    with _collector_paused():
        sides = (
            _tokenise(left, vocabularies),
            _tokenise([(text, text) for text in right], vocabularies),
        )
    grams = _gram_matrix(list(words.ids), char_size)

    def both(field: str, width: int) -> tuple[CsrMatrix, CsrMatrix]:
        left_rows, right_rows = (count_rows(getattr(side, field), width) for side in sides)
        return left_rows, right_rows

    translated = both("translated", len(words))
    original = both("original", len(words))
    extras = both("extra", len(extra))
    spaces = {
        "words": (_join(translated[0], extras[0]), _join(translated[1], extras[1])),
        "chars": (translated[0] @ grams, translated[1] @ grams),
        "pairs": both("pairs", len(pairs)),
        "original": (original[0] @ grams, original[1] @ grams),
    }
    lengths = (
        np.array([len(text) for text, _ in left], dtype=np.float64),
        np.array([len(text) for text in right], dtype=np.float64),
    )
    anchors = (_anchors([text for text, _ in left]), _anchors(right))
    sets = word_sets(translated, list(words.ids)) if coverage else None
    return Counts(spaces, both("numbers", len(numbers)), both("names", len(names)), lengths, anchors, sets)


def _anchors(texts: Sequence[str]) -> FloatArray:
    """Question marks, exclamation marks and quotation marks per text (the aligner's anchors)."""
    counts = np.zeros((len(texts), len(ANCHOR_CLASSES)))
    for column, marks in enumerate(ANCHOR_CLASSES):
        counts[:, column] = [sum(text.count(mark) for mark in marks) for text in texts]
    return counts


def _tokenise(texts: Sequence[tuple[str, str]], vocabularies: tuple[_Vocabulary, ...]) -> _Side:
    words, extra, pairs, numbers, names = vocabularies
    side = _Side([], [], [], [], [], [])
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
        side.pairs.append(pairs([f"{a} {b}" for a, b in itertools.pairwise(translated_words)]))
        side.numbers.append(numbers(found_numbers))
        side.names.append(names(found_names))
    return side


def _gram_matrix(vocabulary: list[str], size: int) -> CsrMatrix:
    """Word → character ``size``-gram counts (words padded with a space at both ends)."""
    grams = _Vocabulary()
    ids = [grams(tk.word_ngrams(word, size)) for word in vocabulary]
    return count_rows(ids, len(grams))


def _join(left: CsrMatrix, right: CsrMatrix) -> CsrMatrix:
    return hstack((left, right))


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while millions of token lists are made.

    None of them is in a reference cycle, but the collector's passes over the growing
    live set made tokenising 10,000 items more than ten times slower than 1,000.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()

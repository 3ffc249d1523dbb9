"""Items of both sides counted as they arrive, so matching need not hold their text.

A run's first pass reads its items in chunks; each chunk is counted
(:class:`~bitext.match.counting.SentenceCounter`: token ids in flat integer arrays) and
dropped. What stays per item is its id and sentence count, and per token a few
integers: less than the text, with no Python object per sentence or token. Matching
then needs the text of only a handful of items, those the aligner arbitrates between
(:mod:`bitext.match.linking`), which the caller reads again.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence

import numpy as np

from bitext.errors import InputError
from bitext.match.counting import SentenceCounter
from bitext.match.sparse import IntArray
from bitext.models import MatchText


class ItemCounter:
    """French and English items counted sentence by sentence, in the order added.

    Adding every French item, then every English one, counts exactly as counting them
    all at once; interleaved chunks number the vocabulary in another order, which can
    change a cosine in its last bit, never a count.

    Args:
        char_size: The character n-gram size.
    """

    def __init__(self, char_size: int) -> None:
        self.sentences = SentenceCounter(char_size)
        self.french: list[str] = []
        self.english: list[str] = []
        self._sizes = (array("q"), array("q"))

    def add_french(self, items: Sequence[MatchText]) -> None:
        """Count French items (each needs its machine translation, 1:1 with its sentences).

        Raises:
            InputError: An item without its translation.
        """
        pairs = [
            (text, mt) for item in items for text, mt in zip(item.sentences, translation(item), strict=True)
        ]
        self.sentences.add_left(pairs)
        self.french += [item.id for item in items]
        self._sizes[0].extend(len(item.sentences) for item in items)

    def add_english(self, items: Sequence[MatchText]) -> None:
        """Count English items."""
        self.sentences.add_right([text for item in items for text in item.sentences])
        self.english += [item.id for item in items]
        self._sizes[1].extend(len(item.sentences) for item in items)

    def units(self, side: int) -> IntArray:
        """The item of every sentence of ``side`` (0 French, 1 English)."""
        sizes = np.asarray(self._sizes[side], dtype=np.int64)
        return np.repeat(np.arange(len(sizes), dtype=np.int64), sizes)

    def starts(self, side: int) -> IntArray:
        """The first sentence of every item of ``side``, plus the total at the end."""
        sizes = np.asarray(self._sizes[side], dtype=np.int64)
        return np.concatenate(([0], np.cumsum(sizes))).astype(np.int64)


def translation(item: MatchText) -> tuple[str, ...]:
    """The item's machine translation, checked to be 1:1 with its sentences."""
    if item.translation is None or len(item.translation) != len(item.sentences):
        raise InputError(
            f"item {item.id}: a French item needs its machine translation, 1:1 with its sentences"
        )
    return item.translation

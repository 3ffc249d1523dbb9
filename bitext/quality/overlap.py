"""Character n-grams French and English share, counted for one pair or a whole batch.

chrF's clipped counts (Popović 2015) with the French standing in for the reference:
for each order n, how many of the English n-grams the French has (each counted at most
as often as the French has it), and how many n-grams each side has. Spaces are ignored.

Counting was the estimate's largest cost (about half of it, in Python strings), so a
batch is counted at once with numpy: every n-gram becomes one integer (the pair's
number, then each character's rank in the batch's alphabet), and the clipped counts
are sums over the integers both sides share. Both ways give the same counts
(``tests/test_quality_values.py``, ``tests/test_quality.py``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

Matches = list[tuple[int, int, int]]
"""Per order n = 1, 2, …: (matched n-grams, English n-grams, French n-grams)."""
_KEY_BITS = 63
SLICE_PAIRS = 1024
"""Pairs counted together at most: numpy's working arrays stay a few megabytes."""


def ngram_matches(source: str, target: str, order: int) -> Matches:
    """The clipped n-gram counts of one pair (orders 1 to ``order``)."""
    source, target = "".join(source.split()), "".join(target.split())
    matches = []
    for n in range(1, order + 1):
        source_grams = Counter([source[i : i + n] for i in range(len(source) - n + 1)])
        target_grams = Counter([target[i : i + n] for i in range(len(target) - n + 1)])
        shared = source_grams.keys() & target_grams.keys()
        matched = sum(min(source_grams[gram], target_grams[gram]) for gram in shared)
        matches.append((matched, max(0, len(target) - n + 1), max(0, len(source) - n + 1)))
    return matches


def batch_ngram_matches(pairs: Sequence[tuple[str, str]], order: int) -> list[Matches]:
    """:func:`ngram_matches` of every pair, counted together.

    Pairs are counted :data:`SLICE_PAIRS` at a time. A slice whose n-grams do not fit
    63-bit integers (a very large alphabet) is split in two until they do; a single pair
    that still does not fit is counted by :func:`ngram_matches`.
    """
    if len(pairs) > SLICE_PAIRS:
        return [
            counts
            for first in range(0, len(pairs), SLICE_PAIRS)
            for counts in batch_ngram_matches(pairs[first : first + SLICE_PAIRS], order)
        ]
    if not pairs:
        return []
    sources = ["".join(source.split()) for source, _ in pairs]
    targets = ["".join(target.split()) for _, target in pairs]
    alphabet = set().union(*sources, *targets)
    char_bits = len(alphabet).bit_length()
    if char_bits * order + (len(pairs) - 1).bit_length() > _KEY_BITS:
        if len(pairs) == 1:
            return [ngram_matches(*pairs[0], order)]
        half = len(pairs) // 2
        return batch_ngram_matches(pairs[:half], order) + batch_ngram_matches(pairs[half:], order)
    import numpy as np

    code_points = np.array(sorted(map(ord, alphabet)), dtype=np.int64)  # a character's rank: its place here
    source_side = _Side(sources, code_points)
    target_side = _Side(targets, code_points)
    shift = char_bits * order
    counted = []
    for n in range(1, order + 1):
        source_keys, source_counts = source_side.grams(n, char_bits, shift)
        target_keys, target_counts = target_side.grams(n, char_bits, shift)
        in_source, in_target = _shared(source_keys, target_keys)
        clipped = np.minimum(source_counts[in_source], target_counts[in_target])
        per_pair = np.bincount(source_keys[in_source] >> shift, weights=clipped, minlength=len(pairs))
        counted.append(per_pair.astype(np.int64).tolist())
    return [
        [
            (
                counted[n - 1][index],
                target_length - n + 1 if target_length >= n else 0,
                source_length - n + 1 if source_length >= n else 0,
            )
            for n in range(1, order + 1)
        ]
        for index, (source_length, target_length) in enumerate(
            zip(map(len, sources), map(len, targets), strict=True)
        )
    ]


def _shared(
    source_keys: NDArray[np.int64], target_keys: NDArray[np.int64]
) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """The positions, in each of two sorted arrays of distinct keys, of the keys both hold.

    What ``np.intersect1d(..., return_indices=True)`` gives, found by binary search
    instead of sorting the two arrays together again.
    """
    import numpy as np

    places = np.searchsorted(target_keys, source_keys)
    inside = places < len(target_keys)
    found = np.zeros(len(source_keys), dtype=bool)
    found[inside] = target_keys[places[inside]] == source_keys[inside]
    return np.flatnonzero(found), places[found]


class _Side:
    """One side of a batch (all French or all English texts) as character ranks, to key n-grams."""

    def __init__(self, texts: list[str], code_points: NDArray[np.int64]) -> None:
        import numpy as np

        lengths = np.array([len(text) for text in texts], dtype=np.int64)
        characters = np.frombuffer("".join(texts).encode("utf-32-le", "surrogatepass"), dtype="<u4")
        self.ranks = np.searchsorted(code_points, characters).astype(np.int64)
        self.owner = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)
        # Characters from each position to the end of its text: an n-gram needs n of them.
        self.room = np.repeat(np.cumsum(lengths), lengths) - np.arange(len(self.ranks), dtype=np.int64)
        self.keys = self.ranks.copy()

    def grams(self, n: int, char_bits: int, shift: int) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """The distinct keys of the side's n-grams (pair number above ``shift``) and their counts.

        Called with n = 1, 2, … in turn: each call extends the keys by one character.
        """
        import numpy as np

        if n > 1:
            self.keys = (self.keys[:-1] << char_bits) | self.ranks[n - 1 :]
        whole = self.room[: len(self.keys)] >= n
        keyed = (self.owner[: len(self.keys)][whole] << shift) | self.keys[whole]
        keys, counts = np.unique(keyed, return_counts=True)
        return keys, counts

"""Drop repeated sentence pairs from a whole corpus as it streams past, and count them.

A pair is an *exact* duplicate of one already kept when both its texts are identical
up to whitespace, and a *near* duplicate when they become identical once case,
accents, punctuation and digits are normalised away ("Le 5 mai, 300 personnes…" and
"le 6 mai : 250 personnes…"). Each kept pair leaves two 16-byte fingerprints (BLAKE2b
of the whitespace-collapsed and of the normalised pair), never its text, so a run of
any size streams through :meth:`Deduplicator.unique` in little memory.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from typing import Literal, TypeVar

from bitext.models import DedupCounts

Verdict = Literal["new", "exact", "near"]
T = TypeVar("T")
_SPACES = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")
_NON_WORD = re.compile(r"[\W_]+")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def normalise_text(text: str) -> str:
    """Case-folded, accent-free text with every number as ``0`` and no punctuation."""
    letters = _COMBINING.sub("", unicodedata.normalize("NFKD", text.casefold()))
    return " ".join(_NON_WORD.sub(" ", _DIGITS.sub("0", letters)).split())


def fingerprint(*texts: str) -> bytes:
    """A 16-byte fingerprint of ``texts`` taken together (tab-joined, UTF-8, BLAKE2b)."""
    return hashlib.blake2b("\t".join(texts).encode("utf-8"), digest_size=16).digest()


class Deduplicator:
    """Remembers the pairs it kept and judges each new one: ``new``, ``exact`` or ``near``.

    Args:
        near: Also drop near duplicates; ``False`` drops exact duplicates only.
    """

    def __init__(self, *, near: bool = True) -> None:
        self.near = near
        self._exact: set[bytes] = set()
        self._normalised: set[bytes] = set()
        self._seen = self._kept = self._exact_count = self._near_count = 0

    def check(self, source: str, target: str) -> Verdict:
        """Judge one pair and remember it when it is new."""
        self._seen += 1
        exact = fingerprint(_collapse(source), _collapse(target))
        if exact in self._exact:
            self._exact_count += 1
            return "exact"
        normalised = fingerprint(normalise_text(source), normalise_text(target))
        if self.near and normalised in self._normalised:
            self._near_count += 1
            return "near"
        self._exact.add(exact)
        self._normalised.add(normalised)
        self._kept += 1
        return "new"

    def unique(self, items: Iterable[T], texts: Callable[[T], tuple[str, str]]) -> Iterator[T]:
        """Yield the items whose ``(source, target)`` texts are new, in order, lazily."""
        for item in items:
            if self.check(*texts(item)) == "new":
                yield item

    @property
    def counts(self) -> DedupCounts:
        """Pairs seen, kept, and dropped as exact or near duplicates so far."""
        return DedupCounts(seen=self._seen, kept=self._kept, exact=self._exact_count, near=self._near_count)


def _collapse(text: str) -> str:
    return _SPACES.sub(" ", text).strip()

"""Corpus deduplication: exact and near-duplicate pairs, counts, streaming."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bitext.match import Deduplicator, normalise_text
from bitext.models import DedupCounts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le 5 mai, 300 personnes ont défilé.", "le 0 mai 0 personnes ont defile"),
        ("LE  5 MAI : 2 500 personnes ont défilé !", "le 0 mai 0 0 personnes ont defile"),
        ("L’État — « vraiment » ?", "l etat vraiment"),
        ("  \t ", ""),
    ],
)
def test_normalise_text(text: str, expected: str) -> None:
    assert normalise_text(text) == expected


def test_exact_and_near_duplicates_are_told_apart_and_counted() -> None:
    dedup = Deduplicator()
    verdicts = [
        dedup.check("Le ministre est arrivé.", "The minister arrived."),
        dedup.check("Le ministre  est arrivé.", "The minister arrived. "),  # whitespace only
        dedup.check("le ministre est arrivé !", "The Minister arrived"),  # case and punctuation
        dedup.check("Le 6 mai, le ministre est arrivé.", "On 6 May the minister arrived."),
        dedup.check("Le 7 mai, le ministre est arrivé.", "On 7 May the minister arrived."),  # digits
        dedup.check("Le ministre est reparti.", "The minister left."),
    ]
    assert verdicts == ["new", "exact", "near", "new", "near", "new"]
    assert dedup.counts == DedupCounts(seen=6, kept=3, exact=1, near=2)


def test_same_english_with_different_french_is_kept() -> None:
    """A pair is a duplicate only when both sides repeat."""
    dedup = Deduplicator()
    assert dedup.check("Il pleut.", "It is raining.") == "new"
    assert dedup.check("Il pleut fort.", "It is raining.") == "new"


def test_near_off_keeps_normalised_duplicates() -> None:
    dedup = Deduplicator(near=False)
    assert dedup.check("Bonjour.", "Hello.") == "new"
    assert dedup.check("bonjour", "hello") == "new"
    assert dedup.check("Bonjour.", "Hello.") == "exact"
    assert dedup.counts.near == 0


def test_unique_streams_lazily() -> None:
    consumed: list[int] = []

    def pairs() -> Iterator[tuple[str, str]]:
        for i, pair in enumerate([("a", "b"), ("a", "b"), ("c", "d"), ("A!", "B?")]):
            consumed.append(i)
            yield pair

    dedup = Deduplicator()
    stream = dedup.unique(pairs(), lambda pair: pair)
    assert next(stream) == ("a", "b")
    assert consumed == [0]
    assert list(stream) == [("c", "d")]
    assert dedup.counts == DedupCounts(seen=4, kept=2, exact=1, near=1)

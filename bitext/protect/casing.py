"""Headline casing: an all-capitals French sentence gives an all-capitals English one.

Engines case each word on its own: Apertium writes the sentence-initial article in
title case and recases words it reorders, so "LES PRIX DE L'ÉNERGIE" came out "The
PRIZES OF The ENERGY". A headline set in capitals reads right only when its English is
in capitals too, which is also how English news sets the same headline.
"""

from __future__ import annotations

MIN_LETTERS = 4
"""Shorter all-capitals text ("UE", "ONU.") is an acronym, not a headline: left to the engine."""


def is_headline(text: str) -> bool:
    """Whether ``text`` has at least :data:`MIN_LETTERS` letters and none in lower case."""
    letters = 0
    for char in text:  # most sentences stop at their second letter
        if char.isalpha():
            if char.islower():
                return False
            letters += 1
    return letters >= MIN_LETTERS


def headline_case(source: str, target: str) -> str:
    """``target`` in capitals when ``source`` is an all-capitals headline, else unchanged."""
    return target.upper() if is_headline(source) else target

"""Location or direction: "à/au/aux + place" as English writes it ("in Geneva", "to Geneva").

French marks both with "à"; English says "in" for where something is or happens and "to"
for where something goes. The engines cannot tell once the place is protected: Apertium's
own transfer rules pick Spanish "en" for a place it knows, but a masked place is an unknown
token to it and the preposition always comes out "to". So a place after "à", "au" or "aux"
is widened to take the preposition and rendered "in …", unless the clause before it says
direction: a verb or noun of motion, sending or selling ("est allé à", "livrés à", "son
voyage à"), a fixed phrase ("grâce à", "jusqu'à"), or a route ("de Paris à Lyon"). The
words are data (``data/locative.yaml``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from bitext.models import ProtectedSpan
from bitext.names.gazetteer import fold_key, load_data
from bitext.names.words import protected, words

WINDOW = 8  # words of the clause looked at before the preposition
_PREPOSITION = re.compile(r"(?:(?<![\w'’-])(?:à|À|au|Au|aux|Aux)|^\s*A)[ \u00a0]+$")
_CLAUSE_END = re.compile(r"[,;:()!?]|\.\s")  # not quotes: they wrap words ("très vite") as often as clauses
_ROUTE = re.compile(r"(?<![\w'’])(?:de|du|des|depuis|d['’])\s*$", re.IGNORECASE)


@cache
def _direction_words() -> tuple[frozenset[str], frozenset[str]]:
    """(words that make the clause a direction, words that govern the "à" right after them)."""
    data = load_data("locative.yaml")
    forms = [*data["forms"], *data["nouns"]]
    for stems, endings in (("er_stems", "er_endings"), ("re_stems", "re_endings")):
        forms += [stem + ending for stem in data[stems] for ending in data[endings]]
    governors = frozenset(fold_key(word) for word in data["governors"])
    return frozenset(fold_key(form) for form in forms), governors


def locative_places(text: str, spans: Sequence[ProtectedSpan]) -> list[ProtectedSpan]:
    """``spans`` with each place after a preposition of location taking it: "à Genève" → "in Geneva".

    Args:
        text: The French sentence.
        spans: Its names, places and titles (:func:`bitext.names.find_names`), in text order.

    Returns:
        The same spans, places after a static "à/au/aux" widened to start at the
        preposition and rendered "in …" (masked: the engine cannot get the preposition wrong).
    """
    places = [span for span in spans if span.kind == "place"]
    return [_widened(text, span, places) if span.kind == "place" else span for span in spans]


def _widened(text: str, span: ProtectedSpan, places: list[ProtectedSpan]) -> ProtectedSpan:
    before = text[: span.start]
    preposition = _PREPOSITION.search(before)
    if preposition is None:
        return span
    start = preposition.start() + len(preposition.group()) - len(preposition.group().lstrip())
    if _direction(text, start, places):
        return span
    rendering = f"{'IN' if span.source.isupper() else 'in'} {span.rendering}"  # "À HANOÏ": "IN HANOI"
    source = text[start : span.end]
    wrong = dict.fromkeys(
        [
            source,
            *(f"{word} {form}" for form in (span.rendering, *span.variants) for word in ("to", "at", "in")),
        ]
    )  # what an engine that is not masked may write instead: the French left as it was, "to …"
    return protected(
        start,
        span.end,
        source,
        rendering,
        "place",
        variants=tuple(variant for variant in wrong if variant != rendering),
        label=span.label,
    )


def _direction(text: str, preposition: int, places: list[ProtectedSpan]) -> bool:
    """Whether the clause before the preposition at ``preposition`` makes it a direction."""
    ends = [found.end() for found in _CLAUSE_END.finditer(text, 0, preposition)]
    clause_start = ends[-1] if ends else 0
    before = words(text[clause_start:preposition])[-WINDOW:]
    if not before:
        return False
    motion, governors = _direction_words()
    if before[-1].fold in governors or any(word.fold in motion for word in before):
        return True
    return any(
        clause_start <= place.start and place.end <= preposition and _ROUTE.search(text, 0, place.start)
        for place in places
    )

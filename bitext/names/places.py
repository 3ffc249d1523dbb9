"""Places in a French sentence: the longest gazetteer name at each word, and when a
capitalised city name is a place at all ("Paris" is; "Adam" in "Patricia Adam" is not)."""

from __future__ import annotations

import re

from bitext.models import ProtectedSpan
from bitext.names.gazetteer import Gazetteer, Place, case_agrees, fold_key, gazetteer
from bitext.names.lexicon import common
from bitext.names.words import Word, opens_sentence, protected, surnames

_MAX_PLACE_WORDS = 8
_FUNCTION_WORDS = frozenset({"de", "du", "des", "d'", "d’", "la", "le", "les", "l'", "l’", "en", "au",
                             "aux", "à", "et", "ou", "par", "pour", "avec", "sur", "dans", "vers", "contre",
                             "entre"})  # fmt: skip
_ARTICLE_BEFORE = re.compile(r"(?<![\w'’])(?:[Ll]es?|[Ll]a|[Ll]['’])\s*$")


def place_heads(tokens: list[Word]) -> list[int]:
    """Lower-case words that start a known place name ("baie", "delta", "région")."""
    places = gazetteer()
    return [
        index
        for index, token in enumerate(tokens)
        if not token.capitalised and token.text[0] in places.head_letters and token.fold in places.lower_heads
    ]


def place_candidates(text: str, tokens: list[Word], starts: list[int]) -> dict[int, list[tuple[int, Place]]]:
    """The gazetteer places that can start at each of ``starts`` (word indices, in order),
    longest first, whatever is taken: :func:`find_places` takes the first whose words are free.
    """
    places = gazetteer()
    found: dict[int, list[tuple[int, Place]]] = {}
    for index in starts:
        candidates = _places_at(text, tokens, index, places)
        if candidates:
            found[index] = candidates
    return found


def find_places(
    text: str,
    tokens: list[Word],
    taken: list[bool],
    candidates: dict[int, list[tuple[int, Place]]],
    *,
    several_words: bool,
) -> list[ProtectedSpan]:
    """Gazetteer places: names of several words first (before Vietnamese names), then single words."""
    spans = []
    for index, places in candidates.items():
        if taken[index]:
            continue
        found = next(((stop, place) for stop, place in places if not any(taken[index:stop])), None)
        if found is None or (found[0] - index > 1) != several_words:
            continue
        stop, place = found
        begin, end = tokens[index].start, tokens[stop - 1].end
        if not tokens[index].capitalised:  # "la baie d'Along": the article goes with the name
            article = _ARTICLE_BEFORE.search(text, 0, begin)
            begin = article.start() if article else begin
        for position in range(index, stop):
            taken[position] = True
        spans.append(_placeprotected(text, begin, end, place))
    return spans


def _places_at(text: str, tokens: list[Word], index: int, places: Gazetteer) -> list[tuple[int, Place]]:
    """Every known place starting at word ``index`` that its case and neighbours allow, longest first."""
    token = tokens[index]
    first = token.fold.partition(" ")[0]
    longest = min(places.first_words.get(first, 1), _MAX_PLACE_WORDS, len(tokens) - index)
    found: list[tuple[int, Place]] = []
    for stop in range(index + longest, index, -1):
        key = token.fold if stop == index + 1 else " ".join(t.fold for t in tokens[index:stop])
        place = places.get(key.replace("' ", "'") if "' " in key else key)
        if place is None:
            continue
        written = text[token.start : tokens[stop - 1].end]
        if not case_agrees(place.form or written, written):
            continue
        if _part_of_name(tokens, index, stop, place) or _after_surname(tokens, index):
            continue
        if stop - index == 1 and not _single_word_place(tokens, index, place):
            continue
        found.append((stop, place))
    return found


def _after_surname(tokens: list[Word], index: int) -> bool:
    """A place right after a Vietnamese surname is a given name ("Trương Hòa Bình")."""
    if index == 0:
        return False
    before = tokens[index - 1]
    return (
        before.capitalised
        and tokens[index].start - before.end <= 1
        and before.fold in surnames()
        and not opens_sentence(before)
    )


def _part_of_name(tokens: list[Word], index: int, stop: int, place: Place) -> bool:
    """A city from GeoNames inside a run of capitalised words is part of a name ("Patricia
    Adam"); any other one-word place is when a capitalised word follows ("Washington Post",
    "Maurice Taylor"), but not a country after a preposition or article ("du Japon Shinzo
    Abe"), nor a place after a name ("CSKA Moscou" is CSKA Moscow)."""
    if place.origin == "GeoNames":
        return _inside_name(tokens, index, stop)
    if stop - index > 1 or place.country == "VN" or stop == len(tokens) or tokens[index].text.isupper():
        return False  # in capitals ("À LONDRES À UN DÉFILÉ") every neighbour is capitalised
    if place.soft and index and tokens[index - 1].text.lower() in _FUNCTION_WORDS:
        return False
    after = tokens[stop]
    return after.capitalised and after.start - tokens[stop - 1].end <= 1


def _inside_name(tokens: list[Word], index: int, stop: int) -> bool:
    """A GeoNames city right after or before another capitalised word is part of a name
    ("Patricia Adam", "Phạm Bình Minh"), not a place."""
    before = tokens[index - 1] if index else None
    after = tokens[stop] if stop < len(tokens) else None
    if (
        before is not None
        and before.capitalised
        and not opens_sentence(before)
        and tokens[index].start - before.end <= 1
    ):
        return True
    return after is not None and after.capitalised and after.start - tokens[stop - 1].end <= 1


def _single_word_place(tokens: list[Word], index: int, place: Place) -> bool:
    """A one-word city from GeoNames is no common word ("Police", "Union") unless it is a
    large city ("Paris")."""
    if place.origin != "GeoNames":
        return True
    return place.population >= 1_000_000 or not common(tokens[index].bare.lower())


def _english(source: str, place: Place) -> str:
    """The place's English. Where the text spells the same name with fewer diacritics, the
    text's spelling: GeoNames and CLDR add the local ones English news leaves out ("Bogota",
    not "Bogotá"; "Zurich", not "Zürich"), while French adds its own ("Israël" → "Israel")."""
    english = place.english.upper() if source.isupper() and len(source) > 1 else place.english
    if fold_key(english) == fold_key(source) and _marks(source) < _marks(english):
        return source
    return english


def _marks(text: str) -> int:
    return sum(not char.isascii() for char in text)


def _placeprotected(text: str, begin: int, end: int, place: Place) -> ProtectedSpan:
    source = text[begin:end]
    english = _english(source, place)
    variants: tuple[str, ...] = ()
    if place.soft and place.takes_article and not source.isupper():  # "the Netherlands", not "Netherlands"
        english, variants = f"the {english}", (english, source, *place.wrong)
    elif place.soft:
        article = f"the {english}" if place.kind == "country" else ""
        variants = tuple(v for v in (source, article, *place.wrong) if v and v != english)
    return protected(
        begin,
        end,
        source,
        english,
        "place",
        masked=not place.soft,
        variants=variants,
        label=place.country or "",
    )

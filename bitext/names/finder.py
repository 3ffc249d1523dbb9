"""Find proper names in French sentences: people, places, acronyms, civil titles.

One pass over the sentence's words, in this order (a word taken stays taken):

1. civil titles before a capitalised word ("M.", "Mme"): rendered "Mr", "Ms" (not an
   initial after a first name: "Dennis M. Walcott");
2. places from the gazetteer, longest first (Hô Chi Minh-Ville, baie d'Along, Long An;
   :mod:`bitext.names.places`);
3. Vietnamese personal names: a surname from ``data/vietnam.yaml`` followed by one to
   three Vietnamese syllables, with or without diacritics (Nguyen Van Binh, Trần Văn Thuấn);
4. runs of capitalised words: kept when something marks them as a name, by what word
   frequencies say (:mod:`bitext.names.lexicon`): after a title word ("le général
   Giap"), two or more capitalised words one of which is not a common word ("Pierre
   Petit"), a single one that is neither a French word nor a word French and English
   share ("Blanc", not "Assemblée" or "Union"), at a sentence start only a word neither
   language knows ("Darrieussecq a dit"). Shapes French gives only to names count too:
   a capital after a hyphen ("Hôtel-Dieu"), "al-"/"el-" before a capital ("al-Assad"), a
   lone letter ("classe A"), a capitalised article inside the sentence ("par La Presse
   Canadienne", "Le Monde"). All-caps headlines keep only steps 1-3.

Names are kept verbatim; places take their English name.
"""

from __future__ import annotations

import re

from bitext.models import ProtectedSpan
from bitext.names.gazetteer import fold_key, gazetteer
from bitext.names.lexicon import common, foreign_acronym, french_common, rare
from bitext.names.places import find_places, place_candidates, place_heads
from bitext.names.words import Word, civil_titles, opens_sentence, protected, surnames, title_cues, words

_PARTICLES = frozenset({"de", "du", "des", "d'", "d’", "la", "le", "van", "von", "der", "den", "di", "da",
                        "dos", "del", "bin", "ben", "al", "el", "ibn", "y"})  # fmt: skip
_ARTICLES = frozenset({"Le", "La", "Les", "L'", "L’"})
_HYPHEN = re.compile(r"[-\u2010\u2011]")
_VIETNAMESE_SYLLABLE = re.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
    r"[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?$"
)


def is_name_token(token: str) -> bool:
    """Whether a capitalised token reads as a name, brand or index (for the cleaner's guard).

    True for a known place, a Vietnamese name syllable after a surname, an inner-capital
    token ("ValueMax", "EuroFirst"), and a capitalised word that is not a common French
    or shared word ("Voiselle").
    """
    if not token[:1].isupper():
        return False
    if any(char.isupper() for char in token[1:]) and not token.isupper():
        return True
    key = fold_key(token)
    return gazetteer().get(key) is not None or key in surnames() or not common(token.lower())


def find_names(text: str) -> list[ProtectedSpan]:
    """Proper names, places and civil titles of one French sentence, in text order.

    Args:
        text: A French sentence.

    Returns:
        Non-overlapping spans: ``title`` (rendered "Mr"/"Ms"...), ``place`` (English
        name; countries are checked after translation, not masked) and ``name`` (verbatim).
    """
    tokens = words(text)
    # Every step starts at a capitalised word (or a lower-case place head, a digit with
    # a capital): the others are only looked at as neighbours.
    capitals = [index for index, token in enumerate(tokens) if token.capitalised]
    heads = place_heads(tokens)
    if not capitals and not heads and not _digit_capitals(tokens):
        return []
    headline = len(capitals) >= 3 and _is_headline(tokens)
    taken = [False] * len(tokens)
    places = place_candidates(text, tokens, sorted(capitals + heads) if heads else capitals)
    spans: list[ProtectedSpan] = []
    spans += _titles(tokens, capitals, taken)
    spans += find_places(text, tokens, taken, places, several_words=True)
    spans += _vietnamese_names(text, tokens, capitals, taken)
    spans += find_places(text, tokens, taken, places, several_words=False)
    if not headline:
        spans += _capitalised_runs(text, tokens, capitals, taken)
    return sorted(spans, key=lambda span: span.start)


def _digit_capitals(tokens: list[Word]) -> list[int]:
    """Words that start with a digit and hold a capital ("4G", "2CV"): they join name runs."""
    return [i for i, token in enumerate(tokens) if token.text[0].isdigit() and _has_letter_upper(token)]


def _is_headline(tokens: list[Word]) -> bool:
    letters = [t for t in tokens if t.text[0].isalpha()]
    caps = sum(1 for t in letters if t.text.isupper() and len(t.text) > 1)
    return caps >= 3 and caps >= 0.6 * len(letters)


def _titles(tokens: list[Word], capitals: list[int], taken: list[bool]) -> list[ProtectedSpan]:
    """Civil titles ("M.", "Mme": all capitalised) before a capitalised word."""
    titles = civil_titles()
    spans = []
    for index in capitals:
        token = tokens[index]
        english = titles.get(token.text)
        if not english or index + 1 == len(tokens):
            continue
        following = tokens[index + 1]
        if _after_first_name(tokens, index):  # "Dennis M. Walcott": an initial, not "Mr"
            continue
        if (following.capitalised and not following.text.isupper()) or (
            token.text.isupper() and following.text.isupper() and len(token.text) > 1
        ):
            taken[index] = True
            spans.append(protected(token.start, token.end, token.text, english, "title"))
    return spans


def _after_first_name(tokens: list[Word], index: int) -> bool:
    before = tokens[index - 1] if index else None
    return (
        before is not None
        and before.capitalised
        and not before.initial
        and not before.text.isupper()  # "A DÉCLARÉ M. COLE": a headline, not a first name
        and tokens[index].start - before.end <= 1
        and before.text not in civil_titles()
    )


def _vietnamese_names(
    text: str, tokens: list[Word], capitals: list[int], taken: list[bool]
) -> list[ProtectedSpan]:
    spans = []
    known = surnames()
    for index in capitals:
        token = tokens[index]
        if taken[index] or token.fold not in known or _continues_run(tokens, index):
            continue
        stop = index + 1
        while (
            stop < len(tokens)
            and stop - index < 4
            and _vietnamese_given(tokens[stop], taken[stop], tokens[stop - 1])
        ):
            stop += 1
        if stop - index >= 2:
            for position in range(index, stop):
                taken[position] = True
            begin, end = token.start, tokens[stop - 1].end
            spans.append(protected(begin, end, text[begin:end], text[begin:end], "name"))
    return spans


def _continues_run(tokens: list[Word], index: int) -> bool:
    """True when a capitalised word stands right before: "Marine Le Pen" is no Vietnamese "Le Pen"."""
    if index == 0:
        return False
    before = tokens[index - 1]
    return before.capitalised and tokens[index].start - before.end <= 1 and not opens_sentence(before)


def _vietnamese_given(token: Word, taken: bool, previous: Word) -> bool:
    """A capitalised Vietnamese syllable right after the previous word (one space)."""
    if taken or not token.capitalised or token.start - previous.end > 1:
        return False
    return all(_VIETNAMESE_SYLLABLE.match(part) for part in token.fold.split(" "))


def _capitalised_runs(
    text: str, tokens: list[Word], capitals: list[int], taken: list[bool]
) -> list[ProtectedSpan]:
    spans = []
    for run in _runs(tokens, capitals, taken):
        cue = run[0] > 0 and _is_cue(tokens[run[0] - 1])
        members = [tokens[i] for i in run]
        while members and not cue and (_opens_sentence(members[0]) or members[0].text.islower()):
            members = members[1:]  # "A la SGP": neither "A" nor "la" is part of the name
        if members and _is_name(members, cue):
            begin, end = members[0].start, members[-1].end
            source = text[begin:end]
            spans.append(protected(begin, end, source, source, "name"))
    return spans


def _runs(tokens: list[Word], capitals: list[int], taken: list[bool]) -> list[list[int]]:
    """Indices of free capitalised words, consecutive or joined by a particle ("de", "van").

    A run starts at a free capitalised word (or a digit with a capital) and takes the
    words after it while they continue it; other words are never looked at.
    """
    digits = _digit_capitals(tokens)
    starts = sorted([*capitals, *digits]) if digits else capitals
    runs: list[list[int]] = []
    index = 0
    for first in starts:
        if first < index or taken[first]:
            continue
        current = [first]
        index = first + 1
        while index < len(tokens):
            token = tokens[index]
            adjacent = token.start - tokens[current[-1]].end <= 1
            if not taken[index] and (token.capitalised or index in digits):
                if not adjacent:
                    break
                current.append(index)
            elif (
                adjacent
                and token.text.lower() in _PARTICLES
                and index + 1 < len(tokens)
                and tokens[index + 1].capitalised
                and not taken[index + 1]
            ):
                current.append(index)
            else:
                break
            index += 1
        runs.append(current)
    return [trimmed for run in runs if (trimmed := _trim_particles(run, tokens))]


def _has_letter_upper(token: Word) -> bool:
    return any(map(str.isupper, token.text))


def _trim_particles(run: list[int], tokens: list[Word]) -> list[int]:
    while run and not tokens[run[-1]].capitalised and tokens[run[-1]].text.lower() in _PARTICLES:
        run = run[:-1]
    return run


def _is_cue(token: Word) -> bool:
    return token.fold in title_cues() or token.text in civil_titles()


def _is_name(members: list[Word], cue: bool) -> bool:
    if cue or (len(members) > 1 and members[0].text in _ARTICLES and not members[0].initial):
        return True  # after a title word; "par La Presse canadienne", "dans Le Monde": a title
    capitals = [m for m in members if m.capitalised]
    if len(capitals) >= 2:  # "Marine Le Pen", "Air France": names unless French words ("Premier Ministre")
        words = [m.bare for m in capitals if m.bare.lower() not in _PARTICLES]
        return any(_name_like(word) for word in words) or not any(french_common(w.lower()) for w in words)
    word = capitals[0].bare if capitals else members[0].bare
    if any(char.isdigit() for char in word):
        return any(char.isalpha() for char in word)
    if capitals and capitals[0].initial:
        return _capitalised_compound(word) or (rare(word.lower()) and not _ordinary_hyphenated(word))
    return len(word) == 1 or _name_like(word)  # "classe A", "plan B": a letter that names


def _name_like(word: str) -> bool:
    """Not a common word: each hyphenated part must not all be common words."""
    if word.isupper() and len(word) > 1:
        return foreign_acronym(word.lower())
    if any(char.isupper() for char in word[1:]) and "-" not in word:
        return True
    if _capitalised_compound(word):
        return True
    parts = [part for part in _HYPHEN.split(word) if part]
    return not all(common(part.lower()) for part in parts)


def _opens_sentence(word: Word) -> bool:
    """A common word opening the sentence, not a name: "Hôtel-Dieu a fermé" keeps its name."""
    return opens_sentence(word) and not _capitalised_compound(word.bare)


def _capitalised_compound(word: str) -> bool:
    """ "Hôtel-Dieu", "Cité-de-la-Santé": French writes a capital after a hyphen only in
    proper names (common compounds are "Vice-président", "arc-en-ciel")."""
    parts = [part for part in _HYPHEN.split(word) if part]
    if word.isupper() or sum(part[0].isupper() for part in parts) < 2:
        return False
    places = gazetteer()  # "Espagne-Portugal" is a match between countries the engine knows
    return not any((place := places.get(fold_key(part))) is not None and place.soft for part in parts)


def _ordinary_hyphenated(word: str) -> bool:
    return "-" in word and all(common(part.lower()) for part in word.split("-") if part)


def countries_named(text: str) -> set[str]:
    """ISO codes of the countries a French sentence names, by name or nationality adjective."""
    from bitext.glossary.french import nationalities, nationality_countries

    codes = {span.label for span in find_names(text) if span.kind == "place" and span.label}
    adjectives, countries = nationalities(), nationality_countries()
    for token in words(text):
        english = adjectives.get(token.text.lower())
        if english in countries:
            codes.add(countries[english])
    return codes

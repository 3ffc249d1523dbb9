"""Find proper names in French sentences: people, places, acronyms, civil titles.

One pass over the sentence's words, in this order (a word taken stays taken):

1. civil titles before a capitalised word ("M.", "Mme"): rendered "Mr", "Ms";
2. places from the gazetteer, longest first (Hô Chi Minh-Ville, baie d'Along, Long An);
3. Vietnamese personal names: a surname from ``data/vietnam.yaml`` followed by one to
   three Vietnamese syllables, with or without diacritics (Nguyen Van Binh, Trần Văn Thuấn);
4. runs of capitalised words: kept when something marks them as a name, by what word
   frequencies say (:mod:`bitext.names.lexicon`): after a title word ("le général
   Giap"), two or more capitalised words one of which is not a common word ("Pierre
   Petit"), a single one that is neither a French word nor a word French and English
   share ("Blanc", not "Assemblée" or "Union"), at a sentence start only a word neither
   language knows ("Darrieussecq a dit"). All-caps headlines keep only steps 1-3.

Names are kept verbatim; places take their English name.
"""

from __future__ import annotations

import re
from functools import cache

from bitext.models import ProtectedSpan, SpanKind
from bitext.names.gazetteer import Gazetteer, Place, case_agrees, fold_key, gazetteer, load_data
from bitext.names.lexicon import common, foreign_acronym, french_common, rare

_WORD = re.compile(r"[^\W_][\w'’\u2010\u2011-]*")
_TRAILING = "'’\u2010\u2011-"
_ELISION = re.compile(r"(?:[ldjnmstc]|qu|jusqu|lorsqu|puisqu)['’](?=[^\W\d_])", re.IGNORECASE)
_OPENERS = set('.!?…:;«“"(—–-•')
_PARTICLES = frozenset({"de", "du", "des", "d'", "d’", "la", "le", "van", "von", "der", "den", "di", "da",
                        "dos", "del", "bin", "ben", "al", "el", "ibn", "y"})  # fmt: skip
_VIETNAMESE_SYLLABLE = re.compile(
    r"^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
    r"[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?$"
)
_VIETNAMESE_ONLY = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯ\u0300-\u0323\u1ea0-\u1ef9]")
_MAX_PLACE_WORDS = 8
_ARTICLE_BEFORE = re.compile(r"(?<![\w'’])(?:[Ll]es?|[Ll]a|[Ll]['’])\s*$")


class _Word:
    """A word of the sentence: where it is, whether it opens a sentence, its folded key."""

    __slots__ = ("_fold", "bare", "capitalised", "end", "initial", "start", "text")

    def __init__(self, start: int, end: int, text: str, initial: bool) -> None:
        self.start, self.end, self.text, self.initial = start, end, text, initial
        self.capitalised = text[:1].isupper()
        self.bare = text.rstrip(".")
        self._fold: str | None = None

    @property
    def fold(self) -> str:
        """The gazetteer key of the word, made on first use."""
        if self._fold is None:
            self._fold = fold_key(self.bare)
        return self._fold


@cache
def _civil_titles() -> dict[str, str]:
    data = load_data("titles.yaml")
    return {form: entry["en"] for entry in data["civil"] for form in entry["fr"]}


@cache
def _title_cues() -> frozenset[str]:
    return frozenset(fold_key(cue) for cue in load_data("titles.yaml")["cues"])


@cache
def _surnames() -> frozenset[str]:
    return frozenset(fold_key(name) for name in load_data("vietnam.yaml")["surnames"])


def words(text: str) -> list[_Word]:
    """The words of ``text`` with elided articles ("l'", "d'") split off as words of their own."""
    found: list[_Word] = []
    titles = _civil_titles()
    for match in _WORD.finditer(text):
        start, token = match.start(), match.group().rstrip(_TRAILING)
        if text[start + len(token) : start + len(token) + 1] == "." and token + "." in titles:
            token += "."
        pieces = [(start, token)]
        if "'" in token or "’" in token:
            elision = _ELISION.match(token)
            if elision:
                pieces = [(start, elision.group()), (start + elision.end(), token[elision.end() :])]
        for begin, piece in pieces:
            if piece:
                initial = _starts_sentence(text, begin, found[-1].end if found else 0)
                found.append(_Word(begin, begin + len(piece), piece, initial))
    return found


def _starts_sentence(text: str, start: int, previous_end: int) -> bool:
    """Nothing but spaces before, or an opening mark since the previous word."""
    between = text[previous_end:start].rstrip()
    if previous_end == 0 and not between:
        return not text[:start].strip()
    return bool(between) and between[-1] in _OPENERS


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
    return gazetteer().get(key) is not None or key in _surnames() or not common(token.lower())


def find_names(text: str) -> list[ProtectedSpan]:
    """Proper names, places and civil titles of one French sentence, in text order.

    Args:
        text: A French sentence.

    Returns:
        Non-overlapping spans: ``title`` (rendered "Mr"/"Ms"...), ``place`` (English
        name; countries are checked after translation, not masked) and ``name`` (verbatim).
    """
    tokens = words(text)
    headline = _is_headline(tokens)
    taken = [False] * len(tokens)
    spans: list[ProtectedSpan] = []
    spans += _titles(tokens, taken)
    spans += _places(text, tokens, taken, several_words=True)
    spans += _vietnamese_names(text, tokens, taken)
    spans += _places(text, tokens, taken, several_words=False)
    if not headline:
        spans += _capitalised_runs(text, tokens, taken)
    return sorted(spans, key=lambda span: span.start)


def _is_headline(tokens: list[_Word]) -> bool:
    letters = [t for t in tokens if t.text[0].isalpha()]
    caps = sum(1 for t in letters if t.text.isupper() and len(t.text) > 1)
    return caps >= 3 and caps >= 0.6 * len(letters)


def _titles(tokens: list[_Word], taken: list[bool]) -> list[ProtectedSpan]:
    titles = _civil_titles()
    spans = []
    for index, token in enumerate(tokens[:-1]):
        english = titles.get(token.text)
        following = tokens[index + 1]
        if (english and following.capitalised and not following.text.isupper()) or (
            english and token.text.isupper() and following.text.isupper() and len(token.text) > 1
        ):
            taken[index] = True
            spans.append(_span(token.start, token.end, token.text, english, "title"))
    return spans


def _places(text: str, tokens: list[_Word], taken: list[bool], *, several_words: bool) -> list[ProtectedSpan]:
    """Gazetteer places: names of several words first (before Vietnamese names), then single words."""
    places = gazetteer()
    spans = []
    index = 0
    while index < len(tokens):
        found = _longest_place(text, tokens, taken, index, places)
        if found is not None and (found[0] - index > 1) != several_words:
            found = None
        if found is None:
            index += 1
            continue
        stop, place = found
        begin, end = tokens[index].start, tokens[stop - 1].end
        if not tokens[index].capitalised:  # "la baie d'Along": the article goes with the name
            article = _ARTICLE_BEFORE.search(text, 0, begin)
            begin = article.start() if article else begin
        for position in range(index, stop):
            taken[position] = True
        spans.append(_place_span(text, begin, end, place))
        index = stop
    return spans


def _longest_place(
    text: str, tokens: list[_Word], taken: list[bool], index: int, places: Gazetteer
) -> tuple[int, Place] | None:
    """The longest known place starting at word ``index``: only capitalised words and the
    lower-case heads of known names ("baie", "delta") start one."""
    token = tokens[index]
    if taken[index] or not (
        token.capitalised or (token.text[0] in places.head_letters and token.fold in places.lower_heads)
    ):
        return None
    first = token.fold.partition(" ")[0]
    longest = min(places.first_words.get(first, 1), _MAX_PLACE_WORDS, len(tokens) - index)
    for stop in range(index + longest, index, -1):
        if any(taken[index:stop]):
            continue
        place = places.get(" ".join(t.fold for t in tokens[index:stop]).replace("' ", "'"))
        if place is None:
            continue
        written = text[token.start : tokens[stop - 1].end]
        if not case_agrees(place.form or written, written):
            continue
        if (place.origin == "GeoNames" and _inside_name(tokens, index, stop)) or _after_surname(
            tokens, index
        ):
            continue
        if stop - index == 1 and not _single_word_place(tokens, index, place):
            continue
        return stop, place
    return None


def _after_surname(tokens: list[_Word], index: int) -> bool:
    """A place right after a Vietnamese surname is a given name ("Trương Hòa Bình")."""
    if index == 0:
        return False
    before = tokens[index - 1]
    return (
        before.capitalised
        and tokens[index].start - before.end <= 1
        and before.fold in _surnames()
        and not (before.initial and french_common(before.bare.lower()))
    )


def _inside_name(tokens: list[_Word], index: int, stop: int) -> bool:
    """A GeoNames city right after or before another capitalised word is part of a name
    ("Patricia Adam", "Phạm Bình Minh"), not a place."""
    before = tokens[index - 1] if index else None
    after = tokens[stop] if stop < len(tokens) else None
    if (
        before is not None
        and before.capitalised
        and not (before.initial and french_common(before.bare.lower()))
        and tokens[index].start - before.end <= 1
    ):
        return True
    return after is not None and after.capitalised and after.start - tokens[stop - 1].end <= 1


def _single_word_place(tokens: list[_Word], index: int, place: Place) -> bool:
    """A one-word city from GeoNames is no common word ("Police", "Union") unless it is a
    large city ("Paris")."""
    if place.origin != "GeoNames":
        return True
    return place.population >= 1_000_000 or not common(tokens[index].bare.lower())


def _place_span(text: str, begin: int, end: int, place: Place) -> ProtectedSpan:
    source = text[begin:end]
    english = place.english.upper() if source.isupper() and len(source) > 1 else place.english
    variants: tuple[str, ...] = ()
    if place.soft and place.takes_article and not source.isupper():  # "the Netherlands", not "Netherlands"
        english, variants = f"the {english}", (english, source, *place.wrong)
    elif place.soft:
        article = f"the {english}" if place.kind == "country" else ""
        variants = tuple(v for v in (source, article, *place.wrong) if v and v != english)
    return _span(
        begin,
        end,
        source,
        english,
        "place",
        masked=not place.soft,
        variants=variants,
        label=place.country or "",
    )


def _vietnamese_names(text: str, tokens: list[_Word], taken: list[bool]) -> list[ProtectedSpan]:
    spans = []
    surnames = _surnames()
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if (
            taken[index]
            or not token.capitalised
            or token.fold not in surnames
            or _continues_run(tokens, index)
        ):
            index += 1
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
            spans.append(_span(begin, end, text[begin:end], text[begin:end], "name"))
            index = stop
        else:
            index += 1
    return spans


def _continues_run(tokens: list[_Word], index: int) -> bool:
    """True when a capitalised word stands right before: "Marine Le Pen" is no Vietnamese "Le Pen"."""
    if index == 0:
        return False
    before = tokens[index - 1]
    return (
        before.capitalised
        and tokens[index].start - before.end <= 1
        and not (before.initial and french_common(before.bare.lower()))
    )


def _vietnamese_given(token: _Word, taken: bool, previous: _Word) -> bool:
    """A capitalised Vietnamese syllable right after the previous word (one space)."""
    if taken or not token.capitalised or token.start - previous.end > 1:
        return False
    return all(_VIETNAMESE_SYLLABLE.match(part) for part in token.fold.split(" "))


def _capitalised_runs(text: str, tokens: list[_Word], taken: list[bool]) -> list[ProtectedSpan]:
    spans = []
    for run in _runs(tokens, taken):
        cue = run[0] > 0 and _is_cue(tokens[run[0] - 1])
        members = [tokens[i] for i in run]
        while members and not cue and members[0].initial and french_common(members[0].bare.lower()):
            members = members[1:]
        if members and _is_name(members, cue):
            begin, end = members[0].start, members[-1].end
            source = text[begin:end]
            spans.append(_span(begin, end, source, source, "name"))
    return spans


def _runs(tokens: list[_Word], taken: list[bool]) -> list[list[int]]:
    """Indices of free capitalised words, consecutive or joined by a particle ("de", "van")."""
    runs: list[list[int]] = []
    current: list[int] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if not taken[index] and (
            token.capitalised or (token.text[:1].isdigit() and _has_letter_upper(token))
        ):
            if current and token.start - tokens[current[-1]].end > 1:
                runs.append(current)
                current = []
            current.append(index)
        elif (
            current
            and token.start - tokens[current[-1]].end <= 1
            and token.text.lower() in _PARTICLES
            and index + 1 < len(tokens)
            and tokens[index + 1].capitalised
            and not taken[index + 1]
        ):
            current.append(index)
        elif current:
            runs.append(current)
            current = []
        index += 1
    if current:
        runs.append(current)
    return [trimmed for run in runs if (trimmed := _trim_particles(run, tokens))]


def _has_letter_upper(token: _Word) -> bool:
    return any(char.isupper() for char in token.text)


def _trim_particles(run: list[int], tokens: list[_Word]) -> list[int]:
    while run and not tokens[run[-1]].capitalised and tokens[run[-1]].text.lower() in _PARTICLES:
        run = run[:-1]
    return run


def _is_cue(token: _Word) -> bool:
    return token.fold in _title_cues() or token.text in _civil_titles()


def _is_name(members: list[_Word], cue: bool) -> bool:
    if cue:
        return True
    capitals = [m for m in members if m.capitalised]
    if len(capitals) >= 2:  # "Marine Le Pen", "Air France": names unless French words ("Premier Ministre")
        words = [m.bare for m in capitals if m.bare.lower() not in _PARTICLES]
        return any(_name_like(word) for word in words) or not any(french_common(w.lower()) for w in words)
    word = capitals[0].bare if capitals else members[0].bare
    if any(char.isdigit() for char in word):
        return any(char.isalpha() for char in word)
    if capitals and capitals[0].initial:
        return rare(word.lower()) and not _ordinary_hyphenated(word)
    return _name_like(word)


def _name_like(word: str) -> bool:
    """Not a common word: each hyphenated part must not all be common words."""
    if word.isupper() and len(word) > 1:
        return foreign_acronym(word.lower())
    if any(char.isupper() for char in word[1:]) and "-" not in word:
        return True
    parts = [part for part in re.split(r"[-\u2010\u2011]", word) if part]
    return not all(common(part.lower()) for part in parts)


def _ordinary_hyphenated(word: str) -> bool:
    return "-" in word and all(common(part.lower()) for part in word.split("-") if part)


def _span(
    start: int,
    end: int,
    source: str,
    rendering: str,
    kind: SpanKind,
    *,
    masked: bool = True,
    variants: tuple[str, ...] = (),
    label: str = "",
) -> ProtectedSpan:
    return ProtectedSpan(
        start=start,
        end=end,
        source=source,
        rendering=rendering,
        kind=kind,
        masked=masked,
        variants=variants,
        label=label,
    )


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

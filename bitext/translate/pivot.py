"""Pivot leaks in Apertium's output: find them from its marks, repair them from the source.

The second stage copies a word it does not know into the English and marks it. A marked
word is one of two kinds:

* ``untranslated``: a French word the first stage did not know either ("gazoduc"): it is
  in the French sentence as it is;
* ``spanish``: a word the first stage produced and the second did not know
  ("millardos", "combatientes"), or a Spanish name the second stage copied without a
  mark ("Siria", "Pacífico": a capitalised English word that is a Spanish word of the
  pivot and not in the French). Its French origin comes from the pivot run: every
  Spanish word carries the numbers of the French units it came from
  (:class:`bitext.translate.apertium_pipes.Pivot`).

A repair re-translates the French word(s) through a second pivot (Catalan) and falls
back to the French word, so Spanish is never kept. A French word the first stage did
not know is kept as it is when it is a name (capitalised inside the sentence, digits)
or when Catalan does not know it either. Only sentences with a Spanish word are parsed
word by word.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from bitext.translate.apertium_pipes import PivotRun
from bitext.translate.apertium_stream import Marked, Word, pivot_text, strip_marks, unit_surface, words

LeakKind = Literal["spanish", "copied", "untranslated"]
_LETTER = re.compile(r"[^\W\d_]")
_ARTICLE_BEFORE = re.compile(r"(?<![^\W\d_])([Aa])(n?) $")
_TOKEN = re.compile(r"\w+(?:['’-]\w+)*")
_WORD = re.compile(r"[^\W\d_]+")
_COPY_MIN = 3
_ELISION = re.compile(r"['’]")
_CODE_CHARACTER = re.compile(r"[\d_@/.:#*=+&%$]")
_PUNCTUATION = " ,.;:!?\"'«»“”()[]{}"
_COPIED = "="
"""Stands in for a mark on a Spanish name the second stage copied without marking it."""


@dataclass(slots=True)
class Leak:
    """English words of one sentence, side by side, to replace as one: their French origin.

    ``is_name`` is set for capitalised words inside the sentence and words with digits.
    """

    start: int
    end: int
    french: str
    kind: LeakKind
    is_name: bool


def read_sentence(run: PivotRun, index: int, source: str) -> tuple[str, list[Leak]]:
    """Sentence ``index``'s English without marks or debris, and its leaks.

    Args:
        run: The pivot run.
        index: The sentence's position in the run.
        source: The French sentence as it was sent.
    """
    line = run.sentence(run.target, index).rstrip("\n")
    text, marked = strip_marks(line, source)
    marked += _copied_words(text, run.sentence(run.pivot, index), source)
    if not marked:
        return text, []
    source_tokens = _TOKEN.findall(source)
    tokens = {part.casefold(): part for token in source_tokens for part in _ELISION.split(token) if part}
    tokens.update({token.casefold(): token for token in source_tokens})
    first = next((token for token in source_tokens if _LETTER.search(token)), "")
    leaks: list[Leak] = []
    spanish: _SpanishOrigins | None = None
    for word in marked:
        if not word.marks.strip("#") or len(word.word) < 2 or _in_a_code(text, word):
            continue
        french = tokens.get(word.word.casefold()) if word.marks != _COPIED else None
        if french is not None:
            is_name = (french[:1].isupper() and french != first) or any(char.isdigit() for char in french)
            leaks.append(Leak(word.start, word.end, french, "untranslated", is_name))
            continue
        if spanish is None:
            spanish = _SpanishOrigins(run, index)
        leak = spanish.leak(text, word, first, "copied" if word.marks == _COPIED else "spanish")
        if leak is not None:
            leaks.append(leak)
    return text, _merge(leaks)


def _in_a_code(text: str, word: Marked) -> bool:
    """True when ``word`` is part of a longer token that is no word ("10h", an address, a URL)."""
    start = text.rfind(" ", 0, word.start) + 1
    end = text.find(" ", word.end)
    chunk = text[start : len(text) if end < 0 else end].strip(_PUNCTUATION)
    return _CODE_CHARACTER.search(chunk) is not None


def _copied_words(text: str, pivot: str, source: str) -> list[Marked]:
    """English words that are words of the Spanish pivot and not of the French, unmarked.

    The second stage copies some Spanish words it has in its dictionary ("Siria",
    "naves"); most such words are cognates ("hospital") that Catalan renders the same.
    """
    english = {word for word in _WORD.findall(text) if len(word) >= _COPY_MIN}
    shared = english & set(_WORD.findall(pivot_text(pivot))) if english else english
    if not shared:
        return []
    french = set(_WORD.findall(source.casefold()))
    copied = {word for word in shared if word.casefold() not in french}
    if not copied:
        return []
    return [
        Marked(match.group(0), _COPIED, match.start(), match.end())
        for match in _WORD.finditer(text)
        if match.group(0) in copied
    ]


def repaired_text(text: str, leaks: list[Leak], repairs: Mapping[str, str | None]) -> str:
    """``text`` with each leak replaced; an article before it follows the new word."""
    for leak in sorted(leaks, key=lambda leak: leak.start, reverse=True):
        replacement = _replacement(leak, repairs)
        if replacement is None:
            continue
        if text[leak.start : leak.start + 1].isupper():
            replacement = replacement[:1].upper() + replacement[1:]
        text = _fix_article(text[: leak.start], replacement) + replacement + text[leak.end :]
    return text


def needs_repair(leak: Leak) -> bool:
    """True when ``leak`` is worth a Catalan translation (untranslated names stay as they are)."""
    return not (leak.kind == "untranslated" and leak.is_name)


def _replacement(leak: Leak, repairs: Mapping[str, str | None]) -> str | None:
    """Catalan's English; else the French word for Spanish and copied names; else nothing."""
    if not needs_repair(leak):
        return None
    repaired = repairs.get(leak.french)
    if repaired is not None:
        return repaired
    if leak.kind == "spanish" or (leak.kind == "copied" and leak.is_name):
        return leak.french
    return None


def _fix_article(head: str, replacement: str) -> str:
    """Make a trailing "a"/"an" agree with ``replacement``'s first letter."""
    match = _ARTICLE_BEFORE.search(head)
    if match is None:
        return head
    article = match.group(1) + ("n" if replacement[:1].lower() in "aeiou" else "")
    return head[: match.start()] + article + " "


class _SpanishOrigins:
    """The Spanish words of one sentence with their French units, to trace marked words."""

    def __init__(self, run: PivotRun, index: int) -> None:
        self.words = words(run.sentence(run.pivot, index))
        self._analysis = run.sentence(run.source, index)
        self._used: set[int] = set()

    def leak(self, text: str, word: Marked, first: str, kind: LeakKind) -> Leak | None:
        """The leak at ``word``, or None when it is a name both stages kept as it is."""
        origin = self._origin(word)
        if origin is None:
            return None
        forms = (unit_surface(self._analysis, unit) for unit in _units_of(word.word, origin))
        source = " ".join(form for form in forms if form)
        if not source or source.casefold() == origin.text.casefold():
            return None
        siblings = {t.casefold() for w in self.words if w.units == origin.units for t in w.text.split()}
        start, end = _widen(text, word, siblings) if len(siblings) > 1 else (word.start, word.end)
        is_name = any(char.isdigit() for char in source) or (
            source[:1].isupper() and not source.startswith(first)
        )
        return Leak(start, end, source, kind, is_name)

    def _origin(self, word: Marked) -> Word | None:
        """The Spanish word the second stage copied as ``word``: the next one not yet used."""
        wanted = word.word.casefold()
        for position, candidate in enumerate(self.words):
            if position not in self._used and wanted in candidate.text.casefold().split():
                self._used.add(position)
                return candidate
        if "@" in word.marks and len(wanted) > 3:
            for position, candidate in enumerate(self.words):
                if position not in self._used and candidate.text.casefold().startswith(wanted[:4]):
                    self._used.add(position)
                    return candidate
        return None


def _units_of(token: str, origin: Word) -> list[int]:
    """The units behind ``token`` inside ``origin``: by position when it has one per unit.

    Transfer can merge units into one Spanish word ("et l'Irlande" → "e irlanda"); its
    parts follow the French order, so "irlanda" is "Irlande" alone.
    """
    units = sorted(set(origin.units))
    parts = origin.text.casefold().split()
    if 1 < len(parts) == len(units) and token.casefold() in parts:
        return [units[parts.index(token.casefold())]]
    return units


def _widen(text: str, word: Marked, siblings: set[str]) -> tuple[int, int]:
    """Extend ``word``'s span over names made from the same French units ("Martín Lutero")."""
    tokens = list(_TOKEN.finditer(text))
    here = next((i for i, token in enumerate(tokens) if token.start() == word.start), None)
    if here is None:
        return word.start, word.end
    left = right = here
    while left > 0 and _is_sibling(tokens[left - 1].group(0), siblings):
        left -= 1
    while right + 1 < len(tokens) and _is_sibling(tokens[right + 1].group(0), siblings):
        right += 1
    return tokens[left].start(), max(word.end, tokens[right].end())


def _is_sibling(token: str, siblings: set[str]) -> bool:
    return token[:1].isupper() and token.casefold() in siblings


def _merge(leaks: list[Leak]) -> list[Leak]:
    """Leaks whose spans overlap (one French origin seen twice) become one."""
    merged: list[Leak] = []
    for leak in sorted(leaks, key=lambda leak: leak.start):
        if merged and leak.start < merged[-1].end:
            merged[-1].end = max(merged[-1].end, leak.end)
            continue
        merged.append(leak)
    return merged

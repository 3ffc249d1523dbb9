"""Find glossary terms in French text: one Aho-Corasick pass, then per-candidate checks.

The automaton holds every source form (and generated plural) as an accent-free,
lower-case key, so one pass over the sentence key finds all candidates in time linear
in the text plus the matches. Each candidate is then checked against the original
text, where the French rules live:

* case: a word written with capitals in the glossary (``Sécurité``) needs those capitals
  in the text, so generic lower-case uses ("la sécurité publique") are not terms; words
  written in lower case match in any case (``Ministère`` at a sentence start);
* accents are significant, except in all-caps words (``MINISTERE`` matches ``ministère``);
* a nationality adjective may follow the head ("ministère *français* de l'Intérieur") or the
  whole term ("Assemblée nationale *française*"); it joins the match and the English;
* elided and contracted articles (l', d', du, au, des, ...) stay outside the match.

Overlaps are resolved by length (longest wins), then position, then glossary order.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from bitext.glossary.french import (
    fold,
    french_plural,
    head_length,
    is_all_caps,
    keep_case_fold,
    nationalities,
    pattern_key,
    text_span,
    to_key,
    word_bounded,
)
from bitext.models import GlossaryEntry

_FULL, _TAIL = 0, 1
_WORD = re.compile(r"[^\W\d_]+")


@cache
def _nationality_keys() -> dict[str, str]:
    """Nationality adjectives as matching keys (accents removed) → English adjective."""
    return {fold(form): english for form, english in nationalities().items()}


_NATIONALITY_TYPES = frozenset({"title", "institution"})


@dataclass(frozen=True)
class _Form:
    entry: int
    words: tuple[str, ...]
    plural: bool
    head_key: str
    nationality_ok: bool


@dataclass(frozen=True)
class TermMatch:
    """A glossary term found in a text, with what its English must look like.

    ``start``/``end`` cover the term in the text, nationality adjective included, and
    exclude any article before it.
    """

    entry: GlossaryEntry
    start: int
    end: int
    source: str
    plural: bool = False
    nationality: str | None = None
    upper: bool = False

    def render(self) -> str:
        """The canonical English for this occurrence (plural, nationality, all caps applied)."""
        text = self.entry.plural if self.plural and self.entry.plural else self.entry.target
        if self.nationality and self.nationality not in text.split():
            text = f"{self.nationality} {text}"
        return text.upper() if self.upper else text


def _words_agree(pattern_words: Sequence[str], segment: str) -> bool:
    """Check case and accents of ``segment`` against the glossary form's words."""
    text_words = keep_case_fold(segment).split()
    if len(text_words) != len(pattern_words):
        return False
    for pattern, word in zip(pattern_words, text_words, strict=True):
        if is_all_caps(word) or (len(word) == 1 and word.isupper()):
            continue
        if word.lower() != pattern.lower():
            return False
        if len(word) == len(pattern) and any(
            p.isupper() and not w.isupper() for p, w in zip(pattern, word, strict=True)
        ):
            return False
    return True


def _nationality_ok(word: str) -> bool:
    return is_all_caps(word) or fold(word, strip_accents=False) in nationalities()


class TermMatcher:
    """Finds the terms of a list of glossary entries in French sentences."""

    def __init__(self, entries: Sequence[GlossaryEntry]) -> None:
        import ahocorasick

        self.entries = tuple(entries)
        self._forms: list[_Form] = []
        table: dict[str, list[tuple[int, int]]] = {}
        for index, entry in enumerate(self.entries):
            for source, plural in self._source_forms(entry):
                key = pattern_key(source)
                words = keep_case_fold(source).split()
                head = head_length(key)
                form = _Form(
                    entry=index,
                    words=tuple(words),
                    plural=plural,
                    head_key=" ".join(key.split(" ")[:head]),
                    nationality_ok=entry.type in _NATIONALITY_TYPES
                    and not any(fold(word) in _nationality_keys() for word in key.split(" ")),
                )
                self._forms.append(form)
                form_id = len(self._forms) - 1
                table.setdefault(key, []).append((form_id, _FULL))
                if form.nationality_ok and head < len(words):
                    table.setdefault(" ".join(key.split(" ")[head:]), []).append((form_id, _TAIL))
        self._automaton = ahocorasick.Automaton()
        for key, targets in table.items():
            self._automaton.add_word(key, (len(key), tuple(targets)))
        self._empty = not table
        if table:
            self._automaton.make_automaton()

    @staticmethod
    def _source_forms(entry: GlossaryEntry) -> list[tuple[str, bool]]:
        forms = [(source, False) for source in entry.sources]
        if entry.type == "title" and entry.plural:
            forms += [(french_plural(source), True) for source in entry.sources]
        seen: set[str] = set()
        unique = []
        for source, plural in forms:
            if source not in seen:
                seen.add(source)
                unique.append((source, plural))
        return unique

    def find(self, text: str) -> list[TermMatch]:
        """Return the terms of ``text``, non-overlapping, in text order."""
        if self._empty or not text:
            return []
        key, offsets = to_key(text)
        candidates: list[tuple[int, int, int, str | None]] = []
        for last, (length, targets) in self._automaton.iter(key):
            start, stop = last - length + 1, last + 1
            if not word_bounded(key, start, stop):
                continue
            for form_id, kind in targets:
                found = (self._full if kind == _FULL else self._tail)(
                    form_id, text, key, offsets, start, stop
                )
                if found is not None:
                    candidates.append(found)
        return self._resolve(self._for_countries(candidates, text), text, offsets)

    def _for_countries(
        self, candidates: list[tuple[int, int, int, str | None]], text: str
    ) -> list[tuple[int, int, int, str | None]]:
        """Entries for given countries apply where the term's own nationality adjective names
        one of them or, without an adjective, where the sentence names one; they then win
        over the entry for no country."""
        if not any(self.entries[self._forms[c[2]].entry].countries for c in candidates):
            return candidates
        from bitext.glossary.french import nationality_countries
        from bitext.names.finder import countries_named

        named = countries_named(text)
        by_adjective = nationality_countries()
        groups: dict[tuple[int, int], list[tuple[int, int, int, str | None]]] = {}
        for candidate in candidates:
            groups.setdefault((candidate[0], candidate[1]), []).append(candidate)
        kept = []
        for group in groups.values():
            specific = [c for c in group if self.entries[self._forms[c[2]].entry].countries]
            own = [c for c in specific if by_adjective.get(c[3] or "") in self._countries(c)]
            around = [c for c in specific if c[3] is None and named & set(self._countries(c))]
            kept += own or around or [c for c in group if not self.entries[self._forms[c[2]].entry].countries]
        return kept

    def _countries(self, candidate: tuple[int, int, int, str | None]) -> tuple[str, ...]:
        return self.entries[self._forms[candidate[2]].entry].countries

    def _full(
        self, form_id: int, text: str, key: str, offsets: list[int] | None, start: int, stop: int
    ) -> tuple[int, int, int, str | None] | None:
        form = self._forms[form_id]
        begin, end = text_span(offsets, start, stop)
        if not _words_agree(form.words, text[begin:end]):
            return None
        if form.nationality_ok and key[stop : stop + 1] == " ":
            word = _WORD.match(key, stop + 1)
            if word and word.group() in _nationality_keys() and word_bounded(key, word.start(), word.end()):
                word_begin, word_end = text_span(offsets, word.start(), word.end())
                if _nationality_ok(text[word_begin:word_end]):
                    return start, word.end(), form_id, _nationality_keys()[word.group()]
        return start, stop, form_id, None

    def _tail(
        self, form_id: int, text: str, key: str, offsets: list[int] | None, start: int, stop: int
    ) -> tuple[int, int, int, str | None] | None:
        form = self._forms[form_id]
        if start < 2 or key[start - 1] != " ":
            return None
        adjective_start = start - 1
        while adjective_start > 0 and key[adjective_start - 1].isalpha():
            adjective_start -= 1
        adjective = key[adjective_start : start - 1]
        head_start = adjective_start - 1 - len(form.head_key)
        if (
            adjective not in _nationality_keys()
            or head_start < 0
            or key[head_start : adjective_start - 1] != form.head_key
            or not word_bounded(key, head_start, adjective_start - 1)
        ):
            return None
        head_words = len(form.head_key.split(" "))
        pieces = (
            (form.words[:head_words], head_start, adjective_start - 1),
            (form.words[head_words:], start, stop),
        )
        for words, piece_start, piece_stop in pieces:
            begin, end = text_span(offsets, piece_start, piece_stop)
            if not _words_agree(words, text[begin:end]):
                return None
        begin, end = text_span(offsets, adjective_start, start - 1)
        if not _nationality_ok(text[begin:end]):
            return None
        return head_start, stop, form_id, _nationality_keys()[adjective]

    def _resolve(
        self, candidates: list[tuple[int, int, int, str | None]], text: str, offsets: list[int] | None
    ) -> list[TermMatch]:
        candidates.sort(key=lambda c: (c[0] - c[1], c[0], self._forms[c[2]].entry, c[2]))
        starts: list[int] = []
        stops: list[int] = []
        chosen: list[tuple[int, int, int, str | None]] = []
        for candidate in candidates:
            start, stop = candidate[0], candidate[1]
            slot = bisect.bisect_right(starts, start)
            if (slot and stops[slot - 1] > start) or (slot < len(starts) and starts[slot] < stop):
                continue
            starts.insert(slot, start)
            stops.insert(slot, stop)
            chosen.insert(slot, candidate)
        matches = []
        for start, stop, form_id, nationality in chosen:
            form = self._forms[form_id]
            begin, end = text_span(offsets, start, stop)
            source = text[begin:end]
            matches.append(
                TermMatch(
                    entry=self.entries[form.entry],
                    start=begin,
                    end=end,
                    source=source,
                    plural=form.plural,
                    nationality=nationality,
                    upper=is_all_caps(source),
                )
            )
        return matches

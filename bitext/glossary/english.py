"""Find canonical and known-wrong English forms of glossary terms.

Used twice: to check English items (where a known-wrong variant is reported and, on
request, replaced) and to verify and repair machine translations. Matching is on whole
words, hyphens and spaces equal, typographic apostrophes straight; canonical forms must
match exactly (or in all caps), wrong variants in any case.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from bitext.glossary.french import fold, is_all_caps, keep_case_fold, text_span, to_key, word_bounded
from bitext.models import GlossaryEntry


@dataclass(frozen=True)
class EnglishMatch:
    """A canonical (``canonical=True``) or known-wrong English form found in a text."""

    entry: GlossaryEntry
    start: int
    end: int
    text: str
    canonical: bool
    replacement: str


def _key(text: str) -> str:
    return " ".join(fold(text, strip_accents=False).split())


def is_exact(segment: str, form: str) -> bool:
    """True when ``segment`` writes ``form`` exactly (spacing variants aside), or in all caps."""
    written = keep_case_fold(segment).split()
    wanted = keep_case_fold(form).split()
    return written == wanted or (is_all_caps(segment) and written == [w.upper() for w in wanted])


def phrase_spans(text: str, phrase: str, *, exact: bool) -> list[tuple[int, int]]:
    """Whole-word occurrences of ``phrase`` in ``text`` (exactly, or in any case)."""
    key, offsets = to_key(text, strip_accents=False)
    wanted = _key(phrase)
    spans: list[tuple[int, int]] = []
    if not wanted:
        return spans
    position = key.find(wanted)
    while position != -1:
        stop = position + len(wanted)
        if word_bounded(key, position, stop):
            begin, end = text_span(offsets, position, stop)
            if not exact or is_exact(text[begin:end], phrase):
                spans.append((begin, end))
        position = key.find(wanted, position + 1)
    return spans


def choose(spans: Iterable[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Keep non-overlapping ``(start, end, rank)`` spans: longest first, then lowest rank, then leftmost."""
    starts: list[int] = []
    stops: list[int] = []
    chosen: list[tuple[int, int, int]] = []
    for span in sorted(spans, key=lambda s: (s[0] - s[1], s[2], s[0])):
        slot = bisect.bisect_right(starts, span[0])
        if (slot and stops[slot - 1] > span[0]) or (slot < len(starts) and starts[slot] < span[1]):
            continue
        starts.insert(slot, span[0])
        stops.insert(slot, span[1])
        chosen.insert(slot, span)
    return chosen


class EnglishIndex:
    """All canonical and wrong English forms of a glossary in one Aho-Corasick automaton."""

    def __init__(self, entries: Sequence[GlossaryEntry]) -> None:
        import ahocorasick

        self.entries = tuple(entries)
        table: dict[str, list[tuple[int, str, bool]]] = {}
        for index, entry in enumerate(self.entries):
            for form in (entry.target, entry.plural):
                if form:
                    table.setdefault(_key(form), []).append((index, form, True))
            for wrong in entry.wrong:
                table.setdefault(_key(wrong), []).append((index, wrong, False))
        self._automaton = ahocorasick.Automaton()
        for key, forms in table.items():
            self._automaton.add_word(key, (len(key), tuple(forms)))
        self._empty = not table
        if table:
            self._automaton.make_automaton()

    def scan(self, text: str) -> list[EnglishMatch]:
        """Canonical and wrong forms in ``text``, non-overlapping, in text order.

        Longest wins; on equal length an exact canonical form beats a wrong variant.
        A canonical form written in another case is neither (English uses "minister"
        as an ordinary word), unless it is also listed as a wrong variant.
        """
        if self._empty or not text:
            return []
        key, offsets = to_key(text, strip_accents=False)
        found: dict[tuple[int, int, int], EnglishMatch] = {}
        wrong_rank = len(self.entries)
        for last, (length, forms) in self._automaton.iter(key):
            start, stop = last - length + 1, last + 1
            if not word_bounded(key, start, stop):
                continue
            begin, end = text_span(offsets, start, stop)
            segment = text[begin:end]
            for index, form, canonical in forms:
                if canonical and not is_exact(segment, form):
                    continue
                replacement = form if canonical else self.entries[index].target
                rank = index if canonical else wrong_rank + index
                found.setdefault(
                    (begin, end, rank),
                    EnglishMatch(
                        entry=self.entries[index],
                        start=begin,
                        end=end,
                        text=segment,
                        canonical=canonical,
                        replacement=replacement.upper() if is_all_caps(segment) else replacement,
                    ),
                )
        return [found[span] for span in choose(found)]

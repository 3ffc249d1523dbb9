"""The words of a French sentence as the name finder sees them, and its word lists."""

from __future__ import annotations

import re
from functools import cache

from bitext.models import ProtectedSpan, SpanKind
from bitext.names.gazetteer import fold_key, load_data

_WORD = re.compile(r"[^\W_][\w'’\u2010\u2011-]*")
_TRAILING = "'’\u2010\u2011-"
_ELISION = re.compile(r"(?:[ldjnmstc]|qu|jusqu|lorsqu|puisqu)['’](?=[^\W\d_])", re.IGNORECASE)
_OPENERS = set('.!?…:;«“"(—–-•')


class Word:
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
def civil_titles() -> dict[str, str]:
    data = load_data("titles.yaml")
    return {form: entry["en"] for entry in data["civil"] for form in entry["fr"]}


@cache
def title_cues() -> frozenset[str]:
    return frozenset(fold_key(cue) for cue in load_data("titles.yaml")["cues"])


@cache
def surnames() -> frozenset[str]:
    return frozenset(fold_key(name) for name in load_data("vietnam.yaml")["surnames"])


def words(text: str) -> list[Word]:
    """The words of ``text`` with elided articles ("l'", "d'") split off as words of their own."""
    found: list[Word] = []
    titles = civil_titles()
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
                found.append(Word(begin, begin + len(piece), piece, initial))
    return found


def _starts_sentence(text: str, start: int, previous_end: int) -> bool:
    """Nothing but spaces before, or an opening mark since the previous word."""
    between = text[previous_end:start].rstrip()
    if previous_end == 0 and not between:
        return not text[:start].strip()
    return bool(between) and between[-1] in _OPENERS


def protected(
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

"""The words of a French sentence as the name finder sees them, and its word lists."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from bitext.models import ProtectedSpan, SpanKind
from bitext.names.gazetteer import fold_key, load_data
from bitext.names.lexicon import french_common

_WORD = re.compile(r"[^\W_](?:[\w'’\u2010\u2011-]*\w)?")  # without trailing apostrophes or hyphens
_ELISION = re.compile(r"(?:[ldjnmstc]|qu|jusqu|lorsqu|puisqu)['’](?=[^\W\d_])", re.IGNORECASE)
_HYPHENATED = re.compile(r"[-\u2010\u2011]").search  # most words have no hyphen: no particle pattern run
_OPENERS = set('.!?…:;«“"(—–-•')
# An Arabic article or kinship word joined to a capitalised name: "al-Assad", "el-Sissi",
# "ben-Gourion". The name is capitalised; the particle is not.
_JOINED_PARTICLE = re.compile(r"(?:al|el|ad|ar|as|ash|at|az|ibn|bin|ben|abu|abou)[-\u2010\u2011](?=\w)")


class Word:
    """A word of the sentence: where it is, whether it opens a sentence, its folded key."""

    __slots__ = ("_fold", "bare", "capitalised", "end", "initial", "start", "text")

    def __init__(self, start: int, end: int, text: str, initial: bool) -> None:
        self.start, self.end, self.text, self.initial = start, end, text, initial
        self.capitalised = text[0].isupper() or (_HYPHENATED(text) is not None and _joined_name(text))
        self.bare = text.rstrip(".") if text[-1] == "." else text
        self._fold: str | None = None

    @property
    def fold(self) -> str:
        """The gazetteer key of the word, made on first use (and once per distinct word)."""
        if self._fold is None:
            self._fold = _word_key(self.bare)
        return self._fold


def _joined_name(text: str) -> bool:
    """ "al-Assad", "el-Sissi": a lower-case particle joined to a capitalised name."""
    particle = _JOINED_PARTICLE.match(text)
    return particle is not None and text[particle.end()].isupper()


@lru_cache(maxsize=1 << 16)
def _word_key(bare: str) -> str:
    return fold_key(bare)


def opens_sentence(word: Word) -> bool:
    """A common French word that starts the sentence ("Selon", "Mais"), or "A": "À" without
    its accent, as capitals are often written ("A Paris, …")."""
    return word.initial and (word.bare == "A" or french_common(word.bare.lower()))


@cache
def civil_titles() -> dict[str, str]:
    data = load_data("titles.yaml")
    return {form: entry["en"] for entry in data["civil"] for form in entry["fr"]}


@cache
def _dotted_titles() -> frozenset[str]:
    """Civil titles written with a full stop ("M.", "Mme."), without it: the words that may take the stop."""
    return frozenset(form[:-1] for form in civil_titles() if form.endswith("."))


@cache
def title_cues() -> frozenset[str]:
    return frozenset(fold_key(cue) for cue in load_data("titles.yaml")["cues"])


@cache
def surnames() -> frozenset[str]:
    return frozenset(fold_key(name) for name in load_data("vietnam.yaml")["surnames"])


def words(text: str) -> list[Word]:
    """The words of ``text`` with elided articles ("l'", "d'") split off as words of their own."""
    found: list[Word] = []
    dotted = _dotted_titles()
    previous = 0
    for match in _WORD.finditer(text):
        (start, end), token = match.span(), match.group()
        if token in dotted and text.startswith(".", end):
            token += "."
            end += 1
        # One space after a word, the common case, opens no sentence.
        initial = not (previous and start - previous == 1 and text[previous] == " ") and _starts_sentence(
            text, start, previous
        )
        if ("'" in token or "’" in token) and (elision := _ELISION.match(token)):
            cut = start + elision.end()
            found.append(Word(start, cut, elision.group(), initial))
            found.append(Word(cut, end, token[elision.end() :], False))
        else:
            found.append(Word(start, end, token, initial))
        previous = end
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

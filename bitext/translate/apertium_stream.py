"""Apertium's stream format, rewritten between the stages of a translation and read back.

Inside a pipeline Apertium passes text as a stream: lexical units ``^surface/analysis$``
after the analyser, blanks between them, ``[...]`` superblanks for formatting (the
newlines that separate our sentences live there), ``\\x`` escapes for reserved
characters, and ``.[]`` for a period the deformatter added at a line end. Word-bound
blanks ``[[...]]word[[/]]`` are carried from each unit through tagging, transfer and
generation onto the words it produces.

The first stage gives every unit a word-bound blank ``[[n]]`` with a running number
right after the analyser (numbering after analysis, not in the text, keeps multiword
units and contractions whole: the translation does not change), so each Spanish word
says which French units produced it. Generated words keep Apertium's marks: ``*``
unknown word, ``@`` no bilingual entry, ``#`` not generated (the lemma, or bare tags such
as ``#<prn>``: the debris that must never reach the output).

Sentences are one line each with a blank line between them, so in every stream sentence
``k`` is physical line ``2k`` (the superblank holding the newlines opens at the end of one
line and closes at the start of the line after the blank one). The functions here work
on one such line: the relays between stages stay cheap regular expressions, and only the
sentences with a leak are read word by word. The final stage's plain text keeps its
marks too; :func:`strip_marks` removes them and says where they were.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNIT_START = re.compile(r"(?<!\\)((?:\\\\)*)\^")
_ESCAPE = re.compile(r"\\(.)", re.S)
_RESERVED = re.compile(r"([\\\[\]^$/<>@{}])")
_SUPERBLANK_OR_ESCAPE = re.compile(r"\\(.)|\[((?:\\.|[^\\\]])*)\]", re.S)
_ADDED_PERIOD = re.compile(r"\.\[\]")
_WORDBOUND = re.compile(r"\[\[(\d[^\]]*)\]\]([*@#]*)((?:\\.|[^\\\[])*)\[\[/\]\]", re.S)
_MARKER_AND_MARKS = re.compile(r"\[\[\d[^\]]*\]\][*@#]*|\[\[/\]\]")
_ESCAPED_TAG = re.compile(r"\\<(?:\\.|[^\\\[])*?\\>")
_UNIT = re.compile(r"\[\[(\d+)\]\]\^((?:\\.|[^\\/$])*)((?:\\.|[^\\$])*)\$")
_MARKED = re.compile(r"(?<![*#@])([*#@]+)((?:<[^<>\s]*>)+|\w+(?:['’-]\w+)*)?")
# French inversion puts the subject pronoun behind the verb ("a-t-il dit", "dit-elle",
# "peut-on"): the analyser makes it a unit glued to the verb (no blank, or a "-" blank),
# and fr-es's transfer deletes it with the blank, gluing "haafirmado".
_INVERSION = re.compile(
    r"(\^(?:\\.|[^\\$])*<vb(?:\\.|[^\\$])*\$)-?\^(?:-t-|-)?(?:il|elle|ils|elles|on|je|j'|tu)"
    r"((?:/(?:il|on|je|tu)<prn>(?:<\w+>)*)+)\$",
    re.IGNORECASE,
)


def escape(text: str) -> str:
    """Plain text to stream text, as ``apertium-destxt`` escapes it."""
    return _RESERVED.sub(r"\\\1", text)


def render(stream: str) -> str:
    """Stream text to plain text, as ``apertium-retxt`` prints it (no word-bound blanks)."""
    return _SUPERBLANK_OR_ESCAPE.sub(_unescape_match, _ADDED_PERIOD.sub("", stream))


def _unescape_match(match: re.Match[str]) -> str:
    return match.group(1) if match.group(1) is not None else unescape(match.group(2))


def unescape(text: str) -> str:
    """Stream text to plain text: ``\\x`` becomes ``x``."""
    return _ESCAPE.sub(r"\1", text)


class UnitCounter:
    """Numbers units across all the lines of one stream, from 1."""

    def __init__(self) -> None:
        self._last = 0

    def number(self, line: str) -> str:
        """``line`` (analyser output) with a word-bound blank ``[[n]]`` before each unit."""
        if "\\" in line:
            return _UNIT_START.sub(self._label, line)
        head, *units = line.split("^")
        first = self._last + 1
        self._last += len(units)
        numbers = range(first, self._last + 1)
        return head + "".join([f"[[{n}]]^{unit}" for n, unit in zip(numbers, units, strict=True)])

    def _label(self, match: re.Match[str]) -> str:
        self._last += 1
        return f"{match.group(1)}[[{self._last}]]^"


def drop_inverted_subjects(line: str) -> str:
    """Remove inverted subject pronouns (analyser output), leaving a space behind the verb.

    Spanish and English drop the pronoun anyway; removing it before transfer keeps the
    blank that fr-es would lose ("ha afirmado", not "haafirmado").
    """
    if "$-^" not in line and "$^-" not in line:
        return line
    return _INVERSION.sub(r"\1 ", line)


def clean_for_next_stage(line: str) -> str:
    """A generated line without word-bound blanks, marks or tag debris (still a stream)."""
    if "]]#" in line or "]]@" in line:
        line = _WORDBOUND.sub(_without_tags, line)
    return _MARKER_AND_MARKS.sub("", line)


def pivot_text(line: str) -> str:
    """A generated line's words and blanks, without word-bound blanks or marks (rough text)."""
    return _MARKER_AND_MARKS.sub(" ", line)


def _without_tags(match: re.Match[str]) -> str:
    """A marked word without the analysis tags Apertium printed for it (``#<prn>``)."""
    if not match.group(2):
        return match.group(0)
    return f"[[{match.group(1)}]]{match.group(2)}{_ESCAPED_TAG.sub('', match.group(3))}[[/]]"


def unit_surface(line: str, unit: int) -> str | None:
    """The source form of unit ``unit`` in one numbered analyser line, if it is there."""
    match = _UNIT.search(line, line.find(f"[[{unit}]]^")) if f"[[{unit}]]^" in line else None
    return unescape(match.group(2)) if match is not None and match.group(1) == str(unit) else None


@dataclass(slots=True)
class Word:
    """One generated word: plain text, the units that produced it, Apertium's marks."""

    text: str
    units: tuple[int, ...]
    marks: str


def words(line: str) -> list[Word]:
    """The words of one numbered generated line, in order, marks kept apart from the text."""
    found = []
    for numbers, marks, body in _WORDBOUND.findall(line):
        if marks:
            body = _ESCAPED_TAG.sub("", body)
        if "\\" in body:
            body = unescape(body)
        units = (int(numbers),) if numbers.isdigit() else tuple(int(n) for n in re.findall(r"\d+", numbers))
        found.append(Word(body, units, marks))
    return found


@dataclass(slots=True)
class Marked:
    """A word Apertium marked in plain-text output, and where it is once marks are gone."""

    word: str
    marks: str
    start: int
    end: int


def strip_marks(line: str, before: str) -> tuple[str, list[Marked]]:
    """Plain-text output without Apertium's marks and tag debris, and the marked words.

    ``before`` is the text the stage read: a ``*``, ``#`` or ``@`` that stood before the
    same word there (a hashtag, a handle) is text, not a mark, and stays.
    """
    if "*" not in line and "#" not in line and "@" not in line:
        return line, []
    pieces: list[str] = []
    marked: list[Marked] = []
    offset = position = 0
    for match in _MARKED.finditer(line):
        pieces.append(line[position : match.start()])
        offset += match.start() - position
        position = match.end()
        marks, word = match.group(1), match.group(2) or ""
        if word.startswith("<") and "#" in marks:
            continue
        literal = "".join(mark for mark in marks if word and f"{mark}{word}" in before) if word else marks
        shown = literal + word
        pieces.append(shown)
        real = "".join(mark for mark in marks if mark not in literal)
        if real and word:
            marked.append(Marked(word, real, offset + len(literal), offset + len(shown)))
        offset += len(shown)
    pieces.append(line[position:])
    return "".join(pieces), marked

"""Sentence segmentation with ``sentence-splitter``, keeping character offsets.

sentence-splitter's rules (Moses rules with per-language non-breaking prefixes, applied
by :mod:`bitext.sentence_rules` with patterns compiled once) give sentence strings; each
is located back in the text, so ``text[start:end]`` is always
the sentence. Two repairs on top of its rules, for news items:

* titles its lists lack ("Mme", "Pr", "Gén." in French; "Pres.", "Dept." in
  English) do not end a sentence: the split they cause is merged back;
* "etc." (and English "no.") before a capitalised word does end one, which its
  lists never allow.

Numbers ("1,6 milliard", "40.000") and dates ("29/09/2025") need nothing: a full
stop only ends a sentence before a space.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from bitext import sentence_rules
from bitext.models import Sentence

SEGMENT_LANGUAGES = ("fr", "en")
CACHED_TEXTS = 8192
CACHED_LONGEST = 2000
_BREAK_MARK = re.compile(r"[.?!]")
# Case matters, as in sentence-splitter's own lists: "Pr." is a title, "pr." is not.
_EXTRA_TITLES = {
    "fr": frozenset(
        {"Mme", "Mmes", "Mlle", "Mlles", "Me", "Pr", "Gén", "Gal", "Lt", "Col", "Cdt", "Mgr", "Ste"}
    ),
    "en": frozenset({"Pres", "Dept", "Univ", "Ave", "Mt", "Ft", "Gens", "Lt", "Col"}),
}
_LAST_WORD = re.compile(r"([^\W\d_]+)\.$")
_SPACE = re.compile(r"\s+")
# Words its lists never break after that do end a sentence before a capitalised word.
_BREAK_AFTER = {
    lang: re.compile(rf"\b(?:{'|'.join(words)})\.(?=\s+[«\"“(]?\s*[A-ZÀ-Þ])")
    for lang, words in (("fr", ("etc",)), ("en", ("etc", "no")))
}


def _rules(lang: str) -> str:
    return lang if lang in SEGMENT_LANGUAGES else "en"


def sentence_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text``; a line break always ends one.

    Results for texts up to :data:`CACHED_LONGEST` characters are remembered (a
    bounded cache): repeated paragraphs are split once.

    Args:
        text: One paragraph, or several lines.
        lang: ``"fr"`` or ``"en"`` rules; any other value gets the English rules.
    """
    if len(text) <= CACHED_LONGEST:
        return list(_remembered_spans(text, _rules(lang)))
    return _text_spans(text, _rules(lang))


@lru_cache(maxsize=CACHED_TEXTS)
def _remembered_spans(text: str, lang: str) -> tuple[tuple[int, int], ...]:
    return tuple(_text_spans(text, lang))


def _text_spans(text: str, lang: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    cursor = 0
    for line in text.split("\n"):
        if line.strip():
            spans.extend((cursor + start, cursor + end) for start, end in _line_spans(line, lang))
        cursor += len(line) + 1
    return spans


def _split_line(line: str, lang: str) -> list[str]:
    """sentence-splitter's sentences of ``line``, without calling it when it cannot split.

    Every break its rules make needs a ``.``, ``?`` or ``!`` followed, later in the
    line, by a space; a line with none of them before its last space (most titles) is
    one sentence, returned as it is (:func:`_locate` squeezes spaces either way).
    """
    if _BREAK_MARK.search(line, 0, max(line.rfind(" "), 0)) is None:
        return [line]
    return sentence_rules.split(line, lang)


def _line_spans(line: str, lang: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    cursor = 0
    for sentence in _split_line(line, lang):
        located = _locate(line, sentence, cursor)
        if located is None:
            continue
        start, end = located
        if spans and _ends_with_title(line[spans[-1][0] : spans[-1][1]], lang):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
        cursor = end
    if cursor < len(line.rstrip()):  # anything the splitter did not hand back stays covered
        rest = len(line[cursor:]) - len(line[cursor:].lstrip())
        spans.append((cursor + rest, len(line.rstrip())))
    return [piece for start, end in spans for piece in _break_after(line, start, end, lang)]


def _locate(line: str, sentence: str, cursor: int) -> tuple[int, int] | None:
    """Find ``sentence`` in ``line`` from ``cursor``, allowing for squeezed spaces.

    The first place from ``cursor`` where the sentence's words follow each other,
    apart by any run of whitespace. (A regex built per sentence did the same, but
    compiling it cost more than all the rest of segmentation.)
    """
    words = sentence.split()
    if not words:
        return None
    start = line.find(words[0], cursor)
    whole = sentence.strip()
    if start != -1 and line.startswith(whole, start):
        return start, start + len(whole)  # as given (the usual case): the loop's first answer
    while start != -1:
        end = _words_end(line, start + len(words[0]), words[1:])
        if end is not None:
            return start, end
        start = line.find(words[0], start + 1)
    return None


def _words_end(line: str, position: int, words: Sequence[str]) -> int | None:
    """Where ``words`` end when each follows whitespace from ``position``; None if they do not."""
    for word in words:
        space = _SPACE.match(line, position)
        if space is None or not line.startswith(word, space.end()):
            return None
        position = space.end() + len(word)
    return position


def _ends_with_title(sentence: str, lang: str) -> bool:
    match = _LAST_WORD.search(sentence)
    return match is not None and match.group(1) in _EXTRA_TITLES[lang]


def _break_after(line: str, start: int, end: int, lang: str) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    for match in _BREAK_AFTER[lang].finditer(line, start, end):
        pieces.append((start, match.end()))
        start = match.end() + len(line[match.end() : end]) - len(line[match.end() : end].lstrip())
    pieces.append((start, end))
    return pieces


def split_sentences(text: str, lang: str) -> list[str]:
    """The sentences of ``text`` as strings (see :func:`sentence_spans`)."""
    return [text[start:end] for start, end in sentence_spans(text, lang)]


def line_sentences(
    doc_id: str, lines: Sequence[str], *, first_index: int = 0, first_offset: int = 0
) -> list[Sentence]:
    """One sentence per line, as given (stdin, one-segment-per-line files, term lists).

    Offsets are into the lines joined with newlines; each line is its own paragraph.
    ``first_index`` and ``first_offset`` continue the numbering of earlier lines when a
    stream is read in batches.
    """
    sentences: list[Sentence] = []
    offset = first_offset
    for number, line in enumerate(lines, start=first_index):
        sentences.append(
            Sentence(
                id=f"{doc_id}:{number}",
                index=number,
                text=line,
                start=offset,
                end=offset + len(line),
                paragraph=number,
            )
        )
        offset += len(line) + 1
    return sentences


def segment_paragraphs(
    doc_id: str, text: str, paragraph_spans: Sequence[tuple[int, int]], lang: str
) -> list[Sentence]:
    """A document's sentences, numbered in order, with offsets into ``text``.

    Each paragraph is segmented on its own, so the title (paragraph 0) is never
    joined to the first body sentence. Ids are ``"<doc_id>:<index>"``.
    """
    sentences: list[Sentence] = []
    for paragraph, (p_start, p_end) in enumerate(paragraph_spans):
        for start, end in sentence_spans(text[p_start:p_end], lang):
            index = len(sentences)
            sentences.append(
                Sentence(
                    id=f"{doc_id}:{index}",
                    index=index,
                    text=text[p_start + start : p_start + end],
                    start=p_start + start,
                    end=p_start + end,
                    paragraph=paragraph,
                )
            )
    return sentences

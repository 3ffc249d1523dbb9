"""Sentence segmentation with ``sentence-splitter``, keeping character offsets.

sentence-splitter returns sentence strings; offsets are recovered by locating each
sentence in the paragraph, so ``text[start:end]`` is always the sentence. A few
abbreviations common in news items that its French and English lists miss (Mme,
Prof., Gen., Lt.) are repaired by merging the split they cause.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Any

from bitext.models import Sentence

_EXTRA_ABBREVIATIONS = frozenset(
    {
        "m",
        "mm",
        "mme",
        "mmes",
        "mlle",
        "dr",
        "pr",
        "prof",
        "gen",
        "gén",
        "lt",
        "col",
        "sgt",
        "st",
        "ste",
        "no",
        "art",
    }
)
_LAST_WORD = re.compile(r"(\w+)\.$")


@cache
def _splitter(lang: str) -> Any:
    from sentence_splitter import SentenceSplitter

    return SentenceSplitter(language=lang if lang in ("fr", "en") else "en")


def sentence_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text`` (one paragraph or several lines)."""
    spans: list[tuple[int, int]] = []
    cursor = 0
    for line in text.split("\n"):
        if line.strip():
            spans.extend(_line_spans(line, cursor, lang))
        cursor += len(line) + 1
    return spans


def _line_spans(line: str, base: int, lang: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    cursor = 0
    for sentence in _splitter(lang).split(line):
        if not sentence.strip():
            continue
        start, end = _locate(line, sentence, cursor)
        if spans and _ends_with_abbreviation(line[spans[-1][0] - base : spans[-1][1] - base]):
            spans[-1] = (spans[-1][0], base + end)
        else:
            spans.append((base + start, base + end))
        cursor = end
    return spans


def _locate(line: str, sentence: str, cursor: int) -> tuple[int, int]:
    """Find ``sentence`` in ``line`` from ``cursor``, tolerating changed whitespace."""
    start = line.find(sentence, cursor)
    if start != -1:
        return start, start + len(sentence)
    pattern = r"\s+".join(re.escape(word) for word in sentence.split())
    match = re.compile(pattern).search(line, cursor)
    if match is None:  # the splitter rewrote characters; fall back to the rest of the line
        return cursor + len(line[cursor:]) - len(line[cursor:].lstrip()), len(line.rstrip())
    return match.start(), match.end()


def _ends_with_abbreviation(sentence: str) -> bool:
    match = _LAST_WORD.search(sentence)
    return match is not None and match.group(1).lower() in _EXTRA_ABBREVIATIONS


def split_sentences(text: str, lang: str) -> list[str]:
    """The sentences of ``text`` as strings."""
    return [text[start:end] for start, end in sentence_spans(text, lang)]


def segment_paragraphs(
    doc_id: str, text: str, paragraph_spans: Sequence[tuple[int, int]], lang: str
) -> list[Sentence]:
    """Sentences of a document, numbered in order, with offsets into ``text``."""
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

"""Test doubles: tiny word-for-word "engines" implementing the engine protocols.

They translate with a fixed French→English word list and copy unknown words, so a test
can predict their output and see exactly what the glossary stage changed; a sentence
containing ``PERDU`` comes out empty, as an engine that loses a sentence would leave it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bitext.models import Document, EngineInfo
from bitext.segment import line_sentences
from bitext.translate.base import AlignedOutput

WORDS = {
    "le": "the",
    "la": "the",
    "les": "the",
    "l'": "the",
    "l\u2019": "the",
    "de": "of",
    "du": "of the",
    "des": "of the",
    "d'": "of",
    "au": "to the",
    "aux": "to the",
    "et": "and",
    "a": "has",
    "ministère": "ministry",
    "ministre": "minister",
    "vice-ministre": "vice-minister",
    "sécurité": "security",
    "publique": "public",
    "intérieur": "interior",
    "français": "French",
    "française": "French",
    "vietnamien": "Vietnamese",
    "défense": "defence",
    "rencontré": "met",
    "déclaré": "declared",
    "est": "is",
    "une": "a",
    "priorité": "priority",
    "armées": "armies",
    "assemblée": "assembly",
    "nationale": "national",
    "police": "police",
    "santé": "health",
}
LOST = "PERDU"
"""A sentence holding this word is lost by :class:`WordEngine` (empty output)."""
_TOKEN = re.compile(r"[lLdD][\u2019']|[^\s]+?(?=[.,;:!?]?(?:\s|$))|[.,;:!?]")


def word_translate(text: str) -> tuple[str, list[tuple[int, int]], list[tuple[int, int]]]:
    """Word-for-word English, with the source and target span of every token."""
    source_spans: list[tuple[int, int]] = []
    target_spans: list[tuple[int, int]] = []
    out = ""
    for token in _TOKEN.finditer(text):
        english = WORDS.get(token.group().lower(), token.group())
        if out and english not in ".,;:!?":
            out += " "
        source_spans.append(token.span())
        target_spans.append((len(out), len(out) + len(english)))
        out += english
    return out, source_spans, target_spans


class WordEngine:
    """Any engine: translates word for word, knows nothing more, loses sentences with ``PERDU``.

    ``calls`` records how many texts each ``translate`` call got.
    """

    def __init__(self) -> None:
        self.calls: list[int] = []

    @property
    def info(self) -> EngineInfo:
        return EngineInfo(name="fake-words")

    def translate(self, texts: Sequence[str]) -> list[str]:
        self.calls.append(len(texts))
        return ["" if LOST in text else word_translate(text)[0] for text in texts]


class PlaceholderWordEngine(WordEngine):
    """A placeholder-safe engine: tokens like ``ZXQ0`` are unknown words, copied through."""

    def placeholder(self, index: int, width: int) -> str:
        return f"ZXQ{index:0{width}d}"


class LosingPlaceholderEngine(PlaceholderWordEngine):
    """A placeholder engine that drops its tokens (to test the fallback)."""

    def translate(self, texts: Sequence[str]) -> list[str]:
        return [re.sub(r"\s*ZXQ\d+", "", out) for out in super().translate(texts)]


class AligningWordEngine(WordEngine):
    """An aligning engine: one-hot attention from each target token to its source token."""

    def translate_aligned(self, texts: Sequence[str]) -> list[AlignedOutput]:
        outputs = []
        for text in texts:
            target, source_spans, target_spans = word_translate(text)
            attention = tuple(
                tuple(1.0 if s == t else 0.0 for s in range(len(source_spans)))
                for t in range(len(target_spans))
            )
            outputs.append(AlignedOutput(target, tuple(source_spans), tuple(target_spans), attention))
        return outputs


def make_document(doc_id: str, lang: str | None, texts: list[str]) -> Document:
    """A loaded item with these sentences (one per line), as ingest would give it."""
    return Document(
        id=doc_id,
        path=f"{doc_id}.txt",
        sha256="0" * 64,
        lang=lang,
        title=texts[0] if texts else "",
        text="\n".join(texts),
        sentences=tuple(line_sentences(doc_id, texts)),
    )

"""A translated news item as plain text, laid out like the item it came from.

A news item is a title line and then one paragraph per line (see :mod:`bitext.ingest`),
so the English is written the same way: the translated title on the first line and
each paragraph's translated sentences joined on a line of their own, a blank line
between paragraphs as in the news files. The result reads as an article and is itself
a valid bitext item.
"""

from __future__ import annotations

from collections.abc import Sequence

from bitext.export.text import one_line
from bitext.models import Document, Translation


def article_text(document: Document, translations: Sequence[Translation]) -> str:
    """The English article: the title, then one line per paragraph, a blank line apart.

    Args:
        document: The segmented item (its sentences know their paragraph; paragraph 0 is
            the title).
        translations: One translation per sentence of ``document``, matched by id.

    Raises:
        ValueError: A sentence of ``document`` has no translation (a caller's mistake).
    """
    english = {translation.segment_id: translation.target for translation in translations}
    paragraphs: dict[int, list[str]] = {}
    for sentence in document.sentences:
        if sentence.id not in english:
            raise ValueError(f"sentence {sentence.id} of {document.path} has no translation")
        paragraphs.setdefault(sentence.paragraph, []).append(" ".join(one_line(english[sentence.id]).split()))
    lines = [" ".join(part for part in parts if part) for _, parts in sorted(paragraphs.items())]
    return "\n\n".join(lines) + "\n"

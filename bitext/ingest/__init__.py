"""Read news items, clean them, identify their language and split them into sentences.

An item is a UTF-8 text file: a title line, then one paragraph per line. The result
is a :class:`~bitext.models.Document` whose ``text`` is the cleaned text (paragraphs
separated by a blank line), with every sentence's offsets into it and every cleaning
change recorded.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from bitext.errors import InputError, UsageError
from bitext.ingest.clean import DEFAULT_TEASER_MARKERS, CleanedItem, clean_item, split_lines
from bitext.models import Document, Paragraph

__all__ = [
    "DEFAULT_TEASER_MARKERS",
    "EmptyItemError",
    "collect_inputs",
    "load_document",
    "load_documents",
]


class EmptyItemError(InputError):
    """An item with no text (empty, only whitespace, or nothing left after cleaning)."""


def collect_inputs(paths: Sequence[str | Path]) -> list[Path]:
    """Files as given, folders expanded to their ``*.txt`` files in name order.

    Raises:
        UsageError: A path does not exist, or a folder holds no ``.txt`` file.
    """
    files: list[Path] = []
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise UsageError("no such file or directory", path=path)
        if path.is_dir():
            found = sorted(p for p in path.glob("*.txt") if p.is_file())
            if not found:
                raise UsageError("folder holds no .txt file", path=path)
            files.extend(found)
        else:
            files.append(path)
    return files


def load_document(
    path: str | Path, *, clean: bool = True, markers: Sequence[str] = DEFAULT_TEASER_MARKERS
) -> Document:
    """Read, clean, language-tag and segment one item.

    Raises:
        UsageError: The path does not exist.
        InputError: Not UTF-8 or binary (with line and byte offset).
        EmptyItemError: No text at all, or none left after cleaning.
    """
    from bitext.langid import detect_language
    from bitext.segment import segment_paragraphs
    from bitext.textio import read_text

    path = Path(path)
    raw = read_text(path)
    if not raw.strip():
        raise EmptyItemError("empty item (no text)", path=path)
    raw_lang, _ = detect_language(raw)
    cleaned = clean_item(raw, raw_lang, markers=markers) if clean else _unchanged(raw)
    if not cleaned.paragraphs:
        raise EmptyItemError("no text left after cleaning", path=path)
    text, spans = _join(cleaned.paragraphs)
    lang, confidence = detect_language(text)
    paragraphs = tuple(
        Paragraph(index=i, start=start, end=end, lang=detect_language(text[start:end])[0])
        for i, (start, end) in enumerate(spans)
    )
    return Document(
        id=path.stem,
        path=str(path),
        sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
        lang=lang,
        lang_confidence=round(confidence, 4),
        title=cleaned.paragraphs[0],
        text=text,
        paragraphs=paragraphs,
        sentences=tuple(segment_paragraphs(path.stem, text, spans, lang or raw_lang or "en")),
        changes=tuple(cleaned.changes),
        metadata=cleaned.metadata(),
    )


def load_documents(
    paths: Iterable[str | Path],
    *,
    clean: bool = True,
    skip_bad: bool = False,
    on_skip: Callable[[Path, InputError], None] | None = None,
) -> Iterator[Document]:
    """Load items one at a time, so memory stays flat however many there are.

    Args:
        paths: Item files (see :func:`collect_inputs` for folders).
        clean: Apply the cleaning rules.
        skip_bad: Skip items that raise :class:`InputError` (bad encoding, binary,
            empty) instead of stopping; ``on_skip`` is told about each.
        on_skip: Called with the path and the error of every skipped item.
    """
    for path in paths:
        try:
            yield load_document(path, clean=clean)
        except InputError as error:
            if not skip_bad:
                raise
            if on_skip is not None:
                on_skip(Path(path), error)


def _unchanged(raw: str) -> CleanedItem:
    """``--no-clean``: one paragraph per non-empty line, text as written."""
    return CleanedItem(paragraphs=[p.text for p in split_lines(raw)])


def _join(paragraphs: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    spans, cursor = [], 0
    for paragraph in paragraphs:
        spans.append((cursor, cursor + len(paragraph)))
        cursor += len(paragraph) + 2
    return "\n\n".join(paragraphs), spans

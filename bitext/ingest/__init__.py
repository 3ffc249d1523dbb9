"""Read news items, clean them, identify their language and split them into sentences.

An item is a UTF-8 text file: a title line, then one paragraph per line. The result
is a :class:`~bitext.models.Document` whose ``text`` is the cleaned text (paragraphs
separated by a blank line), with each paragraph's language, every sentence's offsets
into ``text`` and every cleaning change (see :mod:`bitext.ingest.clean`).

Empty items: a file with no text, or none left after cleaning, raises
:class:`EmptyItemError` (an :class:`~bitext.errors.InputError`, exit 65). With
``skip_empty=True`` (what ``bitext inspect`` does), :func:`load_documents` skips such
items instead and tells ``on_skip``, or, without one, issues a
:class:`SkippedItemWarning`; ``skip_bad=True`` skips every unreadable item the same
way. The library itself never prints.
"""

from __future__ import annotations

import hashlib
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from bitext.defaults import DEFAULT_TEASER_MARKERS
from bitext.errors import EmptyItemError, InputError, UsageError
from bitext.ingest.clean import CleanedItem, clean_layout, split_paragraphs
from bitext.ingest.glue import repair_spacing
from bitext.models import Document, Paragraph

__all__ = [
    "DEFAULT_TEASER_MARKERS",
    "EmptyItemError",
    "SkipHandler",
    "SkippedItemWarning",
    "collect_inputs",
    "load_document",
    "load_documents",
]

SkipHandler = Callable[[Path, InputError], None]


class SkippedItemWarning(UserWarning):
    """An item :func:`load_documents` skipped while no ``on_skip`` handler was given."""


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
    path: str | Path,
    *,
    clean: bool = True,
    markers: Sequence[str] = DEFAULT_TEASER_MARKERS,
    starts: Sequence[str] = (),
) -> Document:
    """Read, clean, language-tag and segment one item.

    Args:
        path: The item file.
        clean: Apply the cleaning rules. Without them the text is kept as read (no
            NFC either, so offsets match the file): one paragraph per non-empty
            line, stripped.
        markers: Marker paragraphs ("Voir plus", "Lire aussi : ...") that begin a
            teaser block to cut.
        starts: Paragraph starts (whole words) that begin a teaser block to cut.

    Raises:
        UsageError: The path does not exist or is a folder.
        InputError: Not UTF-8 or binary (with line and byte offset).
        EmptyItemError: No text at all, or none left after cleaning.
    """
    from bitext.langid import detect_language
    from bitext.segment import segment_paragraphs
    from bitext.textio import decode_text, read_bytes

    path = Path(path)
    data = read_bytes(path)
    raw = decode_text(data, path)
    if not raw.strip():
        raise EmptyItemError("empty item (no text)", path=path)
    item = (
        clean_layout(raw, markers=markers, starts=starts)
        if clean
        else CleanedItem(drafts=split_paragraphs(raw))
    )
    if not item.drafts:
        raise EmptyItemError("no text left after cleaning", path=path)
    lang, confidence = detect_language(_join(item.paragraphs)[0])
    paragraph_langs = [detect_language(paragraph)[0] for paragraph in item.paragraphs]
    if clean:
        for draft, paragraph_lang in zip(item.drafts, paragraph_langs, strict=True):
            repair_spacing(draft, paragraph_lang or lang)
    text, spans = _join(item.paragraphs)
    return Document(
        id=path.stem,
        path=str(path),
        sha256=hashlib.sha256(data).hexdigest(),
        lang=lang,
        lang_confidence=round(confidence, 4),
        title=item.paragraphs[0],
        text=text,
        paragraphs=tuple(
            Paragraph(index=i, start=start, end=end, lang=paragraph_lang)
            for i, ((start, end), paragraph_lang) in enumerate(zip(spans, paragraph_langs, strict=True))
        ),
        sentences=tuple(segment_paragraphs(path.stem, text, spans, lang or "en")),
        changes=tuple(item.changes()),
        metadata=item.metadata(),
    )


def load_documents(
    paths: Iterable[str | Path],
    *,
    clean: bool = True,
    skip_bad: bool = False,
    skip_empty: bool = False,
    on_skip: SkipHandler | None = None,
    markers: Sequence[str] = DEFAULT_TEASER_MARKERS,
    starts: Sequence[str] = (),
) -> Iterator[Document]:
    """Load items one at a time, so memory stays flat however many there are.

    Args:
        paths: Item files (see :func:`collect_inputs` for folders).
        clean: Apply the cleaning rules (see :func:`load_document`).
        skip_bad: Skip every item that raises :class:`InputError` (not UTF-8,
            binary, empty) instead of stopping.
        skip_empty: Skip empty items (:class:`EmptyItemError`) instead of stopping.
        on_skip: Called with the path and the error of each skipped item; without
            it a :class:`SkippedItemWarning` is issued.
        markers: Marker paragraphs that begin a teaser block to cut.
        starts: Paragraph starts (whole words) that begin a teaser block to cut.

    Raises:
        InputError: A bad item that is not to be skipped.
    """
    for path in paths:
        try:
            document = load_document(path, clean=clean, markers=markers, starts=starts)
        except InputError as error:
            if not (skip_bad or (skip_empty and isinstance(error, EmptyItemError))):
                raise
            if on_skip is None:
                warnings.warn(f"skipped {error}", SkippedItemWarning, stacklevel=2)
            else:
                on_skip(Path(path), error)
            continue
        yield document


def _join(paragraphs: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """The document text (paragraphs apart by a blank line) and each paragraph's span."""
    spans, cursor = [], 0
    for paragraph in paragraphs:
        spans.append((cursor, cursor + len(paragraph)))
        cursor += len(paragraph) + 2
    return "\n\n".join(paragraphs), spans

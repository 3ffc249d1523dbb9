"""Read news items, clean them, identify their language and split them into sentences.

An item is UTF-8 text: a title line, then one paragraph per line. It comes from a
``.txt`` file, or from a JSONL or Parquet collection of many (see
:mod:`bitext.ingest.sources`; a collection item's id is its ``id`` field, its path
``collection:line``). The result
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
import stat
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

from bitext.defaults import DEFAULT_TEASER_MARKERS
from bitext.errors import EmptyItemError, InputError, UsageError
from bitext.ingest.clean import CleanedItem, clean_layout, split_paragraphs
from bitext.ingest.sources import is_collection, item_text, iter_items
from bitext.ingest.spacing import repair_spacing
from bitext.models import Document, Paragraph, RawItem

__all__ = [
    "DEFAULT_TEASER_MARKERS",
    "EmptyItemError",
    "SkipHandler",
    "SkippedItemWarning",
    "collect_inputs",
    "document_from_item",
    "documents_from_entries",
    "load_document",
    "load_documents",
]

SkipHandler = Callable[[Path, InputError], None]


class SkippedItemWarning(UserWarning):
    """An item :func:`load_documents` skipped while no ``on_skip`` handler was given."""


def collect_inputs(paths: Sequence[str | Path]) -> list[Path]:
    """Files as given (``.txt`` items, ``.jsonl``/``.parquet`` collections), folders
    expanded to their ``*.txt`` files in name order.

    A ``.txt`` entry of a folder that cannot be an item (a symbolic link loop, a link to
    nothing, a FIFO or device) is left out with a :class:`SkippedItemWarning` naming it;
    such a path given by name is an error (the reader refuses non-regular files).

    Raises:
        UsageError: A path does not exist or is a symbolic link loop, or a folder holds
            no ``.txt`` file.
        ModelError: A ``.parquet`` collection, and pyarrow is not installed (exit 69):
            every command collects its inputs first, so this comes before any output.
    """
    from bitext.extras import import_pyarrow
    from bitext.textio import stat_input

    files: list[Path] = []
    for given in paths:
        path = Path(given)
        if stat.S_ISDIR(stat_input(path).st_mode):
            found = [p for p in sorted(path.glob("*.txt")) if _usable_entry(p)]
            if not found:
                raise UsageError("folder holds no .txt file", path=path)
            files.extend(found)
        else:
            if path.suffix.lower() == ".parquet":
                import_pyarrow(path=path)
            files.append(path)
    return files


def _usable_entry(path: Path) -> bool:
    """True for a regular file; warn about links that loop or dangle and odd file types."""
    from bitext.textio import stat_input

    try:
        mode = stat_input(path).st_mode
    except UsageError as error:
        warnings.warn(f"skipped {error}", SkippedItemWarning, stacklevel=3)
        return False
    if stat.S_ISDIR(mode):
        return False
    if not stat.S_ISREG(mode):
        warnings.warn(f"skipped {path}: not a regular file", SkippedItemWarning, stacklevel=3)
        return False
    return True


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
    from bitext.textio import read_bytes

    path = Path(path)
    if is_collection(path):
        raise UsageError("is a collection of items; read it with load_documents", path=path)
    return document_from_item(
        RawItem(id=path.stem, path=str(path), data=read_bytes(path)),
        clean=clean,
        markers=markers,
        starts=starts,
    )


def document_from_item(
    item: RawItem,
    *,
    clean: bool = True,
    markers: Sequence[str] = DEFAULT_TEASER_MARKERS,
    starts: Sequence[str] = (),
) -> Document:
    """Clean, language-tag and segment one item as read (see :func:`load_document`).

    Raises:
        InputError: Not UTF-8 or binary (with line and byte offset).
        EmptyItemError: No text at all, or none left after cleaning.
    """
    from bitext.langid import detect_item_languages
    from bitext.segment import segment_paragraphs

    raw = item_text(item)
    if not raw.strip():
        raise EmptyItemError(_empty("empty item (no text)", item), path=item.path, line=item.line)
    cleaned = (
        clean_layout(raw, markers=markers, starts=starts)
        if clean
        else CleanedItem(drafts=split_paragraphs(raw))
    )
    if not cleaned.drafts:
        raise EmptyItemError(_empty("no text left after cleaning", item), path=item.path, line=item.line)
    (lang, confidence), paragraph_langs = detect_item_languages(cleaned.paragraphs)
    if clean:
        for draft, paragraph_lang in zip(cleaned.drafts, paragraph_langs, strict=True):
            repair_spacing(draft, paragraph_lang or lang)
    text, spans = _join(cleaned.paragraphs)
    return Document(
        id=item.id,
        path=item.where,
        sha256=hashlib.sha256(item.data).hexdigest(),
        lang=lang,
        lang_confidence=round(confidence, 4),
        title=cleaned.paragraphs[0],
        text=text,
        paragraphs=tuple(
            Paragraph(index=i, start=start, end=end, lang=paragraph_lang)
            for i, ((start, end), paragraph_lang) in enumerate(zip(spans, paragraph_langs, strict=True))
        ),
        sentences=tuple(segment_paragraphs(item.id, text, spans, lang or "en")),
        changes=tuple(cleaned.changes()),
        metadata=cleaned.metadata(),
    )


def _empty(message: str, item: RawItem) -> str:
    """A file item's message as it always was; a collection item's names its id."""
    return message if item.line is None else f"item {item.id!r}: {message}"


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
        paths: Item files and collections (see :func:`collect_inputs` for folders).
        clean: Apply the cleaning rules (see :func:`load_document`).
        skip_bad: Skip every item that raises :class:`InputError` (not UTF-8,
            binary, empty) instead of stopping.
        skip_empty: Skip empty items (:class:`EmptyItemError`) instead of stopping.
        on_skip: Called with the file (for a collection item, the collection) and
            the error of each skipped item; without it a :class:`SkippedItemWarning`
            is issued.
        markers: Marker paragraphs that begin a teaser block to cut.
        starts: Paragraph starts (whole words) that begin a teaser block to cut.

    Raises:
        InputError: A bad item that is not to be skipped.
    """
    yield from documents_from_entries(
        iter_items(paths),
        clean=clean,
        skip_bad=skip_bad,
        skip_empty=skip_empty,
        on_skip=on_skip,
        markers=markers,
        starts=starts,
    )


def documents_from_entries(
    entries: Iterable[RawItem | InputError],
    *,
    clean: bool = True,
    skip_bad: bool = False,
    skip_empty: bool = False,
    on_skip: SkipHandler | None = None,
    markers: Sequence[str] = DEFAULT_TEASER_MARKERS,
    starts: Sequence[str] = (),
) -> Iterator[Document]:
    """:func:`load_documents` over items already read (or their read errors), e.g. one
    shard of a distributed run (:func:`bitext.ingest.sources.iter_range`)."""
    for entry in entries:
        try:
            if isinstance(entry, InputError):
                raise entry
            document = document_from_item(entry, clean=clean, markers=markers, starts=starts)
        except InputError as error:
            if not (skip_bad or (skip_empty and isinstance(error, EmptyItemError))):
                raise
            if on_skip is None:
                warnings.warn(f"skipped {error}", SkippedItemWarning, stacklevel=2)
            else:
                source = Path(entry.path) if isinstance(entry, RawItem) else error.path
                on_skip(source or Path(), error)
            continue
        yield document


def _join(paragraphs: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """The document text (paragraphs apart by a blank line) and each paragraph's span."""
    spans, cursor = [], 0
    for paragraph in paragraphs:
        spans.append((cursor, cursor + len(paragraph)))
        cursor += len(paragraph) + 2
    return "\n\n".join(paragraphs), spans

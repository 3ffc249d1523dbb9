"""Where items come from: ``.txt`` files, and JSONL or Parquet collections of many items.

A ``.txt`` file is one item, named by its file name without suffix. A collection holds
many, one per JSONL line or Parquet row, each with an ``id`` (string or integer) and a
``text`` (string); other fields or columns are ignored. Collections are read as
streams, a line or a row group at a time, so memory stays flat however large they are.

Errors name the file and the line (JSONL) or row (Parquet) of the item. A bad item
(malformed line, missing field, NUL, empty text) is *yielded* as its
:class:`~bitext.errors.InputError` so the caller decides whether to stop or skip it,
and reading goes on; an error about a whole collection (not Parquet at all, missing
columns, unreadable) is raised.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from bitext.errors import InputError
from bitext.models import InputFile, RawItem
from bitext.textio import decode_text, read_bytes

COLLECTION_SUFFIXES = (".jsonl", ".parquet")
COLUMNS = ("id", "text")
_PARQUET_BATCH_ROWS = 1024
_HASH_BLOCK = 1 << 20


def is_collection(path: str | Path) -> bool:
    """Whether ``path`` names a JSONL or Parquet collection (by its suffix)."""
    return Path(path).suffix.lower() in COLLECTION_SUFFIXES


def iter_items(paths: Iterable[str | Path]) -> Iterator[RawItem | InputError]:
    """Each item of ``paths`` in order; a bad item comes as its error (see the module doc).

    Raises:
        UsageError: A path does not exist or is a folder.
        InputError: A collection that cannot be read as a whole.
    """
    for given in paths:
        path = Path(given)
        if path.suffix.lower() == ".jsonl":
            yield from _jsonl_items(path)
        elif path.suffix.lower() == ".parquet":
            yield from _parquet_items(path)
        else:
            try:
                yield RawItem(id=path.stem, path=str(path), data=read_bytes(path))
            except InputError as error:
                yield error


def item_text(item: RawItem) -> str:
    """The item's text, decoded as :func:`bitext.textio.read_text` does (BOM, line ends).

    Raises:
        InputError: A ``.txt`` item that is binary or not UTF-8; a collection item
            whose text holds a NUL character (located at its line or row).
    """
    if item.line is None:
        return decode_text(item.data, item.path)
    try:
        return decode_text(item.data, item.path)
    except InputError as error:
        raise InputError(f"item {item.id!r}: {error.message}", path=item.path, line=item.line) from error


def item_ids(paths: Iterable[str | Path]) -> Iterator[tuple[str, str]]:
    """``(item id, where)`` of every good item; a ``.txt`` file is not read.

    Bad items are left out: they fail, or are skipped, where they are loaded.
    """
    for given in paths:
        path = Path(given)
        if is_collection(path):
            yield from ((item.id, item.where) for item in iter_items([path]) if isinstance(item, RawItem))
        else:
            yield path.stem, str(path)


def check_collection(path: str | Path, *, skip_bad: bool) -> InputFile:
    """Hash a collection and check every item before anything is written.

    Args:
        path: A JSONL or Parquet collection.
        skip_bad: Let bad items through (they are skipped, and reported, when loaded).

    Returns:
        The manifest record of the collection file.

    Raises:
        InputError: The first bad item (malformed, NUL, empty) unless ``skip_bad``, or
            a collection that cannot be read.
    """
    from bitext.errors import EmptyItemError

    path = Path(path)
    if skip_bad:
        if path.suffix.lower() == ".parquet":
            _parquet_file(path)
        return InputFile(path=str(path), sha256=_file_sha256(path), size=path.stat().st_size)
    for item in iter_items([path]):
        if isinstance(item, InputError):
            raise item
        if not item_text(item).strip():
            raise EmptyItemError(f"empty item {item.id!r} (no text)", path=item.path, line=item.line)
    return InputFile(path=str(path), sha256=_file_sha256(path), size=path.stat().st_size)


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(_HASH_BLOCK), b""):
                digest.update(block)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=path) from exc
    return digest.hexdigest()


def _jsonl_items(path: Path) -> Iterator[RawItem | InputError]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=path) from exc
    with handle:
        offset = 0
        for number, raw in enumerate(handle, start=1):
            if raw.strip():
                yield _jsonl_item(path, number, offset, raw)
            offset += len(raw)


def _jsonl_item(path: Path, number: int, offset: int, raw: bytes) -> RawItem | InputError:
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return InputError(
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
            path=path,
            line=number,
            offset=offset + exc.start,
        )
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputError(f"malformed JSON: {exc.msg} (column {exc.colno})", path=path, line=number)
    if not isinstance(record, dict):
        return InputError(
            f'expected an object {{"id": …, "text": …}}, found {type(record).__name__}',
            path=path,
            line=number,
        )
    missing = [name for name in COLUMNS if name not in record]
    if missing:
        return InputError(
            f"the line has no {' and no '.join(map(repr, missing))} field", path=path, line=number
        )
    return _make_item(path, number, record["id"], record["text"])


def _make_item(path: Path, number: int, item_id: Any, text: Any) -> RawItem | InputError:
    """A collection item from its ``id`` and ``text`` values, or what is wrong with them."""
    if isinstance(item_id, bool) or not isinstance(item_id, str | int):
        return InputError(
            f"'id' must be a string or an integer, not {_kind(item_id)}", path=path, line=number
        )
    if not str(item_id).strip():
        return InputError("'id' is empty", path=path, line=number)
    if not isinstance(text, str):
        return InputError(
            f"item {item_id!r}: 'text' must be a string, not {_kind(text)}", path=path, line=number
        )
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return InputError(
            f"item {item_id!r}: 'text' holds a lone surrogate (\\u{ord(text[exc.start]):04x})",
            path=path,
            line=number,
        )
    return RawItem(id=str(item_id), path=str(path), line=number, data=data)


def _kind(value: Any) -> str:
    return "null" if value is None else type(value).__name__


def _parquet_file(path: Path) -> Any:
    """Open a Parquet collection and check its columns.

    Raises:
        InputError: Not a Parquet file, or without an ``id`` or ``text`` column.
    """
    import pyarrow
    import pyarrow.parquet

    try:
        parquet = pyarrow.parquet.ParquetFile(path)
    except (OSError, pyarrow.ArrowException) as exc:
        raise InputError(f"not a readable Parquet file: {exc}", path=path) from exc
    names = parquet.schema_arrow.names
    missing = [name for name in COLUMNS if name not in names]
    if missing:
        raise InputError(
            f"the Parquet file has no column {' and no column '.join(map(repr, missing))} "
            f"(its columns: {', '.join(names) or 'none'})",
            path=path,
        )
    return parquet


def _parquet_rows(path: Path, columns: list[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(1-based row, values)`` of a Parquet collection, a batch at a time."""
    import pyarrow

    parquet = _parquet_file(path)
    number = 0
    try:
        for batch in parquet.iter_batches(batch_size=_PARQUET_BATCH_ROWS, columns=columns):
            for row in batch.to_pylist():
                number += 1
                yield number, row
    except (OSError, pyarrow.ArrowException) as exc:
        raise InputError(f"cannot read row {number + 1}: {exc}", path=path) from exc


def _parquet_items(path: Path) -> Iterator[RawItem | InputError]:
    for number, row in _parquet_rows(path, list(COLUMNS)):
        yield _make_item(path, number, row["id"], row["text"])

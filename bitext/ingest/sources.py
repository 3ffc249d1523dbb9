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

from bitext.errors import BitextError, InputError
from bitext.extras import import_pyarrow
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


def iter_range(
    path: str | Path, location: str | Path, start: int = 0, stop: int | None = None, first_line: int = 1
) -> Iterator[RawItem | InputError]:
    """The items of part of one input, named as a whole-input read names them.

    A worker of a distributed run reads its shard's items with this (see
    :class:`~bitext.models.ShardPiece` for what ``start``, ``stop`` and ``first_line``
    mean per kind of input): ``path`` is the input as the user gave it, ``location``
    where it is opened.

    Raises:
        InputError: A collection that cannot be read as a whole.
    """
    name, where = Path(path), Path(location)
    if name.suffix.lower() == ".jsonl":
        yield from _jsonl_items(where, name=name, start=start, stop=stop, first_line=first_line)
    elif name.suffix.lower() == ".parquet":
        yield from _parquet_items(where, name=name, start=start, stop=stop)
    else:
        try:
            yield RawItem(id=name.stem, path=str(name), data=read_bytes(where))
        except BitextError as error:
            yield InputError(error.message, path=name, line=error.line, offset=error.offset)


def jsonl_item_offsets(path: str | Path) -> Iterator[tuple[int, int]]:
    """``(byte offset, line number)`` of every item line of a JSONL collection: where a
    distributed run may cut it into shards.

    Raises:
        InputError: The file cannot be read.
    """
    offset = 0
    for number, raw in enumerate(_open_binary(Path(path)), start=1):
        if raw.strip():
            yield offset, number
        offset += len(raw)


def parquet_rows(path: str | Path) -> int:
    """The number of rows (items) of a Parquet collection, from its metadata.

    Raises:
        InputError: Not a Parquet file, or without the expected columns.
    """
    return int(_parquet_file(Path(path)).metadata.num_rows)


def _open_binary(path: Path) -> Iterator[bytes]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=path) from exc
    with handle:
        yield from handle


def _jsonl_items(
    path: Path, *, name: Path | None = None, start: int = 0, stop: int | None = None, first_line: int = 1
) -> Iterator[RawItem | InputError]:
    name = name or path
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=name) from exc
    with handle:
        handle.seek(start)
        offset = start
        for number, raw in enumerate(handle, start=first_line):
            if stop is not None and offset >= stop:
                return
            if raw.strip():
                yield _jsonl_item(name, number, offset, raw)
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


def _parquet_file(path: Path, *, name: Path | None = None) -> Any:
    """Open a Parquet collection and check its columns (errors name it ``name``).

    Raises:
        ModelError: pyarrow is not installed (exit 69).
        InputError: Not a Parquet file, or without an ``id`` or ``text`` column.
    """
    name = name or path
    pyarrow = import_pyarrow(path=name)
    try:
        parquet = pyarrow.parquet.ParquetFile(path)
    except (OSError, pyarrow.ArrowException) as exc:
        raise InputError(f"not a readable Parquet file: {exc}", path=name) from exc
    names = parquet.schema_arrow.names
    missing = [name for name in COLUMNS if name not in names]
    if missing:
        raise InputError(
            f"the Parquet file has no column {' and no column '.join(map(repr, missing))} "
            f"(its columns: {', '.join(names) or 'none'})",
            path=name,
        )
    return parquet


def _parquet_rows(
    path: Path, columns: list[str], *, name: Path | None = None, start: int = 0, stop: int | None = None
) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(1-based row, values)`` of rows ``start`` to ``stop`` (0-based, ``stop``
    excluded) of a Parquet collection, a batch at a time; only the row groups that
    hold them are read."""
    name = name or path
    parquet = _parquet_file(path, name=name)
    pyarrow = import_pyarrow(path=name)
    groups, first = _row_groups(parquet.metadata, start, stop)
    number = first
    try:
        for batch in parquet.iter_batches(batch_size=_PARQUET_BATCH_ROWS, columns=columns, row_groups=groups):
            for row in batch.to_pylist():
                number += 1
                if number <= start:
                    continue
                if stop is not None and number > stop:
                    return
                yield number, row
    except (OSError, pyarrow.ArrowException) as exc:
        raise InputError(f"cannot read row {number + 1}: {exc}", path=name) from exc


def _row_groups(metadata: Any, start: int, stop: int | None) -> tuple[list[int], int]:
    """The row groups that hold rows ``start`` to ``stop``, and the row before the first one."""
    groups: list[int] = []
    first = position = 0
    for index in range(metadata.num_row_groups):
        rows = metadata.row_group(index).num_rows
        if position + rows > start and (stop is None or position < stop):
            if not groups:
                first = position
            groups.append(index)
        position += rows
    return groups, first


def _parquet_items(
    path: Path, *, name: Path | None = None, start: int = 0, stop: int | None = None
) -> Iterator[RawItem | InputError]:
    name = name or path
    for number, row in _parquet_rows(path, list(COLUMNS), name=name, start=start, stop=stop):
        yield _make_item(name, number, row["id"], row["text"])

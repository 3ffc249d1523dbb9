"""``corpus.json``: one JSON document with the run's provenance and every item.

Items go to an anonymous spool file as they are produced and are copied into the
document when the writer closes, so writing needs memory for one item, not for the
corpus. Reading streams too: the top-level object is walked key by key and the
``items`` array decoded one element at a time.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any, Literal

from pydantic import ValidationError

from bitext.errors import InputError
from bitext.export.jsonl import pair_from_record, pair_record
from bitext.models import CorpusItem, Provenance, SegmentPair
from bitext.textio import atomic_write, spool_file

FORMAT_NAME = "bitext-corpus"
FORMAT_VERSION = 1
_WHITESPACE = re.compile(r"\s*")
_DECODER = json.JSONDecoder()
_CHUNK = 1 << 16


def item_record(item: CorpusItem) -> dict[str, Any]:
    """The JSON-ready record of an item; pairs use the JSONL record shape."""
    record = item.model_dump(
        mode="json",
        exclude={"pairs": True, "rejected": True, "translations": {"__all__": {"source", "engine"}}},
    )
    record["pairs"] = [pair_record(pair) for pair in item.pairs]
    record["rejected"] = [pair_record(rejected.pair, reason=rejected.reason) for rejected in item.rejected]
    return record


class JsonDocWriter:
    """Write ``corpus.json`` from items (pipeline) or from pairs (format conversion).

    Pairs given with :meth:`write` are grouped into minimal items by consecutive
    ``doc_id``; use either :meth:`add_item` or :meth:`write` on one writer, not both.
    """

    def __init__(self, path: str | Path, provenance: Provenance) -> None:
        self.path = Path(path)
        self.provenance = provenance
        self.count = 0
        self.items = 0
        self._spool: IO[str] | None = None
        self._stack = ExitStack()
        self._doc_id: str | None = None
        self._doc_pairs: list[dict[str, Any]] = []

    def __enter__(self) -> JsonDocWriter:
        self._spool = self._stack.enter_context(spool_file(self.path))
        return self

    def add_item(self, item: CorpusItem) -> None:
        """Append one item with its sentences, pairs and term QA."""
        self._spool_record(item_record(item))
        self.count += len(item.pairs)

    def add_record(self, record: dict[str, Any], pairs: int) -> None:
        """Append an item record already in :func:`item_record`'s shape holding ``pairs`` pairs.

        Used to rewrite a ``corpus.json`` read back with :func:`read_json_items`.
        """
        self._spool_record(record)
        self.count += pairs

    def write(self, pair: SegmentPair) -> None:
        """Append one pair to the item of its ``doc_id``."""
        if pair.doc_id != self._doc_id:
            self._flush_doc()
            self._doc_id = pair.doc_id
        self._doc_pairs.append(pair_record(pair))
        self.count += 1

    def __exit__(self, *exc_info: Any) -> Literal[False]:
        with self._stack:
            if exc_info[0] is None:
                self._flush_doc()
                self._assemble()
        return False

    def _flush_doc(self) -> None:
        if self._doc_pairs:
            self._spool_record({"id": self._doc_id, "pairs": self._doc_pairs})
        self._doc_pairs = []

    def _spool_record(self, record: dict[str, Any]) -> None:
        assert self._spool is not None, "use JsonDocWriter as a context manager"
        self._spool.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.items += 1

    def _assemble(self) -> None:
        assert self._spool is not None
        head = {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "provenance": self.provenance.model_dump(mode="json"),
        }
        self._spool.seek(0)
        with atomic_write(self.path) as out:
            out.write(json.dumps(head, ensure_ascii=False, indent=2)[:-2] + ',\n  "items": [')
            for number, line in enumerate(self._spool):
                out.write(("," if number else "") + "\n    " + line.rstrip("\n"))
            out.write("\n  ]\n}\n")


def read_json_items(path: str | Path) -> Iterator[dict[str, Any]]:
    """Stream the item records of a ``corpus.json``."""
    for key, value, _ in _walk(Path(path)):
        if key == "items":
            yield value


def read_json(path: str | Path) -> Iterator[SegmentPair]:
    """Stream the kept pairs of every item of a ``corpus.json``.

    Raises:
        InputError: The file is not JSON or an item's pair is malformed (with the
            line where the item starts).
    """
    path = Path(path)
    for key, item, line in _walk(path):
        if key != "items":
            continue
        for record in item.get("pairs", ()) if isinstance(item, dict) else ():
            try:
                yield pair_from_record(record)
            except ValueError as exc:
                raise InputError(f"not a bitext pair record: {exc}", path=path, line=line) from exc


def read_json_provenance(path: str | Path) -> Provenance | None:
    """The provenance of a ``corpus.json`` (``None`` when it has none).

    Raises:
        InputError: The file is not JSON or its provenance is malformed.
    """
    path = Path(path)
    for key, value, line in _walk(path):
        if key == "provenance":
            try:
                return Provenance.model_validate(value)
            except ValidationError as exc:
                message = f"bad provenance: {str(exc).splitlines()[0]}"
                raise InputError(message, path=path, line=line) from exc
    return None


def _walk(path: Path) -> Iterator[tuple[str, Any, int]]:
    """Yield ``(key, value, line)`` for top-level keys and ``("items", item, line)`` per item."""
    stream: _Stream | None = None
    try:
        with path.open(encoding="utf-8") as handle:
            stream = _Stream(handle)
            stream.expect("{")
            while stream.peek() not in {"}", ""}:
                key = stream.value()
                stream.expect(":")
                if key == "items":
                    stream.expect("[")
                    while stream.peek() not in {"]", ""}:
                        yield key, stream.value(), stream.line
                        stream.skip(",")
                    stream.expect("]")
                else:
                    yield str(key), stream.value(), stream.line
                stream.skip(",")
            stream.expect("}")
    except UnicodeDecodeError as exc:
        raise InputError("not valid UTF-8", path=path) from exc
    except ValueError as exc:
        line = stream.line_at(getattr(exc, "pos", None)) if stream is not None else None
        raise InputError(f"not a bitext corpus.json: {exc}", path=path, line=line) from exc
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=path) from exc


class _Stream:
    """A read buffer over a text file that decodes one JSON value at a time.

    ``line`` is the 1-based line where the last value read starts.
    """

    def __init__(self, handle: IO[str]) -> None:
        self._handle = handle
        self._buffer = ""
        self._position = 0
        self._eof = False
        self._lines_before = 0
        self.line = 1

    def line_at(self, position: int | None = None) -> int:
        """The 1-based line of ``position`` in the buffer (default: the read position)."""
        at = self._position if position is None else position
        return self._lines_before + self._buffer.count("\n", 0, at) + 1

    def _fill(self) -> bool:
        chunk = self._handle.read(_CHUNK)
        if not chunk:
            self._eof = True
            return False
        self._lines_before += self._buffer.count("\n", 0, self._position)
        self._buffer = self._buffer[self._position :] + chunk
        self._position = 0
        return True

    def peek(self) -> str:
        """The next non-space character ("" at the end of the file)."""
        while True:
            match = _WHITESPACE.match(self._buffer, self._position)
            self._position = match.end() if match else self._position
            if self._position < len(self._buffer) or not self._fill():
                return self._buffer[self._position : self._position + 1]

    def expect(self, char: str) -> None:
        found = self.peek()
        if found != char:
            raise ValueError(f"expected {char!r}, found {found or 'end of file'!r}")
        self._position += 1

    def skip(self, char: str) -> None:
        if self.peek() == char:
            self._position += 1

    def value(self) -> Any:
        """Decode the next JSON value, reading more of the file until it is complete."""
        self.peek()
        self.line = self.line_at()
        while True:
            try:
                value, end = _DECODER.raw_decode(self._buffer, self._position)
            except json.JSONDecodeError:
                if self._eof:
                    raise
            else:
                if end < len(self._buffer) or self._eof:
                    self._position = end
                    return value
            self._fill()

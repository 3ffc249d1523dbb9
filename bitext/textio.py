"""Reading user text files strictly and writing outputs atomically.

Every stage reads input through :func:`read_text` so a bad file gets the same clear
error everywhere (which file, which line, which byte), and writes through
:func:`atomic_write` so an interrupted run never leaves a half-written file.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import IO, Any, Literal, overload

from bitext.errors import ExportError, InputError, UsageError

_BOM = "\ufeff"


def read_text(path: str | Path) -> str:
    """Read a UTF-8 text file; drop a BOM and turn CRLF/CR line ends into LF.

    Raises:
        UsageError: The path does not exist or is a directory.
        InputError: The file is binary (holds NUL bytes) or is not valid UTF-8; the
            message gives the line and the byte offset of the first bad byte.
    """
    return decode_text(read_bytes(path), path)


def read_bytes(path: str | Path) -> bytes:
    """The bytes of an input file, for callers that also hash them (see :func:`read_text`).

    Raises:
        UsageError: The path does not exist or is a directory.
        InputError: The file cannot be read.
    """
    path = Path(path)
    if not path.exists():
        raise UsageError("no such file or directory", path=path)
    if path.is_dir():
        raise UsageError("is a directory, expected a file", path=path)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=path) from exc


def decode_text(data: bytes, path: str | Path) -> str:
    """Decode bytes read from ``path`` as :func:`read_text` does."""
    text = _strict_utf8(data, path)
    return _line_ends(text[1:] if text.startswith(_BOM) else text)


def read_lines(stream: Iterable[bytes], name: str) -> Iterator[str]:
    """Decode a byte stream line by line as :func:`read_text` decodes a file, lazily.

    For input that may not fit in memory (``bitext translate -``): a BOM at the start
    is dropped, CRLF and CR end lines like LF, and a line break at the very end adds
    no empty line.

    Raises:
        InputError: A NUL byte or a byte that is not UTF-8; the message gives ``name``,
            the line and the byte offset, as :func:`read_text` does.
    """
    offset = 0
    for number, raw in enumerate(stream, start=1):
        text = _strict_utf8(raw, name, first_line=number, first_offset=offset)
        if number == 1 and text.startswith(_BOM):
            text = text[1:]
        lines = _line_ends(text).split("\n")
        if lines[-1] == "":
            lines.pop()
        yield from lines
        offset += len(raw)


def _strict_utf8(data: bytes, path: str | Path, *, first_line: int = 1, first_offset: int = 0) -> str:
    nul = data.find(b"\x00")
    if nul != -1:
        raise InputError(
            "binary file (NUL byte), expected UTF-8 text",
            path=path,
            line=first_line + data.count(b"\n", 0, nul),
            offset=first_offset + nul,
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x})",
            path=path,
            line=first_line + data.count(b"\n", 0, exc.start),
            offset=first_offset + exc.start,
        ) from exc


def _line_ends(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


@overload
def atomic_write(path: str | Path, *, binary: Literal[False] = False) -> AbstractContextManager[IO[str]]: ...


@overload
def atomic_write(path: str | Path, *, binary: Literal[True]) -> AbstractContextManager[IO[bytes]]: ...


def atomic_write(path: str | Path, *, binary: bool = False) -> AbstractContextManager[IO[Any]]:
    """Open a temporary file beside ``path``; rename it into place only on success.

    A crash or Ctrl-C inside the ``with`` block removes the temporary file and leaves
    whatever was at ``path`` before untouched. The file gets the mode a plain ``open``
    would give it (``mkstemp`` alone would leave it readable by its owner only).

    Raises:
        ExportError: The directory cannot be written.
    """
    return _atomic_write(Path(path), binary)


@contextmanager
def _atomic_write(path: Path, binary: bool) -> Iterator[IO[Any]]:
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise ExportError(f"cannot write here: {exc.strerror}", path=path) from exc
    tmp = Path(tmp_name)
    try:
        mode = "wb" if binary else "w"
        encoding = None if binary else "utf-8"
        with os.fdopen(fd, mode, encoding=encoding, newline=None if binary else "\n") as handle:
            os.fchmod(handle.fileno(), 0o666 & ~_current_umask())
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask

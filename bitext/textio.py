"""Reading user text files strictly and writing outputs atomically.

Every stage reads input through :func:`read_text` so a bad file gets the same clear
error everywhere (which file, which line, which byte), and writes through
:func:`atomic_write` so an interrupted run never leaves a half-written file.

Every write, flush and fsync of an output goes through this module's file objects,
which turn an operating-system failure (disk full, file too large, I/O error,
read-only file system) into an :class:`~bitext.errors.ExportError` naming the output;
the temporary file is removed and the previous output stays as it was.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Iterator
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
    nul = data.find(b"\x00")
    if nul != -1:
        raise InputError(
            "binary file (NUL byte), expected UTF-8 text",
            path=path,
            line=data.count(b"\n", 0, nul) + 1,
            offset=nul,
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x})", path=path, line=line, offset=exc.start
        ) from exc
    if text.startswith(_BOM):
        text = text[1:]
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
        with _guarded(fd, path, "wb", binary) as handle:
            os.fchmod(fd, 0o666 & ~_current_umask())
            yield handle
            handle.flush()
            _os_call(path, os.fsync, fd)
        _os_call(path, os.replace, tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@contextmanager
def spool_file(target: str | Path) -> Iterator[IO[str]]:
    """An anonymous temporary text file beside ``target``, for a writer that stages data.

    It is written, then read back from ``seek(0)``; it disappears when closed (or on a
    crash). Its write errors name ``target``, the output the data is staged for.

    Raises:
        ExportError: The folder cannot be written, or a write fails.
    """
    target = Path(target)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".spool", dir=target.parent)
        os.unlink(name)
    except OSError as exc:
        raise ExportError(f"cannot write here: {exc.strerror}", path=target) from exc
    with _guarded(fd, target, "r+b", binary=False) as handle:
        yield handle


class _GuardedFile(io.FileIO):
    """A file whose every write reports an operating-system failure as an ``ExportError``."""

    target: Path

    def write(self, data: Any, /) -> int:
        return int(_os_call(self.target, os.write, self.fileno(), data))


def _guarded(fd: int, target: Path, mode: str, binary: bool) -> IO[Any]:
    """Buffered (and, for text, UTF-8 with LF line ends) file objects over a guarded ``fd``."""
    raw = _GuardedFile(fd, mode)
    raw.target = target
    buffered: IO[bytes] = io.BufferedRandom(raw) if "+" in mode else io.BufferedWriter(raw)
    if binary:
        return buffered
    return io.TextIOWrapper(buffered, encoding="utf-8", newline="\n")


def _os_call(path: Path, call: Any, *args: Any) -> Any:
    """Run an OS call on the output ``path``; a failure becomes an ``ExportError`` naming it."""
    try:
        return call(*args)
    except OSError as exc:
        raise ExportError(f"cannot write: {exc.strerror or exc}", path=path) from exc


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask

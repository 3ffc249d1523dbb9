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

import errno
import io
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import IO, Any, Literal, overload

from bitext.errors import ExportError, InputError, UsageError

_BOM = "\ufeff"
MAX_INPUT_ENV = "BITEXT_MAX_INPUT_SIZE"
DEFAULT_MAX_INPUT_BYTES = 16 << 20
_UNITS = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}


def read_text(path: str | Path, *, limit: int | None = None) -> str:
    """Read a UTF-8 text file; drop a BOM and turn CRLF/CR line ends into LF.

    Raises:
        UsageError: The path does not exist, is a directory or a symbolic link loop.
        InputError: Not a regular file, larger than ``limit`` (see :func:`read_bytes`),
            binary (holds NUL bytes) or not valid UTF-8; the message gives the line and
            the byte offset of the first bad byte.
    """
    return decode_text(read_bytes(path, limit=limit), path)


def read_bytes(path: str | Path, *, limit: int | None = None) -> bytes:
    """The bytes of an input file, for callers that also hash them (see :func:`read_text`).

    Only regular files are read: a device such as ``/dev/zero`` never ends and a FIFO
    blocks until someone writes to it. At most ``limit`` bytes are read (default
    :func:`max_input_bytes`), so a huge file is refused instead of filling memory.

    Raises:
        UsageError: The path does not exist, is a directory or a symbolic link loop.
        InputError: Not a regular file, larger than the limit, or unreadable.
    """
    path = Path(path)
    mode = stat_input(path).st_mode
    if stat.S_ISDIR(mode):
        raise UsageError("is a directory, expected a file", path=path)
    _check_regular(path, mode)
    limit = max_input_bytes() if limit is None else limit
    try:
        with open(path, "rb", opener=_open_nonblocking) as handle:
            _check_regular(path, os.fstat(handle.fileno()).st_mode)  # it may have changed since
            data = handle.read(limit + 1)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=path) from exc
    if len(data) > limit:
        raise InputError(
            f"larger than the {_size(limit)} limit for one input file; raise it with {MAX_INPUT_ENV} "
            f"(e.g. {MAX_INPUT_ENV}=64M) if this file is what you meant",
            path=path,
        )
    return data


def stat_input(path: str | Path) -> os.stat_result:
    """``stat`` an input path (following links), with a message that says what is wrong.

    Raises:
        UsageError: Nothing is there, a symbolic link points nowhere, or links loop.
    """
    path = Path(path)
    try:
        return path.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UsageError("symbolic link loop (too many levels of symbolic links)", path=path) from exc
        if path.is_symlink():
            raise UsageError("broken symbolic link (what it points to does not exist)", path=path) from exc
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            raise UsageError("no such file or directory", path=path) from exc
        raise UsageError(f"cannot access: {exc.strerror}", path=path) from exc


def max_input_bytes() -> int:
    """The most bytes bitext reads from one input file: ``$BITEXT_MAX_INPUT_SIZE``
    (bytes, or with a K, M or G suffix), else 16 MiB (news items are a few KB).

    Raises:
        UsageError: The variable is not a size.
    """
    text = os.environ.get(MAX_INPUT_ENV, "").strip()
    if not text:
        return DEFAULT_MAX_INPUT_BYTES
    factor = _UNITS.get(text[-1].upper(), 1)
    digits = text[:-1] if text[-1].upper() in _UNITS else text
    if not digits.isdigit() or int(digits) == 0:
        raise UsageError(f"{MAX_INPUT_ENV}={text!r} is not a size (e.g. 16777216, 512K, 64M, 1G)")
    return int(digits) * factor


def _check_regular(path: Path, mode: int) -> None:
    if not stat.S_ISREG(mode):
        raise InputError(f"not a regular file ({_kind(mode)}); bitext reads regular files only", path=path)


def _open_nonblocking(path: str, flags: int) -> int:
    """Open without blocking, so a FIFO is refused rather than waited on."""
    return os.open(path, flags | os.O_NONBLOCK)


def _kind(mode: int) -> str:
    kinds = (
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
    )
    return next((name for test, name in kinds if test(mode)), "not a file")


def _size(count: int) -> str:
    for unit, factor in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if count >= factor and count % factor == 0:
            return f"{count // factor} {unit}"
    return f"{count} bytes"


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

"""One bitext process at a time in an OUTDIR: an exclusive lock held while it works there.

``bitext run``, ``bitext import-xliff`` and ``bitext review`` take the lock before they
read or write anything in OUTDIR, so a second process is refused at once (exit 2,
naming the holder's pid) instead of deleting the first one's temporary files or
reading half-replaced outputs. The lock is ``fcntl.flock`` on ``OUTDIR/.bitext.lock``:
the operating system releases it when its holder exits, crashes or is killed, so a
dead run never leaves OUTDIR locked. The file itself stays: removing it would let two
processes hold locks on two different files of the same name. Within one process
the lock is reentrant: ``import-xliff`` rebuilds the review page under its own lock.
"""

from __future__ import annotations

import errno
import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bitext.errors import ExportError, UsageError

LOCK_NAME = ".bitext.lock"
"""The lock file in OUTDIR; it holds the pid of the process that holds the lock."""

_READ_ONLY = (errno.EACCES, errno.EPERM, errno.EROFS)
_HELD: dict[Path, int] = {}
"""Folders whose lock this process holds, with how many ``with`` blocks hold it."""


@contextmanager
def outdir_lock(outdir: Path, *, writes: bool = True) -> Iterator[None]:
    """Hold OUTDIR's lock for the ``with`` block.

    Args:
        outdir: An existing folder.
        writes: The caller writes in OUTDIR. A caller that only reads (``bitext review
            -o`` elsewhere) goes on without the lock when OUTDIR is read-only, as no
            bitext process can be writing there either.

    Raises:
        UsageError: Another process holds the lock (exit 2; the message gives its pid).
        ExportError: A writer cannot create the lock file (OUTDIR is read-only, exit 73).
    """
    key = outdir.resolve()
    if key in _HELD:
        _HELD[key] += 1
        try:
            yield
        finally:
            _HELD[key] -= 1
        return
    descriptor = _open_lock_file(outdir / LOCK_NAME, writes=writes)
    if descriptor is None:
        yield
        return
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise UsageError(
                f"is in use by another bitext process ({_holder(descriptor)}); wait for it to finish "
                "or choose another folder",
                path=outdir,
            ) from exc
        _record_pid(descriptor)
        _HELD[key] = 1
        try:
            yield
        finally:
            del _HELD[key]
    finally:
        os.close(descriptor)


def _open_lock_file(path: Path, *, writes: bool) -> int | None:
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        if not writes and exc.errno in _READ_ONLY:
            try:
                return os.open(path, os.O_RDONLY)
            except OSError:
                return None
        raise ExportError(f"cannot create the lock file: {exc.strerror}", path=path) from exc


def _record_pid(descriptor: int) -> None:
    """Write our pid for a refused process to show; a read-only lock file keeps the old one."""
    try:
        os.ftruncate(descriptor, 0)
        os.pwrite(descriptor, f"{os.getpid()}\n".encode("ascii"), 0)
    except OSError:
        return


def _holder(descriptor: int) -> str:
    text = os.pread(descriptor, 32, 0).decode("ascii", errors="replace").strip()
    return f"pid {text}" if text.isdigit() else "pid unknown"

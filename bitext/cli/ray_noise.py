"""Keep Ray's own chatter off a command's stderr, and every real message on it.

Ray writes notices on the process's stderr that say nothing to a ``bitext run`` user:
its C++ core warns that an actor has "constructor arguments in the object store", Ray
Data says its progress bars are disabled (bitext draws its own), and a cluster says it
uses token authentication. They are written by Ray's C++ code or by handlers bound to
file descriptor 2, so :func:`filtered_stderr` filters at that level: descriptor 2 goes
into a pipe while Ray works, a thread copies every line that is not one of
:data:`NOISE` back to the real stderr, and the command's progress bars are drawn on
the real stderr directly. Ray's session logs keep every line.
"""

from __future__ import annotations

import os
import re
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

NOISE = (
    re.compile(
        rb"core_worker\.cc:\d+: Actor with class name: .* has constructor arguments in the object store"
    ),
    re.compile(rb"Progress bars disabled\. To enable, set `ray\.data\.DataContext"),
    re.compile(rb"Token authentication is enabled for this Ray cluster"),
)
"""Lines Ray writes that are never an error of the run (matched anywhere in the line)."""


@contextmanager
def filtered_stderr() -> Iterator[IO[str]]:
    """Filter :data:`NOISE` out of file descriptor 2 while the block runs.

    Yields:
        A text stream on the real stderr, for the command's own output (progress bars
        are not held back line by line). ``sys.stderr`` is left as it is: what is written
        there reaches descriptor 2 and is filtered like Ray's own lines.
    """
    sys.stderr.flush()
    saved = os.dup(2)
    reader, writer = os.pipe()
    os.dup2(writer, 2)
    os.close(writer)
    # The copier owns its own copy of the real stderr: if a process Ray started keeps the
    # pipe open past the block, the copier outlives it without writing to a closed descriptor.
    copier = threading.Thread(target=_copy_lines, args=(reader, os.dup(saved)), daemon=True)
    copier.start()
    real = os.fdopen(os.dup(saved), "w", encoding="utf-8", errors="replace", buffering=1)
    try:
        yield real
    finally:
        real.close()
        sys.stderr.flush()
        os.dup2(saved, 2)  # closes the pipe's last writer in this process: the copier sees the end
        os.close(saved)
        copier.join(timeout=5)


def _copy_lines(reader: int, target: int) -> None:
    """Copy lines from ``reader`` to ``target``, dropping noise; a last unended line too."""
    pending = b""
    with os.fdopen(reader, "rb", buffering=0) as source, os.fdopen(target, "wb", buffering=0) as sink:
        while chunk := source.read(65536):
            pending += chunk
            *lines, pending = pending.split(b"\n")
            kept = b"".join(line + b"\n" for line in lines if not is_noise(line))
            if kept:
                sink.write(kept)
        if pending and not is_noise(pending):
            sink.write(pending)


def is_noise(line: bytes) -> bool:
    """Whether ``line`` is one of Ray's notices in :data:`NOISE`."""
    return any(pattern.search(line) for pattern in NOISE)

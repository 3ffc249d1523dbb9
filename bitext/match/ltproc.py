"""A long-lived ``lt-proc`` process per dictionary, so that repeated look-ups load it once.

``lt-proc -z`` (null flush) answers each block of input ended by a NUL character with
its output followed by a NUL, and stays up for the next block. Loading a dictionary
takes a noticeable fraction of a second, and ``bitext run --mine`` looks words up once
per mined item, so each dictionary is loaded once per process instead of once per call.
"""

from __future__ import annotations

import os
import subprocess
import threading
from pathlib import Path
from typing import IO

from bitext.errors import ModelError

_READ_SIZE = 1 << 16


class LtProc:
    """One ``lt-proc -z MODE FILE`` process; :meth:`ask` is safe from one thread at a time."""

    def __init__(self, mode: str, path: Path) -> None:
        self._path = path
        self._command = ["lt-proc", "-z", mode, str(path)]
        self._process: subprocess.Popen[bytes] | None = None

    def ask(self, text: str) -> str:
        """The output for ``text`` (lines), starting the process on first use.

        Raises:
            ModelError: ``lt-proc`` cannot be started, or it stopped before answering.
        """
        process = self._started()
        stdin, stdout = process.stdin, process.stdout
        if stdin is None or stdout is None:
            raise ModelError("the Apertium dictionary look-up failed: no pipe to lt-proc", path=self._path)
        # Write from another thread: a long input would otherwise fill both pipes and hang.
        writer = threading.Thread(target=_write, args=(stdin, text.encode("utf-8") + b"\n\0"), daemon=True)
        writer.start()
        answer = bytearray()
        while not answer.endswith(b"\0"):
            chunk = os.read(stdout.fileno(), _READ_SIZE)
            if not chunk:
                self.close()
                raise ModelError("the Apertium dictionary look-up failed: lt-proc stopped", path=self._path)
            answer += chunk
        writer.join()
        return answer[:-1].decode("utf-8", errors="replace")

    def close(self) -> None:
        """Stop the process (a later :meth:`ask` starts a new one)."""
        if self._process is not None:
            if self._process.stdin is not None:
                self._process.stdin.close()
            self._process.kill()
            self._process.wait()
            self._process = None

    def _started(self) -> subprocess.Popen[bytes]:
        if self._process is None or self._process.poll() is not None:
            if not self._path.is_file():
                raise ModelError("the Apertium dictionary look-up failed: no such file", path=self._path)
            try:
                self._process = subprocess.Popen(
                    self._command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
                )
            except OSError as exc:
                raise ModelError(f"the Apertium dictionary look-up failed: {exc}", path=self._path) from exc
        return self._process


def _write(stream: IO[bytes], data: bytes) -> None:
    try:
        stream.write(data)
        stream.flush()
    except (BrokenPipeError, ValueError):
        pass  # the reader sees the process gone and reports it

"""Apertium modes kept running between calls: the repair pivot loads its dictionaries once.

Loading the Catalan pivot's dictionaries (``fra-cat`` then ``cat-eng``) costs about a
second of CPU, more than repairing a few thousand words; an engine translating item by
item (``bitext run --chunk-items 1``) would pay it on every call. So the repair pipes
run in Apertium's null-flush mode (every program gets ``-z``): each request is one block
of stream ending in a NUL, at which every program flushes, and the processes stay up for
the engine's lifetime (stopped when it is garbage-collected or the interpreter exits).
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import tempfile
import threading
import weakref
from typing import IO

from bitext.errors import ModelError
from bitext.translate.apertium_pipes import MODES_DIR

_CHUNK = 1 << 16
_GRACE_SECONDS = 10


def flushing_mode(mode: str) -> str:
    """A mode's pipeline with every program in null-flush mode and marks on.

    Raises:
        ModelError: The mode is missing or cannot be read.
    """
    try:
        script = subprocess.run(
            ["apertium-wblank-mode", "-z", str(MODES_DIR / f"{mode}.mode")],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        raise ModelError(f"cannot read Apertium mode {mode}: {exc}") from exc
    return script.replace("$1", "-g").replace("$2", "").strip()


class FlushingPipes:
    """Modes chained on Apertium's stream, started once and fed block by block.

    Raises:
        ModelError: The processes could not start, or died (with their error output).
    """

    def __init__(self, *modes: str) -> None:
        command = " | ".join(flushing_mode(mode) for mode in modes)
        self._errors = tempfile.TemporaryFile()  # noqa: SIM115 - closed with the processes
        try:
            self._process = subprocess.Popen(
                ["bash", "-c", f"set -o pipefail; {command}"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self._errors,
                start_new_session=True,
            )
        except OSError as exc:
            self._errors.close()
            raise ModelError(f"cannot start apertium ({', '.join(modes)}): {exc}") from exc
        self._lock = threading.Lock()
        self._stop = weakref.finalize(self, _stop, self._process, self._errors)

    def run(self, stream: str) -> str:
        """Send one block of stream and return the block that comes back."""
        with self._lock:
            if not self._stop.alive:
                raise ModelError("apertium repair pipes stopped: closed")
            if self._process.poll() is not None:
                raise ModelError(f"apertium repair pipes stopped: {self._error_text()}")
            assert self._process.stdin is not None and self._process.stdout is not None
            writer = threading.Thread(target=_write, args=(self._process.stdin, stream), daemon=True)
            writer.start()
            block = _read_block(self._process.stdout)
            writer.join()
        if block is None:
            raise ModelError(f"apertium repair pipes stopped: {self._error_text()}")
        return block.decode("utf-8", errors="replace")

    def close(self) -> None:
        """Stop the processes now."""
        self._stop()

    def _error_text(self) -> str:
        self._errors.seek(0)
        return self._errors.read().decode("utf-8", errors="replace").strip()[-500:] or "no error output"


def _write(sink: IO[bytes], stream: str) -> None:
    with contextlib.suppress(BrokenPipeError, ValueError, OSError):
        sink.write(stream.encode("utf-8") + b"\0")
        sink.flush()


def _read_block(source: IO[bytes]) -> bytes | None:
    """Bytes up to the next NUL, or None when the stream ends first."""
    block = bytearray()
    while not block.endswith(b"\0"):
        chunk = os.read(source.fileno(), _CHUNK)
        if not chunk:
            return None
        block += chunk
    return bytes(block[:-1])


def _stop(process: subprocess.Popen[bytes], errors: IO[bytes]) -> None:
    """Stop pipes we started: end of input first, so every program exits and is reaped;
    a group that does not end in time is killed whole (it has its own process group)."""
    for stream in (process.stdin, process.stdout):
        if stream is not None:
            with contextlib.suppress(OSError, ValueError):
                stream.close()
    try:
        process.wait(timeout=_GRACE_SECONDS)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    errors.close()

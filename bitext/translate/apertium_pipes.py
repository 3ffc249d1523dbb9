"""Apertium's processes: a pivot that keeps word origins and marks as data.

A :class:`Pivot` runs the first stage as Apertium's own mode file does, split in two
after the analyser, with Python relays around it (see
:mod:`bitext.translate.apertium_stream`)::

    text → destxt | fr-es analyser ─ number units ─→ rest of fr-es ─┐
    ┌──────────── keep the marked Spanish, pass it on without marks ←┘
    └→ retxt | destxt | spa-eng (marks on) | retxt → English with marks

All the processes run at once and the relays stream line by line, so the pivot costs
what ``apertium -u fr-es | apertium -u spa-eng`` costs. The relays keep the lines they
pass, and each English sentence is announced as it arrives, so its leaks can be read
(and repaired) while the rest of the text is still being translated.
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from bitext.errors import ModelError
from bitext.translate.apertium_stream import UnitCounter, clean_for_next_stage, drop_inverted_subjects

MODES_DIR = Path("/usr/share/apertium/modes")
_WBLANK_ATTACH = "| apertium-wblank-attach |"


@dataclass(frozen=True)
class PivotRun:
    """The lines of a pivot run; sentence ``k`` is line ``2k`` of each.

    ``source`` is the analyser's numbered output, ``pivot`` the first generator's output
    (word-bound blanks and marks kept), ``target`` the final text with its marks.
    """

    source: list[str]
    pivot: list[str]
    target: list[str]

    @staticmethod
    def sentence(stream: list[str], index: int) -> str:
        """Line ``2 * index`` of ``stream``, or "" past its end."""
        return stream[2 * index] if 2 * index < len(stream) else ""


def has_mode(mode: str) -> bool:
    """True when Apertium's mode file for ``mode`` is installed."""
    return (MODES_DIR / f"{mode}.mode").is_file()


def can_number_units() -> bool:
    """True when this Apertium has word-bound blanks (``apertium-wblank-mode``, 3.7+)."""
    return shutil.which("apertium-wblank-mode") is not None


@functools.cache
def mode_halves(mode: str) -> tuple[str, str]:
    """A mode's analyser command and the rest of its pipeline, with marks on.

    Apertium's ``apertium-wblank-mode`` says where word-bound blanks are attached (after
    the analyser) and detached (before the generator); we split there.

    Raises:
        ModelError: The mode is missing or cannot be split.
    """
    try:
        script = subprocess.run(
            ["apertium-wblank-mode", str(MODES_DIR / f"{mode}.mode")],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        raise ModelError(f"cannot read Apertium mode {mode}: {exc}") from exc
    head, found, tail = script.partition(_WBLANK_ATTACH)
    if not found or not head.strip().startswith("lt-proc"):
        raise ModelError(f"Apertium mode {mode} has an unexpected layout; cannot follow word origins")
    return head.strip(), _marks_on(tail)


def mode_command(mode: str) -> str:
    """A mode's whole pipeline, marks on.

    Raises:
        ModelError: The mode file cannot be read.
    """
    try:
        return _marks_on((MODES_DIR / f"{mode}.mode").read_text(encoding="utf-8"))
    except OSError as exc:
        raise ModelError(f"cannot read Apertium mode {mode}: {exc}") from exc


def _marks_on(pipeline: str) -> str:
    """Fill a mode's placeholders as ``apertium`` does without ``-u``: generators mark words."""
    return pipeline.replace("$1", "-g").replace("$2", "").strip()


def run_modes(modes: Sequence[str], text: str) -> str:
    """``text`` through ``apertium -u MODE`` for each of ``modes``, piped; the last one's output.

    Raises:
        ModelError: A process could not start or failed (with its error output).
    """
    with _Processes() as processes:
        chain = [processes.start(" | ".join(f"apertium -u {mode}" for mode in modes))]
        writer = _thread(_feed, text, chain[0].stdin)
        assert chain[0].stdout is not None
        output = chain[0].stdout.read()
        writer.join()
    return output.decode("utf-8", errors="replace")


class Pivot:
    """Two Apertium stages, the first with numbered units; started at once, fed once.

    Raises:
        ModelError: A process could not start or failed.
    """

    def __init__(self, first: str, second: str, *, fix_inversion: bool = False) -> None:
        analyse, generate = mode_halves(first)
        following = mode_command(second)
        self._fix = drop_inverted_subjects if fix_inversion else _same
        self._processes = _Processes()
        self._chain = [
            self._processes.start(f"apertium-destxt | {analyse}"),
            self._processes.start(generate),
            self._processes.start(f"apertium-retxt | apertium-destxt | {following} | apertium-retxt"),
        ]

    def run(self, text: str, on_sentence: Callable[[PivotRun, int], None] | None = None) -> PivotRun:
        """Translate ``text`` (sentences separated by blank lines) and stop the processes.

        ``on_sentence(run, k)`` is called as soon as sentence ``k``'s English is in ``run``
        (its French and Spanish lines came before it).
        """
        run = PivotRun([], [], [])
        units = UnitCounter()
        chain = self._chain
        with self._processes:
            threads = [
                _thread(_feed, text, chain[0].stdin),
                _thread(
                    _relay, chain[0].stdout, chain[1].stdin, lambda s: units.number(self._fix(s)), run.source
                ),
                _thread(_relay, chain[1].stdout, chain[2].stdin, clean_for_next_stage, run.pivot, True),
            ]
            _read_target(chain[2].stdout, run, on_sentence)
            for thread in threads:
                thread.join()
        return run

    def close(self) -> None:
        """Stop the processes without using them."""
        self._processes.kill()
        self._processes.__exit__(None, None, None)


def _same(line: str) -> str:
    return line


class _Processes:
    """Started shell pipelines, each with stderr in a temporary file; all reaped on exit.

    Leaving the block raises :class:`ModelError` naming the first pipeline that failed.
    """

    def __init__(self) -> None:
        self._started: list[tuple[str, subprocess.Popen[bytes], IO[bytes]]] = []

    def start(self, command: str) -> subprocess.Popen[bytes]:
        errors = tempfile.TemporaryFile()  # noqa: SIM115 - closed in __exit__, after the process ends
        try:
            process = subprocess.Popen(
                ["bash", "-c", f"set -o pipefail; {command}"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=errors,
                start_new_session=True,
            )
        except OSError as exc:
            errors.close()
            self.__exit__(None, None, None)
            raise ModelError(f"cannot start apertium ({command.split()[0]}): {exc}") from exc
        self._started.append((command, process, errors))
        return process

    def __enter__(self) -> _Processes:
        return self

    def kill(self) -> None:
        """Kill the pipelines: each runs in its own process group, killed whole."""
        for _, process, _ in self._started:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)

    def __exit__(self, *exc_info: object) -> None:
        if exc_info[0] is not None:
            # Left early (Ctrl-C, a failing callback): relay threads may be blocked writing
            # into a pipeline nobody drains any more, holding the stream closing needs.
            self.kill()
        failure = None
        for command, process, errors in self._started:
            for stream in (process.stdin, process.stdout):
                if stream is not None and not stream.closed:
                    _close(stream)
            code = process.wait()
            errors.seek(0)
            message = errors.read().decode("utf-8", errors="replace").strip()
            errors.close()
            if code not in (0, -9) and failure is None:
                failure = f"apertium failed (exit {code}) in `{command[:70]}`: {message[-500:]}"
        self._started = []
        if failure is not None and exc_info[0] is None:
            raise ModelError(failure)


def _thread(target: Callable[..., None], *args: object) -> threading.Thread:
    thread = threading.Thread(target=target, args=args, daemon=True)
    thread.start()
    return thread


def _feed(text: str, sink: IO[bytes] | None) -> None:
    assert sink is not None
    try:
        sink.write(text.encode("utf-8"))
    except (BrokenPipeError, ValueError):
        pass
    finally:
        _close(sink)


def _relay(
    source: IO[bytes] | None,
    sink: IO[bytes] | None,
    rewrite: Callable[[str], str],
    kept: list[str],
    keep_input: bool = False,
) -> None:
    """Copy ``source`` to ``sink`` line by line through ``rewrite``.

    Each rewritten line (or each line read, with ``keep_input``) is appended to ``kept``.
    """
    assert source is not None
    lines = io.TextIOWrapper(source, encoding="utf-8", errors="replace", newline="\n")
    try:
        for line in lines:
            rewritten = rewrite(line)
            kept.append(line if keep_input else rewritten)
            if sink is not None:
                sink.write(rewritten.encode("utf-8"))
    except (BrokenPipeError, ValueError):
        pass
    finally:
        if sink is not None:
            _close(sink)
        _close(lines)


def _read_target(
    source: IO[bytes] | None, run: PivotRun, on_sentence: Callable[[PivotRun, int], None] | None
) -> None:
    """Keep the final stage's lines, telling ``on_sentence`` of each sentence line."""
    assert source is not None
    lines = io.TextIOWrapper(source, encoding="utf-8", errors="replace", newline="\n")
    try:
        for line in lines:
            run.target.append(line)
            if on_sentence is not None and len(run.target) % 2:
                on_sentence(run, len(run.target) // 2)
    finally:
        _close(lines)


def _close(stream: IO[bytes] | IO[str]) -> None:
    with contextlib.suppress(BrokenPipeError, OSError, ValueError):
        stream.close()

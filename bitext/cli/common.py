"""Helpers shared by the command modules: options, stderr console, error mapping, progress, JSON."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console

from bitext.defaults import DEFAULT_TEASER_MARKERS
from bitext.errors import BitextError, UsageError

if TYPE_CHECKING:
    from bitext.progress import ProgressCallback

QUIET_OPTION = typer.Option(False, "--quiet", "-q", help="No progress or messages on stderr.")
JSON_OPTION = typer.Option(False, "--json", help="Machine-readable JSON on stdout.")
MODELS_DIR_OPTION = typer.Option(
    None, "--models-dir", help="Argos packages folder (default $BITEXT_MODELS_DIR, else argostranslate's)."
)
TEASER_MARKER_OPTION = typer.Option(
    [],
    "--teaser-marker",
    metavar="TEXT",
    help="Cut the item from the first paragraph (after the title) that starts with TEXT, as whole "
    "words, to its end; repeatable, added to the default markers ("
    + ", ".join(f'"{marker}"' for marker in DEFAULT_TEASER_MARKERS)
    + ", matched as a paragraph of their own or followed by a separator).",
)
NO_DEFAULT_TEASERS_OPTION = typer.Option(
    False, "--no-default-teasers", help="Do not cut at the default teaser markers (only at --teaser-marker)."
)


def teaser_starts(markers: list[str]) -> tuple[str, ...]:
    """The ``--teaser-marker`` values, each with some text.

    Raises:
        UsageError: An empty one (it would cut every item after its title).
    """
    if any(not marker.strip() for marker in markers):
        raise UsageError("a --teaser-marker must have some text (an empty one would cut every item)")
    return tuple(markers)


PIPE_WIDTH = 1_000_000
"""Columns a console assumes when its output is not a terminal: no line is cut or wrapped."""


def stderr_console(quiet: bool = False) -> Console:
    """A console on stderr; quiet consoles print nothing; messages are never hard-wrapped
    (a terminal wraps them itself, a log file keeps each on one line)."""
    return _console(stderr=True, quiet=quiet)


def stdout_console() -> Console:
    """A console on stdout for tables: at a terminal as wide as it; piped or redirected,
    wide enough that no cell is truncated or wrapped."""
    return _console(stderr=False, quiet=False)


def _console(*, stderr: bool, quiet: bool) -> Console:
    console = Console(stderr=stderr, quiet=quiet, highlight=False, soft_wrap=True)
    if not console.is_terminal:
        console.width = PIPE_WIDTH
    return console


@contextmanager
def handle_errors() -> Iterator[None]:
    """Turn a :class:`BitextError` into a message on stderr and its exit code."""
    try:
        yield
    except BitextError as error:
        for problem in error.problems():
            typer.echo(f"error: {problem}", err=True)
        raise typer.Exit(error.exit_code) from error
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        raise typer.Exit(130) from None


def cache_warning(console: Console) -> Callable[[Exception], None]:
    """Tell the user the default translation cache is unusable and the command runs without it."""

    def warn(error: Exception) -> None:
        console.print(f"warning: running without the translation cache: {error}")

    return warn


@contextmanager
def progress_bar(console: Console, label: str, total: int | None = None) -> Iterator[ProgressCallback]:
    """A progress bar on ``console``; yields the callback that advances it."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console) as bar:
        task = bar.add_task(label, total=total)
        yield lambda done: bar.advance(task, done)


def print_json(data: Any) -> None:
    """Write ``data`` as UTF-8 JSON on stdout."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")

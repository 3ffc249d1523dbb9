"""Helpers shared by the command modules: options, stderr console, error mapping, progress, JSON."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console

from bitext.errors import BitextError

if TYPE_CHECKING:
    from bitext.progress import ProgressCallback

QUIET_OPTION = typer.Option(False, "--quiet", "-q", help="No progress or messages on stderr.")
JSON_OPTION = typer.Option(False, "--json", help="Machine-readable JSON on stdout.")
MODELS_DIR_OPTION = typer.Option(
    None, "--models-dir", help="Argos packages folder (default $BITEXT_MODELS_DIR, else argostranslate's)."
)


def stderr_console(quiet: bool = False) -> Console:
    """A console on stderr; quiet consoles print nothing."""
    return Console(stderr=True, quiet=quiet, highlight=False)


@contextmanager
def handle_errors() -> Iterator[None]:
    """Turn a :class:`BitextError` into a message on stderr and its exit code."""
    try:
        yield
    except BitextError as error:
        typer.echo(f"error: {error}", err=True)
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

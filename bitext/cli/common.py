"""Helpers shared by the command modules: stderr console, error mapping, JSON output."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import typer
from rich.console import Console

from bitext.errors import BitextError

QUIET_OPTION = typer.Option(False, "--quiet", "-q", help="No progress or messages on stderr.")
JSON_OPTION = typer.Option(False, "--json", help="Machine-readable JSON on stdout.")


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


def print_json(data: Any) -> None:
    """Write ``data`` as UTF-8 JSON on stdout."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")

"""The root typer application and the options every command shares."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import typer

from bitext import __version__

app = typer.Typer(
    name="bitext",
    help="Offline French→English translation and bilingual sentence alignment for news items.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"bitext {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: bool = typer.Option(
        False, "--version", callback=_print_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Offline French→English translation and bilingual sentence alignment for news items."""
    if not getattr(warnings.showwarning, "bitext", False):
        warnings.showwarning = _bitext_warnings_on_stderr(warnings.showwarning)


def _bitext_warnings_on_stderr(fallback: Callable[..., None]) -> Callable[..., None]:
    """Show the library's warnings (items skipped, ...) as ``warning: ...`` lines on stderr."""

    def show(message: Warning | str, category: type[Warning], *args: Any, **kwargs: Any) -> None:
        if category.__module__.startswith("bitext."):
            typer.echo(f"warning: {message}", err=True)
        else:
            fallback(message, category, *args, **kwargs)

    show.bitext = True  # type: ignore[attr-defined]
    return show

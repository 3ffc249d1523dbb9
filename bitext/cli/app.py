"""The root typer application and the options every command shares."""

from __future__ import annotations

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

"""The root typer application and the options every command shares."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup, TyperOption

from bitext import __version__

_Function = TypeVar("_Function", bound=Callable[..., Any])


def _untyped_flags(params: list[Any]) -> list[Any]:
    """Flags take no value, so ``--help`` shows no ``<bool>`` type beside them."""
    for param in params:
        if isinstance(param, TyperOption) and param.is_flag and param.metavar is None:
            param.metavar = ""
    return params


class _Command(TyperCommand):
    def get_params(self, ctx: Any) -> list[Any]:
        return _untyped_flags(super().get_params(ctx))


class _Group(TyperGroup):
    def get_params(self, ctx: Any) -> list[Any]:
        return _untyped_flags(super().get_params(ctx))


class CommandGroup(typer.Typer):
    """``typer.Typer`` whose commands and groups show flags as flags in ``--help``."""

    def __init__(self, **settings: Any) -> None:
        super().__init__(cls=_Group, **settings)

    def command(self, name: str | None = None, **settings: Any) -> Callable[[_Function], _Function]:
        """Register a command (typer's ``command``, with bitext's command class)."""
        settings.setdefault("cls", _Command)
        decorator: Callable[[_Function], _Function] = super().command(name, **settings)
        return decorator


app = CommandGroup(
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

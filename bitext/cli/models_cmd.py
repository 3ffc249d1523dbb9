"""``bitext models``: list, install and remove Argos translation packages."""

from __future__ import annotations

from pathlib import Path

import typer

from bitext.cli.app import CommandGroup, app
from bitext.cli.common import (
    JSON_OPTION,
    MODELS_DIR_OPTION,
    QUIET_OPTION,
    handle_errors,
    print_json,
    stderr_console,
)

models_app = CommandGroup(help="List, install and remove Argos translation packages.", no_args_is_help=True)
app.add_typer(models_app, name="models")

PAIR_ARGUMENT = typer.Argument(None, help="FROM TO language codes, e.g. 'fr en' (needs internet).")
FILE_OPTION = typer.Option(None, "--file", "-f", help="Install this .argosmodel file (offline).")
SELECTOR_ARGUMENT = typer.Argument(..., help="A package name, or FROM TO language codes.")


@models_app.command("list")
def list_command(models_dir: Path | None = MODELS_DIR_OPTION, json_output: bool = JSON_OPTION) -> None:
    """List installed packages."""
    with handle_errors():
        from bitext.translate import packages

        installed = packages.list_packages(models_dir)
        if json_output:
            print_json([p.model_dump() for p in installed])
            return
        if not installed:
            typer.echo(f"no packages installed in {packages.models_dir(models_dir)}")
        for package in installed:
            typer.echo(
                f"{package.name}\t{package.from_code}→{package.to_code}\t{package.version}\t{package.path}"
            )


@models_app.command("install")
def install_command(
    pair: list[str] | None = PAIR_ARGUMENT,
    file: Path | None = FILE_OPTION,
    models_dir: Path | None = MODELS_DIR_OPTION,
    quiet: bool = QUIET_OPTION,
) -> None:
    """Install a package from a file, or from the Argos index when asked explicitly."""
    with handle_errors():
        from bitext.errors import UsageError
        from bitext.translate import packages

        if (file is None) == (not pair):
            raise UsageError("give either FROM TO (download from the Argos index) or --file PATH.argosmodel")
        if file is not None:
            installed = packages.install_from_file(file, models_dir)
        else:
            if len(pair or []) != 2:
                raise UsageError("give two language codes, e.g. `bitext models install fr en`")
            from_code, to_code = pair  # type: ignore[misc]
            stderr_console(quiet).print(f"downloading {from_code}→{to_code} from the Argos package index…")
            installed = packages.install_from_index(from_code, to_code, models_dir)
        stderr_console(quiet).print(
            f"installed {installed.name} ({installed.from_code}→{installed.to_code} {installed.version}) "
            f"in {installed.path}"
        )


@models_app.command("remove")
def remove_command(
    selector: list[str] = SELECTOR_ARGUMENT,
    models_dir: Path | None = MODELS_DIR_OPTION,
    quiet: bool = QUIET_OPTION,
) -> None:
    """Remove an installed package."""
    with handle_errors():
        from bitext.errors import UsageError
        from bitext.translate import packages

        if len(selector) not in (1, 2):
            raise UsageError("give a package name or FROM TO language codes")
        chosen: str | tuple[str, str] = selector[0] if len(selector) == 1 else (selector[0], selector[1])
        removed = packages.remove_package(chosen, models_dir)
        stderr_console(quiet).print(f"removed {removed.name} ({removed.from_code}→{removed.to_code})")

"""The command line as a whole: help pages, option display, messages on a pipe."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from bitext.cli import app
from bitext.translate import apertium


def command_paths(command: object, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """Every command and group of the app, as the words that name it."""
    yield prefix
    for name, sub in getattr(command, "commands", {}).items():
        yield from command_paths(sub, (*prefix, name))


ALL_COMMANDS = list(command_paths(typer.main.get_command(app)))


@pytest.mark.parametrize("words", ALL_COMMANDS, ids=lambda words: " ".join(words) or "bitext")
def test_flags_show_no_bool_type_in_help(words: tuple[str, ...]) -> None:
    """Regression (hardening 19): every flag (--force, --json, --help...) showed ``<bool>``."""
    result = CliRunner().invoke(app, [*words, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "--help" in result.stdout
    assert "<bool>" not in result.stdout


def test_options_that_take_a_value_still_show_its_type() -> None:
    result = CliRunner().invoke(app, ["run", "--help"], env={"COLUMNS": "200"})
    assert "<int range>" in result.stdout and "<float>" in result.stdout


@pytest.mark.skipif(not apertium.is_available(), reason="Apertium is not installed")
def test_beam_with_apertium_warns_that_it_does_not_apply() -> None:
    """Regression (hardening 19): --beam was silently ignored by Apertium."""
    args = ["translate", "-e", "apertium", "--no-cache", "--beam", "5", "-"]
    result = CliRunner().invoke(app, args, input="Le ministre est arrivé.\n")
    assert result.exit_code == 0, result.output
    assert "warning: --beam does not apply to apertium; it is ignored" in result.stderr
    assert "Minister" in result.stdout
    quiet = CliRunner().invoke(app, [*args[:-1], "-q", "-"], input="Le ministre est arrivé.\n")
    assert quiet.exit_code == 0 and quiet.stderr == ""


def test_beam_with_argos_gives_no_warning(argos_models_dir: Path) -> None:
    args = [
        "translate",
        "-e",
        "argos",
        "--models-dir",
        str(argos_models_dir),
        "--no-cache",
        "--beam",
        "2",
        "-",
    ]
    result = CliRunner().invoke(app, args, input="Le ministre est arrivé.\n")
    assert result.exit_code == 0, result.output
    assert "--beam" not in result.stderr

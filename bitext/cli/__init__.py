"""The ``bitext`` command line: parses arguments, calls the library, maps errors to exit codes.

Only this package prints or exits. Heavy modules are imported inside each command
so ``bitext --help`` stays fast.
"""

from __future__ import annotations

from bitext.cli import glossary_cmd, models_cmd, translate_cmd  # noqa: F401  (registers commands)
from bitext.cli import export_cmd, run_cmd  # noqa: F401  (registers commands)
from bitext.cli import align_cmd, inspect_cmd  # noqa: F401  (registers commands)
from bitext.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point."""
    app(prog_name="bitext")

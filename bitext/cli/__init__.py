"""The ``bitext`` command line: parses arguments, calls the library, maps errors to exit codes.

Only this package prints or exits. Heavy modules are imported inside each command
so ``bitext --help`` stays fast.
"""

from __future__ import annotations

from bitext.cli import (  # noqa: F401  (importing a command module registers its commands)
    align_cmd,
    export_cmd,
    glossary_cmd,
    import_xliff_cmd,
    inspect_cmd,
    match_cmd,
    mine_cmd,
    models_cmd,
    review_cmd,
    run_cmd,
    translate_cmd,
)
from bitext.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    """Console-script entry point."""
    app(prog_name="bitext")

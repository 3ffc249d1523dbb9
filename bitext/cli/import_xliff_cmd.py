"""``bitext import-xliff``: a translator's corrections back into a run's corpus and memory."""

from __future__ import annotations

from pathlib import Path

import typer

from bitext.cli.app import app
from bitext.cli.common import JSON_OPTION, QUIET_OPTION, handle_errors, print_json, stderr_console


@app.command("import-xliff")
def import_xliff_command(
    files: list[Path] = typer.Argument(  # noqa: B008
        ..., help="XLIFF 1.2 files from 'bitext run --formats xliff', edited in a CAT tool."
    ),
    outdir: Path = typer.Option(..., "--into", help="The run's output folder to update."),  # noqa: B008
    json_output: bool = JSON_OPTION,
    quiet: bool = QUIET_OPTION,
) -> None:
    """Put the targets a translator changed into OUT's corpus files and translation memory."""
    with handle_errors():
        from bitext.export.postedit import import_xliff

        result = import_xliff(files, outdir)
        if json_output:
            print_json(result.model_dump(mode="json"))
        console = stderr_console(quiet)
        console.print(
            f"{result.units} units: {result.changed} post-edited, {result.unchanged} unchanged, "
            f"{result.empty} without a target",
            markup=False,
        )
        if result.outputs:
            review = " and review.html" if result.review_rewritten else ""
            console.print(
                f"rewrote {', '.join(result.outputs)}{review} in {result.outdir}; "
                f"post-edits kept in {result.memory}",
                markup=False,
                soft_wrap=True,
            )

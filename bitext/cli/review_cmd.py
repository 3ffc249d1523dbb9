"""``bitext review``: the review page of a finished run, one self-contained HTML file."""

from __future__ import annotations

from pathlib import Path

import typer

from bitext.cli.app import app
from bitext.cli.common import JSON_OPTION, QUIET_OPTION, handle_errors, print_json, stderr_console


@app.command("review")
def review_command(
    outdir: Path = typer.Argument(..., help="The output folder of bitext run."),  # noqa: B008
    output: Path | None = typer.Option(  # noqa: B008
        None, "--output", "-o", help="Where to write the page (default OUT/review.html)."
    ),
    json_output: bool = JSON_OPTION,
    quiet: bool = QUIET_OPTION,
) -> None:
    """Write an HTML page to review a run: worst pairs first, terms, scores, cleaning changes."""
    with handle_errors():
        from bitext.review import write_review
        from bitext.review.charts import LOW_SCORE

        summary = write_review(outdir, output)
        if json_output:
            print_json(summary.model_dump(mode="json"))
        attention = summary.attention
        stderr_console(quiet).print(
            f"review page: {summary.path} ({summary.items} items, {summary.pairs} pairs, "
            f"{summary.size_bytes / 1024:.0f} KiB); to look at: {attention.low_score} scoring below "
            f"{LOW_SCORE}, {attention.missing_terms} missing a term, {attention.rejected} rejected",
            markup=False,
            soft_wrap=True,
        )

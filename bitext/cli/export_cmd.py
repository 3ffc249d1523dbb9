"""``bitext export``: convert a corpus between bitext's formats, streaming."""

from __future__ import annotations

from pathlib import Path

import typer

from bitext.cli.app import app
from bitext.cli.common import JSON_OPTION, QUIET_OPTION, handle_errors, print_json, stderr_console


@app.command("export")
def export_command(
    source: Path = typer.Argument(  # noqa: B008
        ..., help="A corpus bitext wrote: .tmx, .jsonl (also rejects.jsonl), .json, .xlf or .parquet."
    ),
    output: Path = typer.Option(  # noqa: B008
        ..., "--output", "-o", help="Output file (for txt: the base of the .fr/.en pair, e.g. out/corpus)."
    ),
    to_format: str | None = typer.Option(
        None,
        "--format",
        "-f",
        help="tmx, jsonl, json, xliff, parquet (the parquet extra), txt or tsv (default: from the suffix).",
    ),
    from_format: str | None = typer.Option(
        None, "--from", help="Format of the input (default: from its suffix)."
    ),
    json_output: bool = JSON_OPTION,
    quiet: bool = QUIET_OPTION,
) -> None:
    """Convert a corpus between formats (e.g. TMX → JSONL), one pair at a time."""
    with handle_errors():
        from bitext.export import convert, parse_formats

        result = convert(
            source,
            output,
            to_format=parse_formats(to_format)[0] if to_format else None,
            from_format=parse_formats(from_format)[0] if from_format else None,
        )
        if json_output:
            print_json(result.model_dump(mode="json"))
        console = stderr_console(quiet)
        stripped = f" ({result.tmx_stripped_chars} characters illegal in XML dropped)" * bool(
            result.tmx_stripped_chars
        )
        console.print(
            f"{result.pairs} pairs: {result.source} ({result.source_format}) → "
            f"{', '.join(result.outputs)} ({result.format}){stripped}"
        )

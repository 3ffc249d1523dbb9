"""``bitext mine``: parallel sentences from two comparable texts."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from bitext.cli.app import app
from bitext.cli.common import JSON_OPTION, QUIET_OPTION, handle_errors, stderr_console
from bitext.cli.match_cmd import (
    CACHE_HELP,
    ENGINE_HELP,
    NO_CACHE_HELP,
    THRESHOLD_HELP,
    cached_translator,
    say,
)

if TYPE_CHECKING:
    from bitext.models import MiningReport


@app.command("mine")
def mine_command(
    src: Path = typer.Argument(..., help="French text."),  # noqa: B008
    tgt: Path = typer.Argument(..., help="English text."),  # noqa: B008
    presplit: bool = typer.Option(False, "--presplit", help="One sentence per line; do not re-segment."),
    engine: str = typer.Option("auto", "--engine", "-e", help=ENGINE_HELP),
    threshold: float | None = typer.Option(None, "--threshold", min=0.0, max=1.0, help=THRESHOLD_HELP),
    no_dictionaries: bool = typer.Option(
        False, "--no-dictionaries", help="Do not look words up in Apertium's bilingual dictionaries."
    ),
    no_routes: bool = typer.Option(
        False,
        "--no-routes",
        help="Do not translate through Apertium's two other routes (Catalan; English back to French).",
    ),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write here instead of stdout."),  # noqa: B008
    no_cache: bool = typer.Option(False, "--no-cache", help=NO_CACHE_HELP),
    cache_path: Path | None = typer.Option(None, "--cache", help=CACHE_HELP),  # noqa: B008
    json_output: bool = JSON_OPTION,
    quiet: bool = QUIET_OPTION,
) -> None:
    """Find the sentences of SRC and TGT that translate each other (they need not be parallel texts).

    Prints "score<TAB>French<TAB>English" lines, best first, or with --json one JSON
    object per line: {"src": I, "tgt": J, "score": S} with 0-based sentence numbers
    (line numbers with --presplit). Words are also looked up in Apertium's bilingual
    dictionaries when they are installed (synonyms the engine did not choose), and,
    with the Apertium engine, both texts go through two more Apertium routes when they
    are installed (the French to English through Catalan, the English back to French):
    better pairs for about three times the MT time (--no-routes turns them off).
    """
    with handle_errors():
        from bitext.langid import detect_language
        from bitext.match.params import MineParams
        from bitext.match.routes import installed_routes
        from bitext.match.service import mine_files
        from bitext.textio import atomic_write

        console = stderr_console(quiet)
        with cached_translator(engine, no_cache, cache_path, console) as (translate, label):
            routes = None if no_routes or not (label or "").startswith("apertium") else installed_routes()
            report = mine_files(
                src,
                tgt,
                translate=translate,
                presplit=presplit,
                engine_label=label,
                params=MineParams(threshold=threshold, lexicon=not no_dictionaries),
                detect_language=detect_language,
                routes=None if routes is None else (routes[0].translate, routes[1].translate),
            )
        text = _render(report, json_output)
        if output is None:
            sys.stdout.write(text)
        else:
            with atomic_write(output) as handle:
                handle.write(text)
        for warning in report.warnings:
            say(console, f"warning: {warning}")
        result, timings = report.result, report.timings
        say(
            console,
            f"{len(result.pairs)} pairs from {len(report.src_sentences)} French and "
            f"{len(report.tgt_sentences)} English sentences (threshold {result.threshold:.2f}, estimated "
            f"share of true candidates {result.prior:.3f}); MT {timings.get('mt', 0.0):.2f}s, "
            f"other routes {timings.get('routes', 0.0):.2f}s, "
            f"mining {timings.get('mine', 0.0):.2f}s",
        )


def _render(report: MiningReport, json_output: bool) -> str:
    pairs = report.result.pairs
    if json_output:
        return "".join(json.dumps(pair.model_dump(mode="json")) + "\n" for pair in pairs)
    src, tgt = report.src_sentences, report.tgt_sentences
    return "".join(f"{pair.score:.4f}\t{_cell(src[pair.src])}\t{_cell(tgt[pair.tgt])}\n" for pair in pairs)


def _cell(text: str) -> str:
    return text.replace("\t", " ").replace("\n", " ")

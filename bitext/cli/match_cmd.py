"""``bitext match``: which English items translate which French items."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from bitext.cli.app import app
from bitext.cli.common import JSON_OPTION, QUIET_OPTION, handle_errors, stderr_console

if TYPE_CHECKING:
    from rich.console import Console

    from bitext.models import MatchReport

MT_ENGINES = ("auto", "argos", "apertium")
ENGINE_HELP = "MT engine for the French side: auto, argos or apertium."
THRESHOLD_HELP = "Probability a pair needs (default: 0.5 of the probability calibrated on this input)."
NO_CACHE_HELP = "Do not read or write the translation memory."
CACHE_HELP = "Translation memory file (default $BITEXT_CACHE or ~/.cache/bitext/)."


@app.command("match")
def match_command(
    paths: list[Path] = typer.Argument(  # noqa: B008
        ..., help="Items (.txt) or folders of items; French and English mixed or in separate folders."
    ),
    engine: str = typer.Option("auto", "--engine", "-e", help=ENGINE_HELP),
    threshold: float | None = typer.Option(None, "--threshold", min=0.0, max=1.0, help=THRESHOLD_HELP),
    output: Path | None = typer.Option(  # noqa: B008
        None, "--output", "-o", help="Also write the matches here, as the JSON array of --json."
    ),
    skip_bad: bool = typer.Option(False, "--skip-bad", help="Skip unreadable items instead of stopping."),
    no_cache: bool = typer.Option(False, "--no-cache", help=NO_CACHE_HELP),
    cache_path: Path | None = typer.Option(None, "--cache", help=CACHE_HELP),  # noqa: B008
    json_output: bool = JSON_OPTION,
    quiet: bool = QUIET_OPTION,
) -> None:
    """Find the English items that translate French items, one-to-one, with a probability each.

    Prints "fr<TAB>en<TAB>score" lines, or with --json a JSON array of {"fr", "en", "score"}
    (ids are file stems). Only pairs whose probability, calibrated on the input itself,
    reaches the threshold are kept; the rest are summarised on stderr.
    """
    with handle_errors():
        from bitext.match.params import MatchParams
        from bitext.match.service import match_items
        from bitext.textio import atomic_write

        console = stderr_console(quiet)
        with cached_translator(engine, no_cache, cache_path, console) as (translate, label):
            report = match_items(
                paths,
                translate=translate,
                engine_label=label,
                params=MatchParams(threshold=threshold),
                skip_bad=skip_bad,
            )
        matches = json.dumps([m.model_dump(mode="json") for m in report.result.matches], ensure_ascii=False)
        if output is not None:
            with atomic_write(output) as handle:
                handle.write(matches + "\n")
        if json_output:
            sys.stdout.write(matches + "\n")
        else:
            sys.stdout.write("".join(f"{m.fr}\t{m.en}\t{m.score:.4f}\n" for m in report.result.matches))
        _summary(report, console)


def _summary(report: MatchReport, console: Console) -> None:
    for warning in report.warnings:
        say(console, f"warning: {warning}")
    result = report.result
    for item in result.unmatched:
        if item.best is not None and item.reason == "partner_taken":
            say(
                console,
                f"{item.lang} {item.id}: unmatched; its best candidate {item.best} "
                f"({item.score:.2f}) went to a better pair",
            )
    timings = report.timings
    say(
        console,
        f"{len(result.matches)} matches among {len(report.french)} French and {len(report.english)} "
        f"English items (threshold {result.threshold:.2f}, estimated share of true candidates "
        f"{result.prior:.3f}); MT {timings.get('mt', 0.0):.2f}s, matching {timings.get('match', 0.0):.2f}s",
    )


def say(console: Console, message: str) -> None:
    """One message on stderr, unwrapped and taken literally (paths may hold brackets)."""
    console.print(message, soft_wrap=True, markup=False, highlight=False)


@contextmanager
def cached_translator(
    engine: str, no_cache: bool, cache_path: Path | None, console: Console
) -> Iterator[tuple[Callable[[Sequence[str]], list[str]], str | None]]:
    """``translate(texts)`` with the engine, the translation memory and a progress bar, and its label.

    An engine that cannot run here fails only when something needs translating, so a
    folder without French items needs no engine. A broken default translation memory
    is skipped with a warning; a broken ``--cache`` is an error.

    Raises:
        UsageError: An unknown engine name.
        ModelError: The engine cannot run here (on the first call of ``translate``).
        CacheError: ``cache_path`` cannot be used.
    """
    from rich.progress import Progress

    from bitext.errors import CacheError, ModelError, UsageError
    from bitext.translate import get_engine
    from bitext.translate.cache import TranslationCache, default_cache_path
    from bitext.translate.runner import translate_texts

    if engine not in MT_ENGINES:
        raise UsageError(f"unknown engine {engine!r}; choose one of: {', '.join(MT_ENGINES)}")
    try:
        chosen, failure = get_engine(engine), None
    except ModelError as error:
        chosen, failure = None, error
    cache = None
    if not no_cache:
        try:
            cache = TranslationCache(cache_path or default_cache_path())
        except CacheError as error:
            if cache_path is not None:
                raise
            say(console, f"warning: running without the translation cache: {error}")
    try:
        with Progress(console=console, transient=True) as progress:

            def translate(texts: Sequence[str]) -> list[str]:
                if chosen is None:
                    assert failure is not None
                    raise failure
                task = progress.add_task("translating the French side", total=len(texts))
                return translate_texts(
                    chosen, texts, cache=cache, progress=lambda done: progress.advance(task, done)
                )

            yield translate, chosen.info.label() if chosen is not None else None
    finally:
        if cache is not None:
            cache.close()

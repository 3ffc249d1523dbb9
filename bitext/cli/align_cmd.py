"""``bitext align`` (two files into beads) and ``bitext align-eval`` (beads against gold)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from bitext.cli.app import app
from bitext.cli.common import (
    JSON_OPTION,
    MODELS_DIR_OPTION,
    QUIET_OPTION,
    cache_warning,
    handle_errors,
    print_json,
    stderr_console,
)
from bitext.defaults import DEFAULT_ENGINE
from bitext.errors import UsageError

if TYPE_CHECKING:
    from rich.console import Console

    from bitext.models import AlignScores, EngineOptions

NO_ENGINE = "none"


@app.command("align")
def align_command(
    src: Path = typer.Argument(..., help="Source text (French by default)."),  # noqa: B008
    tgt: Path = typer.Argument(..., help="Target text (English by default)."),  # noqa: B008
    src_lang: str = typer.Option("fr", "--src-lang", help="Language of SRC."),
    tgt_lang: str = typer.Option("en", "--tgt-lang", help="Language of TGT."),
    engine: str = typer.Option(
        DEFAULT_ENGINE,
        "--engine",
        "-e",
        help="MT for the source side: auto, argos, apertium or none (no MT).",
    ),
    presplit: bool = typer.Option(False, "--presplit", help="One sentence per line; do not re-segment."),
    fmt: str = typer.Option("vecalign", "--format", "-f", help="vecalign, tsv or json."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write here instead of stdout."),  # noqa: B008
    gold: Path | None = typer.Option(None, "--gold", help="Score the alignment against this gold file."),  # noqa: B008
    no_cache: bool = typer.Option(False, "--no-cache", help="Do not use the translation memory."),
    models_dir: Path | None = MODELS_DIR_OPTION,
    quiet: bool = QUIET_OPTION,
) -> None:
    """Align the sentences of SRC and TGT into monotone beads (1-1, 1-2, 2-1, 1-0, 0-1, ...)."""
    with handle_errors():
        from bitext.align import evaluate, read_beads
        from bitext.align.documents import BEAD_FORMATS, align_files, render
        from bitext.langid import detect_language
        from bitext.models import EngineOptions
        from bitext.outpaths import check_output_file
        from bitext.textio import atomic_write
        from bitext.translate import ENGINE_NAMES

        if fmt not in BEAD_FORMATS:
            raise UsageError(f"unknown format {fmt!r}; choose one of: {', '.join(BEAD_FORMATS)}")
        if engine not in (*ENGINE_NAMES, NO_ENGINE):
            raise UsageError(
                f"unknown engine {engine!r}; choose one of: {', '.join((*ENGINE_NAMES, NO_ENGINE))}"
            )
        if output is not None:
            check_output_file(output)
        console = stderr_console(quiet)
        gold_beads = read_beads(gold, gold=True) if gold is not None else None
        engine = _engine_for(engine, src_lang, tgt_lang, console)
        options = EngineOptions(models_dir=models_dir)
        with _translator(engine, options, no_cache, console) as (translate, label):
            result = align_files(
                src,
                tgt,
                src_lang=src_lang,
                tgt_lang=tgt_lang,
                presplit=presplit,
                translate=translate,
                engine_label=label,
                detect_language=detect_language,
            )
        for warning in result.warnings:
            typer.echo(f"warning: {warning}", err=True)
        scores = evaluate(gold_beads, result.beads) if gold_beads is not None else None
        text = render(result, fmt, scores)
        if output is None:
            sys.stdout.write(text)
        else:
            with atomic_write(output) as handle:
                handle.write(text)
        timing = ", ".join(f"{step} {seconds:.2f}s" for step, seconds in result.timings.items())
        console.print(
            f"{len(result.beads)} beads from {len(result.src_sentences)} source and "
            f"{len(result.tgt_sentences)} target sentences (engine: {result.engine or 'none'}; {timing})"
        )
        if scores is not None:
            typer.echo(_table(scores), err=True)


@app.command("align-eval")
def align_eval_command(
    gold: Path = typer.Argument(..., help="Gold beads (vecalign format)."),  # noqa: B008
    test: Path = typer.Argument(..., help="Beads to score (vecalign format)."),  # noqa: B008
    json_output: bool = JSON_OPTION,
) -> None:
    """Strict and lax precision/recall/F1 of TEST against GOLD (vecalign/Bleualign definitions)."""
    with handle_errors():
        from bitext.align import evaluate, read_beads

        scores = evaluate(read_beads(gold, gold=True), read_beads(test))
        if json_output:
            print_json(scores.model_dump(mode="json"))
        else:
            typer.echo(_table(scores))


def _engine_for(engine: str, src_lang: str, tgt_lang: str, console: Console) -> str:
    """Our engines translate French to English only; other pairs align without MT."""
    if engine == NO_ENGINE or (src_lang, tgt_lang) == ("fr", "en"):
        return engine
    if engine == DEFAULT_ENGINE:
        console.print(
            f"note: no {src_lang}→{tgt_lang} engine; aligning without MT (lengths, anchors, cognates)"
        )
        return NO_ENGINE
    raise UsageError(f"--engine {engine} translates fr→en only, not {src_lang}→{tgt_lang}; use --engine none")


@contextmanager
def _translator(
    engine: str, options: EngineOptions, no_cache: bool, console: Console
) -> Iterator[tuple[Callable[[Sequence[str]], list[str]] | None, str | None]]:
    """A ``translate(texts)`` callable with the cache and a progress bar, or None for ``none``."""
    if engine == NO_ENGINE:
        yield None, None
        return
    from rich.progress import Progress

    from bitext.translate import get_engine
    from bitext.translate.cache import default_cache_path, open_cache
    from bitext.translate.runner import translate_texts

    chosen = get_engine(engine, options)

    cache = open_cache(
        default=default_cache_path(), enabled=not no_cache, on_unusable_default=cache_warning(console)
    )
    with cache as memory, Progress(console=console, transient=True) as progress:

        def translate(texts: Sequence[str]) -> list[str]:
            task = progress.add_task("translating the source", total=len(texts))
            return translate_texts(
                chosen, texts, cache=memory, progress=lambda done: progress.advance(task, done)
            )

        yield translate, chosen.info.label()


def _table(scores: AlignScores) -> str:
    lines = [f"{'':8s} {'precision':>9s} {'recall':>7s} {'F1':>6s}"]
    for name, prf in (("strict", scores.strict), ("lax", scores.lax)):
        lines.append(f"{name:8s} {prf.precision:9.3f} {prf.recall:7.3f} {prf.f1:6.3f}")
    lines.append(f"gold beads {scores.gold_beads}, test beads {scores.test_beads}")
    return "\n".join(lines)

"""``bitext run``: the main job, news items in, parallel corpus out."""

from __future__ import annotations

from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from bitext.cli.app import app
from bitext.cli.common import (
    JSON_OPTION,
    MODELS_DIR_OPTION,
    NO_DEFAULT_TEASERS_OPTION,
    QUIET_OPTION,
    TEASER_MARKER_OPTION,
    handle_errors,
    print_json,
    stderr_console,
)
from bitext.defaults import DEFAULT_CHUNK_ITEMS, DEFAULT_ENGINE, DEFAULT_EXECUTOR, DEFAULT_FORMATS

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID


@app.command("run")
def run_command(
    inputs: list[Path] = typer.Argument(..., help="News files (.txt) or folders of them."),  # noqa: B008
    outdir: Path = typer.Option(..., "--output", "-o", help="Output folder (created)."),  # noqa: B008
    engine: str = typer.Option(DEFAULT_ENGINE, "--engine", "-e", help="auto, argos or apertium."),
    glossaries: list[Path] = typer.Option(  # noqa: B008
        [], "--glossary", "-g", help="Glossary file or folder (repeatable; default: the project's glossary/)."
    ),
    no_glossary: bool = typer.Option(False, "--no-glossary", help="Do not enforce or check a glossary."),
    formats: str = typer.Option(
        ",".join(DEFAULT_FORMATS),
        "--formats",
        "-f",
        help="Any of tmx,json,jsonl,xliff,parquet,txt,tsv; parquet needs the parquet extra.",
    ),
    min_score: float | None = typer.Option(
        None, "--min-score", help="Pairs scoring below go to rejects.jsonl instead of the corpus."
    ),
    min_quality: float | None = typer.Option(
        None,
        "--min-quality",
        help="MT pairs whose quality estimate (0-1) is below go to rejects.jsonl (human pairs: see README).",
    ),
    resume: bool = typer.Option(
        True, "--resume/--no-resume", help="Reuse translations an interrupted run left in OUTDIR's cache."
    ),
    force: bool = typer.Option(False, "--force", help="Replace another run's output in OUTDIR."),
    skip_bad: bool = typer.Option(
        False, "--skip-bad", help="Skip unreadable or empty items (listed in the report) instead of failing."
    ),
    cache: Path | None = typer.Option(  # noqa: B008
        None, "--cache", help="Translation cache file (default OUTDIR/.bitext-cache.sqlite)."
    ),
    no_cache: bool = typer.Option(False, "--no-cache", help="Use no translation cache (nothing to resume)."),
    chunk_items: int = typer.Option(
        DEFAULT_CHUNK_ITEMS,
        "--chunk-items",
        min=1,
        help="Items translated per engine batch (memory vs. batching).",
    ),
    teaser_markers: list[str] = TEASER_MARKER_OPTION,
    no_default_teasers: bool = NO_DEFAULT_TEASERS_OPTION,
    executor: str = typer.Option(
        DEFAULT_EXECUTOR, "--executor", help="Where to work: local (this process) or ray (a Ray cluster)."
    ),
    ray_address: str | None = typer.Option(
        None,
        "--ray-address",
        metavar="ADDR",
        help="Ray cluster to join: auto, HOST:PORT or ray://HOST:PORT (default: start Ray on this machine).",
    ),
    workers: int | None = typer.Option(
        None, "--workers", help="Ray workers (default: one per CPU of the cluster, or per GPU with cuda)."
    ),
    device: str | None = typer.Option(None, "--device", help="cpu or cuda: where the Argos engine runs."),
    gpus_per_worker: float | None = typer.Option(
        None, "--gpus-per-worker", help="GPUs each Ray worker reserves (default 1 with --device cuda)."
    ),
    shard_items: int | None = typer.Option(
        None,
        "--shard-items",
        help="Items per Ray shard, a multiple of --chunk-items (default: --chunk-items).",
    ),
    models_dir: Path | None = MODELS_DIR_OPTION,
    review: bool = typer.Option(
        True, "--review/--no-review", help="Write OUTDIR/review.html, the run's review page."
    ),
    match: bool | None = typer.Option(
        None,
        "--match/--no-match",
        help="Find the English items that translate French items and align them: human pairs "
        "instead of MT for those (default: on).",
    ),
    mine: bool = typer.Option(
        False,
        "--mine",
        help="Also mine human sentence pairs from French items left unmatched and their best "
        "English candidate (items on one story that do not translate each other).",
    ),
    keep_duplicates: bool = typer.Option(
        False, "--keep-duplicates", help="Keep pairs that repeat an earlier pair of the run."
    ),
    json_output: bool = JSON_OPTION,
    quiet: bool = QUIET_OPTION,
) -> None:
    """Clean, translate (French items), enforce the glossary, align and export a parallel corpus."""
    with handle_errors():
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        from bitext.cli.ray_noise import filtered_stderr
        from bitext.export import parse_formats
        from bitext.models import EngineOptions
        from bitext.run import run_options, run_pipeline
        from bitext.run.stats import summary_lines

        options = run_options(
            inputs=inputs,
            outdir=outdir,
            engine=engine,
            engine_options=EngineOptions(models_dir=models_dir, device=device),
            glossaries=glossaries,
            use_glossary=not no_glossary,
            formats=parse_formats(formats),
            min_score=min_score,
            min_quality=min_quality,
            resume=resume,
            force=force,
            skip_bad=skip_bad,
            cache=cache,
            use_cache=not no_cache,
            chunk_items=chunk_items,
            teaser_markers=teaser_markers,
            default_teasers=not no_default_teasers,
            review=review,
            match=match,
            mine=mine,
            deduplicate=not keep_duplicates,
            executor=executor,
            ray_address=ray_address,
            workers=workers,
            gpus_per_worker=gpus_per_worker,
            shard_items=shard_items,
        )
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with ExitStack() as stack:
            # On Ray, Ray's own notices are filtered out of stderr (see bitext.cli.ray_noise).
            stream = stack.enter_context(filtered_stderr()) if options.executor == "ray" else None
            console = Console(file=stream, stderr=True, quiet=quiet, highlight=False)
            with Progress(*columns, console=console, transient=True, disable=quiet) as bars:
                report = run_pipeline(options, progress=_Bars(bars))
        console = stderr_console(quiet)
        if json_output:
            print_json(report.model_dump(mode="json"))
        for line in summary_lines(report):
            console.print(line, markup=False, soft_wrap=True)


class _Bars:
    """Rich progress bars for items written and French sentences translated."""

    def __init__(self, bars: Progress) -> None:
        self._bars = bars
        self._items: TaskID | None = None
        self._sentences: TaskID | None = None  # shown once sentences are counted (not on Ray)

    def items_total(self, total: int) -> None:
        self._items = self._bars.add_task("items written", total=total)

    def items_done(self, count: int) -> None:
        if self._items is not None:
            self._bars.advance(self._items, count)

    def sentences_done(self, count: int) -> None:
        if self._sentences is None:
            self._sentences = self._bars.add_task("sentences translated", total=None)
        self._bars.advance(self._sentences, count)

"""``bitext run``: news items in, a parallel corpus with provenance out (orchestration only).

ingest + clean → language id → segment (:mod:`bitext.ingest`) → translate the French
items with the glossary enforced and pair each French sentence with its English
(:mod:`bitext.run.items`) → export (:mod:`bitext.export`) and the review page
(:mod:`bitext.review`, built from the same stream of items), with the inputs checked
first (:mod:`bitext.run.inputs`), OUTDIR locked (:mod:`bitext.run.lock`) and claimed
(:mod:`bitext.run.outdir`), the manifest marked ``running`` before any output is
replaced and ``complete`` last (:mod:`bitext.run.manifest`) and the report counted as
items stream (:mod:`bitext.run.stats`).

Unless ``match`` is off, a first pass translates the French items into the cache and
finds the English items that translate them; matched French items then get human pairs
(see :mod:`bitext.run.matching`). The first pass keeps the documents it ingested on disk
for the write pass (:mod:`bitext.run.spill`), so each item is ingested once. Pairs that
repeat an earlier pair of the run are set aside as they are written, unless
``deduplicate`` is off (:mod:`bitext.run.duplicates`).

Items stream through in chunks: each chunk's sentences go to the engine together (so
it batches across items), the translation cache is filled after each engine call (so an
interrupted run resumes where it stopped), and each item is written out before the
next chunk is read (so memory does not grow with the number of items). Every input and
the cache are checked before anything in OUTDIR changes; every output is a temporary
file until all are complete.

With ``executor="ray"`` the same chunks are built by workers on a Ray cluster, shard by
shard, and merged here into the same corpus bytes (see :mod:`bitext.run.cluster`); the
inputs, OUTDIR, manifest, report and review page are handled here alike.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bitext.errors import InputError
from bitext.export import MANIFEST_NAME, REPORT_NAME, REVIEW_NAME, now_tmx
from bitext.export.corpus import CorpusWriter, corpus_outputs
from bitext.extras import check_formats
from bitext.glossary import Glossary, load_glossary
from bitext.ingest import collect_inputs, load_documents
from bitext.match import Deduplicator
from bitext.models import (
    Document,
    EngineInfo,
    HumanTranslation,
    InputFile,
    Provenance,
    RunManifest,
    RunOptions,
    RunReport,
    SkippedItem,
)
from bitext.progress import RunProgress
from bitext.review import ReviewBuilder
from bitext.run import cluster, manifest, outdir
from bitext.run.duplicates import drop_duplicates
from bitext.run.inputs import UniqueIds, check_inputs
from bitext.run.items import build_items
from bitext.run.lock import outdir_lock
from bitext.run.matching import RunMatches, find_matches, first_pass_cache, matching_settings, use_matches
from bitext.run.mining import mining_settings
from bitext.run.options import default_markers, matches_items, recorded_options
from bitext.run.sharding import remove_shards, settings_key
from bitext.run.spill import DocumentSpill, document_spill
from bitext.run.stats import RunStats, timed
from bitext.run.worker import worker_setup
from bitext.textio import atomic_write
from bitext.translate import get_engine
from bitext.translate.base import Engine
from bitext.translate.cache import open_cache
from bitext.translate.documents import Translator, chunked
from bitext.translate.human import read_human_translations


@dataclass(frozen=True)
class _Written:
    """What writing the corpus produced, for the report, the manifest and the review page."""

    stripped: int
    engine: EngineInfo
    provenance: Provenance
    distributed: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class _Context:
    """The settled parts of a run that both executors write with."""

    folder: Path
    files: list[Path]
    options: RunOptions
    glossary: Glossary | None
    stats: RunStats
    skipped: list[SkippedItem]
    progress: RunProgress | None
    review: ReviewBuilder | None
    before_commit: Callable[[], None]


def run_pipeline(
    options: RunOptions, *, engine: Engine | None = None, progress: RunProgress | None = None
) -> RunReport:
    """Turn news items into a parallel corpus in ``options.outdir``; return the run's report.

    Args:
        options: Every setting of the run (see :class:`~bitext.models.RunOptions`,
            built with :func:`bitext.run.options.run_options`).
        engine: An engine object to use instead of building ``options.engine`` (tests,
            embedding); the manifest records its name.
        progress: Told about items and sentences as they are done.

    Raises:
        UsageError: Missing inputs, two inputs with the same file name, OUTDIR holds
            another run or a file bitext did not write, or another bitext process is
            at work in OUTDIR (exit 2).
        InputError: A bad item without ``skip_bad`` (exit 65): non-UTF-8, binary or empty
            items are found before anything is written; an item left empty by cleaning
            is found when its chunk is read, and then no corpus file is written either.
        ModelError: No usable engine (or cluster), or Parquet (an output format or an
            input collection) without pyarrow; found before anything is written.
            GlossaryError: a bad glossary.
        CacheError, ExportError: The cache or an output cannot be written; a finished
            run already in OUTDIR is then left as it was (unless the failure came while
            its files were being renamed into place).
    """
    started, started_at = time.perf_counter(), now_tmx()
    folder = Path(options.outdir)
    outdir.check_outdir(folder)
    check_formats(options.formats)
    files, inputs_seen, skipped = check_inputs(collect_inputs(options.inputs), skip_bad=options.skip_bad)
    distributed = options.executor == "ray"
    if distributed:
        cluster.check_cluster(options)
    # On Ray the workers build the engine: the driver may have no GPU, model or Apertium.
    chosen = engine if distributed else engine or get_engine(options.engine, options.engine_options)
    glossary = (
        load_glossary([Path(path) for path in options.glossaries] or None) if options.use_glossary else None
    )
    engine_name = chosen.info.name if chosen is not None else options.engine
    key = outdir.run_key(files, engine_name, glossary.sha256 if glossary else None)
    outputs = (
        *corpus_outputs(options.formats),
        REPORT_NAME,
        MANIFEST_NAME,
        *((REVIEW_NAME,) if options.review else ()),
    )
    outdir.make_outdir(folder)
    with outdir_lock(folder):
        previous = outdir.claim(folder, key, outputs, force=options.force)
        if previous is None or previous.run_key != key:
            remove_shards(folder)
        record = recorded_options(options, engine.info.name if engine is not None else options.engine)
        running = manifest.start_manifest(
            key, started_at, chosen.info if chosen else None, glossary, record, inputs_seen, outputs
        )
        if distributed:
            running = running.model_copy(update={"cluster": cluster.cluster_record(options)})
        if matches_items(options):
            mining = mining_settings() if options.mine else {}
            running = running.model_copy(update={"matching": {**matching_settings(), **mining}})
        stats = RunStats()
        with _review(options.review) as review:
            context = _Context(
                folder,
                files,
                options,
                glossary,
                stats,
                skipped,
                progress,
                review,
                before_commit=lambda: manifest.write_manifest(folder, running),
            )
            cache_file = Path(options.cache) if options.cache else folder / outdir.CACHE
            if distributed:
                written = _write_on_cluster(context, cache_file, inputs_seen, engine, key, previous, running)
            else:
                assert chosen is not None
                written = _write_here(
                    context, cache_file, Translator(chosen, glossary=glossary), previous, running
                )
            stats.timings["total"] = time.perf_counter() - started
            report = stats.report(
                outdir=str(folder),
                engine=written.engine.label(),
                glossary_sha256=glossary.sha256 if glossary else None,
                skipped=tuple(skipped),
                stripped=written.stripped,
                outputs=outputs,
            )
            with atomic_write(folder / REPORT_NAME) as handle:
                handle.write(report.model_dump_json(indent=2) + "\n")
            finished = manifest.finish_manifest(running, outputs, **written.distributed)
            if review is not None:
                review.write(
                    folder / REVIEW_NAME,
                    outdir=folder,
                    manifest=finished,
                    report=report,
                    provenance=written.provenance,
                )
        outdir.remove_replaced(folder, previous, outputs)
        manifest.write_manifest(folder, finished)
    return report


def _write_here(
    context: _Context,
    cache_file: Path,
    translator: Translator,
    previous: RunManifest | None,
    running: RunManifest,
) -> _Written:
    """Open the cache, then write the corpus in this process.

    Nothing in OUTDIR changes until the cache has opened: a finished run's manifest
    says ``complete`` until its outputs start being replaced.
    """
    options = context.options
    with open_cache(cache_file, enabled=options.use_cache) as cache:
        human = read_human_translations(cache_file)
        _mark_running(context.folder, previous, running)
        if cache is not None and not options.resume:
            cache.forget_engine_output()
        if context.progress is not None:
            context.progress.items_total(len(context.files))
        provenance = manifest.corpus_provenance(translator.engine.info, translator.glossary)
        matching = matches_items(options)
        with first_pass_cache(cache, matching) as run_cache, _spill(context.folder, matching) as spill:
            translator.cache = run_cache
            if spill is None:
                documents = _documents(context, on_skip=lambda path, error: _skipped(context, path, error))
                stripped = _write_corpus(context, translator, provenance, human, documents, None)
            else:
                matches = _find_matches(context, translator, spill)
                documents = timed(spill.replay(context.skipped.append), context.stats.timings, "ingest")
                stripped = _write_corpus(context, translator, provenance, human, documents, matches)
    return _Written(stripped, translator.engine.info, provenance)


def _find_matches(context: _Context, translator: Translator, spill: DocumentSpill) -> RunMatches:
    """The first pass of a matching run (see :mod:`bitext.run.matching`); it writes the
    documents down for the write pass (see :mod:`bitext.run.spill`)."""
    stats, progress = context.stats, context.progress
    matches = find_matches(
        spill.reads(_documents(context, on_skip=spill.skip)),
        translator,
        chunk_items=context.options.chunk_items,
        mine=context.options.mine,
        timings=stats.timings,
        progress=progress.sentences_done if progress is not None else None,
    )
    stats.matching = matches.summary
    return matches


def _write_on_cluster(
    context: _Context,
    cache_file: Path,
    inputs_seen: list[InputFile],
    engine: Engine | None,
    key: str,
    previous: RunManifest | None,
    running: RunManifest,
) -> _Written:
    """Let Ray workers write the shards not finished yet, then merge them here."""
    options = context.options
    human = read_human_translations(cache_file)
    _mark_running(context.folder, previous, running)
    engine_name = engine.info.name if engine is not None else options.engine
    done = cluster.write_sharded_corpus(
        context.folder,
        context.files,
        inputs_seen,
        worker_setup(options, engine, context.glossary, human),
        options,
        settings=settings_key(options, key, engine_name, human),
        glossary=context.glossary,
        stats=context.stats,
        skipped=context.skipped,
        progress=context.progress,
        review=context.review,
        before_commit=context.before_commit,
        match=matches_items(options),
    )
    distributed = {"engine": done.engine, "cluster": done.cluster, "shards": done.shards}
    return _Written(done.stripped, done.engine, done.provenance, distributed)


def _mark_running(folder: Path, previous: RunManifest | None, running: RunManifest) -> None:
    """Clear what a killed run left and say a run is at work, unless a finished run's
    manifest must say ``complete`` until its outputs start being replaced."""
    outdir.remove_stale_temporaries(folder)
    if previous is None or previous.status != "complete":
        manifest.write_manifest(folder, running)


def _write_corpus(
    context: _Context,
    translator: Translator,
    provenance: Provenance,
    human: Mapping[str, HumanTranslation],
    documents: Iterator[Document],
    matches: RunMatches | None,
) -> int:
    """Stream items chunk by chunk into the corpus files (and the review page's rows);
    return the TMX's dropped chars."""
    options, stats, progress, review = context.options, context.stats, context.progress, context.review
    seen = Deduplicator() if options.deduplicate else None
    ids = UniqueIds()
    # With matching, the first pass translated (and counted) every sentence; here they are cache hits.
    sentences_done = progress.sentences_done if progress is not None and matches is None else None
    with CorpusWriter(
        context.folder, options.formats, provenance, before_commit=context.before_commit
    ) as writer:
        for chunk in chunked(documents, options.chunk_items):
            ids.check(chunk)
            items = build_items(
                chunk,
                translator,
                options.min_score,
                min_quality=options.min_quality,
                human=human,
                timings=stats.timings,
                progress=sentences_done,
            )
            if matches is not None:
                items = use_matches(items, matches, translator.glossary, options.min_score)
            for item in items:
                if seen is not None:
                    item = drop_duplicates(item, seen)
                began = time.perf_counter()
                writer.add_item(item)
                if review is not None:
                    review.add_item(item)
                stats.timings["export"] += time.perf_counter() - began
                stats.add_item(item)
                if progress is not None:
                    progress.items_done(1)
        began = time.perf_counter()
    stats.timings["export"] += time.perf_counter() - began
    if seen is not None:
        stats.duplicates = seen.counts
    return writer.stripped


def _skipped(context: _Context, path: Path, error: InputError) -> None:
    """Report an item ``--skip-bad`` left out."""
    context.skipped.append(SkippedItem(path=str(path), reason=str(error)))


def _documents(context: _Context, *, on_skip: Callable[[Path, InputError], None]) -> Iterator[Document]:
    """The run's documents, read lazily (the ingest time goes to the run's timings)."""
    options = context.options
    documents = load_documents(
        context.files,
        skip_bad=options.skip_bad,
        on_skip=on_skip,
        markers=default_markers(options),
        starts=options.teaser_markers,
    )
    return timed(documents, context.stats.timings, "ingest")


@contextmanager
def _spill(folder: Path, matching: bool) -> Iterator[DocumentSpill | None]:
    """Where a matching run keeps its documents between passes; nothing without matching."""
    if not matching:
        yield None
        return
    with document_spill(folder) as spill:
        yield spill


@contextmanager
def _review(enabled: bool) -> Iterator[ReviewBuilder | None]:
    """The review page's builder while the corpus is written, or nothing (``--no-review``)."""
    if not enabled:
        yield None
        return
    with ReviewBuilder() as builder:
        yield builder

"""``bitext run``: news items in, a parallel corpus with provenance out (orchestration only).

ingest + clean → language id → segment (:mod:`bitext.ingest`) → translate the French
items with the glossary enforced and pair each French sentence with its English
(:mod:`bitext.run.items`) → export (:mod:`bitext.export`), with the inputs checked
first (:mod:`bitext.run.inputs`), OUTDIR claimed (:mod:`bitext.run.outdir`), the
manifest written first and completed last (:mod:`bitext.run.manifest`) and the report
counted as items stream (:mod:`bitext.run.stats`).

Items stream through in chunks: each chunk's sentences go to the engine together (so
it batches across items), the translation cache is filled after each engine call (so an
interrupted run resumes where it stopped), and each item is written out before the
next chunk is read (so memory does not grow with the number of items). Every input is
checked before OUTDIR is touched; every output is a temporary file until complete.

With ``executor="ray"`` the same chunks are built by workers on a Ray cluster, shard by
shard, and merged here into the same corpus bytes (see :mod:`bitext.run.cluster`); the
inputs, OUTDIR, manifest and report are handled here alike.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from pathlib import Path

from bitext.defaults import DEFAULT_TEASER_MARKERS
from bitext.errors import InputError
from bitext.export import MANIFEST_NAME, REPORT_NAME, now_tmx
from bitext.export.corpus import CorpusWriter
from bitext.glossary import Glossary, load_glossary
from bitext.ingest import collect_inputs, load_documents
from bitext.models import HumanTranslation, RunOptions, RunReport, SkippedItem
from bitext.progress import RunProgress
from bitext.run import cluster, manifest, outdir
from bitext.run.inputs import UniqueIds, check_inputs
from bitext.run.items import build_items
from bitext.run.options import recorded_options
from bitext.run.sharding import remove_shards, settings_key
from bitext.run.stats import RunStats, timed
from bitext.run.worker import ShardWorkerSetup
from bitext.textio import atomic_write
from bitext.translate import get_engine
from bitext.translate.base import Engine
from bitext.translate.cache import open_cache
from bitext.translate.documents import Translator, chunked
from bitext.translate.human import read_human_translations


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
        UsageError: Missing inputs, two inputs with the same file name, or OUTDIR holds
            another run (exit 2).
        InputError: A bad item without ``skip_bad`` (exit 65): non-UTF-8, binary or empty
            items are found before anything is written; an item left empty by cleaning
            is found when its chunk is read, and then no corpus file is written either.
        ModelError: No usable engine. GlossaryError: a bad glossary.
        CacheError, ExportError: The cache or an output cannot be written.
    """
    started, started_at = time.perf_counter(), now_tmx()
    folder = Path(options.outdir)
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
    previous = outdir.claim(folder, key, force=options.force)
    outdir.make_outdir(folder)
    if previous is None:
        outdir.clear_outputs(folder)
        remove_shards(folder)
    else:
        outdir.remove_stale_temporaries(folder)
    record = recorded_options(options, engine.info.name if engine is not None else options.engine)
    started_manifest = manifest.start_manifest(
        key, started_at, chosen.info if chosen else None, glossary, record, inputs_seen
    )
    if distributed:
        started_manifest = started_manifest.model_copy(update={"cluster": cluster.cluster_record(options)})
    manifest.write_manifest(folder, started_manifest)

    stats = RunStats()
    cache_file = Path(options.cache) if options.cache else folder / outdir.CACHE
    human = read_human_translations(cache_file)
    if distributed:
        done = cluster.write_sharded_corpus(
            folder,
            files,
            inputs_seen,
            _worker_setup(options, engine, glossary, human),
            options,
            settings=settings_key(options, key, engine_name, human),
            glossary=glossary,
            stats=stats,
            skipped=skipped,
            progress=progress,
        )
        written, stripped, used = done.outputs, done.stripped, done.engine
        distributed_record = {"engine": done.engine, "cluster": done.cluster, "shards": done.shards}
    else:
        assert chosen is not None
        if progress is not None:
            progress.items_total(len(files))
        with open_cache(cache_file, enabled=options.use_cache) as cache:
            if cache is not None and not options.resume:
                cache.forget_engine_output()
            translator = Translator(chosen, glossary=glossary, cache=cache)
            written, stripped = _write_corpus(
                folder, files, translator, human, options, stats, progress, skipped
            )
        used, distributed_record = chosen.info, {}
    outputs = (*written, REPORT_NAME, MANIFEST_NAME)
    stats.timings["total"] = time.perf_counter() - started
    report = stats.report(
        outdir=str(folder),
        engine=used.label(),
        glossary_sha256=glossary.sha256 if glossary else None,
        skipped=tuple(skipped),
        stripped=stripped,
        outputs=outputs,
    )
    with atomic_write(folder / REPORT_NAME) as handle:
        handle.write(report.model_dump_json(indent=2) + "\n")
    for name in set(previous.outputs if previous else ()) - set(outputs):
        (folder / name).unlink(missing_ok=True)
    manifest.write_manifest(folder, manifest.finish_manifest(started_manifest, outputs, **distributed_record))
    return report


def _worker_setup(
    options: RunOptions,
    engine: Engine | None,
    glossary: Glossary | None,
    human: Mapping[str, HumanTranslation],
) -> ShardWorkerSetup:
    """What each Ray worker is sent once: how to build the engine, and the run's settings."""
    return ShardWorkerSetup(
        engine_name=options.engine,
        engine_options=options.engine_options,
        engine=engine,
        glossary=glossary,
        human=dict(human),
        min_score=options.min_score,
        chunk_items=options.chunk_items,
        skip_bad=options.skip_bad,
        markers=_markers(options),
        use_cache=options.use_cache,
    )


def _markers(options: RunOptions) -> tuple[str, ...]:
    return DEFAULT_TEASER_MARKERS if options.teaser_markers is None else options.teaser_markers


def _write_corpus(
    folder: Path,
    files: list[Path],
    translator: Translator,
    human: Mapping[str, HumanTranslation],
    options: RunOptions,
    stats: RunStats,
    progress: RunProgress | None,
    skipped: list[SkippedItem],
) -> tuple[tuple[str, ...], int]:
    """Stream items chunk by chunk into the corpus files; return their names and the TMX's dropped chars."""

    def skip(path: Path, error: InputError) -> None:
        skipped.append(SkippedItem(path=str(path), reason=str(error)))

    documents = timed(
        load_documents(files, skip_bad=options.skip_bad, on_skip=skip, markers=_markers(options)),
        stats.timings,
        "ingest",
    )
    ids = UniqueIds()
    sentences_done = progress.sentences_done if progress is not None else None
    with CorpusWriter(
        folder, options.formats, manifest.corpus_provenance(translator.engine.info, translator.glossary)
    ) as writer:
        for chunk in chunked(documents, options.chunk_items):
            ids.check(chunk)
            items = build_items(
                chunk,
                translator,
                options.min_score,
                human=human,
                timings=stats.timings,
                progress=sentences_done,
            )
            for item in items:
                began = time.perf_counter()
                writer.add_item(item)
                stats.timings["export"] += time.perf_counter() - began
                stats.add_item(item)
                if progress is not None:
                    progress.items_done(1)
        began = time.perf_counter()
    stats.timings["export"] += time.perf_counter() - began
    return writer.outputs, writer.stripped

"""``bitext run``: news items in, a parallel corpus with provenance out (orchestration only).

ingest + clean → language id → segment (:mod:`bitext.ingest`) → translate the French
items with the glossary enforced and pair each French sentence with its English
(:mod:`bitext.run.items`) → export (:mod:`bitext.export`) and the review page
(:mod:`bitext.review`, built from the same stream of items), with the inputs checked
first (:mod:`bitext.run.inputs`), OUTDIR locked (:mod:`bitext.run.lock`) and claimed
(:mod:`bitext.run.outdir`), the manifest marked ``running`` before any output is
replaced and ``complete`` last (:mod:`bitext.run.manifest`) and the report counted as
items stream (:mod:`bitext.run.stats`).

Items stream through in chunks: each chunk's sentences go to the engine together (so
it batches across items), the translation cache is filled after each engine call (so an
interrupted run resumes where it stopped), and each item is written out before the
next chunk is read (so memory does not grow with the number of items). Every input and
the cache are checked before anything in OUTDIR changes; every output is a temporary
file until all are complete.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from bitext import __version__
from bitext.defaults import DEFAULT_TEASER_MARKERS
from bitext.errors import InputError
from bitext.export import MANIFEST_NAME, REPORT_NAME, REVIEW_NAME, now_tmx
from bitext.export.corpus import CorpusWriter, corpus_outputs
from bitext.glossary import load_glossary
from bitext.ingest import collect_inputs, load_documents
from bitext.models import (
    Document,
    HumanTranslation,
    Provenance,
    RunManifest,
    RunOptions,
    RunReport,
    SkippedItem,
)
from bitext.progress import RunProgress
from bitext.review import ReviewBuilder
from bitext.run import manifest, outdir
from bitext.run.inputs import UniqueIds, check_inputs
from bitext.run.items import build_items
from bitext.run.lock import outdir_lock
from bitext.run.options import recorded_options
from bitext.run.pairing import aligner_settings
from bitext.run.stats import RunStats
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
        UsageError: Missing inputs, two inputs with the same file name, OUTDIR holds
            another run or a file bitext did not write, or another bitext process is
            at work in OUTDIR (exit 2).
        InputError: A bad item without ``skip_bad`` (exit 65): non-UTF-8, binary or empty
            items are found before anything is written; an item left empty by cleaning
            is found when its chunk is read, and then no corpus file is written either.
        ModelError: No usable engine. GlossaryError: a bad glossary.
        CacheError, ExportError: The cache or an output cannot be written; a finished
            run already in OUTDIR is then left as it was (unless the failure came while
            its files were being renamed into place).
    """
    started, started_at = time.perf_counter(), now_tmx()
    folder = Path(options.outdir)
    outdir.check_outdir(folder)
    files, inputs_seen, skipped = check_inputs(collect_inputs(options.inputs), skip_bad=options.skip_bad)
    chosen = engine or get_engine(options.engine, options.engine_options)
    glossary = (
        load_glossary([Path(path) for path in options.glossaries] or None) if options.use_glossary else None
    )
    key = outdir.run_key(files, chosen.info.name, glossary.sha256 if glossary else None)
    outputs = (
        *corpus_outputs(options.formats),
        REPORT_NAME,
        MANIFEST_NAME,
        *((REVIEW_NAME,) if options.review else ()),
    )
    outdir.make_outdir(folder)
    with outdir_lock(folder):
        previous = outdir.claim(folder, key, outputs, force=options.force)
        record = recorded_options(options, engine.info.name if engine is not None else options.engine)
        running = manifest.start_manifest(
            key, started_at, chosen.info, glossary, record, inputs_seen, outputs
        )
        translator = Translator(chosen, glossary=glossary)
        provenance = _provenance(translator)
        stats = RunStats()
        with _review(options.review) as review:
            stripped = _translate_into(
                folder, files, translator, provenance, options, previous, running, stats, progress, skipped, review
            )
            stats.timings["total"] = time.perf_counter() - started
            report = stats.report(
                outdir=str(folder),
                engine=chosen.info.label(),
                glossary_sha256=glossary.sha256 if glossary else None,
                skipped=tuple(skipped),
                stripped=stripped,
                outputs=outputs,
            )
            with atomic_write(folder / REPORT_NAME) as handle:
                handle.write(report.model_dump_json(indent=2) + "\n")
            finished = manifest.finish_manifest(running, outputs)
            if review is not None:
                review.write(
                    folder / REVIEW_NAME, outdir=folder, manifest=finished, report=report, provenance=provenance
                )
        outdir.remove_replaced(folder, previous, outputs)
        manifest.write_manifest(folder, finished)
    return report


def _translate_into(
    folder: Path,
    files: list[Path],
    translator: Translator,
    provenance: Provenance,
    options: RunOptions,
    previous: RunManifest | None,
    running: RunManifest,
    stats: RunStats,
    progress: RunProgress | None,
    skipped: list[SkippedItem],
    review: ReviewBuilder | None,
) -> int:
    """Open the cache, then write the corpus; return the characters the TMX dropped.

    Nothing in OUTDIR changes until the cache has opened: a finished run's manifest
    says ``complete`` until its outputs start being replaced.
    """
    cache_file = Path(options.cache) if options.cache else folder / outdir.CACHE
    with open_cache(cache_file, enabled=options.use_cache) as cache:
        human = read_human_translations(cache_file)
        outdir.remove_stale_temporaries(folder)
        if previous is None or previous.status != "complete":
            manifest.write_manifest(folder, running)
        if cache is not None and not options.resume:
            cache.forget_engine_output()
        translator.cache = cache
        if progress is not None:
            progress.items_total(len(files))
        return _write_corpus(
            folder,
            files,
            translator,
            provenance,
            human,
            options,
            stats,
            progress,
            skipped,
            review,
            before_commit=lambda: manifest.write_manifest(folder, running),
        )


def _write_corpus(
    folder: Path,
    files: list[Path],
    translator: Translator,
    provenance: Provenance,
    human: Mapping[str, HumanTranslation],
    options: RunOptions,
    stats: RunStats,
    progress: RunProgress | None,
    skipped: list[SkippedItem],
    review: ReviewBuilder | None,
    *,
    before_commit: Callable[[], None],
) -> int:
    """Stream items chunk by chunk into the corpus files (and the review page's rows);
    return the TMX's dropped chars."""

    def skip(path: Path, error: InputError) -> None:
        skipped.append(SkippedItem(path=str(path), reason=str(error)))

    documents = _timed(
        load_documents(
            files,
            skip_bad=options.skip_bad,
            on_skip=skip,
            markers=DEFAULT_TEASER_MARKERS if options.default_teasers else (),
            starts=options.teaser_markers,
        ),
        stats,
        "ingest",
    )
    ids = UniqueIds()
    sentences_done = progress.sentences_done if progress is not None else None
    with CorpusWriter(folder, options.formats, provenance, before_commit=before_commit) as writer:
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
                if review is not None:
                    review.add_item(item)
                stats.timings["export"] += time.perf_counter() - began
                stats.add_item(item)
                if progress is not None:
                    progress.items_done(1)
        began = time.perf_counter()
    stats.timings["export"] += time.perf_counter() - began
    return writer.stripped


def _provenance(translator: Translator) -> Provenance:
    info, glossary = translator.engine.info, translator.glossary
    return Provenance(
        bitext_version=__version__,
        created=now_tmx(),
        engine=info.label(),
        engine_model=info.model,
        engine_model_version=info.model_version,
        glossary_sha256=glossary.sha256 if glossary else None,
        aligner=aligner_settings(),
    )


@contextmanager
def _review(enabled: bool) -> Iterator[ReviewBuilder | None]:
    """The review page's builder while the corpus is written, or nothing (``--no-review``)."""
    if not enabled:
        yield None
        return
    with ReviewBuilder() as builder:
        yield builder


def _timed(documents: Iterable[Document], stats: RunStats, name: str) -> Iterator[Document]:
    """Pass documents through, adding the time spent producing them to ``stats``."""
    iterator = iter(documents)
    while True:
        began = time.perf_counter()
        try:
            document = next(iterator)
        except StopIteration:
            stats.timings[name] += time.perf_counter() - began
            return
        stats.timings[name] += time.perf_counter() - began
        yield document

"""``bitext run``: news items in, a parallel corpus with provenance out.

ingest + clean → language id → segment (:mod:`bitext.ingest`) → translate the French
items with the glossary enforced (:mod:`bitext.glossary`, :mod:`bitext.translate`) →
pair each French sentence with its English (:mod:`bitext.align` scores every bead) →
term QA → export (:mod:`bitext.export`).

Items stream through in chunks: each chunk's sentences go to the engine together (so
it batches across items), the translation cache is filled after each chunk (so an
interrupted run resumes where it stopped), and each item is written out before the
next chunk is read (so memory does not grow with the number of items). Every input is
checked before OUTDIR is touched; every output is a temporary file until complete.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from bitext import __version__
from bitext.errors import InputError, UsageError
from bitext.export import FORMATS, now_tmx
from bitext.models import (
    Document,
    ExportFormat,
    InputFile,
    Provenance,
    RunManifest,
    RunOptions,
    RunReport,
    SkippedItem,
)
from bitext.report import RunStats
from bitext.textio import atomic_write, decode_text, read_bytes

if TYPE_CHECKING:
    from bitext.glossary import Glossary
    from bitext.translate.base import Engine

DEFAULT_FORMATS: tuple[ExportFormat, ...] = ("tmx", "jsonl", "json")
DEFAULT_CHUNK_ITEMS = 200


class RunProgress(Protocol):
    """What a run reports while it works (the CLI draws progress bars from it)."""

    def items_total(self, total: int) -> None:
        """The number of items the run will write."""

    def items_done(self, count: int) -> None:
        """``count`` more items written."""

    def sentences_done(self, count: int) -> None:
        """``count`` more French sentences translated."""


def run_pipeline(
    inputs: Sequence[str | Path],
    outdir: str | Path,
    *,
    engine: str | Engine = "auto",
    glossaries: Sequence[str | Path] = (),
    use_glossary: bool = True,
    formats: Sequence[ExportFormat] = DEFAULT_FORMATS,
    min_score: float | None = None,
    resume: bool = True,
    force: bool = False,
    skip_bad: bool = False,
    cache_path: str | Path | None = None,
    chunk_items: int = DEFAULT_CHUNK_ITEMS,
    progress: RunProgress | None = None,
    teaser_markers: Sequence[str] | None = None,
) -> RunReport:
    """Turn news items into a parallel corpus in ``outdir``; return the run's report.

    Args:
        inputs: News files and folders of ``.txt`` files.
        outdir: Output folder (created); see :mod:`bitext.rundir` for when it is refused.
        engine: Engine name (``auto``, ``argos``, ``apertium``) or an engine object.
        glossaries: Glossary files or folders (none: the project's ``glossary/``).
        use_glossary: False to translate without enforcing (and checking) terms.
        formats: Corpus formats to write (``rejects.jsonl``, ``report.json`` and
            ``manifest.json`` are always written).
        min_score: Pairs scoring below go to ``rejects.jsonl`` instead of the corpus.
        resume: Reuse the translation cache of an earlier, interrupted run.
        force: Replace another run's output in ``outdir``.
        skip_bad: Skip unreadable or empty items (listed in the report) instead of failing.
        cache_path: Translation cache file (default ``outdir/.bitext-cache.sqlite``).
        chunk_items: Items translated together; larger batches better, smaller uses
            less memory and saves progress more often.
        progress: Told about items and sentences as they are done.
        teaser_markers: Paragraph starts that begin a teaser block to cut; ``None``: the
            defaults of :mod:`bitext.ingest` ("Voir plus", "Read more", ...).

    Raises:
        UsageError: Bad options, missing inputs, two inputs with the same file name, or
            ``outdir`` holds another run (exit 2).
        InputError: A bad item without ``skip_bad`` (exit 65): non-UTF-8, binary or empty
            items are found before anything is written; an item left empty by cleaning
            is found when its chunk is read, and then no corpus file is written either.
        ModelError: No usable engine. GlossaryError: a bad glossary.
        CacheError, ExportError: The cache or an output cannot be written.
    """
    from bitext import rundir
    from bitext.ingest import collect_inputs

    started, started_at = time.perf_counter(), now_tmx()
    outdir = Path(outdir)
    options = _options(
        inputs,
        engine,
        glossaries,
        use_glossary,
        formats,
        min_score,
        resume,
        skip_bad,
        cache_path,
        teaser_markers,
    )
    if chunk_items < 1:
        raise UsageError("the chunk size must be at least 1 item")
    files, inputs_seen, skipped = check_inputs(collect_inputs(inputs), skip_bad=skip_bad)
    chosen, glossary = _engine_and_glossary(engine, glossaries, use_glossary)
    key = rundir.run_key(files, chosen.info.name, glossary.sha256 if glossary else None)
    previous = rundir.claim(outdir, key, force=force)
    rundir.make_outdir(outdir)
    if previous is None:
        rundir.clear_outputs(outdir)
    else:
        rundir.remove_stale_temporaries(outdir)
    cache_file = Path(cache_path) if cache_path else outdir / rundir.CACHE
    if not resume:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{cache_file}{suffix}").unlink(missing_ok=True)
    manifest = _manifest(key, started_at, chosen, glossary, options, inputs_seen)
    rundir.write_manifest(outdir, manifest)

    stats = RunStats()
    if progress is not None:
        progress.items_total(len(files))
    writer = _write_corpus(
        outdir, files, chosen, glossary, options, cache_file, chunk_items, stats, progress, skipped
    )
    outputs = (*writer.outputs, rundir.REPORT, rundir.MANIFEST)
    stats.timings["total"] = time.perf_counter() - started
    report = stats.report(
        outdir=str(outdir),
        engine=chosen.info.label(),
        glossary_sha256=glossary.sha256 if glossary else None,
        skipped=tuple(skipped),
        stripped=writer.stripped,
        outputs=outputs,
    )
    with atomic_write(outdir / rundir.REPORT) as handle:
        handle.write(report.model_dump_json(indent=2) + "\n")
    stale = set(previous.outputs if previous else ()) - set(outputs)
    for name in stale:
        (outdir / name).unlink(missing_ok=True)
    rundir.write_manifest(
        outdir, manifest.model_copy(update={"status": "complete", "finished": now_tmx(), "outputs": outputs})
    )
    return report


def check_inputs(
    files: Sequence[Path], *, skip_bad: bool
) -> tuple[list[Path], list[InputFile], list[SkippedItem]]:
    """Read every item once before anything is written: UTF-8, not binary, not empty.

    Returns:
        The good files, the manifest records of all files read, and the skipped ones.

    Raises:
        InputError: The first bad item, naming the file (unless ``skip_bad``).
    """
    good: list[Path] = []
    records: list[InputFile] = []
    skipped: list[SkippedItem] = []
    from bitext.ingest import EmptyItemError
    from bitext.ingest.sources import check_collection, is_collection

    for path in files:
        if is_collection(path):
            records.append(check_collection(path, skip_bad=skip_bad))
            good.append(path)
            continue
        data = read_bytes(path)
        records.append(InputFile(path=str(path), sha256=hashlib.sha256(data).hexdigest(), size=len(data)))
        try:
            if not decode_text(data, path).strip():
                raise EmptyItemError("empty item (no text)", path=path)
        except InputError as error:
            if not skip_bad:
                raise
            skipped.append(SkippedItem(path=str(path), reason=str(error)))
            continue
        good.append(path)
    _check_unique_ids(good)
    return good, records, skipped


def _check_unique_ids(files: Sequence[Path]) -> None:
    """Items are named by their file name without suffix, or their collection ``id``;
    two equal names would collide."""
    from bitext.ingest.sources import item_ids

    seen: dict[str, str] = {}
    for item_id, where in item_ids(files):
        if item_id in seen:
            raise UsageError(
                f"two inputs have the item id {item_id!r} ({seen[item_id]} and {where}); rename one",
                path=where,
            )
        seen[item_id] = where


def _options(
    inputs: Sequence[str | Path],
    engine: str | Engine,
    glossaries: Sequence[str | Path],
    use_glossary: bool,
    formats: Sequence[ExportFormat],
    min_score: float | None,
    resume: bool,
    skip_bad: bool,
    cache_path: str | Path | None,
    teaser_markers: Sequence[str] | None,
) -> RunOptions:
    unknown = [fmt for fmt in formats if fmt not in FORMATS]
    if unknown or not formats:
        raise UsageError(
            f"unknown format {', '.join(unknown) or '(none)'}; choose from: {', '.join(FORMATS)}"
        )
    if glossaries and not use_glossary:
        raise UsageError("--glossary and --no-glossary contradict each other")
    if cache_path is not None and not resume:
        raise UsageError("--no-resume empties OUTDIR's own cache; it cannot be combined with --cache")
    return RunOptions(
        inputs=tuple(str(path) for path in inputs),
        engine=engine if isinstance(engine, str) else engine.info.name,
        glossaries=tuple(str(path) for path in glossaries),
        use_glossary=use_glossary,
        formats=tuple(dict.fromkeys(formats)),
        min_score=min_score,
        resume=resume,
        skip_bad=skip_bad,
        cache=str(cache_path) if cache_path else None,
        teaser_markers=tuple(teaser_markers) if teaser_markers is not None else None,
    )


def _engine_and_glossary(
    engine: str | Engine, glossaries: Sequence[str | Path], use_glossary: bool
) -> tuple[Engine, Glossary | None]:
    from bitext.glossary import load_glossary
    from bitext.translate import get_engine

    chosen = get_engine(engine) if isinstance(engine, str) else engine
    glossary = load_glossary([Path(path) for path in glossaries] or None) if use_glossary else None
    return chosen, glossary


def _manifest(
    key: str,
    started_at: str,
    engine: Engine,
    glossary: Glossary | None,
    options: RunOptions,
    inputs: Sequence[InputFile],
) -> RunManifest:
    from bitext.pairing import aligner_settings
    from bitext.rundir import package_versions

    versions = package_versions()
    return RunManifest(
        run_key=key,
        status="running",
        started=started_at,
        bitext_version=__version__,
        python_version=versions.pop("python"),
        packages=versions,
        engine=engine.info,
        glossary_sha256=glossary.sha256 if glossary else None,
        glossary_files=tuple(str(path) for path in glossary.paths) if glossary else (),
        aligner=aligner_settings(),
        options=options,
        inputs=tuple(inputs),
    )


def _write_corpus(
    outdir: Path,
    files: Sequence[Path],
    engine: Engine,
    glossary: Glossary | None,
    options: RunOptions,
    cache_file: Path,
    chunk_items: int,
    stats: RunStats,
    progress: RunProgress | None,
    skipped: list[SkippedItem],
) -> Any:
    from bitext.export.corpus import CorpusWriter
    from bitext.ingest import DEFAULT_TEASER_MARKERS, load_documents
    from bitext.items import build_items
    from bitext.pairing import aligner_settings
    from bitext.translate.cache import TranslationCache

    info = engine.info
    provenance = Provenance(
        bitext_version=__version__,
        created=now_tmx(),
        engine=info.label(),
        engine_model=info.model,
        engine_model_version=info.model_version,
        glossary_sha256=glossary.sha256 if glossary else None,
        aligner=aligner_settings(),
    )
    seen_ids: set[str] = set()
    with TranslationCache(cache_file) as cache, CorpusWriter(outdir, options.formats, provenance) as writer:

        def skip(path: Path, error: InputError) -> None:
            skipped.append(SkippedItem(path=str(path), reason=str(error)))

        markers = DEFAULT_TEASER_MARKERS if options.teaser_markers is None else options.teaser_markers
        loaded = load_documents(files, skip_bad=options.skip_bad, on_skip=skip, markers=markers)
        documents = _timed(loaded, stats, "ingest")
        for chunk in _chunks(documents, chunk_items):
            for document in chunk:
                if document.id in seen_ids:
                    raise InputError(f"two items have the id {document.id!r}", path=document.path)
                seen_ids.add(document.id)
            for item, english in build_items(
                chunk, engine, glossary, cache, options.min_score, stats, progress
            ):
                began = time.perf_counter()
                writer.add_item(item)
                stats.timings["export"] += time.perf_counter() - began
                stats.add_item(item, english)
                if progress is not None:
                    progress.items_done(1)
        began = time.perf_counter()
    stats.timings["export"] += time.perf_counter() - began
    return writer


def _chunks(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    chunk: list[Document] = []
    for document in documents:
        chunk.append(document)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


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

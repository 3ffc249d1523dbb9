"""``bitext run --executor ray``: the run's items in shards on a Ray cluster, merged here.

The driver (this process) plans shards of items (:mod:`bitext.run.sharding`: small
descriptors, never the items), keeps the finished shards of an interrupted run of the
same job, and sends the rest through the Ray executor's actor pool
(:mod:`bitext.executors.ray`), where each worker reads, ingests, translates and pairs a
shard's items (:mod:`bitext.run.worker`) and writes the shard's file under
``OUT/shards/``. Each finished shard goes into the journal at once, so a driver killed
mid-run loses only the shards in flight. One streaming merge, shard after shard in input
order, writes the corpus files with the same writer, statistics and id check as a local
run, so the corpus is the same bytes as a local run's; it runs while the workers do, each
shard merged as soon as it and the shards before it are done (the driver is otherwise
idle), so only the last shards' merge is left once the workers finish. A run that
matches French items with English ones merges once every shard is done: the driver
matches from the shard files first (:mod:`bitext.run.shard_matching`).

The input files and OUTDIR must be on storage every node sees at the same path (the
inputs are opened by absolute path; shard files are written by the workers).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Generator, Iterator
from contextlib import closing
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from bitext.errors import ModelError
from bitext.executors.address import check_reachable
from bitext.executors.shards import merge_in_order, read_shard
from bitext.export.corpus import CorpusWriter
from bitext.glossary import Glossary
from bitext.match import Deduplicator
from bitext.models import (
    ClusterRecord,
    EngineInfo,
    FinishedShard,
    InputFile,
    ItemShard,
    Provenance,
    RunOptions,
    ShardLine,
    ShardRecord,
    SkippedItem,
)
from bitext.progress import RunProgress
from bitext.review import ReviewBuilder
from bitext.run.duplicates import drop_duplicates
from bitext.run.inputs import UniqueIds
from bitext.run.manifest import corpus_provenance
from bitext.run.matching import RunMatches, use_matches
from bitext.run.shard_matching import match_shards
from bitext.run.sharding import SHARD_DIR, ShardJournal, plan_shards, reusable_shards
from bitext.run.stats import RunStats
from bitext.run.worker import ShardWorkerSetup

if TYPE_CHECKING:
    from bitext.executors.ray import RayExecutor

CONNECT_TIMEOUT_S = 30.0
"""How long a cluster address may take to answer before the run gives up (exit 69)."""


@dataclass(frozen=True)
class ShardedCorpus:
    """What the distributed part of a run produced, for the report and the manifest."""

    stripped: int
    engine: EngineInfo
    provenance: Provenance
    shards: tuple[ShardRecord, ...]
    cluster: ClusterRecord


def check_cluster(options: RunOptions) -> None:
    """Fail before OUTDIR is touched when Ray is missing or the cluster does not answer.

    Raises:
        ModelError: Ray is not installed (with the install line), or nothing answers
            at ``options.ray_address`` within :data:`CONNECT_TIMEOUT_S`.
    """
    from bitext.executors.ray import import_ray

    import_ray()
    if options.ray_address is not None:
        check_reachable(options.ray_address, CONNECT_TIMEOUT_S)


def cluster_record(options: RunOptions, workers: int | None = None) -> ClusterRecord:
    """The manifest's record of how the run is spread (``workers`` once known)."""
    device = options.engine_options.device or "cpu"
    return ClusterRecord(
        executor=options.executor,
        ray_address=options.ray_address,
        workers=workers or options.workers,
        device=device,
        gpus_per_worker=_gpus_per_worker(options),
        shard_items=_shard_items(options),
    )


def write_sharded_corpus(
    folder: Path,
    files: list[Path],
    inputs: list[InputFile],
    setup: ShardWorkerSetup,
    options: RunOptions,
    *,
    settings: str,
    glossary: Glossary | None,
    stats: RunStats,
    skipped: list[SkippedItem],
    progress: RunProgress | None,
    review: ReviewBuilder | None = None,
    before_commit: Callable[[], None] | None = None,
    match: bool = False,
) -> ShardedCorpus:
    """Run the shards not finished yet on the cluster and merge every shard into the corpus
    (and the review page's rows, when ``review`` is given) while the workers run: shard
    ``k`` is merged as soon as shards ``0…k`` are done, so the merge overlaps the work.

    Raises:
        InputError: A bad item without ``skip_bad`` (the same error as a local run's).
        ModelError: Ray is missing, the cluster cannot be joined, or a worker cannot
            build the engine (the message names its node).
        ExportError: A shard or corpus file cannot be written, or a shard changed.
    """
    shard_dir = folder.absolute() / SHARD_DIR
    checksums = {record.path: record.sha256 for record in inputs}
    shards = plan_shards(files, checksums, _shard_items(options), settings)
    records = reusable_shards(shard_dir, shards, resume=options.resume)
    if progress is not None:
        progress.items_total(sum(shard.items for shard in shards))
        progress.items_done(sum(shards[index].items for index in records))
    run = _ShardRun(shards, records, setup, options, shard_dir, progress)
    began = time.perf_counter()
    with closing(run.in_order()) as in_order:
        finished: Iterator[ShardRecord] = in_order
        matches = None
        if match:  # matching needs every item: the merge waits for the last shard
            done = list(in_order)
            matching = time.perf_counter()
            matches = match_shards(
                done, chunk_items=options.chunk_items, mine=options.mine, timings=stats.timings
            )
            stats.matching = matches.summary
            began += time.perf_counter() - matching
            finished = iter(done)
        stripped, engine, provenance = _merge(
            folder,
            finished,
            options,
            setup.engine_name,
            glossary,
            stats,
            skipped,
            review,
            before_commit,
            matches,
        )
    stats.timings["cluster"] += run.waited
    stats.timings["export"] += time.perf_counter() - began - run.waited
    return ShardedCorpus(
        stripped=stripped,
        engine=engine,
        provenance=provenance,
        shards=tuple(records[index] for index in range(len(shards))),
        cluster=cluster_record(options, run.workers),
    )


class _ShardRun:
    """The unfinished shards sent through the actor pool, handed back in shard order.

    Each shard is journaled as soon as it is written; :meth:`in_order` yields the run's
    records in index order, each as soon as it and every shard before it are done.
    """

    def __init__(
        self,
        shards: list[ItemShard],
        records: dict[int, ShardRecord],
        setup: ShardWorkerSetup,
        options: RunOptions,
        shard_dir: Path,
        progress: RunProgress | None,
    ) -> None:
        self._shards = shards
        self._records = records
        self._setup = setup
        self._options = options
        self._shard_dir = shard_dir
        self._progress = progress
        self.workers = options.workers
        self.waited = 0.0
        """Seconds the driver waited on the cluster (the rest of the run is the merge)."""

    def in_order(self) -> Generator[ShardRecord, None, None]:
        """Every shard's record in index order, finished ones first, the rest as they finish."""
        ready = 0
        while ready in self._records:
            yield self._records[ready]
            ready += 1
        if ready == len(self._shards):
            return
        began = time.perf_counter()
        with self._executor() as executor, ShardJournal(self._shard_dir) as journal:
            self.workers = executor.pool_size
            run = executor.run(self._shards, self._setup, shard_dir=self._shard_dir, skip=set(self._records))
            for record in run:
                journal.append(FinishedShard(key=self._shards[record.index].key, record=record))
                self._records[record.index] = record
                if self._progress is not None:
                    self._progress.items_done(self._shards[record.index].items)
                while ready in self._records:
                    self.waited += time.perf_counter() - began
                    yield self._records[ready]
                    began = time.perf_counter()
                    ready += 1
            self.waited += time.perf_counter() - began

    def _executor(self) -> RayExecutor:
        from bitext.executors.ray import RayExecutor

        options = self._options
        embedded = options.ray_address is None
        return RayExecutor(
            address=options.ray_address,
            workers=options.workers,
            gpus_per_worker=_gpus_per_worker(options),
            num_cpus=max(os.cpu_count() or 1, options.workers or 1) if embedded else None,
            connect_timeout_s=CONNECT_TIMEOUT_S,
        )


def _merge(
    folder: Path,
    finished: Iterator[ShardRecord],
    options: RunOptions,
    engine_name: str,
    glossary: Glossary | None,
    stats: RunStats,
    skipped: list[SkippedItem],
    review: ReviewBuilder | None,
    before_commit: Callable[[], None] | None,
    matches: RunMatches | None,
) -> tuple[int, EngineInfo, Provenance]:
    """Stream every shard's lines, in shard order as shards finish, into the corpus files and
    the statistics; return the characters the TMX dropped, the engine the workers ran and the
    provenance (the corpus files open once the first shard is done: they name its engine).
    With ``matches``, matched French items get their human pairs first, as in a local run."""
    first = next(finished, None)
    engine = _first_engine(first) or EngineInfo(name=engine_name)
    ids = UniqueIds()
    provenance = corpus_provenance(engine, glossary)
    seen = Deduplicator() if options.deduplicate else None
    records = chain([first], finished) if first is not None else iter(())
    with CorpusWriter(folder, options.formats, provenance, before_commit=before_commit) as writer:
        for line in merge_in_order(records, ShardLine):
            if line.engine is not None and line.engine != engine:
                raise ModelError(
                    f"the workers ran different engines ({engine.label()} and {line.engine.label()}); "
                    "install the same engine and model on every node"
                )
            for name, seconds in (line.timings or {}).items():
                stats.timings[name] += seconds
            if line.item is not None:
                ids.check([line.item])
                item = line.item
                if matches is not None:
                    (item,) = use_matches([item], matches, glossary, options.min_score)
                item = drop_duplicates(item, seen) if seen is not None else item
                writer.add_item(item)
                if review is not None:
                    review.add_item(item)
                stats.add_item(item)
            if line.skipped is not None:
                skipped.append(line.skipped)
    if seen is not None:
        stats.duplicates = seen.counts
    return writer.stripped, engine, provenance


def _first_engine(record: ShardRecord | None) -> EngineInfo | None:
    """The engine that made a shard (its first line), read without the whole file."""
    if record is None:
        return None
    for line in read_shard(record, ShardLine):
        return line.engine
    return None


def _gpus_per_worker(options: RunOptions) -> float:
    """GPUs each worker asks Ray for: as given, else one for ``--device cuda``."""
    if options.gpus_per_worker is not None:
        return options.gpus_per_worker
    return 1.0 if options.engine_options.device == "cuda" else 0.0


def _shard_items(options: RunOptions) -> int:
    return options.shard_items or options.chunk_items

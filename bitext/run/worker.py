"""What a worker of a distributed run does: set up once, then turn shards into shard lines.

:class:`ShardWorkerSetup` is sent (pickled) to each worker, which calls it once: it
builds the engine (or takes the engine object a caller gave the run), unpickles the
compiled glossary the driver loaded, and opens the worker's own translation cache. It
returns a :class:`ShardBuilder`, called on each shard: the shard's items are read from
shared storage (:func:`bitext.ingest.sources.iter_range`), cleaned and segmented
(:func:`bitext.ingest.documents_from_entries`), and built into corpus items chunk by
chunk with :func:`bitext.run.items.build_items`, exactly as a local run does.

The translation cache: a run's SQLite cache on shared storage is not made for many
writers (SQLite's locking is unreliable on network file systems), so each worker keeps
a private cache in its node's temporary folder for the worker's life: repeated
sentences across the shards it handles are translated once. What a resumed run keeps
is finished shards (see :mod:`bitext.run.sharding`), not cached sentences. Post-edits
(human translations) are read once by the driver and sent with the set-up.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
import threading
import weakref
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bitext.errors import InputError
from bitext.glossary import Glossary
from bitext.ingest import documents_from_entries
from bitext.ingest.sources import iter_range
from bitext.models import (
    EngineOptions,
    HumanTranslation,
    ItemShard,
    RawItem,
    RunOptions,
    ShardLine,
    SkippedItem,
)
from bitext.run.items import build_items
from bitext.run.options import default_markers
from bitext.run.stats import timed
from bitext.translate.base import Engine
from bitext.translate.cache import TranslationCache
from bitext.translate.documents import Translator, chunked


@dataclass(frozen=True)
class ShardWorkerSetup:
    """Everything a worker needs, sent to it once; calling it loads the heavy parts.

    Attributes:
        engine_name: The engine to build on the worker (``auto``, ``argos``, ``apertium``).
        engine_options: How to build it (the device among them).
        engine: An engine object to use instead (pickled as given).
        glossary: The compiled glossary, or ``None``.
        human: Post-edits by French text.
        min_score: Pairs scoring below are rejected.
        min_quality: Pairs whose quality estimate is below are rejected.
        chunk_items: Items per engine batch, as in a local run.
        skip_bad: Skip bad items (reported) instead of failing.
        markers: Marker paragraphs that begin a teaser block to cut.
        starts: Paragraph starts (whole words) that begin a teaser block to cut.
        use_cache: Keep a private translation cache on the worker.
    """

    engine_name: str
    engine_options: EngineOptions
    engine: Engine | None
    glossary: Glossary | None
    human: Mapping[str, HumanTranslation] = field(default_factory=dict)
    min_score: float | None = None
    min_quality: float | None = None
    chunk_items: int = 1
    skip_bad: bool = False
    markers: tuple[str, ...] = ()
    starts: tuple[str, ...] = ()
    use_cache: bool = True

    def __call__(self) -> ShardBuilder:
        """Build the worker's translator once.

        Raises:
            ModelError: The engine cannot run on this worker.
        """
        from bitext.translate import get_engine

        engine = self.engine or get_engine(self.engine_name, self.engine_options)
        return ShardBuilder(engine, self, PrivateCache() if self.use_cache else None)


def worker_setup(
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
        min_quality=options.min_quality,
        chunk_items=options.chunk_items,
        skip_bad=options.skip_bad,
        markers=default_markers(options),
        starts=options.teaser_markers,
        use_cache=options.use_cache,
    )


class ShardBuilder:
    """A worker's batch function: one shard's items in, the shard file's lines out."""

    def __init__(self, engine: Engine, setup: ShardWorkerSetup, cache: PrivateCache | None) -> None:
        self._engine = engine
        self._setup = setup
        self._cache = cache

    def __call__(self, shard: ItemShard) -> list[ShardLine]:
        """Read, ingest, translate and pair the shard's items, in input order.

        Raises:
            InputError: A bad item without ``skip_bad``, named as a local run names it.
        """
        setup = self._setup
        cache = self._cache.here() if self._cache is not None else None
        translator = Translator(self._engine, glossary=setup.glossary, cache=cache)
        timings: defaultdict[str, float] = defaultdict(float)
        lines: list[ShardLine] = []

        def skip(path: Path, error: InputError) -> None:
            lines.append(ShardLine(skipped=SkippedItem(path=str(path), reason=str(error))))

        documents = documents_from_entries(
            _entries(shard), skip_bad=setup.skip_bad, on_skip=skip, markers=setup.markers, starts=setup.starts
        )
        for chunk in chunked(timed(documents, timings, "ingest"), setup.chunk_items):
            for item in build_items(
                chunk,
                translator,
                setup.min_score,
                min_quality=setup.min_quality,
                human=setup.human,
                timings=timings,
            ):
                lines.append(ShardLine(item=item))
        head = ShardLine(engine=self._engine.info, timings=dict(timings))
        return [head, *lines]


def _entries(shard: ItemShard) -> Iterator[RawItem | InputError]:
    for piece in shard.pieces:
        yield from iter_range(piece.path, piece.location, piece.start, piece.stop, piece.first_line)


class PrivateCache:
    """A worker's translation cache in its node's temporary folder, removed when it ends.

    SQLite connections belong to the thread that opened them, and Ray may call an actor
    from more than one thread, so each thread gets its own connection to the one file.
    The folder is removed at exit; a killed worker leaves it to the system's clean-up.
    """

    def __init__(self) -> None:
        self._folder = Path(tempfile.mkdtemp(prefix="bitext-worker-cache-"))
        self._local = threading.local()
        self._opened: list[TranslationCache] = []
        weakref.finalize(self, _remove, self._opened, self._folder)

    def here(self) -> TranslationCache:
        """This thread's connection to the cache."""
        cache: TranslationCache | None = getattr(self._local, "cache", None)
        if cache is None:
            cache = TranslationCache(self._folder / "translations.sqlite3")
            self._local.cache = cache
            self._opened.append(cache)
        return cache


def _remove(opened: list[TranslationCache], folder: Path) -> None:
    for cache in opened:
        try:
            cache.close()
        except sqlite3.Error:
            continue
    shutil.rmtree(folder, ignore_errors=True)

"""Executors: where batch work runs, in this process or on a Ray cluster.

The stages stay plain functions over batches; an executor only decides where they run.
Both executors take the same three things:

* the work, as numbered *shards*: an iterable of pydantic models, one per shard (for
  ``bitext run``, a chunk of items); the shard's number is its position;
* a :data:`WorkerSetup`: a picklable, argument-free callable that each worker calls
  once, when it starts, to load what is heavy (the engine, the compiled glossary), and
  that returns the :data:`BatchFunction` the worker then calls on every shard it gets;
* a folder where each shard's output is written atomically as one JSONL file
  (:mod:`bitext.executors.shards`), recorded with its checksum for the manifest and
  merged in shard order afterwards, so the result does not depend on which worker
  finished first.

:class:`~bitext.executors.local.LocalExecutor` is today's behaviour, a plain loop;
:class:`~bitext.executors.ray.RayExecutor` streams shards through a Ray Data actor
pool (Ray is imported there only, so ``import bitext`` never pays for it).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from pathlib import Path
from typing import Any, Protocol

from pydantic import BaseModel

from bitext.models import ShardRecord

EXECUTOR_NAMES = ("local", "ray")

BatchFunction = Callable[[Any], list[Any]]
"""A shard (a pydantic model) in, the shard's outputs (pydantic models) out."""

WorkerSetup = Callable[[], BatchFunction]
"""Called once per worker; loads the heavy state and returns the batch function."""

Prepare = Callable[[Any], Any]
"""An optional stateless step on each shard before the workers (runs as Ray tasks)."""


class Executor(Protocol):
    """Runs a batch function over shards and writes each shard's output."""

    def run(
        self,
        shards: Iterable[BaseModel],
        setup: WorkerSetup,
        *,
        shard_dir: Path,
        skip: Collection[int] = (),
        prepare: Prepare | None = None,
    ) -> Iterator[ShardRecord]:
        """Process every shard not in ``skip``; yield each one's record as it is written."""
        ...

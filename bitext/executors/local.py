"""The local executor: today's behaviour, one worker in this process, shards in order."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from pathlib import Path

from pydantic import BaseModel

from bitext.executors import Prepare, WorkerSetup
from bitext.executors.shards import write_shard
from bitext.models import ShardRecord


class LocalExecutor:
    """Set the worker up once, then process the shards one after another."""

    def run(
        self,
        shards: Iterable[BaseModel],
        setup: WorkerSetup,
        *,
        shard_dir: Path,
        skip: Collection[int] = (),
        prepare: Prepare | None = None,
    ) -> Iterator[ShardRecord]:
        """Process every shard not in ``skip``, in order; yield each record once written.

        Args:
            shards: One model per shard; a shard's number is its position.
            setup: Loads the worker's state once and returns the batch function.
            shard_dir: Where shard files go.
            skip: Numbers of shards already done (a resumed run).
            prepare: A stateless step applied to each shard first.
        """
        process = None
        for index, shard in enumerate(shards):
            if index in skip:
                continue
            if process is None:
                process = setup()
            work = prepare(shard) if prepare is not None else shard
            yield write_shard(shard_dir, index, process(work))

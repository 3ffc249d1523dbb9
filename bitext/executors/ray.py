"""The Ray executor: shards stream through a Ray Data actor pool, one worker per actor.

Each actor calls the :data:`~bitext.executors.WorkerSetup` once in its constructor (the
engine and the compiled glossary load once per worker, as in Ray Data's batch-inference
pattern), then gets one shard per call, runs the batch function on it and writes the
shard's output file itself (:mod:`bitext.executors.shards`); only the small
:class:`~bitext.models.ShardRecord` travels back. An optional stateless ``prepare``
step (reading and ingesting a shard's items) runs as plain Ray tasks before the actors.

A worker process that dies mid-shard is restarted and its shard retried by Ray Data
(its actors restart without limit and retry their tasks); the shard file is written
atomically under the same name, so a retry cannot leave a half or doubled shard.

Connecting: without an address Ray starts embedded on this machine (``num_cpus`` CPUs);
``auto`` joins the cluster ``ray start`` made on this machine; ``HOST:PORT`` or
``ray://HOST:PORT`` joins a remote one, after a TCP check bounded by
``connect_timeout_s``, so an unreachable address fails fast with a
:class:`~bitext.errors.ModelError` (exit 69) that names it. Ray is imported in this
module only, and only when an executor connects.
"""

from __future__ import annotations

import logging
import pickle
from collections.abc import Collection, Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

from pydantic import BaseModel

from bitext.errors import BitextError, ModelError, UsageError
from bitext.executors import Prepare, WorkerSetup
from bitext.executors.address import auth_hint, check_reachable
from bitext.executors.shards import write_shard
from bitext.models import ShardRecord

INSTALL_HINT = "scripts/setup.sh --with ray (or pip install 'bitext[ray]')"
DEFAULT_CONNECT_TIMEOUT_S = 30.0


def import_ray() -> Any:
    """The ``ray`` module with Ray Data loaded.

    Raises:
        ModelError: Ray is not installed (exit 69), with the line that installs it.
    """
    try:
        import ray
        import ray.data
    except ImportError as exc:
        raise ModelError(f"the Ray executor needs Ray, which is not installed here: {INSTALL_HINT}") from exc
    return ray


class RayExecutor:
    """Run shards on a Ray cluster; use as a context manager (connects, then disconnects).

    Args:
        address: ``None`` to start Ray embedded here; ``auto``, ``HOST:PORT`` or
            ``ray://HOST:PORT`` to join a running cluster.
        workers: Actors in the pool, each holding one set-up worker; ``None``: as many
            as the cluster's CPUs (or GPUs, when workers ask for GPUs) hold.
        cpus_per_worker: CPUs Ray reserves for each actor.
        gpus_per_worker: GPUs (or a fraction) Ray reserves for each actor.
        num_cpus: CPUs of an embedded cluster (default: every core).
        object_store_mb: Object store size of an embedded cluster (default: Ray's).
        connect_timeout_s: How long to wait for a remote address to answer.
        temp_dir: Ray's session folder for an embedded cluster (default: Ray's).

    Raises:
        UsageError: Fewer than one worker, or non-positive resources.
    """

    def __init__(
        self,
        *,
        address: str | None = None,
        workers: int | None = 1,
        cpus_per_worker: float = 1.0,
        gpus_per_worker: float = 0.0,
        num_cpus: int | None = None,
        object_store_mb: int | None = None,
        connect_timeout_s: float = DEFAULT_CONNECT_TIMEOUT_S,
        temp_dir: str | Path | None = None,
    ) -> None:
        if workers is not None and workers < 1:
            raise UsageError(f"--workers must be at least 1, not {workers}")
        if cpus_per_worker <= 0 or gpus_per_worker < 0:
            raise UsageError("CPUs per worker must be positive and GPUs per worker not negative")
        self.address = address
        self.workers = workers
        self.cpus_per_worker = cpus_per_worker
        self.gpus_per_worker = gpus_per_worker
        self.num_cpus = num_cpus
        self.object_store_mb = object_store_mb
        self.connect_timeout_s = connect_timeout_s
        self.temp_dir = temp_dir
        self._started = False
        self._pool_size = workers

    @property
    def pool_size(self) -> int:
        """Actors in the pool: ``workers``, or what the cluster holds once connected."""
        return self._pool_size or 1

    def __enter__(self) -> RayExecutor:
        self.connect()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def connect(self) -> None:
        """Start or join the cluster; reuse a connection this process already has.

        Raises:
            ModelError: Ray is missing, or the address cannot be reached or joined.
            UsageError: The address is not ``auto``, ``HOST:PORT`` or ``ray://HOST:PORT``.
        """
        ray = import_ray()
        if self.address is not None:
            check_reachable(self.address, self.connect_timeout_s)
        if ray.is_initialized():
            quiet_ray_data(ray)
            self._size_pool(ray)
            return
        try:
            if self.address is None:
                ray.init(
                    address="local",
                    num_cpus=self.num_cpus,
                    object_store_memory=self.object_store_mb * 2**20 if self.object_store_mb else None,
                    include_dashboard=False,
                    logging_level=logging.WARNING,
                    log_to_driver=False,
                    _temp_dir=str(self.temp_dir) if self.temp_dir else None,
                )
            else:
                ray.init(address=self.address, logging_level=logging.WARNING, log_to_driver=False)
        except (ConnectionError, RuntimeError, ValueError, TimeoutError) as exc:
            hint = auth_hint(exc)
            where = (
                "start Ray on this machine"
                if self.address is None
                else f"join the Ray cluster at {self.address}"
            )
            raise ModelError(f"cannot {where}: {exc}{hint}") from exc
        self._started = True
        quiet_ray_data(ray)
        self._size_pool(ray)

    def _size_pool(self, ray: Any) -> None:
        """Check the cluster can hold a worker; size a pool left to the cluster.

        Raises:
            ModelError: Workers ask for GPUs and the cluster has none.
        """
        resources = ray.cluster_resources()
        if self.gpus_per_worker and resources.get("GPU", 0) < self.gpus_per_worker:
            self.close()
            raise ModelError(
                f"workers ask for {self.gpus_per_worker:g} GPU each and the Ray cluster has "
                f"{resources.get('GPU', 0):g}; add GPU nodes, or use --device cpu"
            )
        if self.workers is None:
            if self.gpus_per_worker:
                room = resources.get("GPU", 0) / self.gpus_per_worker
            else:
                room = resources.get("CPU", 1) / self.cpus_per_worker
            self._pool_size = max(1, int(room))

    def close(self) -> None:
        """Disconnect (and stop an embedded cluster) if this executor connected."""
        if self._started:
            import_ray().shutdown()
            self._started = False

    def run(
        self,
        shards: Iterable[BaseModel],
        setup: WorkerSetup,
        *,
        shard_dir: Path,
        skip: Collection[int] = (),
        prepare: Prepare | None = None,
    ) -> Iterator[ShardRecord]:
        """Process every shard not in ``skip`` on the actor pool; yield records as shards finish.

        Records come in completion order; :func:`~bitext.executors.shards.merge_shards`
        puts the outputs back in shard order.

        Raises:
            BitextError: What the batch function (or the setup) raised on a worker, as
                the same error; a setup error names the node it happened on.
            ModelError: The cluster failed in a way Ray could not recover from.
        """
        ray = import_ray()
        rows = [
            {"index": index, "payload": pickle.dumps(shard)}
            for index, shard in enumerate(shards)
            if index not in skip
        ]
        if not rows:
            return
        dataset = ray.data.from_items(rows, override_num_blocks=len(rows))
        if prepare is not None:
            dataset = dataset.map(_PrepareShard(prepare), num_cpus=self.cpus_per_worker)
        dataset = dataset.map_batches(
            _ShardWorker,
            fn_constructor_args=(setup, str(shard_dir)),
            batch_size=1,
            # One shard at a time per actor: a shard queued behind a long one on a busy
            # actor would wait while another actor idles (shards take seconds, so the
            # round trip between two shards costs nothing).
            compute=ray.data.ActorPoolStrategy(size=self.pool_size, max_tasks_in_flight_per_actor=1),
            num_cpus=self.cpus_per_worker,
            num_gpus=self.gpus_per_worker or None,
        )
        try:
            for row in _rows_as_they_finish(dataset):
                if row["error"]:
                    _raise_worker_error(row["error"])
                yield ShardRecord.model_validate_json(row["record"])
        except BitextError:
            raise
        except Exception as exc:  # Ray wraps worker failures in its own exception types
            raise ModelError(f"the Ray run failed: {exc}") from exc


def _rows_as_they_finish(dataset: Any) -> Iterator[dict[str, Any]]:
    """The dataset's rows, each as soon as its shard is done.

    ``iter_rows`` prefetches: it hands a shard's row over only once the next shard is
    done too, so the driver would journal (and merge) every shard one shard late. Each
    shard is its own block, so its batch is read alone, without prefetching.
    """
    for batch in dataset.iter_batches(batch_size=None, prefetch_batches=0, batch_format="pyarrow"):
        yield from batch.to_pylist()  # Arrow keeps bytes exact (NumPy would strip trailing NULs)


def quiet_ray_data(ray: Any) -> None:
    """No progress bars or INFO lines from Ray Data on stderr (bitext reports progress itself).

    Its log file in the Ray session folder keeps every line.
    """
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    consoles = [handler for handler in logging.getLogger("ray.data").handlers if handler.name == "console"]
    for handler in consoles or logging.getLogger("ray.data").handlers:
        handler.setLevel(logging.WARNING)


class _PrepareShard:
    """A stateless step on one shard row, run as a Ray task."""

    def __init__(self, prepare: Prepare) -> None:
        self._prepare = prepare

    def __call__(self, row: dict[str, Any]) -> dict[str, Any]:
        shard = pickle.loads(row["payload"])
        return {"index": row["index"], "payload": pickle.dumps(self._prepare(shard))}


class _ShardWorker:
    """A Ray Data actor: sets the worker up once, then writes one shard per call.

    A :class:`~bitext.errors.BitextError` comes back as data, not as an exception: Ray
    Data would wrap it and keep only its text, and the driver must raise the same
    error (same class, message, file and line) as a local run.
    """

    def __init__(self, setup: WorkerSetup, shard_dir: str) -> None:
        self._shard_dir = Path(shard_dir)
        self._setup_error: BitextError | None = None
        try:
            self._process = setup()
        except BitextError as error:
            self._setup_error = type(error)(
                f"on Ray node {_node_address()}: {error.message}", path=error.path, line=error.line
            )
        except ImportError as error:  # bitext or an engine's package missing on that node
            self._setup_error = ModelError(
                f"on Ray node {_node_address()}: cannot import {error.name or error}; "
                "install bitext (with its engines) on every node"
            )

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        records: list[str] = []
        errors: list[bytes] = []
        for index, payload in zip(list(batch["index"]), list(batch["payload"]), strict=True):
            try:
                if self._setup_error is not None:
                    raise self._setup_error
                shard = pickle.loads(payload)  # written by this run's driver
                record = write_shard(self._shard_dir, int(index), self._process(shard))
                records.append(record.model_dump_json())
                errors.append(b"")
            except BitextError as error:
                records.append("")
                located = (type(error), error.message, error.path, error.line, error.offset)
                errors.append(pickle.dumps(located))
        return {"record": records, "error": errors}


def _raise_worker_error(packed: bytes) -> None:
    kind, message, path, line, offset = pickle.loads(packed)  # written by this run's workers
    raise kind(message, path=path, line=line, offset=offset)


def _node_address() -> str:
    """The node a worker runs on: its address and Ray node id (nodes may share an address)."""
    ray = import_ray()
    node_id = ray.get_runtime_context().get_node_id()
    return f"{ray.util.get_node_ip_address()} (node {node_id[:12]})"

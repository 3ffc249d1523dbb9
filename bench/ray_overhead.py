"""Ray overhead on a real stage: ingest of news items, local vs Ray with 1 and 2 workers.

Until ``bitext run`` is wired to the executors (step two of issue #11), the workload is
ingest, the CPU-bound stage every item goes through: shards of 50 distinct news-dev
items (seven consecutive segments each, as in ``bench/ingest_speed.py``) are read,
cleaned, language-tagged and segmented, and each shard's documents written as a shard
file. The baseline is the same shards through the local executor in this process (its
best setting: no cluster, no serialisation). Each executor's set-up (loading lingua,
wordfreq, sentence-splitter) is inside its timing; Ray's cluster start is not, and is
printed apart. Ray runs embedded with as many CPUs as the machine has.

efficiency = (2-worker rate / 1-worker rate) / 2; ray_overhead = 1 − (1-worker rate / local rate).

Last line: ``local_items_per_s=… ray1_items_per_s=… ray2_items_per_s=… efficiency=… ray_overhead=…``.

Usage: python bench/ray_overhead.py [--items N] [--quick]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

BENCH = Path(__file__).resolve().parent
WORK = BENCH / "_work" / "ray_overhead"
SHARD_ITEMS = 50

sys.path.insert(0, str(BENCH))

from bitext.models import Document, Frozen, RawItem  # noqa: E402


class IngestShard(Frozen):
    """The items of one shard, as read."""

    items: tuple[RawItem, ...]


class IngestSetup:
    """Loads the ingest models once per worker; returns the batch function."""

    def __call__(self) -> Callable[[IngestShard], list[Document]]:
        from bitext.ingest import document_from_item
        from bitext.langid import detect_language

        detect_language("Le ministre a reçu la délégation à Hanoï.")

        def ingest(shard: IngestShard) -> list[Document]:
            return [document_from_item(item) for item in shard.items]

        return ingest


def shards_of(folder: Path) -> list[IngestShard]:
    """The folder's items, read, in shards of :data:`SHARD_ITEMS`."""
    from bitext.ingest.sources import iter_items

    items = [item for item in iter_items(sorted(folder.glob("*.txt"))) if isinstance(item, RawItem)]
    return [IngestShard(items=tuple(items[i : i + SHARD_ITEMS])) for i in range(0, len(items), SHARD_ITEMS)]


def timed_rate(run: Callable[[], int], items: int) -> float:
    began = time.perf_counter()
    done = run()
    seconds = time.perf_counter() - began
    if done != items:
        raise SystemExit(f"expected {items} items, the run wrote {done}")
    return items / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=2000)
    parser.add_argument("--quick", action="store_true", help="400 items")
    args = parser.parse_args()
    count = 400 if args.quick else args.items

    import ingest_speed
    import ray_overhead as workload  # by module name, so Ray workers import the same classes

    from bitext.executors.local import LocalExecutor
    from bitext.executors.ray import RayExecutor, import_ray, quiet_ray_data

    folder = WORK / "items"
    ingest_speed.write_distinct(folder, count)
    shards = workload.shards_of(folder)

    def written(records: list[object]) -> int:
        return sum(record.items for record in records)  # type: ignore[attr-defined]

    def local() -> int:
        return written(list(LocalExecutor().run(shards, workload.IngestSetup(), shard_dir=WORK / "local")))

    local_rate = timed_rate(local, count)
    print(f"local: {local_rate:.1f} items/s")

    ray = import_ray()
    temp = tempfile.mkdtemp(prefix="bxbench", dir="/tmp")
    began = time.perf_counter()
    ray.init(
        address="local",
        num_cpus=os.cpu_count(),
        include_dashboard=False,
        log_to_driver=False,
        runtime_env={"env_vars": {"PYTHONPATH": str(BENCH)}},
        _temp_dir=temp,
    )
    quiet_ray_data(ray)
    print(f"ray: embedded cluster started in {time.perf_counter() - began:.1f} s (not in the rates)")
    rates = {}
    try:
        for workers in (1, 2):
            shard_dir = WORK / f"ray{workers}"
            shutil.rmtree(shard_dir, ignore_errors=True)

            def on_ray(workers: int = workers, shard_dir: Path = shard_dir) -> int:
                with RayExecutor(workers=workers) as executor:
                    return written(list(executor.run(shards, workload.IngestSetup(), shard_dir=shard_dir)))

            rates[workers] = timed_rate(on_ray, count)
            print(f"ray, {workers} worker(s): {rates[workers]:.1f} items/s")
    finally:
        ray.shutdown()
        shutil.rmtree(temp, ignore_errors=True)
    efficiency = rates[2] / rates[1] / 2
    overhead = 1 - rates[1] / local_rate
    print(f"{count} items in shards of {SHARD_ITEMS}; {os.cpu_count()} cores; set-up inside every rate")
    print(
        f"local_items_per_s={local_rate:.1f} ray1_items_per_s={rates[1]:.1f} ray2_items_per_s={rates[2]:.1f} "
        f"efficiency={efficiency:.2f} ray_overhead={overhead:.2f}"
    )


if __name__ == "__main__":
    main()

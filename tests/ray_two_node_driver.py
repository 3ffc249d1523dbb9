"""Driver for the two-node test: joins ADDRESS, runs toy shards on two workers, prints the result.

Usage: python ray_two_node_driver.py ADDRESS SHARD_DIR LOG_DIR SHARDS DELAY_S
Prints one JSON line: the merged outputs and the shard records' indexes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from ray_toys import ToyOutput, ToySetup, toy_shards

from bitext.executors.ray import RayExecutor
from bitext.executors.shards import merge_shards


def main() -> None:
    address, shard_dir, log_dir, count, delay = sys.argv[1:6]
    with RayExecutor(address=address, workers=2, connect_timeout_s=10) as executor:
        records = list(
            executor.run(toy_shards(int(count)), ToySetup(log_dir, float(delay)), shard_dir=Path(shard_dir))
        )
    merged = [output.number for output in merge_shards(records, ToyOutput)]
    print(json.dumps({"numbers": merged, "shards": sorted(record.index for record in records)}))


if __name__ == "__main__":
    main()

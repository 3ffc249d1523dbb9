"""The local executor: one set-up, shards in order, resume by skipping, a prepare step."""

from __future__ import annotations

from pathlib import Path

from ray_toys import ToyOutput, ToySetup, double_shard, toy_shards

from bitext.executors.local import LocalExecutor
from bitext.executors.shards import merge_shards, read_shard


def test_sets_up_once_and_writes_every_shard_in_order(tmp_path: Path) -> None:
    records = list(LocalExecutor().run(toy_shards(4), ToySetup(str(tmp_path)), shard_dir=tmp_path / "shards"))
    assert [record.index for record in records] == [0, 1, 2, 3]
    assert [o.square for o in merge_shards(records, ToyOutput)] == [n * n for n in range(12)]
    assert len(list(tmp_path.glob("setup-*"))) == 1


def test_skipped_shards_are_not_redone_and_a_prepare_step_runs_first(tmp_path: Path) -> None:
    records = list(
        LocalExecutor().run(
            toy_shards(3), ToySetup(str(tmp_path)), shard_dir=tmp_path, skip={1}, prepare=double_shard
        )
    )
    assert [record.index for record in records] == [0, 2]
    assert [o.number for o in read_shard(records[1], ToyOutput)] == [12, 14, 16]

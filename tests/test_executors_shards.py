"""Shard files: atomic, checksummed, merged in shard order, kept on resume only when intact."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from ray_toys import ToyOutput

from bitext.errors import ExportError
from bitext.executors.shards import finished_shards, merge_shards, read_shard, shard_path, write_shard


def outputs(start: int, count: int = 3) -> list[ToyOutput]:
    return [ToyOutput(number=n, square=n * n) for n in range(start, start + count)]


def test_a_shard_reads_back_as_written_and_leaves_no_temporary(tmp_path: Path) -> None:
    record = write_shard(tmp_path / "shards", 4, outputs(12))
    assert (record.index, record.items, record.path) == (4, 3, str(shard_path(tmp_path / "shards", 4)))
    assert record.size == Path(record.path).stat().st_size
    assert list(read_shard(record, ToyOutput)) == outputs(12)
    assert [p.name for p in (tmp_path / "shards").iterdir()] == ["shard-000004.jsonl"]


def test_merge_restores_shard_order_whatever_the_finishing_order(tmp_path: Path) -> None:
    records = [write_shard(tmp_path, index, outputs(index * 3)) for index in range(5)]
    random.Random(7).shuffle(records)
    assert [o.number for o in merge_shards(records, ToyOutput)] == list(range(15))


@pytest.mark.parametrize(("indexes", "message"), [((0, 2), "after a gap"), ((0, 1, 1), "twice")])
def test_merge_refuses_gaps_and_doubles(tmp_path: Path, indexes: tuple[int, ...], message: str) -> None:
    records = [write_shard(tmp_path, index, outputs(index)) for index in indexes]
    with pytest.raises(ExportError, match=message):
        list(merge_shards(records, ToyOutput))


def test_a_changed_shard_fails_its_checksum_after_the_last_line(tmp_path: Path) -> None:
    record = write_shard(tmp_path, 0, outputs(0))
    path = Path(record.path)
    path.write_bytes(path.read_bytes().replace(b'"square":4', b'"square":5'))
    read = read_shard(record, ToyOutput)
    assert [o.square for o in (next(read), next(read), next(read))] == [0, 1, 5]
    with pytest.raises(ExportError, match="does not match its checksum"):
        next(read)


def test_finished_shards_keeps_only_intact_files(tmp_path: Path) -> None:
    intact, changed, missing = (write_shard(tmp_path, index, outputs(index)) for index in range(3))
    Path(changed.path).write_bytes(b"{}\n")
    Path(missing.path).unlink()
    assert finished_shards([intact, changed, missing]) == [intact]


def test_an_unwritable_shard_folder_is_an_export_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(ExportError) as caught:
        write_shard(blocker / "shards", 0, outputs(0))
    assert caught.value.exit_code == 73

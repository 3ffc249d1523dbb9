"""Shards of a distributed run: planned from the inputs, read back item by item, journaled, kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bitext.errors import InputError
from bitext.executors.shards import write_shard
from bitext.ingest.sources import iter_items, iter_range
from bitext.models import FinishedShard, ItemShard, RawItem, SkippedItem
from bitext.run.options import run_options
from bitext.run.sharding import (
    JOURNAL,
    SHARD_DIR,
    ShardJournal,
    plan_shards,
    read_journal,
    remove_shards,
    reusable_shards,
    settings_key,
)


def _text(number: int) -> str:
    return f"Titre {number}\nLe ministre a reçu la délégation numéro {number} mardi.\n"


@pytest.fixture
def inputs(tmp_path: Path) -> list[Path]:
    """Two .txt items, a JSONL collection (blank and malformed lines among its items) and a Parquet one."""
    pytest.importorskip("pyarrow", reason="pyarrow is not installed: pip install 'bitext[parquet]'")
    import pyarrow
    import pyarrow.parquet

    files = []
    for number in (0, 1):
        path = tmp_path / f"item-{number}.txt"
        path.write_text(_text(number), encoding="utf-8")
        files.append(path)
    lines = [json.dumps({"id": f"j{n}", "text": _text(n)}) for n in range(2, 9)]
    lines.insert(3, "")
    lines.insert(5, "{not json")
    jsonl = tmp_path / "items.jsonl"
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    parquet = tmp_path / "items.parquet"
    table = pyarrow.table({"id": [f"p{n}" for n in range(5)], "text": [_text(n) for n in range(10, 15)]})
    pyarrow.parquet.write_table(table, parquet, row_group_size=2)
    return [*files, jsonl, parquet]


def _described(entry: RawItem | InputError) -> tuple[str, str, int | None, str]:
    if isinstance(entry, InputError):
        return ("error", str(entry.path), entry.line, entry.message)
    return (entry.id, entry.path, entry.line, entry.data.decode("utf-8"))


@pytest.mark.parametrize("size", [1, 2, 3, 4, 7, 100])
def test_shards_read_back_every_item_once_in_order_named_as_a_whole_read(
    inputs: list[Path], size: int
) -> None:
    shards = plan_shards(inputs, {}, size, "settings")
    whole = [_described(entry) for entry in iter_items(inputs)]
    read = [
        _described(entry)
        for shard in shards
        for piece in shard.pieces
        for entry in iter_range(piece.path, piece.location, piece.start, piece.stop, piece.first_line)
    ]
    assert read == whole
    assert len(whole) == 2 + 8 + 5  # the malformed line is an item (an error) too
    assert [shard.items for shard in shards[:-1]] == [size] * (len(shards) - 1)
    assert sum(shard.items for shard in shards) == len(whole)


def test_pieces_are_opened_where_they_are_but_named_as_given(
    inputs: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(inputs[0].parent)
    shards = plan_shards([Path(path.name) for path in inputs], {}, 4, "s")
    first = shards[0].pieces[0]
    assert first.path == "item-0.txt" and first.location == str(inputs[0])
    entry = next(iter_range(first.path, first.location))
    assert isinstance(entry, RawItem) and entry.path == "item-0.txt"


def test_a_file_that_vanished_is_reported_under_its_given_name(tmp_path: Path) -> None:
    [entry] = list(iter_range("gone.txt", str(tmp_path / "gone.txt")))
    assert isinstance(entry, InputError) and entry.path == Path("gone.txt")


def test_keys_change_with_an_input_checksum_or_the_settings(inputs: list[Path]) -> None:
    base = plan_shards(inputs, {str(inputs[0]): "a"}, 4, "settings")
    edited = plan_shards(inputs, {str(inputs[0]): "b"}, 4, "settings")
    other = plan_shards(inputs, {str(inputs[0]): "a"}, 4, "other settings")
    assert base[0].key != edited[0].key and base[1:] == edited[1:]
    assert all(one.key != two.key for one, two in zip(base, other, strict=True))


def test_the_settings_key_covers_what_shapes_an_item() -> None:
    options = run_options(inputs=["i"], outdir="o", executor="ray")
    key = settings_key(options, "run", "apertium", {})
    assert key == settings_key(options, "run", "apertium", {})
    for changed in ({"min_score": 0.5}, {"chunk_items": 5}, {"skip_bad": True}, {"teaser_markers": ["X"]}):
        assert settings_key(options.model_copy(update=changed), "run", "apertium", {}) != key
    assert settings_key(options, "run", "argos", {}) != key


def _finish(shard_dir: Path, shards: list[ItemShard], index: int) -> FinishedShard:
    skipped = SkippedItem(path=f"item-{index}.txt", reason="empty")
    record = write_shard(shard_dir, index, [skipped])
    return FinishedShard(key=shards[index].key, record=record)


def test_resume_keeps_matching_intact_shards_and_removes_the_rest(inputs: list[Path], tmp_path: Path) -> None:
    shard_dir = tmp_path / "out" / SHARD_DIR
    shards = plan_shards(inputs, {}, 3, "s")
    finished = [_finish(shard_dir, shards, index) for index in range(4)]
    with ShardJournal(shard_dir) as journal:
        for entry in finished:
            journal.append(entry)
    with (shard_dir / JOURNAL).open("ab") as handle:
        handle.write(b'{"key": "torn')  # a driver killed while writing
    Path(finished[1].record.path).write_bytes(b"changed\n")
    changed = plan_shards(inputs, {str(inputs[-1]): "new"}, 3, "s")  # the last shards read the Parquet file

    kept = reusable_shards(shard_dir, changed, resume=True)

    assert sorted(kept) == [0, 2]
    assert sorted(path.name for path in shard_dir.glob("shard-*")) == [
        "shard-000000.jsonl",
        "shard-000002.jsonl",
    ]
    assert sorted(read_journal(shard_dir)) == [0, 2]
    assert reusable_shards(shard_dir, changed, resume=False) == {}
    assert list(shard_dir.glob("shard-*")) == []


def test_remove_shards_leaves_what_is_not_ours(tmp_path: Path) -> None:
    shard_dir = tmp_path / SHARD_DIR
    write_shard(shard_dir, 0, [SkippedItem(path="a", reason="b")])
    remove_shards(tmp_path)
    assert not shard_dir.exists()
    write_shard(shard_dir, 0, [SkippedItem(path="a", reason="b")])
    (shard_dir / "notes.txt").write_text("mine", encoding="utf-8")
    remove_shards(tmp_path)
    assert [path.name for path in shard_dir.iterdir()] == ["notes.txt"]

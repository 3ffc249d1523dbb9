"""A distributed run's shards: planned from the inputs, journaled as they finish, kept on resume.

A shard is a small descriptor (:class:`~bitext.models.ItemShard`): which inputs, and
which range of a JSONL or Parquet collection, its worker reads. Shards hold
``shard_items`` items each (a multiple of the run's chunk, so every engine batch is the
one a local run makes), in input order; the last may be shorter. Inputs are cut at item
boundaries found by streaming each collection once (JSONL: byte offsets of item lines;
Parquet: its row count), so planning needs memory for the descriptors only.

Each finished shard is appended to ``OUT/shards/journal.jsonl`` (flushed to disk) with
the key of what it was made from. A resumed run keeps a shard whose journal key equals
its new key and whose file still matches the recorded checksum; every other shard file
is removed and redone. The key covers the shard's inputs (paths and SHA-256), its
ranges, and the run's settings that shape an item (see :func:`settings_key`), so an
edited input or a changed setting never reuses stale output.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO

from pydantic import ValidationError

from bitext import __version__
from bitext.errors import ExportError
from bitext.executors.shards import finished_shards
from bitext.ingest.sources import jsonl_item_offsets, parquet_rows
from bitext.models import FinishedShard, HumanTranslation, ItemShard, RunOptions, ShardPiece, ShardRecord

SHARD_DIR = "shards"
JOURNAL = "journal.jsonl"


def settings_key(
    options: RunOptions, run_key: str, engine_name: str, human: Mapping[str, HumanTranslation]
) -> str:
    """What every shard of a run depends on besides its own inputs."""
    payload = {
        "bitext": __version__,
        "run": run_key,
        "engine": engine_name,
        "engine_options": options.engine_options.model_dump(mode="json"),
        "min_score": options.min_score,
        "min_quality": options.min_quality,
        "chunk_items": options.chunk_items,
        "skip_bad": options.skip_bad,
        "teaser_markers": options.teaser_markers,
        "default_teasers": options.default_teasers,
        "use_cache": options.use_cache,
        "human": _human_digest(human),
    }
    return _sha256(payload)


def plan_shards(
    files: Sequence[Path], checksums: Mapping[str, str], shard_items: int, settings: str
) -> list[ItemShard]:
    """Cut the run's good inputs into shards of ``shard_items`` items, in input order.

    Args:
        files: The inputs as given (``.txt`` items and collections).
        checksums: SHA-256 of each input, by path as given (the manifest's records).
        shard_items: Items per shard.
        settings: :func:`settings_key` of the run.

    Raises:
        InputError: A collection cannot be read.
    """
    shards: list[ItemShard] = []
    pieces: list[ShardPiece] = []
    filled = 0
    for path in files:
        for piece in _pieces(path, filled, shard_items):
            pieces.append(piece)
            filled += piece.items
            if filled == shard_items:
                shards.append(_shard(pieces, checksums, settings))
                pieces, filled = [], 0
    if pieces:
        shards.append(_shard(pieces, checksums, settings))
    return shards


def _pieces(path: Path, filled: int, size: int) -> Iterator[ShardPiece]:
    """The pieces of one input, cut where a shard that already holds ``filled`` items fills up."""
    name, location = str(path), str(path.absolute())
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        start, first, count, room = 0, 1, 0, size - filled
        for offset, line in jsonl_item_offsets(path):
            if count == room:
                yield ShardPiece(
                    path=name, location=location, start=start, stop=offset, first_line=first, items=count
                )
                count, room = 0, size
            if count == 0:
                start, first = offset, line
            count += 1
        if count:
            yield ShardPiece(path=name, location=location, start=start, first_line=first, items=count)
        return
    if suffix == ".parquet":
        rows, row = parquet_rows(path), 0
        while row < rows:
            take = min(size - filled, rows - row)
            yield ShardPiece(
                path=name, location=location, start=row, stop=row + take, first_line=row + 1, items=take
            )
            row, filled = row + take, 0
        return
    yield ShardPiece(path=name, location=location, items=1)


def _shard(pieces: Sequence[ShardPiece], checksums: Mapping[str, str], settings: str) -> ItemShard:
    described = [{**piece.model_dump(mode="json"), "sha256": checksums.get(piece.path)} for piece in pieces]
    return ItemShard(pieces=tuple(pieces), key=_sha256({"settings": settings, "pieces": described}))


def _human_digest(human: Mapping[str, HumanTranslation]) -> str:
    digest = hashlib.sha256()
    for source in sorted(human):
        digest.update(human[source].model_dump_json().encode("utf-8") + b"\n")
    return digest.hexdigest()


def _sha256(payload: object) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode("utf-8")).hexdigest()


# --- the journal ---------------------------------------------------------------------


def reusable_shards(shard_dir: Path, shards: Sequence[ItemShard], *, resume: bool) -> dict[int, ShardRecord]:
    """The finished shards a run keeps (all of none without ``resume``); the rest are removed.

    Each kept shard's journal key equals the shard's key now and its file matches its
    checksum. The journal is rewritten with the kept shards only.

    Raises:
        ExportError: The shard folder cannot be written.
    """
    entries = read_journal(shard_dir) if resume else {}
    candidates = [
        entry.record
        for index, entry in entries.items()
        if index < len(shards) and entry.key == shards[index].key
    ]
    kept = {record.index: record for record in finished_shards(candidates)}
    _make_folder(shard_dir)
    for leftover in shard_dir.glob("shard-*.jsonl"):
        if not any(Path(record.path).name == leftover.name for record in kept.values()):
            leftover.unlink(missing_ok=True)
    for leftover in shard_dir.glob(".shard-*.tmp"):
        leftover.unlink(missing_ok=True)
    with ShardJournal(shard_dir, restart=True) as journal:
        for index in sorted(kept):
            journal.append(FinishedShard(key=shards[index].key, record=kept[index]))
    return kept


def read_journal(shard_dir: Path) -> dict[int, FinishedShard]:
    """The journal's entries by shard number (a later entry wins); a torn last line is ignored."""
    entries: dict[int, FinishedShard] = {}
    try:
        handle = (shard_dir / JOURNAL).open("rb")
    except OSError:
        return entries
    with handle:
        for line in handle:
            try:
                entry = FinishedShard.model_validate_json(line)
            except (ValidationError, ValueError):
                continue
            entries[entry.record.index] = entry
    return entries


def remove_shards(outdir: Path) -> None:
    """Delete a run's shard folder and what bitext wrote in it (another run's, or a fresh start)."""
    shard_dir = outdir / SHARD_DIR
    if not shard_dir.is_dir():
        return
    for pattern in ("shard-*.jsonl", ".shard-*.tmp", JOURNAL):
        for path in shard_dir.glob(pattern):
            path.unlink(missing_ok=True)
    try:
        shard_dir.rmdir()
    except OSError:
        return  # something that is not ours stays, with its folder


class ShardJournal:
    """Appends finished shards to the journal, each line on disk before the next shard counts."""

    def __init__(self, shard_dir: Path, *, restart: bool = False) -> None:
        self._path = shard_dir / JOURNAL
        self._restart = restart
        self._handle: IO[bytes] | None = None

    def __enter__(self) -> ShardJournal:
        try:
            self._handle = self._path.open("wb" if self._restart else "ab")
        except OSError as exc:
            raise ExportError(f"cannot write the shard journal: {exc.strerror}", path=self._path) from exc
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._handle is not None:
            self._handle.close()

    def append(self, entry: FinishedShard) -> None:
        """Record one finished shard durably."""
        assert self._handle is not None, "use ShardJournal as a context manager"
        try:
            self._handle.write(entry.model_dump_json().encode("utf-8") + b"\n")
            self._handle.flush()
            os.fsync(self._handle.fileno())
        except OSError as exc:
            raise ExportError(f"cannot write the shard journal: {exc.strerror}", path=self._path) from exc

    def extend(self, entries: Iterable[FinishedShard]) -> None:
        """Record several finished shards."""
        for entry in entries:
            self.append(entry)


def _make_folder(shard_dir: Path) -> None:
    try:
        shard_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"cannot create the shard folder: {exc.strerror}", path=shard_dir) from exc

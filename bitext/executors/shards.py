"""Per-shard outputs: written atomically, checksummed, and merged back in shard order.

A shard's output is one JSONL file, ``shard-000042.jsonl``, one output model per line,
written through :func:`bitext.textio.atomic_write` so a killed worker never leaves half
a shard. Its :class:`~bitext.models.ShardRecord` (items, SHA-256, size) goes into the
run's manifest; a resumed run keeps the shards whose files still match their records
(:func:`finished_shards`) and redoes the rest. :func:`merge_shards` streams every
shard's outputs in shard order, checking each file against its record as it reads.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from bitext.errors import ExportError
from bitext.models import ShardRecord
from bitext.textio import atomic_write

OutputT = TypeVar("OutputT", bound=BaseModel)


def shard_path(shard_dir: Path, index: int) -> Path:
    """Where shard ``index`` is written."""
    return shard_dir / f"shard-{index:06d}.jsonl"


def write_shard(shard_dir: Path, index: int, outputs: Sequence[BaseModel]) -> ShardRecord:
    """Write one shard's outputs atomically and return its record.

    Raises:
        ExportError: The shard folder cannot be written.
    """
    path = shard_path(shard_dir, index)
    # Computed fields are derived from the others: written, they would not read back.
    payload = b"".join(
        output.model_dump_json(exclude_computed_fields=True).encode("utf-8") + b"\n" for output in outputs
    )
    try:
        shard_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"cannot create the shard folder: {exc.strerror}", path=shard_dir) from exc
    with atomic_write(path, binary=True) as handle:
        handle.write(payload)
    return ShardRecord(
        index=index,
        path=str(path),
        items=len(outputs),
        sha256=hashlib.sha256(payload).hexdigest(),
        size=len(payload),
    )


def read_shard(record: ShardRecord, output_type: type[OutputT]) -> Iterator[OutputT]:
    """The outputs of one shard, checked against its record while they are read.

    Raises:
        ExportError: The file is missing, or its content does not match the record
            (raised after the last line, so a caller writing atomically discards its output).
    """
    digest, size, count = hashlib.sha256(), 0, 0
    try:
        with Path(record.path).open("rb") as handle:
            for number, line in enumerate(handle, start=1):
                digest.update(line)
                size += len(line)
                count += 1
                yield _parse(line, output_type, record, number)
    except OSError as exc:
        raise ExportError(f"cannot read shard {record.index}: {exc.strerror}", path=record.path) from exc
    if (digest.hexdigest(), size, count) != (record.sha256, record.size, record.items):
        raise ExportError(
            f"shard {record.index} does not match its checksum (changed or truncated)", path=record.path
        )


def _parse(line: bytes, output_type: type[OutputT], record: ShardRecord, number: int) -> OutputT:
    try:
        return output_type.model_validate_json(line)
    except ValidationError as exc:
        raise ExportError(
            f"shard {record.index} holds a bad record: {exc}", path=record.path, line=number
        ) from exc


def merge_shards(records: Iterable[ShardRecord], output_type: type[OutputT]) -> Iterator[OutputT]:
    """Every shard's outputs, shard after shard in index order (one file open at a time).

    Raises:
        ExportError: Two records for one shard, a gap in the numbering, or a shard
            that does not match its record.
    """
    return merge_in_order(sorted(records, key=lambda record: record.index), output_type)


def merge_in_order(records: Iterable[ShardRecord], output_type: type[OutputT]) -> Iterator[OutputT]:
    """Like :func:`merge_shards` for records that come in index order, read as they come:
    a driver merges each shard while the workers are still busy with later ones.

    Raises:
        ExportError: A record out of order (twice, or after a gap), or a shard that
            does not match its record.
    """
    for expected, record in enumerate(records):
        if record.index != expected:
            what = "twice" if record.index < expected else f"after a gap (shard {expected} is missing)"
            raise ExportError(f"shard {record.index} is listed {what}", path=record.path)
        yield from read_shard(record, output_type)


def finished_shards(records: Iterable[ShardRecord]) -> list[ShardRecord]:
    """The records whose shard file is still there, complete and unchanged (for resume)."""
    kept = []
    for record in records:
        path = Path(record.path)
        try:
            if path.stat().st_size == record.size and _file_sha256(path) == record.sha256:
                kept.append(record)
        except OSError:
            continue
    return kept


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()

"""Checks on a run's inputs, made before OUTDIR is touched (and, for ids, while streaming).

Every item is read once up front (readable, UTF-8, not binary, not empty; a JSONL or
Parquet collection streamed through once) so a bad item stops the run before anything is
written, or with ``--skip-bad`` is skipped and listed; items are named by their file name
or collection ``id``, so two inputs with the same name are refused too.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

from bitext.errors import EmptyItemError, InputError, UsageError
from bitext.ingest.sources import check_collection, is_collection, item_ids
from bitext.models import CorpusItem, Document, InputFile, SkippedItem
from bitext.textio import decode_text, read_bytes


def check_inputs(
    files: Sequence[Path], *, skip_bad: bool
) -> tuple[list[Path], list[InputFile], list[SkippedItem]]:
    """Read every item once before anything is written: readable, UTF-8, not binary, not empty.

    Returns:
        The good files, the manifest records of all files read, and the skipped ones
        (an unreadable one among them, with the reason).

    Raises:
        InputError: The first bad item, naming the file (unless ``skip_bad``).
        UsageError: Two good files have the same item id.
    """
    good: list[Path] = []
    records: list[InputFile] = []
    skipped: list[SkippedItem] = []
    for path in files:
        if is_collection(path):
            records.append(check_collection(path, skip_bad=skip_bad))
            good.append(path)
            continue
        try:
            data = read_bytes(path)
            records.append(InputFile(path=str(path), sha256=hashlib.sha256(data).hexdigest(), size=len(data)))
            if not decode_text(data, path).strip():
                raise EmptyItemError("empty item (no text)", path=path)
        except InputError as error:
            if not skip_bad:
                raise
            skipped.append(SkippedItem(path=str(path), reason=str(error)))
            continue
        good.append(path)
    _check_unique_ids(good)
    return good, records, skipped


class UniqueIds:
    """Remembers the item ids written so far; a second item with one of them is refused."""

    def __init__(self) -> None:
        self._seen: set[str] = set()

    def check(self, documents: Sequence[Document | CorpusItem]) -> None:
        """Record the ids of ``documents``.

        Raises:
            InputError: One was seen before (two items with the same id).
        """
        for document in documents:
            if document.id in self._seen:
                raise InputError(f"two items have the id {document.id!r}", path=document.path)
            self._seen.add(document.id)


def _check_unique_ids(files: Sequence[Path]) -> None:
    """Items are named by their file name without suffix, or their collection ``id``;
    two equal names would collide."""
    seen: dict[str, str] = {}
    for item_id, where in item_ids(files):
        if item_id in seen:
            raise UsageError(
                f"two inputs have the item id {item_id!r} ({seen[item_id]} and {where}); rename one",
                path=where,
            )
        seen[item_id] = where

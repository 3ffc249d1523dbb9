"""``corpus.parquet``: the corpus as a typed Arrow table, for ``datasets``, pandas and polars.

The schema is written out here, never inferred from the rows, so every file has the
same column types whatever its data: a run without a single glossary term still has
``terms: list<string>``, a run without quality estimates a ``quality: double`` column
of nulls. ``translation`` is the Hugging Face ``{fr, en}`` struct; the rest mirrors
the JSONL record flattened into columns a dataframe can filter on. Rows are written
in row groups as they come (memory stays flat); the provenance rides in the schema
metadata under ``bitext.provenance``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import ExitStack, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bitext.errors import ExportError
from bitext.extras import import_pyarrow
from bitext.models import Bead, Provenance, SegmentPair
from bitext.textio import atomic_write

if TYPE_CHECKING:
    import pyarrow as pa

PROVENANCE_KEY = b"bitext.provenance"
ROW_GROUP_ROWS = 10_000
COLUMNS = (
    "id",
    "doc_id",
    "translation",
    "origin",
    "quality",
    "engine",
    "align_type",
    "align_src",
    "align_tgt",
    "align_score",
    "terms",
    "missing_terms",
)


def corpus_schema(provenance: Provenance | None = None) -> pa.Schema:
    """The Arrow schema of ``corpus.parquet`` (with the provenance as metadata, if given).

    Raises:
        ModelError: pyarrow is not installed (exit 69).
    """
    pa = import_pyarrow()

    text = pa.string()
    fields = [
        pa.field("id", text, nullable=False),
        pa.field("doc_id", text, nullable=False),
        pa.field(
            "translation",
            pa.struct([pa.field("fr", text, nullable=False), pa.field("en", text, nullable=False)]),
            nullable=False,
        ),
        pa.field("origin", text, nullable=False),
        pa.field("quality", pa.float64()),
        pa.field("engine", text),
        pa.field("align_type", text, nullable=False),
        pa.field("align_src", pa.list_(pa.int32()), nullable=False),
        pa.field("align_tgt", pa.list_(pa.int32()), nullable=False),
        pa.field("align_score", pa.float64(), nullable=False),
        pa.field("terms", pa.list_(text), nullable=False),
        pa.field("missing_terms", pa.list_(text), nullable=False),
    ]
    metadata = {PROVENANCE_KEY: provenance.model_dump_json().encode()} if provenance else None
    return pa.schema(fields, metadata=metadata)


def pair_row(pair: SegmentPair) -> dict[str, Any]:
    """The row of ``pair``: one value per column of :func:`corpus_schema`."""
    return {
        "id": pair.id,
        "doc_id": pair.doc_id,
        "translation": {"fr": pair.fr, "en": pair.en},
        "origin": pair.origin,
        "quality": pair.quality,
        "engine": pair.engine,
        "align_type": pair.bead.type,
        "align_src": list(pair.bead.src),
        "align_tgt": list(pair.bead.tgt),
        "align_score": pair.bead.score,
        "terms": list(pair.terms),
        "missing_terms": list(pair.missing_terms),
    }


class ParquetWriter:
    """Stream pairs into ``corpus.parquet``, one row group per ``row_group_rows`` pairs.

    The file appears at ``path`` only when the writer closes cleanly.

    Raises:
        ModelError: pyarrow is not installed (exit 69), raised on entering, before the file is made.
        ExportError: The file cannot be written.
    """

    def __init__(
        self, path: str | Path, provenance: Provenance, *, row_group_rows: int = ROW_GROUP_ROWS
    ) -> None:
        self.path = Path(path)
        self.provenance = provenance
        self.row_group_rows = row_group_rows
        self.count = 0
        self._columns: dict[str, list[Any]] = {name: [] for name in COLUMNS}
        self._pending = 0
        self._stack = ExitStack()
        self._writer: Any = None
        self._schema: Any = None

    def __enter__(self) -> ParquetWriter:
        pq = import_pyarrow(path=self.path).parquet
        handle = self._stack.enter_context(atomic_write(self.path, binary=True))
        self._schema = corpus_schema(self.provenance)
        self._writer = pq.ParquetWriter(handle, self._schema)
        return self

    def write(self, pair: SegmentPair) -> None:
        """Append one row; a full row group goes to the file."""
        for name, value in pair_row(pair).items():
            self._columns[name].append(value)
        self._pending += 1
        self.count += 1
        if self._pending >= self.row_group_rows:
            self._flush()

    def __exit__(self, *exc_info: Any) -> bool:
        if exc_info[0] is not None:
            # Close the Parquet writer before its file goes, or its finalizer writes to it.
            with suppress(Exception):
                self._writer.close()
            return bool(self._stack.__exit__(*exc_info))
        try:
            self._flush()
            self._writer.close()
        except Exception as exc:
            self._stack.__exit__(type(exc), exc, exc.__traceback__)
            raise ExportError(f"cannot write Parquet: {exc}", path=self.path) from exc
        return bool(self._stack.__exit__(None, None, None))

    def _flush(self) -> None:
        if not self._pending:
            return
        # Column lists convert an order of magnitude faster than a list of row dicts.
        self._writer.write_table(import_pyarrow().Table.from_pydict(self._columns, schema=self._schema))
        self._columns = {name: [] for name in COLUMNS}
        self._pending = 0


def read_parquet(path: str | Path, *, batch_rows: int = ROW_GROUP_ROWS) -> Iterator[SegmentPair]:
    """Stream the pairs of a ``corpus.parquet`` bitext wrote, one batch of rows at a time.

    Raises:
        ModelError: pyarrow is not installed (exit 69).
        ExportError: Not a Parquet file, or not bitext's columns.
    """
    path = Path(path)
    parquet = _open(path)
    missing = [name for name in COLUMNS if name not in parquet.schema_arrow.names]
    if missing:
        raise ExportError(f"not a bitext corpus.parquet: no column {missing[0]!r}", path=path)
    row = 0
    try:
        for batch in parquet.iter_batches(batch_size=batch_rows, columns=list(COLUMNS)):
            for record in batch.to_pylist():
                row += 1
                yield _pair(record)
    except (ValueError, TypeError) as exc:
        raise ExportError(f"row {row}: not a bitext pair: {exc}", path=path) from exc
    except OSError as exc:
        raise ExportError(f"cannot read Parquet: {exc}", path=path) from exc


def read_parquet_provenance(path: str | Path) -> Provenance | None:
    """The provenance in a ``corpus.parquet``'s schema metadata; ``None`` when absent."""
    path = Path(path)
    metadata = _open(path).schema_arrow.metadata or {}
    if PROVENANCE_KEY not in metadata:
        return None
    return Provenance.model_validate(json.loads(metadata[PROVENANCE_KEY]))


def _open(path: Path) -> Any:
    pa = import_pyarrow(path=path)
    try:
        return pa.parquet.ParquetFile(path)
    except (pa.ArrowInvalid, OSError) as exc:
        raise ExportError(f"not a readable Parquet file: {exc}", path=path) from exc


def _pair(record: dict[str, Any]) -> SegmentPair:
    translation = record["translation"]
    bead = Bead(src=tuple(record["align_src"]), tgt=tuple(record["align_tgt"]), score=record["align_score"])
    if record["align_type"] != bead.type:
        raise ValueError(f"align_type {record['align_type']!r} does not match src/tgt ({bead.type})")
    return SegmentPair(
        id=record["id"],
        doc_id=record["doc_id"],
        fr=translation["fr"],
        en=translation["en"],
        bead=bead,
        engine=record["engine"],
        terms=tuple(record["terms"]),
        missing_terms=tuple(record["missing_terms"]),
        origin=record["origin"],
        quality=record["quality"],
    )

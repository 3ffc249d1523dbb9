"""Parquet export: an explicit Arrow schema that datasets, polars and pandas read with the same types."""

from __future__ import annotations

from pathlib import Path

import pytest
from export_samples import load_with_datasets, sample_pairs
from optional_deps import needs_pyarrow

from bitext.errors import ExportError
from bitext.export import convert, read_pairs
from bitext.export.parquet import ParquetWriter, corpus_schema, read_parquet, read_parquet_provenance
from bitext.models import Provenance, SegmentPair

pytestmark = needs_pyarrow

PROVENANCE = Provenance(bitext_version="0.1.0", created="20261122T120000Z", engine="apertium")


def write_parquet(path: Path, pairs: list[SegmentPair], row_group_rows: int = 10_000) -> ParquetWriter:
    with ParquetWriter(path, PROVENANCE, row_group_rows=row_group_rows) as writer:
        for pair in pairs:
            writer.write(pair)
    return writer


def bare(pairs: list[SegmentPair]) -> list[SegmentPair]:
    """The pairs of a run without a glossary, an engine label or a quality estimate."""
    return [p.model_copy(update={"terms": (), "missing_terms": (), "engine": None}) for p in pairs]


def with_quality(pairs: list[SegmentPair]) -> list[SegmentPair]:
    return [p.model_copy(update={"quality": 0.5, "origin": "human"}) for p in pairs]


def test_the_schema_is_the_same_whatever_the_data(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rich, poor, empty = tmp_path / "rich.parquet", tmp_path / "poor.parquet", tmp_path / "empty.parquet"
    write_parquet(rich, with_quality(sample_pairs()))
    write_parquet(poor, bare(sample_pairs()))
    write_parquet(empty, [])

    schemas = [pq.read_schema(path).remove_metadata() for path in (rich, poor, empty)]
    assert schemas[0] == schemas[1] == schemas[2] == corpus_schema()
    assert schemas[1].field("terms").type.value_type == pa.string()
    assert schemas[1].field("missing_terms").type.value_type == pa.string()
    assert schemas[1].field("quality").type == pa.float64()
    assert schemas[1].field("align_src").type.value_type == pa.int32()
    assert pq.read_table(empty).num_rows == 0


def test_rows_are_written_in_row_groups_and_read_back(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    pairs = sample_pairs("a") + sample_pairs("b") + with_quality(sample_pairs("c"))
    path = tmp_path / "corpus.parquet"
    writer = write_parquet(path, pairs, row_group_rows=5)

    assert writer.count == 12
    assert pq.ParquetFile(path).metadata.num_row_groups == 3
    assert list(read_parquet(path, batch_rows=4)) == pairs
    assert read_parquet_provenance(path) == PROVENANCE


@pytest.mark.parametrize("bare_first", [True, False])
def test_datasets_loads_runs_with_and_without_terms_together(tmp_path: Path, bare_first: bool) -> None:
    full, plain = tmp_path / "full.parquet", tmp_path / "plain.parquet"
    write_parquet(full, with_quality(sample_pairs("a")))
    write_parquet(plain, bare(sample_pairs("b")))

    files = [plain, full] if bare_first else [full, plain]
    dataset = load_with_datasets("parquet", files, tmp_path / "hf-cache")

    features = dataset.features
    assert features["translation"]["fr"].dtype == "string"
    assert features["terms"].feature.dtype == "string"
    assert features["align_src"].feature.dtype == "int32"
    assert features["quality"].dtype == "float64"
    rows = {row["id"]: row for row in dataset}
    assert rows["a:0"]["terms"] == ["minister-of-public-security"] and rows["b:0"]["terms"] == []
    assert rows["a:0"]["quality"] == 0.5 and rows["b:0"]["quality"] is None
    assert rows["b:0"]["translation"] == {"fr": sample_pairs()[0].fr, "en": sample_pairs()[0].en}


def test_polars_and_pandas_read_the_same_types(tmp_path: Path) -> None:
    import pandas as pd
    import polars as pl

    plain = tmp_path / "plain.parquet"
    write_parquet(plain, bare(sample_pairs()))

    frame = pl.read_parquet(plain)
    assert frame.schema["terms"] == pl.List(pl.String)
    assert frame.schema["missing_terms"] == pl.List(pl.String)
    assert frame.schema["quality"] == pl.Float64
    assert frame.schema["translation"] == pl.Struct({"fr": pl.String, "en": pl.String})
    assert frame["translation"].struct.field("en").to_list() == [p.en for p in sample_pairs()]
    assert pd.read_parquet(plain)["align_score"].tolist() == [p.bead.score for p in sample_pairs()]


def test_a_failed_write_leaves_no_file(tmp_path: Path) -> None:
    path = tmp_path / "corpus.parquet"
    with pytest.raises(RuntimeError), ParquetWriter(path, PROVENANCE) as writer:
        writer.write(sample_pairs()[0])
        raise RuntimeError("interrupted")
    assert not path.exists() and list(tmp_path.iterdir()) == []


def test_a_file_that_is_not_ours_is_refused(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    other = tmp_path / "other.parquet"
    pq.write_table(pa.table({"text": ["a"]}), other)
    with pytest.raises(ExportError, match="no column 'id'"):
        list(read_parquet(other))
    junk = tmp_path / "junk.parquet"
    junk.write_text("not parquet", encoding="utf-8")
    with pytest.raises(ExportError, match="not a readable Parquet file"):
        list(read_parquet(junk))


def test_bitext_export_converts_to_and_from_parquet(tmp_path: Path) -> None:
    pairs = with_quality(sample_pairs("a")) + sample_pairs("b")
    source = tmp_path / "c.parquet"
    write_parquet(source, pairs)
    result = convert(source, tmp_path / "c.json")
    assert result.pairs == 8
    convert(tmp_path / "c.json", tmp_path / "back.parquet")
    assert list(read_pairs(tmp_path / "back.parquet")) == pairs
    assert read_parquet_provenance(tmp_path / "back.parquet") == PROVENANCE

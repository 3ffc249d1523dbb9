"""One real run, every format read back by an independent, widely used library (issue 12's table)."""

from __future__ import annotations

from pathlib import Path

import pytest
from export_samples import check_tmx, check_xliff, load_with_datasets, toolkit_pairs
from optional_deps import needs_pyarrow
from typer.testing import CliRunner

from bitext.cli import app
from bitext.export import read_pairs
from bitext.translate import apertium

FORMATS = "tmx,json,jsonl,xliff,parquet,txt,tsv"
# The one run writes every format, Parquet too (and datasets needs pyarrow to read any).
pytestmark = needs_pyarrow


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> tuple[Path, list[tuple[str, str]]]:
    if not apertium.is_available():
        pytest.skip("Apertium is not installed")
    outdir = tmp_path_factory.mktemp("loadback") / "out"
    result = CliRunner().invoke(
        app, ["run", str(seeds_dir), "-o", str(outdir), "-e", "apertium", "-f", FORMATS, "-q"]
    )
    assert result.exit_code == 0, result.stderr
    pairs = [(pair.fr, pair.en) for pair in read_pairs(outdir / "corpus.jsonl")]
    assert pairs
    return outdir, pairs


def test_tmx_with_the_dtd_and_translate_toolkit(seed_run: tuple[Path, list[tuple[str, str]]]) -> None:
    outdir, pairs = seed_run
    check_tmx(outdir / "corpus.tmx")
    assert toolkit_pairs(outdir / "corpus.tmx") == pairs


def test_xliff_with_the_schema_and_translate_toolkit(seed_run: tuple[Path, list[tuple[str, str]]]) -> None:
    from translate.storage.xliff import xlifffile

    outdir, pairs = seed_run
    tree = check_xliff(outdir / "corpus.xlf")
    store = xlifffile.parsefile(str(outdir / "corpus.xlf"))
    assert [(unit.source, unit.target) for unit in store.units] == pairs
    assert len(tree.getroot()) == 2, "one <file> per French item"


def test_jsonl_and_parquet_with_datasets(
    seed_run: tuple[Path, list[tuple[str, str]]], tmp_path: Path
) -> None:
    outdir, pairs = seed_run
    for builder, name in (("json", "corpus.jsonl"), ("parquet", "corpus.parquet")):
        dataset = load_with_datasets(builder, [outdir / name], tmp_path / builder)
        assert [(row["fr"], row["en"]) for row in dataset["translation"]] == pairs, name


def test_parquet_with_polars(seed_run: tuple[Path, list[tuple[str, str]]]) -> None:
    import polars as pl

    outdir, pairs = seed_run
    frame = pl.read_parquet(outdir / "corpus.parquet")
    assert (
        list(
            zip(frame["translation"].struct.field("fr"), frame["translation"].struct.field("en"), strict=True)
        )
        == pairs
    )
    assert frame.schema["terms"] == pl.List(pl.String) and frame["origin"].unique().to_list() == ["mt"]


def test_tsv_with_pandas(seed_run: tuple[Path, list[tuple[str, str]]]) -> None:
    import pandas as pd

    outdir, pairs = seed_run
    frame = pd.read_csv(outdir / "corpus.tsv", sep="\t")
    assert list(zip(frame["fr"], frame["en"], strict=True)) == pairs

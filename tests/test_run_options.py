"""The run's one options model: defaults, checks as usage errors, what the manifest records, CLI flags."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bitext.cli import app
from bitext.defaults import DEFAULT_CHUNK_ITEMS, DEFAULT_ENGINE, DEFAULT_FORMATS
from bitext.errors import UsageError
from bitext.models import EngineOptions, RunOptions
from bitext.run.options import matches_items, recorded_options, run_options
from bitext.translate import apertium

needs_apertium = pytest.mark.skipif(not apertium.is_available(), reason="Apertium is not installed")


def test_defaults_come_from_one_place() -> None:
    options = run_options(inputs=[Path("items")], outdir=Path("out"))
    assert (options.engine, options.formats, options.chunk_items) == (
        DEFAULT_ENGINE,
        DEFAULT_FORMATS,
        DEFAULT_CHUNK_ITEMS,
    )
    assert options.inputs == ("items",) and options.outdir == "out"
    assert options.engine_options == EngineOptions() and options.use_cache and options.use_glossary


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"min_score": math.nan}, "--min-score must be a number from 0 to 1, not nan"),
        ({"min_score": -0.1}, "not -0.1"),
        ({"min_score": 1.01}, "not 1.01"),
        ({"min_score": math.inf}, "not inf"),
        ({"min_quality": math.nan}, "--min-quality must be a number from 0 to 1, not nan"),
        ({"min_quality": -0.1}, "--min-quality must be a number from 0 to 1, not -0.1"),
        ({"min_quality": 1.5}, "--min-quality must be a number from 0 to 1, not 1.5"),
        ({"formats": ()}, "unknown format (none)"),
        ({"formats": ("tmx", "pdf")}, "unknown format pdf"),
        ({"engine": "deepl"}, "unknown engine 'deepl'; choose one of: auto, argos, apertium"),
        ({"chunk_items": 0}, "at least 1 item"),
        ({"cache": "c.sqlite", "use_cache": False}, "--cache and --no-cache contradict"),
        ({"inputs": []}, "inputs: "),
        ({"colour": "red"}, "colour: Extra inputs are not permitted"),
        ({"mine": True, "match": False}, "--mine needs matching"),
    ],
)
def test_bad_settings_are_usage_errors_that_say_what_to_change(
    settings: dict[str, object], message: str
) -> None:
    values: dict[str, object] = {"inputs": ["items"], "outdir": "out", **settings}
    with pytest.raises(UsageError, match=message.replace("(", r"\(").replace(")", r"\)")) as caught:
        run_options(**values)
    assert caught.value.exit_code == 2


def test_scores_at_the_bounds_are_accepted() -> None:
    assert run_options(inputs=["i"], outdir="o", min_score=0).min_score == 0
    assert run_options(inputs=["i"], outdir="o", min_score=1.0).min_score == 1.0
    assert run_options(inputs=["i"], outdir="o", min_quality=0).min_quality == 0
    assert run_options(inputs=["i"], outdir="o", min_quality=1.0).min_quality == 1.0


def test_formats_keep_their_order_without_repeats() -> None:
    assert run_options(inputs=["i"], outdir="o", formats=["tsv", "tmx", "tsv"]).formats == ("tsv", "tmx")


def test_the_manifest_records_what_was_asked() -> None:
    options = run_options(inputs=["i"], outdir="o", chunk_items=5, force=True, use_cache=False)
    recorded = recorded_options(options, DEFAULT_ENGINE)
    assert recorded.model_dump() == {
        "inputs": ("i",),
        "engine": "auto",
        "glossaries": (),
        "use_glossary": True,
        "formats": DEFAULT_FORMATS,
        "min_score": None,
        "min_quality": None,
        "resume": True,
        "skip_bad": False,
        "cache": None,
        "teaser_markers": (),
        "default_teasers": True,
        "match": True,
        "mine": False,
        "deduplicate": True,
    }
    assert set(RunOptions.model_fields) > set(type(recorded).model_fields)


@pytest.mark.parametrize("value", ["nan", "-1", "1.5"])
def test_cli_min_score_outside_0_1_exits_2_before_touching_outdir(tmp_path: Path, value: str) -> None:
    """Regression (hardening 16): NaN and out-of-range scores were accepted."""
    items = tmp_path / "items"
    items.mkdir()
    (items / "a.txt").write_text("Le ministre est arrivé.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["run", str(items), "-o", str(tmp_path / "out"), "--min-score", value])
    assert result.exit_code == 2, result.output
    assert "--min-score must be a number from 0 to 1" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("value", ["nan", "-1", "1.5"])
def test_cli_min_quality_outside_0_1_exits_2_before_touching_outdir(tmp_path: Path, value: str) -> None:
    items = tmp_path / "items"
    items.mkdir()
    (items / "a.txt").write_text("Le ministre est arrivé.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["run", str(items), "-o", str(tmp_path / "out"), "--min-quality", value])
    assert result.exit_code == 2, result.output
    assert "--min-quality must be a number from 0 to 1" in result.stderr
    assert not (tmp_path / "out").exists()


@needs_apertium
def test_cli_run_accepts_no_cache_and_models_dir(seeds_dir: Path, tmp_path: Path) -> None:
    """Regression (hardening 17): run had no --no-cache nor --models-dir."""
    outdir = tmp_path / "out"
    args = ["run", str(seeds_dir / "003_e1687c0f2dc57851.txt"), "-o", str(outdir), "-e", "apertium"]
    result = CliRunner().invoke(
        app, [*args, "--no-cache", "--models-dir", str(tmp_path / "models"), "--json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["pairs"] > 0
    assert not list(outdir.glob(".bitext-cache*")), "no cache file without a cache"
    contradiction = CliRunner().invoke(app, [*args, "--no-cache", "--cache", str(tmp_path / "c.sqlite")])
    assert contradiction.exit_code == 2 and "contradict" in contradiction.stderr


@needs_apertium
def test_cli_align_and_glossary_check_accept_models_dir(tmp_path: Path) -> None:
    """Regression (hardening 17): align and glossary check had no --models-dir."""
    french, english = tmp_path / "a.fr", tmp_path / "a.en"
    french.write_text("Le ministre est arrivé.\nIl a parlé.\n", encoding="utf-8")
    english.write_text("The minister arrived.\nHe spoke.\n", encoding="utf-8")
    models = ["--models-dir", str(tmp_path / "models")]
    aligned = CliRunner().invoke(
        app, ["align", str(french), str(english), "--presplit", "-q", "--no-cache", *models]
    )
    assert aligned.exit_code == 0, aligned.output
    assert [line.split(":")[:2] for line in aligned.stdout.splitlines()] == [["[0]", "[0]"], ["[1]", "[1]"]]
    checked = CliRunner().invoke(app, ["glossary", "check", "-e", "apertium", "--json", *models])
    assert checked.exit_code == 0, checked.output
    assert json.loads(checked.stdout)["overall"]["found"] > 0


# --- executors (issue 11) ------------------------------------------------------------

CUDA = EngineOptions(device="cuda")


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"workers": 2}, "--workers applies only with --executor ray"),
        (
            {"ray_address": "auto", "shard_items": 400},
            "--ray-address, --shard-items apply only with",
        ),
        (
            {"engine_options": CUDA, "gpus_per_worker": 1},
            "--gpus-per-worker applies only with",
        ),
        ({"executor": "spark"}, "unknown executor 'spark'; choose one of: local, ray"),
        ({"executor": "ray", "ray_address": "nowhere"}, "expected auto, HOST:PORT or ray://HOST:PORT"),
        ({"executor": "ray", "ray_address": "ray://head"}, "expected auto, HOST:PORT or ray://HOST:PORT"),
        ({"executor": "ray", "gpus_per_worker": 1.0}, "--gpus-per-worker reserves GPUs for --device cuda"),
        ({"executor": "ray", "engine_options": CUDA, "gpus_per_worker": 0}, "gpus_per_worker: "),
        ({"executor": "ray", "workers": 0}, "workers: "),
        (
            {"executor": "ray", "shard_items": 300},
            "(300) must be a multiple of --chunk-items (200)",
        ),
        ({"engine": "apertium", "engine_options": CUDA}, "--device cuda is for the Argos engine"),
        ({"engine_options": EngineOptions(device="tpu")}, "unknown device 'tpu'; choose one of: cpu, cuda"),
    ],
)
def test_bad_executor_settings_are_usage_errors(settings: dict[str, object], message: str) -> None:
    values: dict[str, object] = {"inputs": ["items"], "outdir": "out", **settings}
    with pytest.raises(UsageError) as caught:
        run_options(**values)
    assert message in str(caught.value)
    assert caught.value.exit_code == 2


@pytest.mark.parametrize("address", ["auto", "10.0.0.1:6379", "ray://head-svc:10001", "[::1]:6379", "h.x:1"])
def test_ray_settings_are_accepted(address: str) -> None:
    options = run_options(
        inputs=["i"],
        outdir="o",
        engine="argos",
        engine_options=CUDA,
        executor="ray",
        ray_address=address,
        workers=4,
        gpus_per_worker=0.5,
        shard_items=400,
    )
    assert (options.executor, options.ray_address, options.workers) == ("ray", address, 4)
    assert run_options(inputs=["i"], outdir="o").executor == "local"


def test_cli_ray_only_flags_with_the_local_executor_exit_2_before_touching_outdir(
    seeds_dir: Path, tmp_path: Path
) -> None:
    result = CliRunner().invoke(app, ["run", str(seeds_dir), "-o", str(tmp_path / "out"), "--workers", "2"])
    assert result.exit_code == 2, result.output
    assert "--workers applies only with --executor ray" in result.stderr
    assert not (tmp_path / "out").exists()


def test_matching_is_on_for_both_executors_unless_turned_off() -> None:
    local = run_options(inputs=["i"], outdir="o")
    ray = run_options(inputs=["i"], outdir="o", executor="ray", mine=True)
    off = run_options(inputs=["i"], outdir="o", executor="ray", match=False)
    assert matches_items(local) and matches_items(ray) and not matches_items(off)
    assert recorded_options(ray, DEFAULT_ENGINE).match is True
    assert recorded_options(off, DEFAULT_ENGINE).match is False

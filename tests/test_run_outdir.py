"""OUTDIR ownership: a re-run of the same job may continue, another job is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from bitext.errors import UsageError
from bitext.models import RunManifest
from bitext.run import outdir
from bitext.run.manifest import write_manifest
from bitext.run.options import recorded_options, run_options


def manifest(key: str, outputs: tuple[str, ...] = ("corpus.tmx",)) -> RunManifest:
    return RunManifest(
        run_key=key,
        status="complete",
        started="20260101T000000Z",
        bitext_version="0.1.0",
        python_version="3.11",
        options=recorded_options(run_options(inputs=("seeds",), outdir="out"), "auto"),
        outputs=outputs,
    )


def test_run_key_depends_on_inputs_engine_and_glossary(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    key = outdir.run_key([a, b], "auto", "g1")
    assert outdir.run_key([b, a], "auto", "g1") == key
    assert outdir.run_key([a], "auto", "g1") != key
    assert outdir.run_key([a, b], "apertium", "g1") != key
    assert outdir.run_key([a, b], "auto", None) != key


def test_missing_or_empty_outdir_is_free(tmp_path: Path) -> None:
    assert outdir.claim(tmp_path / "new", "k", force=False) is None
    assert outdir.claim(tmp_path, "k", force=False) is None


def test_same_job_gets_its_previous_manifest(tmp_path: Path) -> None:
    write_manifest(tmp_path, manifest("k"))
    previous = outdir.claim(tmp_path, "k", force=False)
    assert previous is not None and previous.run_key == "k"


def test_another_job_is_refused_unless_forced(tmp_path: Path) -> None:
    write_manifest(tmp_path, manifest("other"))
    with pytest.raises(UsageError, match="another run") as caught:
        outdir.claim(tmp_path, "k", force=False)
    assert caught.value.exit_code == 2
    assert outdir.claim(tmp_path, "k", force=True) is None


def test_outputs_without_manifest_are_refused(tmp_path: Path) -> None:
    (tmp_path / "corpus.jsonl").write_text("{}\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"corpus\.jsonl without a bitext manifest"):
        outdir.claim(tmp_path, "k", force=False)


def test_unreadable_manifest_is_refused(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text('{"name": "something else"}', encoding="utf-8")
    with pytest.raises(UsageError, match="did not write"):
        outdir.claim(tmp_path, "k", force=False)
    assert outdir.claim(tmp_path, "k", force=True) is None


def test_a_file_is_not_an_outdir(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x", encoding="utf-8")
    with pytest.raises(UsageError, match="not a folder"):
        outdir.claim(tmp_path / "f", "k", force=True)


def test_clear_outputs_keeps_the_cache_and_foreign_files(tmp_path: Path) -> None:
    for name in (
        "corpus.tmx",
        "report.json",
        "manifest.json",
        ".corpus.tmx.abc.tmp",
        outdir.CACHE,
        "notes.txt",
    ):
        (tmp_path / name).write_text("x", encoding="utf-8")
    outdir.clear_outputs(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([outdir.CACHE, "notes.txt"])

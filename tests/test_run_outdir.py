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


OUTPUTS = ("corpus.tmx", "rejects.jsonl", "report.json", "manifest.json")


def test_missing_or_empty_outdir_is_free(tmp_path: Path) -> None:
    assert outdir.claim(tmp_path / "new", "k", OUTPUTS, force=False) is None
    assert outdir.claim(tmp_path, "k", OUTPUTS, force=False) is None


def test_same_job_gets_its_previous_manifest(tmp_path: Path) -> None:
    write_manifest(tmp_path, manifest("k"))
    previous = outdir.claim(tmp_path, "k", OUTPUTS, force=False)
    assert previous is not None and previous.run_key == "k"


def test_another_job_is_refused_unless_forced(tmp_path: Path) -> None:
    write_manifest(tmp_path, manifest("other"))
    with pytest.raises(UsageError, match="another run") as caught:
        outdir.claim(tmp_path, "k", OUTPUTS, force=False)
    assert caught.value.exit_code == 2
    replaced = outdir.claim(tmp_path, "k", OUTPUTS, force=True)
    assert replaced is not None and replaced.run_key == "other"


def test_outputs_without_manifest_are_refused(tmp_path: Path) -> None:
    (tmp_path / "corpus.jsonl").write_text("{}\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"corpus\.jsonl without a bitext manifest"):
        outdir.claim(tmp_path, "k", OUTPUTS, force=False)
    assert outdir.claim(tmp_path, "k", OUTPUTS, force=True) is None  # corpus.jsonl is not replaced


def test_force_never_replaces_a_file_bitext_did_not_write(tmp_path: Path) -> None:
    """Regression (hardening 22): --force deleted a user's own report.json."""
    (tmp_path / "report.json").write_text('{"mine": true}\n', encoding="utf-8")
    with pytest.raises(UsageError, match=r"report\.json, which bitext did not write") as caught:
        outdir.claim(tmp_path, "k", OUTPUTS, force=True)
    assert caught.value.exit_code == 2
    write_manifest(tmp_path, manifest("other", outputs=("corpus.tmx", "manifest.json")))
    with pytest.raises(UsageError, match=r"report\.json, which bitext did not write"):
        outdir.claim(tmp_path, "k", OUTPUTS, force=True)
    assert (tmp_path / "report.json").read_text(encoding="utf-8") == '{"mine": true}\n'


def test_unreadable_manifest_is_refused_even_forced(tmp_path: Path) -> None:
    (tmp_path / "manifest.json").write_text('{"name": "something else"}', encoding="utf-8")
    for force in (False, True):
        with pytest.raises(UsageError, match="cannot read"):
            outdir.claim(tmp_path, "k", OUTPUTS, force=force)


def test_a_file_is_not_an_outdir(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x", encoding="utf-8")
    with pytest.raises(UsageError, match="not a folder"):
        outdir.claim(tmp_path / "f", "k", OUTPUTS, force=True)


def test_a_folder_where_an_output_goes_is_refused(tmp_path: Path) -> None:
    (tmp_path / "corpus.tmx").mkdir()
    with pytest.raises(UsageError, match=r"folder named corpus\.tmx"):
        outdir.claim(tmp_path, "k", OUTPUTS, force=True)


def test_only_listed_files_are_removed(tmp_path: Path) -> None:
    for name in ("corpus.tmx", "corpus.tsv", "corpus.jsonl", "report.json", outdir.CACHE, "notes.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path.parent / "elsewhere.txt").write_text("x", encoding="utf-8")
    previous = manifest("k", outputs=("corpus.tmx", "corpus.tsv", "report.json", "../elsewhere.txt"))
    outdir.remove_replaced(tmp_path, previous, ("corpus.tmx", "report.json"))
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["corpus.tmx", "corpus.jsonl", "report.json", outdir.CACHE, "notes.txt"]
    )
    assert (tmp_path.parent / "elsewhere.txt").exists()


def test_stale_temporaries_of_outputs_are_removed(tmp_path: Path) -> None:
    for name in (".corpus.tmx.abc.tmp", ".manifest.json.x.tmp", ".notes.txt.abc.tmp"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    outdir.remove_stale_temporaries(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == [".notes.txt.abc.tmp"]

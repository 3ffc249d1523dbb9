"""``run_pipeline`` end to end on the seeds with Apertium, and its reliability rules."""

from __future__ import annotations

import builtins
import errno
import hashlib
import io
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from export_samples import check_tmx, toolkit_pairs
from fakes import WordEngine

from bitext.errors import CacheError, ExportError, InputError, UsageError
from bitext.export import read_pairs
from bitext.models import RunManifest, RunReport
from bitext.run import run_options, run_pipeline
from bitext.translate import apertium
from bitext.translate.base import Engine

ALL_FORMATS = ("tmx", "json", "jsonl", "txt", "tsv")
needs_apertium = pytest.mark.skipif(not apertium.is_available(), reason="Apertium is not installed")


def run(inputs: Sequence[Path], outdir: Path, engine: str | Engine, **settings: object) -> RunReport:
    """One run as the CLI makes it: options built and checked once, then the pipeline."""
    if isinstance(engine, str):
        return run_pipeline(run_options(inputs=inputs, outdir=outdir, engine=engine, **settings))
    return run_pipeline(run_options(inputs=inputs, outdir=outdir, **settings), engine=engine)


@pytest.fixture(scope="module")
def seed_run(seeds_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, RunReport]:
    if not apertium.is_available():
        pytest.skip("Apertium is not installed")
    outdir = tmp_path_factory.mktemp("seed-run") / "out"
    return outdir, run([seeds_dir], outdir, engine="apertium", formats=ALL_FORMATS)


def test_every_format_holds_the_same_pairs(seed_run: tuple[Path, RunReport]) -> None:
    outdir, report = seed_run
    pairs = list(read_pairs(outdir / "corpus.jsonl"))
    texts = [(pair.fr, pair.en) for pair in pairs]
    assert len(pairs) == report.pairs > 0
    check_tmx(outdir / "corpus.tmx")
    assert toolkit_pairs(outdir / "corpus.tmx") == texts
    assert list(read_pairs(outdir / "corpus.tmx")) == pairs
    assert list(read_pairs(outdir / "corpus.json")) == pairs
    french = (outdir / "corpus.fr").read_text(encoding="utf-8").splitlines()
    english = (outdir / "corpus.en").read_text(encoding="utf-8").splitlines()
    assert list(zip(french, english, strict=True)) == texts
    rows = (outdir / "corpus.tsv").read_text(encoding="utf-8").splitlines()[1:]
    assert [tuple(row.split("\t")[1:3]) for row in rows] == texts


def test_french_items_are_paired_and_english_items_listed(seed_run: tuple[Path, RunReport]) -> None:
    outdir, report = seed_run
    pairs = list(read_pairs(outdir / "corpus.jsonl"))
    assert {pair.doc_id for pair in pairs} == {"001_2bea66558eb3f719", "003_e1687c0f2dc57851"}
    assert report.languages == {"en": 2, "fr": 2}
    assert sorted(Path(item.path).name for item in report.english_items) == [
        "000_d3120237ae4e27c2.txt",
        "002_0bd9635a1519d397.txt",
    ]
    assert all(item.accuracy.found > 0 for item in report.english_items)
    assert all(pair.engine and pair.engine.startswith("apertium") for pair in pairs)
    assert all(0.0 <= pair.bead.score <= 1.0 for pair in pairs)
    assert report.bead_types == {"1-1": report.pairs + report.rejected}
    assert report.mean_score == pytest.approx(sum(p.bead.score for p in pairs) / len(pairs), abs=1e-4)


def test_every_official_title_comes_out_canonical(seed_run: tuple[Path, RunReport]) -> None:
    from bitext.glossary import load_glossary

    outdir, report = seed_run
    glossary = load_glossary()
    targets = {entry.id: entry.target for entry in glossary.entries}
    pairs = list(read_pairs(outdir / "corpus.jsonl"))
    assert report.term_accuracy is not None and report.term_accuracy.found > 0
    assert report.term_accuracy.canonical == report.term_accuracy.found
    assert not report.items_with_missing_terms
    assert sum(len(pair.terms) for pair in pairs) > 0
    for pair in pairs:
        assert not pair.missing_terms
        for term in pair.terms:
            canonical = targets[term]
            assert canonical.lower() in pair.en.lower(), (term, pair.en)


def test_manifest_and_provenance_say_how_the_corpus_was_made(
    seeds_dir: Path, seed_run: tuple[Path, RunReport]
) -> None:
    from bitext.export.tmx import read_tmx_provenance
    from bitext.glossary import load_glossary

    outdir, report = seed_run
    manifest = RunManifest.model_validate_json((outdir / "manifest.json").read_bytes())
    assert manifest.status == "complete"
    assert manifest.options.formats == ALL_FORMATS
    assert manifest.engine is not None and manifest.engine.name == "apertium"
    assert {Path(f.path).name: f.sha256 for f in manifest.inputs} == {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in seeds_dir.glob("*.txt")
    }
    assert "lxml" in manifest.packages
    assert (
        set(manifest.outputs)
        == set(report.outputs)
        == {p.name for p in outdir.iterdir() if p.is_file()}
        - {
            ".bitext-cache.sqlite",
            ".bitext-cache.sqlite-wal",
            ".bitext-cache.sqlite-shm",
            ".bitext.lock",
        }
    )
    provenance = read_tmx_provenance(outdir / "corpus.tmx")
    assert provenance is not None
    assert provenance.glossary_sha256 == load_glossary().sha256 == manifest.glossary_sha256
    assert provenance.aligner["method"] == "engine-1:1+align-score"
    assert json.loads((outdir / "report.json").read_text(encoding="utf-8")) == report.model_dump(mode="json")


def test_corpus_json_has_items_sentences_and_term_qa(seed_run: tuple[Path, RunReport]) -> None:
    from bitext.export.json_doc import read_json_items

    outdir, _ = seed_run
    items = {item["id"]: item for item in read_json_items(outdir / "corpus.json")}
    french = items["001_2bea66558eb3f719"]
    assert len(french["sentences"]) == len(french["translations"]) > 0
    assert french["terms"]["found"] > 0
    assert items["000_d3120237ae4e27c2"]["english_checks"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"Le ministre \xe9tait l\xe0.", "not valid UTF-8"),
        (b"PK\x03\x04\x00\x00binary", "binary file"),
        (b"  \n\n \t\n", "empty item"),
    ],
)
def test_a_bad_item_fails_before_anything_is_written(tmp_path: Path, content: bytes, message: str) -> None:
    items = tmp_path / "items"
    items.mkdir()
    (items / "good.txt").write_text("Le ministre a rencontré son homologue.", encoding="utf-8")
    (items / "bad.txt").write_bytes(content)
    outdir = tmp_path / "out"
    with pytest.raises(InputError, match=message) as caught:
        run([items], outdir, engine=WordEngine())
    assert caught.value.exit_code == 65
    assert caught.value.path == items / "bad.txt"
    assert not outdir.exists()

    report = run([items], outdir, engine=WordEngine(), skip_bad=True)
    assert [Path(item.path).name for item in report.skipped] == ["bad.txt"]
    assert message in report.skipped[0].reason
    assert report.items == 1


def _letters(number: int) -> str:
    return "".join(chr(ord("a") + int(digit)) for digit in str(number))


def french_items(folder: Path, count: int, sentences: int = 3) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        # Numbers spelt in letters: sentences that differ only in a digit are near duplicates.
        body = " ".join(
            f"Le ministre numéro {_letters(number)} a rencontré la délégation {_letters(k)} à Paris le mardi."
            for k in range(sentences)
        )
        (folder / f"item{number:03d}.txt").write_text(body + "\n", encoding="utf-8")
    return folder


def test_another_run_is_refused_and_force_replaces_it_without_mixing(tmp_path: Path) -> None:
    first, second, outdir = french_items(tmp_path / "a", 2), french_items(tmp_path / "b", 3), tmp_path / "out"
    run([first], outdir, engine=WordEngine(), formats=("txt", "tmx"), use_glossary=False)
    with pytest.raises(UsageError, match="another run") as caught:
        run([second], outdir, engine=WordEngine(), use_glossary=False)
    assert caught.value.exit_code == 2

    report = run([second], outdir, engine=WordEngine(), formats=("jsonl",), force=True, use_glossary=False)
    names = {path.name for path in outdir.iterdir() if not path.name.startswith(".bitext")}
    assert names == {"corpus.jsonl", "rejects.jsonl", "report.json", "manifest.json", "review.html"}
    assert {pair.doc_id for pair in read_pairs(outdir / "corpus.jsonl")} == {"item000", "item001", "item002"}
    assert report.items == 3


def test_rerun_of_the_same_job_uses_the_cache_and_drops_stale_formats(tmp_path: Path) -> None:
    items, outdir = french_items(tmp_path / "items", 3), tmp_path / "out"
    first = run([items], outdir, engine=WordEngine(), formats=("tmx", "tsv"), use_glossary=False)
    assert first.cached_sentences == 0
    second = run([items], outdir, engine=WordEngine(), formats=("tmx",), use_glossary=False)
    assert second.cached_sentences == second.translated_sentences == first.translated_sentences
    assert not (outdir / "corpus.tsv").exists()
    third = run([items], outdir, engine=WordEngine(), formats=("tmx",), use_glossary=False, resume=False)
    assert third.cached_sentences == 0


def test_min_score_moves_weak_pairs_to_rejects_and_lost_output_is_never_silent(tmp_path: Path) -> None:
    items = french_items(tmp_path / "items", 2, sentences=4)
    (items / "item000.txt").write_text(
        "Le ministre a parlé longuement de la coopération entre les deux pays. "
        "Cette phrase est PERDU par le moteur. Il a conclu la réunion à midi.\n",
        encoding="utf-8",
    )
    outdir = tmp_path / "out"
    report = run([items], outdir, engine=WordEngine(), use_glossary=False, min_score=0.95)

    kept = list(read_pairs(outdir / "corpus.jsonl"))
    rejects = [
        json.loads(line) for line in (outdir / "rejects.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert all(pair.bead.score >= 0.95 for pair in kept)
    assert all(r["meta"]["reason"].startswith(("low score", "unaligned")) for r in rejects)
    assert len(kept) == report.pairs and len(rejects) == report.rejected > 0
    french_out = " ".join(p.fr for p in kept) + " ".join(r["translation"]["fr"] for r in rejects)
    assert "PERDU" in french_out, "the sentence the engine lost is in the corpus or the rejects"
    assert sum(report.bead_types.values()) == report.pairs + report.rejected


def test_chunking_does_not_change_the_corpus(tmp_path: Path) -> None:
    items = french_items(tmp_path / "items", 5)
    run([items], tmp_path / "one", engine=WordEngine(), use_glossary=False, chunk_items=1)
    run([items], tmp_path / "all", engine=WordEngine(), use_glossary=False)
    one = (tmp_path / "one" / "corpus.jsonl").read_bytes()
    assert one == (tmp_path / "all" / "corpus.jsonl").read_bytes()
    assert one.count(b"\n") == 15


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"formats": ("xml",)}, "unknown format"),
        ({"glossaries": ["glossary"], "use_glossary": False}, "contradict"),
        ({"cache": "c.sqlite", "resume": False}, "cannot be combined"),
        ({"cache": "c.sqlite", "use_cache": False}, "contradict"),
        ({"min_score": float("nan")}, "from 0 to 1, not nan"),
        ({"min_score": 1.5}, "from 0 to 1, not 1.5"),
        ({"chunk_items": 0}, "at least 1"),
    ],
)
def test_bad_options_are_usage_errors(tmp_path: Path, kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        run([french_items(tmp_path / "items", 1)], tmp_path / "out", engine=WordEngine(), **kwargs)  # type: ignore[arg-type]
    assert not (tmp_path / "out").exists()


@needs_apertium
def test_no_glossary_run_records_no_glossary(seeds_dir: Path, tmp_path: Path) -> None:
    report = run(
        [seeds_dir / "001_2bea66558eb3f719.txt"], tmp_path / "out", engine="apertium", use_glossary=False
    )
    manifest = RunManifest.model_validate_json((tmp_path / "out" / "manifest.json").read_bytes())
    assert report.term_accuracy is None and manifest.glossary_sha256 is None
    assert report.pairs > 0


def test_an_item_left_empty_by_cleaning_stops_the_run_or_is_skipped(tmp_path: Path) -> None:
    items = french_items(tmp_path / "items", 2)
    (items / "item001.txt").write_text("Photo : https://www.qdnd.vn/\n", encoding="utf-8")
    outdir = tmp_path / "out"
    with pytest.raises(InputError, match="no text left after cleaning") as caught:
        run([items], outdir, engine=WordEngine(), use_glossary=False)
    assert caught.value.path == items / "item001.txt"
    assert not list(outdir.glob("corpus.*")) and not list(outdir.glob(".*.tmp"))

    report = run([items], outdir, engine=WordEngine(), use_glossary=False, skip_bad=True)
    assert [Path(item.path).name for item in report.skipped] == ["item001.txt"]
    assert report.items == 1 and report.pairs == 3


def test_two_inputs_with_the_same_name_are_refused(tmp_path: Path) -> None:
    first, second = french_items(tmp_path / "a", 1), french_items(tmp_path / "b", 1)
    with pytest.raises(UsageError, match="two inputs have the item id 'item000'"):
        run([first, second], tmp_path / "out", engine=WordEngine())
    assert not (tmp_path / "out").exists()


def refuse_to_open(monkeypatch: pytest.MonkeyPatch, locked: Path) -> None:
    """Make opening ``locked`` fail with EACCES, as a chmod-000 file does for a non-root user
    (tests run as root here, and root reads such a file)."""
    real_open = io.open

    def guarded(file: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(file, str | bytes | os.PathLike) and Path(os.fsdecode(file)) == locked:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fsdecode(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(io, "open", guarded)
    monkeypatch.setattr(builtins, "open", guarded)


def test_an_unreadable_item_is_skipped_and_listed_with_skip_bad(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression (hardening 8): --skip-bad stopped at an item that cannot be read (chmod 000)."""
    items, outdir = french_items(tmp_path / "items", 2), tmp_path / "out"
    locked = items / "item001.txt"
    refuse_to_open(monkeypatch, locked)
    with pytest.raises(InputError, match="cannot read: Permission denied") as caught:
        run([items], outdir, engine=WordEngine(), use_glossary=False)
    assert caught.value.exit_code == 65 and caught.value.path == locked
    assert not outdir.exists()

    report = run([items], outdir, engine=WordEngine(), use_glossary=False, skip_bad=True)
    assert [Path(item.path).name for item in report.skipped] == ["item001.txt"]
    assert "Permission denied" in report.skipped[0].reason
    assert report.items == 1 and {pair.doc_id for pair in read_pairs(outdir / "corpus.jsonl")} == {"item000"}


def outdir_state(folder: Path) -> dict[str, bytes]:
    """Every file of OUTDIR but the cache (which only saves work) and the lock file."""
    return {
        path.name: path.read_bytes()
        for path in folder.iterdir()
        if not path.name.startswith((".bitext-cache", ".bitext.lock"))
    }


def test_a_rerun_that_cannot_open_its_cache_leaves_a_finished_run_untouched(tmp_path: Path) -> None:
    """Regression (hardening 22): a re-run that failed on its cache flipped the finished
    run's manifest back to "running"."""
    items, outdir = french_items(tmp_path / "items", 2), tmp_path / "out"
    run([items], outdir, engine=WordEngine(), use_glossary=False)
    for leftover in outdir.glob(".bitext-cache.sqlite*"):
        leftover.unlink()
    (outdir / ".bitext-cache.sqlite").write_bytes(b"this is not an SQLite database\n" * 64)
    before = outdir_state(outdir)
    with pytest.raises(CacheError) as caught:
        run([items], outdir, engine=WordEngine(), use_glossary=False, formats=("tsv",))
    assert caught.value.exit_code == 74
    assert outdir_state(outdir) == before
    assert json.loads(before["manifest.json"])["status"] == "complete"


def test_a_rerun_that_fails_to_write_leaves_a_finished_run_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Regression (hardening 22): a re-run that failed writing flipped the manifest to "running"."""
    from bitext.export.jsonl import JsonlWriter

    items, outdir = french_items(tmp_path / "items", 2), tmp_path / "out"
    run([items], outdir, engine=WordEngine(), use_glossary=False)
    (items / "item000.txt").write_text("Le ministre a parlé de la santé publique.\n", encoding="utf-8")
    before = outdir_state(outdir)

    def disk_full(self: JsonlWriter, *args: object, **kwargs: object) -> None:
        raise ExportError("cannot write: No space left on device", path=outdir / "corpus.jsonl")

    monkeypatch.setattr(JsonlWriter, "write", disk_full)
    with pytest.raises(ExportError, match="No space left"):
        run([items], outdir, engine=WordEngine(), use_glossary=False)
    assert outdir_state(outdir) == before


def test_force_replaces_only_files_a_bitext_manifest_lists(tmp_path: Path) -> None:
    """Regression (hardening 22): --force deleted every file named like an output, a user's own too."""
    first, second, outdir = french_items(tmp_path / "a", 2), french_items(tmp_path / "b", 1), tmp_path / "out"
    run([first], outdir, engine=WordEngine(), formats=("tmx", "tsv"), use_glossary=False)
    (outdir / "corpus.jsonl").write_text("my own corpus\n", encoding="utf-8")
    (outdir / "notes.txt").write_text("my notes\n", encoding="utf-8")
    run([second], outdir, engine=WordEngine(), formats=("tmx",), force=True, use_glossary=False)
    assert (outdir / "corpus.jsonl").read_text(encoding="utf-8") == "my own corpus\n"
    assert (outdir / "notes.txt").read_text(encoding="utf-8") == "my notes\n"
    assert not (outdir / "corpus.tsv").exists(), "the replaced run's own file is removed"
    assert {pair.doc_id for pair in read_pairs(outdir / "corpus.tmx")} == {"item000"}

    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "report.json").write_text('{"my": "report"}\n', encoding="utf-8")
    with pytest.raises(UsageError, match=r"report\.json, which bitext did not write") as caught:
        run([second], mine, engine=WordEngine(), force=True, use_glossary=False)
    assert caught.value.exit_code == 2
    assert (mine / "report.json").read_text(encoding="utf-8") == '{"my": "report"}\n'
    assert not (mine / "manifest.json").exists()

"""``bitext run`` through the CLI: exit codes, messages, and resuming after a kill."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from export_samples import check_tmx
from typer.testing import CliRunner, Result

from bitext.cli import app
from bitext.export import read_pairs
from bitext.run import run_options, run_pipeline
from bitext.translate import apertium

pytestmark = pytest.mark.skipif(not apertium.is_available(), reason="Apertium is not installed")


def invoke(*args: str) -> Result:
    return CliRunner().invoke(app, ["run", *args])


def test_run_on_the_seeds_prints_a_summary_and_json(seeds_dir: Path, tmp_path: Path) -> None:
    outdir = tmp_path / "out"
    result = invoke(str(seeds_dir), "-o", str(outdir), "--engine", "apertium", "--json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["items"] == 4 and report["pairs"] > 0
    assert "items: 4 (2 en, 2 fr)" in result.stderr
    assert "term accuracy (French items): 100.0%" in result.stderr
    assert "English item (not translated)" in result.stderr
    check_tmx(outdir / "corpus.tmx")
    assert {p.name for p in outdir.glob("corpus.*")} == {"corpus.tmx", "corpus.jsonl", "corpus.json"}


def test_quiet_prints_nothing_on_stderr(seeds_dir: Path, tmp_path: Path) -> None:
    result = invoke(
        str(seeds_dir / "003_e1687c0f2dc57851.txt"), "-o", str(tmp_path / "o"), "-e", "apertium", "-q"
    )
    assert result.exit_code == 0
    assert result.stderr == "" and result.stdout == ""


def test_bad_item_exits_65_naming_the_file_and_writes_nothing(tmp_path: Path) -> None:
    items = tmp_path / "items"
    items.mkdir()
    (items / "ok.txt").write_text("Le ministre est arrivé à Paris.", encoding="utf-8")
    (items / "latin1.txt").write_bytes("Le ministre était là.".encode("latin-1"))
    result = invoke(str(items), "-o", str(tmp_path / "out"), "-e", "apertium")
    assert result.exit_code == 65
    assert "latin1.txt" in result.stderr and "not valid UTF-8" in result.stderr
    assert not (tmp_path / "out").exists()

    result = invoke(str(items), "-o", str(tmp_path / "out"), "-e", "apertium", "--skip-bad")
    assert result.exit_code == 0, result.stderr
    assert "skipped" in result.stderr and "latin1.txt" in result.stderr


def test_outdir_of_another_run_exits_2_unless_forced(seeds_dir: Path, tmp_path: Path) -> None:
    outdir = str(tmp_path / "out")
    assert invoke(str(seeds_dir / "001_2bea66558eb3f719.txt"), "-o", outdir, "-e", "apertium").exit_code == 0
    result = invoke(str(seeds_dir / "003_e1687c0f2dc57851.txt"), "-o", outdir, "-e", "apertium")
    assert result.exit_code == 2
    assert "another run" in result.stderr
    result = invoke(str(seeds_dir / "003_e1687c0f2dc57851.txt"), "-o", outdir, "-e", "apertium", "--force")
    assert result.exit_code == 0
    assert {pair.doc_id for pair in read_pairs(Path(outdir) / "corpus.jsonl")} == {"003_e1687c0f2dc57851"}


@pytest.mark.parametrize(("option", "value"), [("--formats", "tmx,pdf"), ("--engine", "babel")])
def test_bad_options_exit_2(seeds_dir: Path, tmp_path: Path, option: str, value: str) -> None:
    result = invoke(str(seeds_dir), "-o", str(tmp_path / "out"), option, value)
    assert result.exit_code == 2
    assert value.split(",")[-1] in result.stderr


def make_items(folder: Path, count: int) -> Path:
    """French items whose sentences are all distinct, so each needs the engine."""
    folder.mkdir()
    for number in range(count):
        body = (
            f"Le ministre de la Sécurité publique a reçu la délégation numéro {number} à Hanoï. "
            f"Les deux parties ont signé {number + 2} accords de coopération. "
            f"La réunion numéro {number} s'est terminée à midi."
        )
        (folder / f"item{number:03d}.txt").write_text(body + "\n", encoding="utf-8")
    return folder


def cache_rows(path: Path) -> int:
    if not path.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1) as db:
            return int(db.execute("SELECT COUNT(*) FROM translations").fetchone()[0])
    except sqlite3.Error:
        return 0


def start_run(items: Path, outdir: Path, *extra: str) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "bitext", "run", str(items), "-o", str(outdir), "--engine", "apertium"]
    command += ["--chunk-items", "1", "--formats", "tmx,jsonl,json", "--quiet", *extra]
    # A shell's background jobs ignore SIGINT and children inherit that; give Ctrl-C back.
    return subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def interrupt_once_cached(process: subprocess.Popen[bytes], cache: Path, already: int, sig: int) -> int:
    """Send ``sig`` once the run has committed translations beyond ``already`` rows."""
    deadline = time.monotonic() + 60
    while cache_rows(cache) <= already:
        assert process.poll() is None, "the run finished before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.05)
    process.send_signal(sig)
    process.communicate(timeout=60)
    return process.returncode


def temporaries(outdir: Path) -> list[str]:
    return [path.name for path in outdir.iterdir() if path.name.endswith(".tmp")]


def test_a_killed_run_resumes_from_the_cache_and_matches_an_uninterrupted_one(tmp_path: Path) -> None:
    items = make_items(tmp_path / "items", 40)  # enough work left that no run ends before its signal
    reference, outdir = tmp_path / "reference", tmp_path / "out"
    cache = outdir / ".bitext-cache.sqlite"
    run_pipeline(
        run_options(inputs=[items], outdir=reference, engine="apertium", formats=("tmx", "jsonl", "json"))
    )

    assert interrupt_once_cached(start_run(items, outdir), cache, 0, signal.SIGKILL) == -signal.SIGKILL
    assert not list(outdir.glob("corpus.*")), "no output appears before the run completes"
    assert json.loads((outdir / "manifest.json").read_text(encoding="utf-8"))["status"] == "running"
    after_kill = cache_rows(cache)

    assert interrupt_once_cached(start_run(items, outdir), cache, after_kill, signal.SIGINT) == 130
    assert not temporaries(outdir), "Ctrl-C removes its temporary files"
    assert not list(outdir.glob("corpus.*"))
    after_interrupt = cache_rows(cache)

    process = start_run(items, outdir, "--json")
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr
    report = json.loads(stdout)
    assert report["cached_sentences"] >= after_interrupt > after_kill > 0
    assert (outdir / "corpus.jsonl").read_bytes() == (reference / "corpus.jsonl").read_bytes()
    assert list(read_pairs(outdir / "corpus.tmx")) == list(read_pairs(reference / "corpus.tmx"))
    assert list(read_pairs(outdir / "corpus.json")) == list(read_pairs(reference / "corpus.json"))
    check_tmx(outdir / "corpus.tmx")
    assert json.loads((outdir / "manifest.json").read_text(encoding="utf-8"))["status"] == "complete"
    assert not temporaries(outdir), "the files a killed run left are cleaned up"


def test_teaser_markers_are_configurable_and_recorded(tmp_path: Path) -> None:
    items = tmp_path / "items"
    items.mkdir()
    (items / "item.txt").write_text(
        "Le ministre arrive à Paris\n\nLe ministre a rencontré la délégation française.\n\n"
        "À lire également\n\nUn autre article sans rapport.\n",
        encoding="utf-8",
    )
    default = invoke(str(items), "-o", str(tmp_path / "default"), "--engine", "apertium", "--json", "-q")
    assert default.exit_code == 0, default.output
    assert json.loads(default.stdout)["pairs"] == 4  # no default marker matches: all kept
    custom = invoke(
        str(items),
        "-o",
        str(tmp_path / "custom"),
        "--engine",
        "apertium",
        "--json",
        "-q",
        "--teaser-marker",
        "À lire également",
    )
    assert custom.exit_code == 0, custom.output
    assert json.loads(custom.stdout)["pairs"] == 2
    manifest = json.loads((tmp_path / "custom" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["options"]["teaser_markers"] == ["À lire également"]
    assert manifest["options"]["default_teasers"] is True


def test_a_custom_teaser_marker_adds_to_the_defaults_unless_asked(tmp_path: Path) -> None:
    """Regression (hardening 20): a custom marker silently dropped the default ones, and cut
    only a paragraph that was the marker itself."""
    items = tmp_path / "items"
    items.mkdir()
    (items / "item.txt").write_text(
        "Le ministre arrive à Paris\n\nLe ministre a rencontré la délégation française.\n\n"
        "Voir plus\n\nLes escroqueries en ligne se multiplient.\n",
        encoding="utf-8",
    )
    common = ["-e", "apertium", "--json", "-q", "--teaser-marker", "Les escroqueries"]
    added = invoke(str(items), "-o", str(tmp_path / "added"), *common)
    assert added.exit_code == 0, added.output
    assert json.loads(added.stdout)["pairs"] == 2  # cut at "Voir plus", a default marker
    alone = invoke(str(items), "-o", str(tmp_path / "alone"), *common, "--no-default-teasers")
    assert alone.exit_code == 0, alone.output
    assert json.loads(alone.stdout)["pairs"] == 3  # "Voir plus" kept, cut at the custom start
    manifest = json.loads((tmp_path / "alone" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["options"]["teaser_markers"] == ["Les escroqueries"]
    assert manifest["options"]["default_teasers"] is False


def test_a_list_of_officials_neither_hangs_translate_nor_run(tmp_path: Path) -> None:
    """Regression (hardening 1): 11+ glossary terms in one sentence hung both commands."""
    line = "Étaient présents " + ", ".join(["le ministre"] * 10) + " et le général."
    translated = subprocess.run(
        [sys.executable, "-m", "bitext", "translate", "--engine", "apertium", "--no-cache", "-"],
        input=line.encode(),
        capture_output=True,
        timeout=120,
        check=True,
    )
    assert translated.stdout.decode().count("Minister") == 10
    items = tmp_path / "items"
    items.mkdir()
    (items / "officials.txt").write_text(f"Réunion des officiels\n\n{line}\n", encoding="utf-8")
    outdir = tmp_path / "out"
    subprocess.run(
        [sys.executable, "-m", "bitext", "run", str(items), "-o", str(outdir), "-e", "apertium", "-q"],
        capture_output=True,
        timeout=120,
        check=True,
    )
    [record] = [
        json.loads(row) for row in (outdir / "corpus.jsonl").read_text().splitlines() if "présents" in row
    ]
    assert record["translation"]["en"].count("Minister") == 10
    assert not [p for p in outdir.iterdir() if p.name.startswith(".") and p.suffix == ".tmp"]


@pytest.mark.parametrize("kind", ["device", "fifo"])
def test_a_device_or_fifo_input_exits_65_at_once(tmp_path: Path, kind: str) -> None:
    """Regression: ``run /dev/zero`` read until MemoryError and a FIFO hung (a child process
    with a timeout, so a hang fails the test)."""
    if kind == "fifo":
        source = tmp_path / "item.txt"
        os.mkfifo(source)
        expected = "not a regular file (a FIFO)"
    else:
        source, expected = Path("/dev/zero"), "not a regular file (a character device)"
    outdir = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "bitext", "run", str(source), "-o", str(outdir), "-q"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 65
    assert result.stderr == f"error: {source}: {expected}; bitext reads regular files only\n"
    assert not outdir.exists()


def test_an_item_over_the_size_limit_exits_65_naming_the_limit(tmp_path: Path) -> None:
    item = tmp_path / "item.txt"
    item.write_text("Le ministre est arrivé. " * 100, encoding="utf-8")
    result = CliRunner().invoke(
        app, ["run", str(item), "-o", str(tmp_path / "out")], env={"BITEXT_MAX_INPUT_SIZE": "1K"}
    )
    assert result.exit_code == 65
    assert f"{item}: larger than the 1 KiB limit for one input file" in result.stderr


def test_an_item_with_u_ffff_is_translated_whole_and_the_change_recorded(tmp_path: Path) -> None:
    """Regression: U+FFFF cut Apertium's input ("apertium returned 9 lines for 10 sentences", exit 69)."""
    item = tmp_path / "items" / "item.txt"
    item.parent.mkdir()
    sentences = [f"Le ministre a \uffffrencontré la délégation numéro {n}." for n in range(10)]
    item.write_text("Visite officielle\n" + " ".join(sentences) + "\n", encoding="utf-8")
    outdir = tmp_path / "out"
    # The sentences differ only in a number: near duplicates, kept here to count them all.
    result = invoke(
        str(item.parent), "-o", str(outdir), "-e", "apertium", "--no-glossary", "--keep-duplicates", "-q"
    )
    assert result.exit_code == 0, result.stderr
    report = json.loads((outdir / "report.json").read_text(encoding="utf-8"))
    assert report["cleaning_changes"]["control_character"] == 10
    english = [pair.en for pair in read_pairs(outdir / "corpus.jsonl")]
    assert sum("delegation" in text for text in english) == 10


def test_the_run_writes_its_review_page_unless_told_not_to(seeds_dir: Path, tmp_path: Path) -> None:
    from bitext.review import write_review

    item = str(seeds_dir / "003_e1687c0f2dc57851.txt")
    outdir = tmp_path / "out"
    assert invoke(item, "-o", str(outdir), "-e", "apertium", "-q").exit_code == 0
    page = (outdir / "review.html").read_text(encoding="utf-8")
    assert "review.html" in json.loads((outdir / "manifest.json").read_text())["outputs"]
    # Built from the stream of items as the run wrote them, it is the page a later
    # `bitext review OUT` builds from the files.
    write_review(outdir, tmp_path / "again.html")
    assert (tmp_path / "again.html").read_text(encoding="utf-8") == page

    without_json = tmp_path / "tmx-only"
    assert invoke(item, "-o", str(without_json), "-e", "apertium", "-f", "tmx", "-q").exit_code == 0
    assert (without_json / "review.html").is_file() and not (without_json / "corpus.json").exists()

    assert invoke(item, "-o", str(outdir), "-e", "apertium", "--no-review", "-q").exit_code == 0
    assert not (outdir / "review.html").exists()


def test_a_second_run_into_a_busy_outdir_is_refused_and_the_first_finishes(tmp_path: Path) -> None:
    """Regression (hardening 4): two runs 0.5 s apart: the second deleted the first's
    temporary files and the first died with a traceback."""
    items, outdir = make_items(tmp_path / "items", 40), tmp_path / "out"
    first = start_run(items, outdir, "--keep-duplicates")  # the items differ only in numbers
    second: subprocess.Popen[bytes] | None = None
    try:
        deadline = time.monotonic() + 60
        while not (outdir / "manifest.json").exists():
            assert first.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        time.sleep(0.5)
        second = start_run(items, outdir)
        _, refused = second.communicate(timeout=120)
        assert second.returncode == 2, refused
        assert f"in use by another bitext process (pid {first.pid})" in refused.decode()
        _, stderr = first.communicate(timeout=300)
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait()
    assert first.returncode == 0, stderr
    assert b"Traceback" not in stderr
    assert json.loads((outdir / "manifest.json").read_text(encoding="utf-8"))["status"] == "complete"
    check_tmx(outdir / "corpus.tmx")
    assert len(list(read_pairs(outdir / "corpus.jsonl"))) == 120


UNPRIVILEGED = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
"""Run a command as ``nobody``: as root, a chmod-000 file is still readable."""


def unprivileged_python_works() -> bool:
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        return False
    probe = subprocess.run([*UNPRIVILEGED, sys.executable, "-c", "import bitext"], capture_output=True)
    return probe.returncode == 0


@pytest.mark.skipif(
    not unprivileged_python_works(), reason="needs root, setpriv, and bitext importable by nobody"
)
def test_skip_bad_skips_an_item_its_user_cannot_read() -> None:
    """Regression (hardening 8): ``--skip-bad`` stopped at a chmod-000 item (here run as nobody)."""
    work = Path(tempfile.mkdtemp(prefix="bitext-unreadable-"))  # pytest's tmp_path is root's alone
    try:
        work.chmod(0o777)
        items = make_items(work / "items", 2)
        items.chmod(0o755)
        for item in items.iterdir():
            item.chmod(0o644)
        locked = items / "item001.txt"
        locked.chmod(0)
        command = [*UNPRIVILEGED, sys.executable, "-m", "bitext", "run", str(items), "-e", "apertium", "-q"]
        env = {**os.environ, "HOME": str(work)}
        failed = subprocess.run(
            [*command, "-o", str(work / "strict")], capture_output=True, env=env, timeout=120
        )
        assert failed.returncode == 65, failed.stderr
        assert f"{locked}: cannot read: Permission denied" in failed.stderr.decode()
        skipped = subprocess.run(
            [*command, "-o", str(work / "out"), "--skip-bad", "--json"],
            capture_output=True,
            env=env,
            timeout=120,
        )
        assert skipped.returncode == 0, skipped.stderr
        report = json.loads(skipped.stdout)
        assert [item["path"] for item in report["skipped"]] == [str(locked)]
        assert "Permission denied" in report["skipped"][0]["reason"] and report["items"] == 1
    finally:
        shutil.rmtree(work)


def test_min_quality_rejects_with_the_reason_and_every_export_carries_quality(
    seeds_dir: Path, tmp_path: Path
) -> None:
    outdir = tmp_path / "out"
    formats = "tmx,jsonl,json,xliff,parquet"
    result = invoke(
        str(seeds_dir), "-o", str(outdir), "--engine", "apertium", "-f", formats, "--min-quality", "0.5"
    )
    assert result.exit_code == 0, result.stderr
    assert "quality estimate (kept pairs): mean" in result.stderr
    rejects = [
        json.loads(line) for line in (outdir / "rejects.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    low = [r for r in rejects if r["meta"]["reason"].startswith("low quality: ")]
    assert low, "the seeds have machine English below 0.5"
    assert all(r["meta"]["quality"] < 0.5 for r in low)
    for name in ("corpus.jsonl", "corpus.json", "corpus.tmx", "corpus.xlf", "corpus.parquet"):
        pairs = list(read_pairs(outdir / name))
        assert pairs and all(pair.quality is not None and pair.quality >= 0.5 for pair in pairs), name
    lines = [json.loads(line) for line in (outdir / "corpus.jsonl").read_text(encoding="utf-8").splitlines()]
    assert all(isinstance(line["meta"]["quality"], float) for line in lines + rejects)
    report = json.loads((outdir / "report.json").read_text(encoding="utf-8"))
    lowest = [pair["quality"] for pair in report["quality"]["lowest"]]
    assert report["quality"]["pairs"] == report["pairs"] and lowest == sorted(lowest)
    assert len(lowest) == min(20, report["pairs"]) and min(lowest) >= 0.5
    manifest = json.loads((outdir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["options"]["min_quality"] == 0.5

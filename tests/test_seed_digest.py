"""``bitext run seeds/`` writes the same bytes as the stored digest, timestamps and paths aside.

The digest in ``tests/data/seed_run_digest.json`` was made before the architecture change
of issue 14 (see ``tests/data/seed_run_digest.md``); a refactor that changes any output
byte fails here. Apertium's translations depend on its Debian package versions, so the
test skips (saying which versions differ) on a machine with other ones.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bitext import __version__
from bitext.cli import app
from bitext.translate import apertium

PROJECT = Path(__file__).resolve().parent.parent
DIGEST = PROJECT / "tests" / "data" / "seed_run_digest.json"
FORMATS = "tmx,jsonl,json,txt,tsv"
TIME = r"\d{8}T\d{6}Z"
VOLATILE = [
    # When: TMX header, provenance, manifest.
    (re.compile(rf'creationdate="{TIME}"'), 'creationdate="<time>"'),
    (re.compile(rf'"(created|started|finished)": "{TIME}"'), r'"\1": "<time>"'),
    # How long: report timings (one flat object).
    (re.compile(r'"timings": \{[^{}]*\}'), '"timings": "<timings>"'),
    # Where and with what: the run key hashes resolved input paths; the interpreter and
    # library versions belong to the machine, not to the code under test.
    (re.compile(r'"run_key": "[0-9a-f]{64}"'), '"run_key": "<run_key>"'),
    (re.compile(r'"python_version": "[^"]*"'), '"python_version": "<python>"'),
    (re.compile(r'"packages": \{[^{}]*\}'), '"packages": "<packages>"'),
    (re.compile(rf'creationtoolversion="{re.escape(__version__)}"'), 'creationtoolversion="<bitext>"'),
    (re.compile(rf'"x-bitext-version">{re.escape(__version__)}<'), '"x-bitext-version"><bitext><'),
    (re.compile(rf'"bitext_version": "{re.escape(__version__)}"'), '"bitext_version": "<bitext>"'),
]


def normalise(data: bytes, seeds: Path, outdir: Path) -> bytes:
    """The output with its time-, path- and machine-dependent parts replaced by fixed marks."""
    text = data.decode("utf-8").replace(str(outdir), "<outdir>").replace(str(seeds), "<seeds>")
    text = text.replace(str(PROJECT), "<project>")  # the project glossary's files
    for pattern, replacement in VOLATILE:
        text = pattern.sub(replacement, text)
    return text.encode("utf-8")


def seed_run_digest(seeds: Path, outdir: Path) -> dict[str, str]:
    """SHA-256 of every output of ``bitext run`` (normalised), by file name (the cache and
    the lock file, which holds a pid, are not outputs)."""
    result = CliRunner().invoke(
        app,
        [
            "run",
            str(seeds),
            "-o",
            str(outdir),
            "--engine",
            "apertium",
            "--formats",
            FORMATS,
            "--no-review",
            "-q",
        ],
    )
    assert result.exit_code == 0, result.output
    return {
        path.name: hashlib.sha256(normalise(path.read_bytes(), seeds, outdir)).hexdigest()
        for path in sorted(outdir.iterdir())
        if path.is_file() and not path.name.startswith((".bitext-cache", ".bitext.lock"))
    }


def test_seed_run_matches_the_stored_digest(seeds_dir: Path, tmp_path: Path) -> None:
    if not apertium.is_available():
        pytest.skip("Apertium is not installed")
    stored = json.loads(DIGEST.read_text(encoding="utf-8"))
    installed = apertium.ApertiumEngine().info.model_version
    if installed != stored["apertium"]:
        pytest.skip(f"digest made with Apertium packages {stored['apertium']}, these are {installed}")
    assert seed_run_digest(seeds_dir.resolve(), tmp_path / "out") == stored["files"]


def test_normalise_hides_only_what_varies(tmp_path: Path) -> None:
    manifest = b'{"run_key": "' + b"a" * 64 + b'", "started": "20260101T000000Z", "status": "complete"}'
    assert normalise(manifest, tmp_path, tmp_path / "o") == (
        b'{"run_key": "<run_key>", "started": "<time>", "status": "complete"}'
    )
    pair = b'{"fr": "Le 20260101T000000Z", "path": "/x/seeds/a.txt"}'
    assert (
        normalise(pair, Path("/x/seeds"), tmp_path)
        == b'{"fr": "Le 20260101T000000Z", "path": "<seeds>/a.txt"}'
    )


def write_digest() -> None:
    """Remake the stored digest (see ``tests/data/seed_run_digest.md`` for when)."""
    import tempfile

    from conftest import SEEDS_DIR

    with tempfile.TemporaryDirectory() as folder:
        files = seed_run_digest(SEEDS_DIR.resolve(), Path(folder) / "out")
    record = {"apertium": apertium.ApertiumEngine().info.model_version, "files": files}
    DIGEST.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")

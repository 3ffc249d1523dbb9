"""The output folder of a run: who it belongs to, and its ``manifest.json``.

A run claims OUTDIR by writing ``manifest.json`` (status ``running``) before any other
output and marks it ``complete`` after the last one. The manifest's ``run_key`` tells
a re-run of the same job, which may resume and replace the outputs, from another job,
which must not mix its files with these unless the user says ``--force``.

The same job means the same input files (by resolved path), the same engine (by name)
and the same effective glossary (by SHA-256). Edited item contents, other formats, a
different ``--min-score`` or a newer engine model are the same job run again: every
output is rewritten, and outputs of formats no longer asked for are removed.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterable, Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from pydantic import ValidationError

from bitext.errors import ExportError, UsageError
from bitext.models import RunManifest
from bitext.textio import atomic_write

MANIFEST = "manifest.json"
REPORT = "report.json"
REJECTS = "rejects.jsonl"
CACHE = ".bitext-cache.sqlite"
CORPUS_NAMES = (
    "corpus.tmx",
    "corpus.jsonl",
    "corpus.json",
    "corpus.fr",
    "corpus.en",
    "corpus.tsv",
    "corpus.xlf",
    "corpus.parquet",
)
OUTPUT_NAMES = (*CORPUS_NAMES, REJECTS, REPORT, MANIFEST)
RECORDED_PACKAGES = (
    "pydantic",
    "lxml",
    "sentence-splitter",
    "ctranslate2",
    "sentencepiece",
    "lingua-language-detector",
)


def run_key(inputs: Sequence[Path], engine: str, glossary_sha256: str | None) -> str:
    """The identity of a job: which files, which engine, which glossary."""
    payload = json.dumps(
        {
            "inputs": sorted(str(path.resolve()) for path in inputs),
            "engine": engine,
            "glossary": glossary_sha256,
        },
        sort_keys=True,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def read_manifest(outdir: Path) -> RunManifest | None:
    """The manifest in ``outdir``; ``None`` when there is none.

    Raises:
        UsageError: A ``manifest.json`` bitext cannot read (so the folder is not ours).
    """
    path = outdir / MANIFEST
    if not path.is_file():
        return None
    try:
        return RunManifest.model_validate_json(path.read_bytes())
    except (ValidationError, ValueError) as exc:
        raise UsageError(
            "holds a manifest.json bitext did not write; choose another OUTDIR or use --force", path=path
        ) from exc


def claim(outdir: Path, key: str, *, force: bool) -> RunManifest | None:
    """Check that ``outdir`` may receive this run; return the previous manifest of the same job.

    Raises:
        UsageError: ``outdir`` is a file, or holds another run's output and ``force``
            is off (exit 2).
    """
    if outdir.exists() and not outdir.is_dir():
        raise UsageError("OUTDIR exists and is not a folder", path=outdir)
    if not outdir.exists():
        return None
    try:
        previous = read_manifest(outdir)
    except UsageError:
        if force:
            return None
        raise
    if previous is not None and previous.run_key == key:
        return previous
    if force:
        return None
    if previous is not None:
        raise UsageError(
            f"holds the output of another run (inputs {', '.join(previous.options.inputs)}, engine "
            f"{previous.options.engine}); choose another OUTDIR or use --force to replace it",
            path=outdir,
        )
    found = [name for name in OUTPUT_NAMES if (outdir / name).exists()]
    if found:
        raise UsageError(
            f"holds {', '.join(found)} without a bitext manifest; choose another OUTDIR or use --force",
            path=outdir,
        )
    return None


def clear_outputs(outdir: Path, extra: Iterable[str] = ()) -> None:
    """Remove the outputs of an earlier run (and stale temporary files of killed runs).

    The translation cache is kept: it is keyed by engine and source text, so it can
    only save work.
    """
    names = set(OUTPUT_NAMES) | set(extra)
    for name in names:
        (outdir / name).unlink(missing_ok=True)
    remove_stale_temporaries(outdir)


def remove_stale_temporaries(outdir: Path) -> None:
    """Delete temporary files that a killed run left (``.<output>.*.tmp``)."""
    for name in OUTPUT_NAMES:
        for leftover in outdir.glob(f".{name}.*.tmp"):
            leftover.unlink(missing_ok=True)


def write_manifest(outdir: Path, manifest: RunManifest) -> None:
    """Write ``manifest.json`` atomically."""
    with atomic_write(outdir / MANIFEST) as handle:
        handle.write(manifest.model_dump_json(indent=2) + "\n")


def package_versions() -> dict[str, str]:
    """Versions of Python and of the packages that shape the output."""
    versions = {"python": sys.version.split()[0]}
    for name in RECORDED_PACKAGES:
        try:
            versions[name] = version(name)
        except PackageNotFoundError:
            continue
    return versions


def make_outdir(outdir: Path) -> None:
    """Create ``outdir`` (and parents).

    Raises:
        ExportError: It cannot be created.
    """
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"cannot create the output folder: {exc.strerror}", path=outdir) from exc

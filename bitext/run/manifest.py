"""``manifest.json``: how the corpus in OUTDIR was made, and which files in it are bitext's.

A run writes its manifest with status ``running`` before it replaces any output (and,
in a folder without a finished run, as soon as every input and the cache are
checked), and rewrites it ``complete`` after the last output is in place. Both list
the run's outputs, so a later run (or ``--force``) deletes only files bitext wrote;
a re-run that fails before replacing anything leaves a complete manifest as it was.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from bitext import __version__
from bitext.errors import UsageError
from bitext.export import MANIFEST_NAME, now_tmx
from bitext.glossary import Glossary
from bitext.models import EngineInfo, InputFile, Provenance, RecordedOptions, RunManifest
from bitext.run.pairing import aligner_settings
from bitext.textio import atomic_write

RECORDED_PACKAGES = (
    "pydantic",
    "lxml",
    "sentence-splitter",
    "ctranslate2",
    "sentencepiece",
    "lingua-language-detector",
)
"""Packages whose version can change the output, recorded with Python's."""


def start_manifest(
    key: str,
    started: str,
    engine: EngineInfo | None,
    glossary: Glossary | None,
    options: RecordedOptions,
    inputs: Sequence[InputFile],
    outputs: Sequence[str],
) -> RunManifest:
    """The manifest of a run at work in OUTDIR (status ``running``), listing the files it writes."""
    versions = package_versions()
    return RunManifest(
        run_key=key,
        status="running",
        started=started,
        bitext_version=__version__,
        python_version=versions.pop("python"),
        packages=versions,
        engine=engine,
        glossary_sha256=glossary.sha256 if glossary else None,
        glossary_files=tuple(str(path) for path in glossary.paths) if glossary else (),
        aligner=aligner_settings(),
        options=options,
        inputs=tuple(inputs),
        outputs=tuple(outputs),
    )


def finish_manifest(manifest: RunManifest, outputs: tuple[str, ...], **distributed: Any) -> RunManifest:
    """The same manifest once every output is in place (status ``complete``).

    Args:
        manifest: The manifest written when the run started.
        outputs: The output files.
        distributed: For a run on Ray: ``engine`` (what the workers ran), ``cluster``
            and ``shards``.
    """
    update = {"status": "complete", "finished": now_tmx(), "outputs": outputs, **distributed}
    return manifest.model_copy(update=update)


def corpus_provenance(engine: EngineInfo, glossary: Glossary | None) -> Provenance:
    """What made the corpus, for the TMX header and the JSON metadata."""
    return Provenance(
        bitext_version=__version__,
        created=now_tmx(),
        engine=engine.label(),
        engine_model=engine.model,
        engine_model_version=engine.model_version,
        glossary_sha256=glossary.sha256 if glossary else None,
        aligner=aligner_settings(),
    )


def read_manifest(outdir: Path) -> RunManifest | None:
    """The manifest in ``outdir``; ``None`` when there is none.

    Raises:
        UsageError: A ``manifest.json`` bitext cannot read (so the folder is not ours).
    """
    path = outdir / MANIFEST_NAME
    if not path.is_file():
        return None
    try:
        return RunManifest.model_validate_json(path.read_bytes())
    except (ValidationError, ValueError) as exc:
        raise UsageError(
            "holds a manifest.json this bitext cannot read (bitext did not write it, or another "
            "version did); move it away or choose another folder",
            path=path,
        ) from exc


def write_manifest(outdir: Path, manifest: RunManifest) -> None:
    """Write ``manifest.json`` atomically."""
    with atomic_write(outdir / MANIFEST_NAME) as handle:
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

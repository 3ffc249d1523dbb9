"""The output folder of a run: who it belongs to, what in it is ours, what is stale.

A run's ``manifest.json`` (see :mod:`bitext.run.manifest`) lists the files the run
writes. Its ``run_key`` tells a re-run of the same job, which may resume and replace
the outputs, from another job, which must not mix its files with these unless the
user says ``--force``. Only files a bitext manifest lists are ever replaced or
deleted: a file of the same name that bitext did not write (a user's own
``report.json``) stops the run, ``--force`` or not, and any other file is left alone.

The same job means the same input files (by resolved path), the same engine (by name)
and the same effective glossary (by SHA-256). Edited item contents, other formats, a
different ``--min-score`` or a newer engine model are the same job run again: every
output is rewritten, and outputs of formats no longer asked for are removed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

from bitext.errors import ExportError, UsageError
from bitext.export import MANIFEST_NAME, RUN_OUTPUTS
from bitext.models import RunManifest
from bitext.run.manifest import read_manifest

CACHE = ".bitext-cache.sqlite"
"""The run's own translation cache, kept between runs (it can only save work)."""


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


def claim(outdir: Path, key: str, outputs: Sequence[str], *, force: bool) -> RunManifest | None:
    """Check that ``outdir`` may receive this run; return the manifest whose outputs it replaces.

    Args:
        outdir: The run's output folder (it may not exist yet).
        key: The run's :func:`run_key`.
        outputs: The files the run will write in ``outdir``.
        force: Replace another job's run.

    Returns:
        The manifest found in ``outdir`` (the same job, or another one with ``force``);
        ``None`` when there is none.

    Raises:
        UsageError: ``outdir`` is a file; it holds another job's run and ``force`` is
            off; or a file the run would replace was not written by bitext (exit 2).
    """
    check_outdir(outdir)
    if not outdir.exists():
        return None
    previous = read_manifest(outdir)
    if previous is None:
        found = [name for name in RUN_OUTPUTS if (outdir / name).exists()]
        if found and not force:
            raise UsageError(
                f"holds {', '.join(found)} without a bitext manifest; choose another OUTDIR or use --force",
                path=outdir,
            )
    elif previous.run_key != key and not force:
        raise UsageError(
            f"holds the output of another run (inputs {', '.join(previous.options.inputs)}, engine "
            f"{previous.options.engine}); choose another OUTDIR or use --force to replace it",
            path=outdir,
        )
    _refuse_foreign(outdir, outputs, previous)
    return previous


def check_outdir(outdir: Path) -> None:
    """OUTDIR is a folder, or does not exist yet.

    Raises:
        UsageError: It exists and is not a folder (exit 2).
    """
    if outdir.exists() and not outdir.is_dir():
        raise UsageError("OUTDIR exists and is not a folder", path=outdir)


def _refuse_foreign(outdir: Path, outputs: Sequence[str], previous: RunManifest | None) -> None:
    """Stop before the run replaces a file no bitext manifest lists (or a folder)."""
    ours = (set(previous.outputs) | {MANIFEST_NAME}) if previous is not None else set()
    folders = [name for name in outputs if (outdir / name).is_dir()]
    if folders:
        raise UsageError(
            f"holds a folder named {', '.join(folders)}, where the run writes a file; move it away",
            path=outdir,
        )
    foreign = [name for name in outputs if name not in ours and (outdir / name).exists()]
    if foreign:
        raise UsageError(
            f"holds {', '.join(foreign)}, which bitext did not write (no bitext manifest here lists "
            "it); move it away or choose another OUTDIR (--force replaces only files bitext wrote)",
            path=outdir,
        )


def remove_replaced(outdir: Path, previous: RunManifest | None, outputs: Sequence[str]) -> None:
    """Delete the files ``previous`` listed that this run did not write again.

    These are outputs of formats no longer asked for (same job) or of the job
    ``--force`` replaced; nothing the manifest does not list is touched.
    """
    for name in set(previous.outputs if previous else ()) - set(outputs):
        if Path(name).name == name:  # a name in OUTDIR, never a path elsewhere
            (outdir / name).unlink(missing_ok=True)


def remove_stale_temporaries(outdir: Path) -> None:
    """Delete temporary files that a killed run left (``.<output>.*.tmp``).

    Only called with OUTDIR's lock held, so no live run owns them.
    """
    for name in RUN_OUTPUTS:
        for leftover in outdir.glob(f".{name}.*.tmp"):
            leftover.unlink(missing_ok=True)


def make_outdir(outdir: Path) -> None:
    """Create ``outdir`` (and parents).

    Raises:
        ExportError: It cannot be created.
    """
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"cannot create the output folder: {exc.strerror}", path=outdir) from exc

"""The review page: one self-contained HTML file that shows what a run did.

A translator reviewing machine translation sees the run summary and the worst pairs
first: French and English side by side, alignment (and, when present, quality)
scores coloured, glossary terms highlighted with their status, the cleaning changes
as before/after, small charts, and filters by item, term, origin and free text. The
page embeds its data once as JSON and draws it with plain JavaScript, a page of
pairs at a time, so a 10,000-pair run stays responsive; it loads nothing from the
network.

``bitext run`` writes it as it writes the corpus (:class:`ReviewBuilder` takes the
items as they stream past); ``write_review(outdir)`` builds it again from a finished
OUTDIR (``manifest.json``, ``report.json``, ``corpus.json``).
"""

from __future__ import annotations

from pathlib import Path

from bitext.errors import UsageError
from bitext.export import REVIEW_NAME
from bitext.models import ReviewSummary
from bitext.review.builder import ReviewBuilder

__all__ = ["REVIEW_NAME", "ReviewBuilder", "write_review"]


def write_review(
    outdir: str | Path, path: str | Path | None = None, *, require_complete: bool = True
) -> ReviewSummary:
    """Write the review page of the run in ``outdir``, atomically.

    Args:
        outdir: The output folder of ``bitext run``.
        path: Where to write the page (default ``outdir/review.html``).
        require_complete: Refuse a run whose manifest is not ``complete``; ``bitext run``
            passes False to write the page before it marks its own run complete.

    Returns:
        Where the page went, its size, and the counts it shows.

    Raises:
        UsageError: ``outdir`` is not a bitext run's folder, the page's folder does not
            exist, or a bitext process is at work in ``outdir`` (exit 2).
        InputError: A run file is missing or malformed, or the run has not finished (exit 65).
        ExportError: The page cannot be written (exit 73).
    """
    from bitext.review import reader
    from bitext.run.lock import outdir_lock

    outdir = Path(outdir)
    target = Path(path) if path is not None else outdir / REVIEW_NAME
    reader.check_outdir(outdir)
    if not target.parent.is_dir():
        raise UsageError("the folder for the review page does not exist", path=target.parent)
    if target.is_dir():
        raise UsageError("is a folder; give the review page a file name", path=target)
    with outdir_lock(outdir, writes=target.parent.resolve() == outdir.resolve()):
        manifest = reader.read_manifest(outdir, require_complete=require_complete)
        report = reader.read_report(outdir)
        provenance = reader.read_provenance(outdir)
        with ReviewBuilder() as builder:
            for item in reader.read_items(outdir, manifest.engine):
                builder.add_item(item)
            return builder.write(
                target, outdir=outdir, manifest=manifest, report=report, provenance=provenance
            )

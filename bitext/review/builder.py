"""Collect a run's items into the review page, one item at a time.

:class:`ReviewBuilder` turns each item into page rows as it arrives and spools the
rows to a temporary file, keeping only counts and per-item summaries in memory; the
page is rendered when every item is in, because its summary needs all of them.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from bitext.models import (
    Chart,
    CorpusItem,
    Provenance,
    ReviewAttention,
    ReviewItem,
    ReviewPair,
    ReviewSummary,
    RunManifest,
    RunReport,
)
from bitext.review.charts import BINS, LOW_SCORE, bead_chart, histogram, score_bin, term_chart
from bitext.review.render import render_page, script_json
from bitext.review.rows import review_item, review_pairs


@dataclass
class _Tally:
    """Counts over the pairs, for the charts and the "needs a look" list."""

    pairs: int = 0
    kept: int = 0
    score_bins: list[int] = field(default_factory=lambda: [0] * BINS)
    quality_bins: list[int] = field(default_factory=lambda: [0] * BINS)
    with_quality: int = 0
    bead_types: Counter[str] = field(default_factory=Counter)
    low_score: int = 0
    missing_terms: int = 0
    repaired_terms: int = 0
    rejected: int = 0

    def add(self, pair: ReviewPair) -> None:
        """Count a pair: bead types over all pairs, the rest over the corpus (kept pairs)."""
        self.pairs += 1
        self.bead_types[pair.bead] += 1
        if pair.rejected is not None:
            self.rejected += 1
            return
        self.kept += 1
        self.score_bins[score_bin(pair.score)] += 1
        if pair.quality is not None:
            self.with_quality += 1
            self.quality_bins[score_bin(pair.quality)] += 1
        score = pair.quality if pair.quality is not None else pair.score
        self.low_score += score < LOW_SCORE
        self.missing_terms += any(term.status == "missing" for term in pair.terms)
        self.repaired_terms += any(term.status == "repaired" for term in pair.terms)


class ReviewBuilder:
    """Build a review page from a stream of items: ``add_item`` each, then ``write``.

    Use as a context manager so the row spool is removed whatever happens.
    """

    def __init__(self) -> None:
        self.items: list[ReviewItem] = []
        self._tally = _Tally()
        self._spool: IO[str] | None = None

    def __enter__(self) -> ReviewBuilder:
        self._spool = tempfile.TemporaryFile("w+", encoding="utf-8", prefix="bitext-review.")
        return self

    def __exit__(self, *exc_info: Any) -> None:
        if self._spool is not None:
            self._spool.close()
            self._spool = None

    def add_item(self, item: CorpusItem) -> None:
        """Add one item: its summary, and its pairs spooled as page rows."""
        assert self._spool is not None, "use ReviewBuilder as a context manager"
        index = len(self.items)
        self.items.append(review_item(item))
        for pair in review_pairs(item, index):
            self._tally.add(pair)
            self._spool.write(script_json(pair.model_dump(mode="json", exclude_none=True)) + "\n")

    def attention(self) -> ReviewAttention:
        """What needs a look first, counted over the items and pairs added so far."""
        return ReviewAttention(
            low_score=self._tally.low_score,
            missing_terms=self._tally.missing_terms,
            rejected=self._tally.rejected,
            repaired_terms=self._tally.repaired_terms,
            wrong_english_terms=sum(len(item.wrong_terms) for item in self.items),
        )

    def charts(self) -> list[Chart]:
        """The run's charts: quality (when pairs have it) and alignment score of the kept pairs,
        bead types of all pairs, term accuracy per item."""
        tally = self._tally
        charts = [histogram("Alignment score", tally.score_bins, unit="kept pairs")]
        if tally.with_quality:
            charts.insert(0, histogram("Quality estimate", tally.quality_bins, unit="kept pairs"))
        return [*charts, bead_chart(tally.bead_types), term_chart(self.items)]

    def write(
        self, path: Path, *, outdir: Path, manifest: RunManifest, report: RunReport, provenance: Provenance
    ) -> ReviewSummary:
        """Render the page to ``path`` atomically.

        Raises:
            ExportError: ``path`` cannot be written.
        """
        assert self._spool is not None, "use ReviewBuilder as a context manager"
        self._spool.seek(0)
        attention = self.attention()
        size = render_page(
            path,
            outdir=outdir,
            manifest=manifest,
            report=report,
            provenance=provenance,
            items=self.items,
            charts=self.charts(),
            attention=attention,
            rows=self._spool,
        )
        return ReviewSummary(
            path=str(path),
            outdir=str(outdir),
            items=len(self.items),
            pairs=self._tally.pairs,
            size_bytes=size,
            attention=attention,
        )

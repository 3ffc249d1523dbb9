"""A run's quality estimates, counted as pairs stream by: distribution and the lowest pairs.

:class:`QualityTally` keeps a histogram of 100 bins and the ``LOWEST`` lowest pairs (a
bounded heap), so it does not grow with the corpus; :func:`quality_lines` is what the
terminal summary prints.
"""

from __future__ import annotations

import heapq
import itertools
from dataclasses import dataclass, field

from bitext.models import LowQualityPair, QualitySummary, SegmentPair

LOWEST = 20
"""How many of the lowest-quality kept pairs ``report.json`` names."""
FINE_BINS = 100
COARSE_BINS = 10
_BARS = " ▁▂▃▄▅▆▇█"


@dataclass
class QualityTally:
    """Counters of the kept pairs' quality estimates."""

    pairs: int = 0
    total: float = 0.0
    bins: list[int] = field(default_factory=lambda: [0] * FINE_BINS)
    _lowest: list[tuple[float, int, LowQualityPair]] = field(default_factory=list)
    _order: itertools.count[int] = field(default_factory=itertools.count)

    def add(self, pair: SegmentPair) -> None:
        """Count one kept pair (a pair without an estimate is not counted)."""
        if pair.quality is None:
            return
        self.pairs += 1
        self.total += pair.quality
        self.bins[min(int(pair.quality * FINE_BINS + 1e-9), FINE_BINS - 1)] += 1
        low = LowQualityPair(
            id=pair.id, doc_id=pair.doc_id, quality=pair.quality, fr=pair.fr, en=pair.en, origin=pair.origin
        )
        # A max-heap on quality (negated), ties kept in arrival order: the first pairs stay.
        entry = (-pair.quality, -next(self._order), low)
        if len(self._lowest) < LOWEST:
            heapq.heappush(self._lowest, entry)
        elif entry > self._lowest[0]:
            heapq.heapreplace(self._lowest, entry)

    def summary(self) -> QualitySummary:
        """The distribution and the lowest pairs, lowest first (ties in corpus order)."""
        if not self.pairs:
            return QualitySummary(pairs=0)
        coarse = [sum(self.bins[i : i + FINE_BINS // COARSE_BINS]) for i in range(0, FINE_BINS, 10)]
        lowest = sorted(self._lowest, key=lambda entry: (-entry[0], -entry[1]))
        return QualitySummary(
            pairs=self.pairs,
            mean=round(self.total / self.pairs, 4),
            quartiles=(self._quantile(0.25), self._quantile(0.5), self._quantile(0.75)),
            histogram=tuple(coarse),
            lowest=tuple(entry[2] for entry in lowest),
        )

    def _quantile(self, share: float) -> float:
        """The upper edge of the 0.01 bin where the ``share``-th pair falls."""
        wanted, seen = share * self.pairs, 0
        for index, count in enumerate(self.bins):
            seen += count
            if seen >= wanted and count:
                return round((index + 1) / FINE_BINS, 2)
        return 1.0


def quality_lines(summary: QualitySummary | None) -> list[str]:
    """The terminal summary's quality lines: quartiles, a one-line histogram, the lowest pair."""
    if summary is None or not summary.pairs or summary.quartiles is None:
        return []
    low, median, high = summary.quartiles
    peak = max(summary.histogram) or 1
    bars = "".join(_BARS[round(count / peak * (len(_BARS) - 1))] for count in summary.histogram)
    lines = [
        f"quality estimate (kept pairs): mean {summary.mean:.2f}, "
        f"quartiles {low:.2f} / {median:.2f} / {high:.2f}",
        f"  0 |{bars}| 1  (pairs per tenth: {' '.join(str(count) for count in summary.histogram)})",
    ]
    if summary.lowest:
        worst = summary.lowest[0]
        lines.append(
            f"  lowest: {worst.id} ({worst.quality:.2f}); the {len(summary.lowest)} lowest in report.json"
        )
    return lines

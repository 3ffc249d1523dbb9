"""The review page's small charts, as data the template draws in inline SVG.

Pure functions from counts to :class:`~bitext.models.Chart`: a histogram of scores
in ten bins, bead types, and term accuracy of the items that did worst.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

from bitext.models import Chart, ChartBar, ReviewItem

BINS = 10
LOW_SCORE = 0.5
MID_SCORE = 0.75
WORST_ITEMS = 12

Tone = Literal["low", "mid", "high", "plain"]


def tone(score: float) -> Tone:
    """The colour class of a score (or an accuracy): low, mid or high."""
    if score < LOW_SCORE:
        return "low"
    return "mid" if score < MID_SCORE else "high"


def score_bin(score: float) -> int:
    """The histogram bin (0 … BINS-1) of a score in [0, 1]; out-of-range scores go to the ends."""
    return min(BINS - 1, max(0, int(score * BINS)))


def histogram(title: str, counts: Sequence[int], unit: str = "pairs") -> Chart:
    """A vertical bar per score bin; bars are coloured by the bin's lower score."""
    peak = max(counts, default=0) or 1
    bars = tuple(
        ChartBar(
            label=f"{number / BINS:.1f}",
            value=count,
            share=count / peak,
            tone=tone(number / BINS),
            note=f"{number / BINS:.1f}–{(number + 1) / BINS:.1f}: {count} {unit}",
        )
        for number, count in enumerate(counts)
    )
    return Chart(title=title, bars=bars, caption=f"{sum(counts)} {unit}", vertical=True)


def bead_chart(bead_types: Mapping[str, int]) -> Chart:
    """One bar per bead type (``1-1``, ``2-1``, ``1-0`` …), most frequent first."""
    peak = max(bead_types.values(), default=0) or 1
    ordered = sorted(bead_types.items(), key=lambda kind: (-kind[1], kind[0]))
    bars = tuple(
        ChartBar(label=kind, value=count, share=count / peak, note=f"{kind}: {count} pairs")
        for kind, count in ordered
    )
    return Chart(title="Bead types", bars=bars, caption="source-target sentences per pair")


def term_chart(items: Sequence[ReviewItem], limit: int = WORST_ITEMS) -> Chart:
    """Term accuracy of the translated items, worst first (at most ``limit`` bars)."""
    scored = [
        (item.terms.accuracy, item.id, item.terms)
        for item in items
        if item.lang == "fr" and item.terms is not None and item.terms.accuracy is not None
    ]
    scored.sort(key=lambda entry: (entry[0], -entry[2].found, entry[1]))
    bars = tuple(
        ChartBar(
            label=item_id,
            value=round(accuracy * 100, 1),
            share=accuracy,
            tone=tone(accuracy),
            note=f"{item_id}: {terms.canonical}/{terms.found} terms canonical ({terms.repaired} repaired)",
        )
        for accuracy, item_id, terms in scored[:limit]
    )
    shown = f"the {len(bars)} worst of {len(scored)}" if len(scored) > limit else f"{len(scored)}"
    return Chart(title="Term accuracy per item (%)", bars=bars, caption=f"{shown} translated items")

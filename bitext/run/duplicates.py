"""Corpus-wide deduplication in a run: a pair seen before (exactly, or nearly) is set aside.

News items repeat themselves (a run of 80 items kept 658 pairs with only 180 distinct
English sentences): boilerplate, datelines, the same quote in every follow-up story.
:func:`drop_duplicates` passes each item's kept pairs through one
:class:`~bitext.match.Deduplicator` for the whole run, in the order items are written,
so the first occurrence stays and every later exact or near duplicate (same text once
case, accents, punctuation and numbers are normalised) moves to the item's rejects
with the reason ``duplicate: …`` (nothing is lost, and the report counts them). The
deduplicator keeps two 16-byte fingerprints per kept pair, never its text, so memory
stays small on a run of any size; both executors call it as items are merged, in
input order, so a run on Ray drops the same pairs.
"""

from __future__ import annotations

from bitext.match import Deduplicator
from bitext.models import CorpusItem, RejectedPair

_REASONS = {
    "exact": "duplicate: the same pair as an earlier one",
    "near": "duplicate: an earlier pair differs only in case, accents, punctuation or numbers",
}


def drop_duplicates(item: CorpusItem, seen: Deduplicator) -> CorpusItem:
    """``item`` with the pairs ``seen`` already holds moved to its rejects (and the new ones remembered)."""
    kept, dropped = [], []
    for pair in item.pairs:
        verdict = seen.check(pair.fr, pair.en)
        if verdict == "new":
            kept.append(pair)
        else:
            dropped.append(RejectedPair(pair=pair, reason=_REASONS[verdict]))
    if not dropped:
        return item
    return item.model_copy(update={"pairs": tuple(kept), "rejected": (*item.rejected, *dropped)})

"""Human translations into the corpus: match items, mine sentences, drop duplicate pairs.

* :func:`match_documents` finds the English items that translate French items
  (one-to-one; an item may stay unmatched).
* :func:`mine_pairs` finds the sentences of two comparable texts that translate each
  other.
* :class:`Deduplicator` drops exact and near-duplicate sentence pairs from a stream.

The cores are pure: texts, their machine translation and parameters in, pydantic
results out; :mod:`bitext.match.service` reads files and translates for the CLI.
Both cores compare texts with the aligner's tokens (:mod:`bitext.align.scoring`) in
TF-IDF spaces, find candidates by sparse nearest-neighbour search, combine a pair's
signals with weights fitted on newstest2009/2010 (``weights.json``, with its
provenance), and calibrate the acceptance threshold on the input itself, without gold
(:mod:`bitext.match.combine`). Mining also looks words up in Apertium's bilingual
dictionaries when they are installed (:mod:`bitext.match.lexicon`) and, given them,
reads two more Apertium routes (:mod:`bitext.match.routes`). Importing this package
does not load numpy.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from bitext.match.dedup import Deduplicator, normalise_text
from bitext.match.params import MatchParams, MineParams

if TYPE_CHECKING:
    from bitext.match.lexicon import WordLexicon
    from bitext.models import MatchResult, MatchText, MiningResult, RouteTexts

__all__ = [
    "Deduplicator",
    "MatchParams",
    "MineParams",
    "match_documents",
    "mine_pairs",
    "normalise_text",
]


def match_documents(
    french: Sequence[MatchText], english: Sequence[MatchText], *, params: MatchParams | None = None
) -> MatchResult:
    """Match French items with the English items that translate them; see :mod:`bitext.match.documents`."""
    from bitext.match.documents import match_documents as _match

    return _match(french, english, params=params)


def mine_pairs(
    src: Sequence[str],
    tgt: Sequence[str],
    *,
    src_mt: Sequence[str],
    params: MineParams | None = None,
    lexicon: WordLexicon | None = None,
    routes: RouteTexts | None = None,
) -> MiningResult:
    """Mine parallel sentences from comparable texts; see :mod:`bitext.match.mining`."""
    from bitext.match.mining import mine_pairs as _mine

    return _mine(src, tgt, src_mt=src_mt, params=params, lexicon=lexicon, routes=routes)

"""Mine parallel sentences from two comparable texts (pure: sentences in, pairs out).

1. Every sentence is seen in four TF-IDF spaces (words with names, numbers and dates;
   character n-grams; word pairs; character n-grams of the French as written), the
   French through its machine translation.
2. Candidates: each sentence's ``k`` nearest on the other side, both ways, by the
   mean cosine of those spaces (sparse products, block by block).
3. Each candidate gets its signals: the four cosines, the ratio and distance margins
   against both sides' nearest neighbours, its lead over and rank among each side's
   other candidates, length, names and numbers shared or not, and how much of each
   sentence the other covers word for word (:mod:`bitext.match.coverage`), and, when
   Apertium's dictionaries are installed, how much each side covers through them
   (:mod:`bitext.match.lexicon`: synonyms the MT did not choose).
   With mining's extra Apertium routes (:mod:`bitext.match.routes`, given as
   :class:`~bitext.models.RouteTexts`), the French is read through both its English
   translations joined, and each candidate also gets the reverse route's signals.
4. A shipped logistic combination turns the signals into a probability, adapted to
   this input's own share of true pairs (see :mod:`bitext.match.combine`).
5. Competitive linking keeps pairs one-to-one, best first, down to the threshold.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from bitext.errors import AlignmentError
from bitext.match.candidates import Candidates, find_candidates, one_to_one
from bitext.match.combine import Combiner, CombinerKind, adapt_to_prior, load_combiner, sigmoid
from bitext.match.counting import count_sentences
from bitext.match.coverage import COVERAGE_SIGNALS, coverage_signals
from bitext.match.lexicon import LEXICON_SIGNALS, WordLexicon, installed_lexicon, lexicon_signals
from bitext.match.params import MineParams
from bitext.match.routes import ROUTE_SIGNALS, joined_translations, route_signals
from bitext.match.signals import (
    COMMON_SIGNALS,
    as_matrix,
    build_views,
    duplicate_groups,
    pair_signals,
)
from bitext.match.sparse import FloatArray
from bitext.models import MinedPair, MiningResult, RouteTexts

PLAIN_SIGNALS = (*COMMON_SIGNALS, *COVERAGE_SIGNALS)
SENTENCE_SIGNALS = (*PLAIN_SIGNALS, *LEXICON_SIGNALS)
ROUTED_SIGNALS = (*SENTENCE_SIGNALS, *ROUTE_SIGNALS)
ACCEPT = 0.4
"""The adapted probability a pair needs by default: on newstest2009/2010 (six samples,
2x and 4x unpaired lines) F1 was at or near its best from 0.3 to 0.4 and 0.2 to 0.5
points lower at one half; chosen there, never on the scored years."""


def sentence_signals(
    src: Sequence[str],
    src_mt: Sequence[str],
    tgt: Sequence[str],
    params: MineParams,
    lexicon: WordLexicon | None = None,
    routes: RouteTexts | None = None,
) -> tuple[Candidates, FloatArray]:
    """Candidate pairs and their signals.

    Columns in :data:`ROUTED_SIGNALS` order with a ``lexicon`` and ``routes``, in
    :data:`SENTENCE_SIGNALS` order with a ``lexicon`` only, in :data:`PLAIN_SIGNALS`
    order without (``routes`` are then not read). Shared by :func:`mine_pairs` and the
    fit in ``bench/match_fit.py``, so the weights are fitted on exactly what they are
    applied to.
    """
    if routes is not None and lexicon is not None:
        src_mt = joined_translations(src_mt, routes.second_mt)
    counts = count_sentences(list(zip(src, src_mt, strict=True)), tgt, params.char_size, coverage=True)
    views = build_views(counts, search_df=params.search_df)
    found = find_candidates(views.search, params.neighbours)
    competitors = (params.margin_k, params.background_similarity)
    groups = duplicate_groups(src), duplicate_groups(tgt)
    candidates, signals = pair_signals(views, found, competitors, *groups)
    if counts.word_sets is not None:
        signals.update(coverage_signals(counts.word_sets, candidates.rows, candidates.cols))
    if lexicon is None:
        return candidates, as_matrix(signals, PLAIN_SIGNALS)
    pairs = (candidates.rows, candidates.cols)
    signals.update(lexicon_signals(src, src_mt, tgt, pairs, lexicon))
    if routes is None:
        return candidates, as_matrix(signals, SENTENCE_SIGNALS)
    signals.update(route_signals(src, routes.back, *pairs))
    return candidates, as_matrix(signals, ROUTED_SIGNALS)


def mine_pairs(
    src: Sequence[str],
    tgt: Sequence[str],
    *,
    src_mt: Sequence[str],
    params: MineParams | None = None,
    combiner: Combiner | None = None,
    lexicon: WordLexicon | None = None,
    routes: RouteTexts | None = None,
) -> MiningResult:
    """Parallel sentence pairs of ``src`` and ``tgt``, best first.

    Args:
        src: French sentences (or lines).
        tgt: English sentences (or lines).
        src_mt: The engine's English for ``src``, 1:1.
        params: Settings; the defaults when ``None``.
        combiner: The signal weights; the shipped weights (with or without the
            dictionary signals, as the lexicon is) when ``None``.
        lexicon: Bilingual dictionaries; when ``None`` and ``params.lexicon`` is on,
            Apertium's if installed (:func:`~bitext.match.lexicon.installed_lexicon`).
        routes: The extra routes' texts (:mod:`bitext.match.routes`); read only with
            a lexicon, and then with the weights fitted with them.

    Returns:
        Pairs of 0-based indices into ``src`` and ``tgt``, each sentence in at most one
        pair, with the probability that they translate each other.

    Raises:
        AlignmentError: ``src_mt`` or the routes' texts are not 1:1 with their side.
        ModelError: The shipped weights cannot be loaded, or a dictionary look-up failed.
    """
    params = params or MineParams()
    if len(src_mt) != len(src):
        raise AlignmentError(f"src_mt has {len(src_mt)} sentences, src has {len(src)}; they must be 1:1")
    _check_routes(routes, len(src), len(tgt))
    if lexicon is None and params.lexicon:
        lexicon = installed_lexicon()
    combiner = combiner or load_combiner(_combiner_kind(lexicon is not None, routes is not None))
    if not src or not tgt:
        return MiningResult(threshold=params.threshold or ACCEPT, prior=combiner.prior)
    candidates, signals = sentence_signals(src, src_mt, tgt, params, lexicon, routes)
    logits = combiner.logits(signals)
    probability, prior = _probabilities(combiner, logits, params.adapt_prior)
    threshold = ACCEPT if params.threshold is None else params.threshold
    rows, cols = candidates.rows, candidates.cols
    accept = (probability >= threshold) & (candidates.similarity >= params.min_similarity)
    accepted = one_to_one(rows, cols, logits, accept)
    pairs = tuple(
        MinedPair(src=int(rows[i]), tgt=int(cols[i]), score=round(float(probability[i]), 4)) for i in accepted
    )
    return MiningResult(pairs=pairs, threshold=threshold, prior=round(prior, 6), candidates=len(rows))


def _check_routes(routes: RouteTexts | None, src: int, tgt: int) -> None:
    if routes is None:
        return
    sides = (("second_mt", routes.second_mt, src, "src"), ("back", routes.back, tgt, "tgt"))
    for name, texts, count, side in sides:
        if len(texts) != count:
            raise AlignmentError(f"routes.{name} has {len(texts)} sentences, {side} has {count}; must be 1:1")


def _combiner_kind(lexicon: bool, routes: bool) -> CombinerKind:
    if not lexicon:
        return "sentences_plain"
    return "sentences_routes" if routes else "sentences"


def _probabilities(combiner: Combiner, logits: FloatArray, adapt: bool) -> tuple[FloatArray, float]:
    """Posteriors, adapted to this input's share of true pairs unless ``adapt`` is off."""
    raw = sigmoid(logits)
    if not adapt:
        return raw, combiner.prior
    adapted, prior = adapt_to_prior(raw, combiner.prior)
    return np.clip(adapted, 0.0, 1.0), prior

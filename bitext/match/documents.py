"""Find which English items translate which French items (pure: texts in, matches out).

Each item is counted once per sentence (:mod:`bitext.match.signals`); item vectors are
the sums of their sentences'. Candidates come from each item's nearest items on the
other side, both ways. Besides the item-level signals of mining (cosines, margins,
leads, ranks, length, names, numbers), a candidate pair gets three sentence-level
signals that tell a translation from another article on the same story: how well each
French sentence finds a counterpart in the English item, the same the other way, and
the share of sentences that are each other's best counterpart. A shipped logistic
combination turns the signals into a probability, adapted to the collection's own
share of true pairs (:mod:`bitext.match.combine`); competitive linking keeps the
matches one-to-one, with the sentence aligner as arbiter between rival versions
(:mod:`bitext.match.linking`).

Near-duplicate items of one language (two versions of one English text) form a group:
a pair's competitors never include its partner's near-copies, so the copies do not
cancel each other out, and linking gives the item to the better copy only.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from bitext.match.candidates import Candidates, find_candidates
from bitext.match.combine import Combiner, adapt_to_prior, load_combiner, sigmoid
from bitext.match.counting import Counts
from bitext.match.evidence import EVIDENCE_SIGNALS, sentence_evidence
from bitext.match.itemcounts import ItemCounter
from bitext.match.linking import ItemTexts, TextLoader, link
from bitext.match.params import MatchParams
from bitext.match.signals import COMMON_SIGNALS, as_matrix, build_views, pair_signals
from bitext.match.sparse import CsrMatrix, FloatArray, IntArray
from bitext.match.vectors import nearest, pair_cosines, prune, stack, weigh
from bitext.models import DocumentMatch, MatchResult, MatchText, UnmatchedItem

DOCUMENT_SIGNALS = (*COMMON_SIGNALS, *EVIDENCE_SIGNALS)
ACCEPT = 0.5
# Items share enough rare words and word pairs to be found without character n-grams,
# which would make the search slower as collections grow (sentences need them: mining).
SEARCH_SPACES = ("words", "pairs")
_DUPLICATE_NEIGHBOURS = 5
_DUPLICATE_SEARCH_DF = 10


def document_signals(
    french: Sequence[MatchText], english: Sequence[MatchText], params: MatchParams
) -> tuple[Candidates, FloatArray, tuple[IntArray, IntArray]]:
    """Candidate item pairs, their signals (:data:`DOCUMENT_SIGNALS` order) and near-copy groups.

    Shared by :func:`match_documents` and the fit in ``bench/match_fit.py``.
    """
    return counted_signals(_counted(french, english, params.char_size), params)


def counted_signals(
    items: ItemCounter, params: MatchParams
) -> tuple[Candidates, FloatArray, tuple[IntArray, IntArray]]:
    """:func:`document_signals` of items already counted."""
    counts = items.sentences.counts()
    views = build_views(
        counts,
        (items.units(0), len(items.french)),
        (items.units(1), len(items.english)),
        search_df=params.search_df,
        search_spaces=SEARCH_SPACES,
        search_terms=params.search_terms,
    )
    words = views.spaces["words"]
    groups = (
        near_duplicate_groups(views.search[0], words[0], params.duplicate_similarity),
        near_duplicate_groups(views.search[1], words[1], params.duplicate_similarity),
    )
    found = find_candidates(views.search, params.neighbours)
    competitors = (params.margin_k, params.background_similarity)
    candidates, signals = pair_signals(views, found, competitors, *groups)
    sentences = sentence_vectors(counts)
    signals.update(sentence_evidence(sentences, items.starts(0), items.starts(1), candidates))
    return candidates, as_matrix(signals, DOCUMENT_SIGNALS), groups


def _counted(french: Sequence[MatchText], english: Sequence[MatchText], char_size: int) -> ItemCounter:
    items = ItemCounter(char_size)
    items.add_french(french)
    items.add_english(english)
    return items


def sentence_vectors(counts: Counts) -> tuple[CsrMatrix, CsrMatrix]:
    """Both sides' sentences in the stacked space of :func:`~bitext.match.signals.build_views`.

    Only that space is made: sentence evidence needs nothing else, and the search
    space and name/number sets of every sentence would cost time for nothing.
    """
    spaces = [weigh(*pair) for pair in counts.spaces.values()]
    weight = 1.0 / len(spaces)
    return stack([(left, weight) for left, _ in spaces]), stack([(right, weight) for _, right in spaces])


def near_duplicate_groups(search: CsrMatrix, full: CsrMatrix, similarity: float) -> IntArray:
    """Group id (the smallest member's index) of every row; rows at ``similarity`` or more share one.

    Neighbours are found among the rarest terms of ``search`` (near-copies share even
    those) and compared in ``full``, so this costs less than the candidate search.
    """
    n = full.shape[0]
    parent = np.arange(n, dtype=np.int64)
    if n < 2:
        return parent
    k = min(_DUPLICATE_NEIGHBOURS, n)
    rows = np.repeat(np.arange(n, dtype=np.int64), k)
    rare = prune(search, _DUPLICATE_SEARCH_DF)
    cols = nearest(rare, rare, k).index.ravel()
    keep = (cols >= 0) & (cols != rows)
    rows, cols = rows[keep], cols[keep]
    close = pair_cosines(full, full, rows, cols) >= similarity

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = int(parent[i])
        return i

    for i, j in zip(rows[close].tolist(), cols[close].tolist(), strict=True):
        a, b = root(i), root(j)
        if a != b:
            parent[max(a, b)] = min(a, b)
    return np.array([root(i) for i in range(n)], dtype=np.int64)


def match_documents(
    french: Sequence[MatchText],
    english: Sequence[MatchText],
    *,
    params: MatchParams | None = None,
    combiner: Combiner | None = None,
) -> MatchResult:
    """One-to-one matches between French items and the English items that translate them.

    Args:
        french: French items with their machine translation.
        english: English items.
        params: Settings; the defaults when ``None``.
        combiner: Signal weights; the shipped document weights when ``None``.

    Returns:
        The matches (best first), every item left without a partner with its best
        candidate and why, the near-duplicate groups, the threshold and the share of
        true pairs estimated on this collection.

    Raises:
        InputError: A French item without its translation.
        ModelError: The shipped weights cannot be loaded.
    """
    params = params or MatchParams()
    items = ItemCounter(params.char_size)
    if french and english:
        items.add_french(french)
        items.add_english(english)
    else:  # nothing to match, and French items alone need no machine translation
        items.french, items.english = [item.id for item in french], [item.id for item in english]

    def texts(rows: Sequence[int], cols: Sequence[int]) -> ItemTexts:
        return {i: french[i] for i in rows}, {j: english[j] for j in cols}

    return match_counted(items, texts, params=params, combiner=combiner)


def match_counted(
    items: ItemCounter,
    texts: TextLoader,
    *,
    params: MatchParams | None = None,
    combiner: Combiner | None = None,
) -> MatchResult:
    """:func:`match_documents` of items already counted (a run's first pass counts as it reads).

    Args:
        items: The counted items.
        texts: Gives the French (with their MT) and English items of the given indices
            again: the aligner arbitrates between rival candidates with their text
            (:mod:`bitext.match.linking`); called once at most, for a handful of items.
        params: Settings; the defaults when ``None``.
        combiner: Signal weights; the shipped document weights when ``None``.
    """
    params = params or MatchParams()
    combiner = combiner or load_combiner("documents")
    french, english = items.french, items.english
    threshold = ACCEPT if params.threshold is None else params.threshold
    if not french or not english:
        return MatchResult(
            unmatched=_unmatched(french, "fr") + _unmatched(english, "en"),
            threshold=threshold,
            prior=combiner.prior,
        )
    candidates, signals, groups = counted_signals(items, params)
    logits = combiner.logits(signals)
    raw = sigmoid(logits)
    probability, prior = adapt_to_prior(raw, combiner.prior) if params.adapt_prior else (raw, combiner.prior)
    accept = (probability >= threshold) & (candidates.similarity >= params.min_similarity)
    accepted = link(texts, candidates.rows, candidates.cols, logits, accept)
    matches = tuple(
        DocumentMatch(
            fr=french[int(candidates.rows[i])],
            en=english[int(candidates.cols[i])],
            score=round(float(np.clip(probability[i], 0.0, 1.0)), 4),
        )
        for i in accepted
    )
    return MatchResult(
        matches=matches,
        unmatched=_explain(french, english, candidates, probability, accepted, accept),
        near_duplicates=_group_ids(french, groups[0]) + _group_ids(english, groups[1]),
        threshold=threshold,
        prior=round(prior, 6),
        candidates=len(candidates.rows),
    )


def _unmatched(ids: Sequence[str], lang: str) -> tuple[UnmatchedItem, ...]:
    return tuple(UnmatchedItem(id=item_id, lang=lang, reason="no_candidate") for item_id in ids)


def _explain(
    french: Sequence[str],
    english: Sequence[str],
    candidates: Candidates,
    probability: FloatArray,
    accepted: IntArray,
    accept: NDArray[np.bool_],
) -> tuple[UnmatchedItem, ...]:
    """Each item without a partner: its most probable candidate and why it was not taken."""
    out: list[UnmatchedItem] = []
    sides = (
        (french, english, candidates.rows, candidates.cols, "fr"),
        (english, french, candidates.cols, candidates.rows, "en"),
    )
    for items, others, own, partner, lang in sides:
        matched = set(own[accepted].tolist())
        best: dict[int, int] = {}
        for i in np.argsort(probability, kind="stable").tolist():
            best[int(own[i])] = i
        for index, item_id in enumerate(items):
            if index in matched:
                continue
            if index not in best:
                out.append(UnmatchedItem(id=item_id, lang=lang, reason="no_candidate"))
                continue
            i = best[index]
            score = round(float(np.clip(probability[i], 0.0, 1.0)), 4)
            reason = "partner_taken" if accept[i] else "below_threshold"
            out.append(
                UnmatchedItem(id=item_id, lang=lang, best=others[int(partner[i])], score=score, reason=reason)
            )
    return tuple(out)


def _group_ids(ids: Sequence[str], groups: IntArray) -> tuple[tuple[str, ...], ...]:
    members: dict[int, list[str]] = {}
    for item_id, group in zip(ids, groups.tolist(), strict=True):
        members.setdefault(group, []).append(item_id)
    return tuple(tuple(ids) for ids in members.values() if len(ids) > 1)

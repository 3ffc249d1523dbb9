"""One-to-one links between items, with the aligner as arbiter where an item has rivals.

Pairs are linked best first by log-odds. When an item has two or more candidates above
the threshold (two versions of one English text, a shortened copy, two French
versions of one story), probabilities alone say little: every rival is a translation
of sorts. There the sentence aligner (:func:`bitext.align.align_sentences`, the
French machine translation as the bridge) aligns each rival pair, and the pair whose
alignment covers more sentences of both items wins: the complete version beats the
shortened or edited one. Such contests are rare, so the aligner runs on a handful of
pairs, never on every candidate.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np
from numpy.typing import NDArray

from bitext.match.candidates import one_to_one
from bitext.match.sparse import FloatArray, IntArray
from bitext.models import MatchText

_MIN_BEAD_SCORE = 0.1
_SHARE_WEIGHT = 0.9


ItemTexts = tuple[Mapping[int, MatchText], Mapping[int, MatchText]]
"""French items (with their MT) and English items, by index."""
TextLoader = Callable[[Sequence[int], Sequence[int]], ItemTexts]
"""Gives the French and the English items of the given indices (see :func:`link`)."""


def link(
    texts: TextLoader,
    rows: IntArray,
    cols: IntArray,
    logits: FloatArray,
    accept: NDArray[np.bool_],
) -> IntArray:
    """Indices of the linked candidate pairs (see the module docstring), in link order.

    ``texts`` is asked once, for the items of every contest together (and not at all
    without one): the caller may have to read them again.
    """
    rank = logits.copy()
    contests = _contests(rows, cols, accept)
    if not contests:
        return one_to_one(rows, cols, rank, accept)
    members = np.concatenate(contests)
    french, english = texts(sorted(set(rows[members].tolist())), sorted(set(cols[members].tolist())))
    shares: dict[tuple[tuple[str, ...] | None, ...], float] = {}

    def share(i: int) -> float:
        """The pair's aligned share, computed once per distinct pair of texts: republished
        copies make many rival pairs of the same two texts (64,272 rivals, 780 distinct, in
        ``bench/run_scale.py``'s 10,000 items)."""
        source, target = french[int(rows[i])], english[int(cols[i])]
        key = (source.sentences, source.translation, target.sentences)
        if key not in shares:
            shares[key] = aligned_share(source, target)
        return shares[key]

    for component in contests:
        rank[component] = float(logits[component].max()) + np.array([share(int(i)) for i in component])
    return one_to_one(rows, cols, rank, accept)


def _contests(rows: IntArray, cols: IntArray, accept: NDArray[np.bool_]) -> list[IntArray]:
    """Groups of accepted pairs joined by an item with more than one accepted candidate."""
    chosen = np.flatnonzero(accept)
    crowded_left = {
        int(r) for r, n in zip(*np.unique(rows[chosen], return_counts=True), strict=True) if n > 1
    }
    crowded_right = {
        int(c) for c, n in zip(*np.unique(cols[chosen], return_counts=True), strict=True) if n > 1
    }
    contested = [int(i) for i in chosen if int(rows[i]) in crowded_left or int(cols[i]) in crowded_right]
    parent = {i: i for i in contested}

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    first_by_item: dict[tuple[str, int], int] = {}
    for i in contested:
        for key in (("fr", int(rows[i])), ("en", int(cols[i]))):
            other = first_by_item.setdefault(key, i)
            parent[root(i)] = root(other)
    components: dict[int, list[int]] = {}
    for i in contested:
        components.setdefault(root(i), []).append(i)
    return [np.array(members, dtype=np.int64) for members in components.values()]


def aligned_share(french: MatchText, english: MatchText) -> float:
    """How much of both items the aligner pairs, in [0, 1): mostly the share of sentences
    in pairing beads (score at least 0.1), a little their mean score (to break ties)."""
    from bitext.align import align_sentences

    beads = align_sentences(french.sentences, english.sentences, src_mt=french.translation)
    paired = [bead for bead in beads if bead.src and bead.tgt and bead.score >= _MIN_BEAD_SCORE]
    total = len(french.sentences) + len(english.sentences)
    if not paired or total == 0:
        return 0.0
    share = sum(len(bead.src) + len(bead.tgt) for bead in paired) / total
    mean_score = sum(bead.score for bead in paired) / len(paired)
    return _SHARE_WEIGHT * share + (1.0 - _SHARE_WEIGHT) * min(mean_score, 0.999)

"""Strict and lax precision/recall/F1 of an alignment against gold beads.

The definitions are those of vecalign's and Bleualign's scorers. A *strict* hit is a
test bead equal to a gold bead; a *lax* hit shares at least one source–target sentence
link with gold. Precision runs over every test bead, so a wrong deletion costs
precision; recall runs over the gold beads that align something (deletions are not
recalled). Beads with an empty side are compared as single-sentence deletions or
insertions, so a gold ``[]:[4, 5]`` matches test ``[]:[4]`` and ``[]:[5]``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from bitext.models import AlignScores, Bead, PrecisionRecall

BeadKey = tuple[tuple[int, ...], tuple[int, ...]]


def evaluate(gold: Sequence[Bead], test: Sequence[Bead]) -> AlignScores:
    """Score one test alignment against its gold alignment."""
    return evaluate_many([(gold, test)])


def evaluate_many(pairs: Iterable[tuple[Sequence[Bead], Sequence[Bead]]]) -> AlignScores:
    """Pool the counts of several documents (gold, test) into one score, as corpora are scored."""
    counts = [0] * 6
    gold_beads = test_beads = 0
    for gold, test in pairs:
        gold_keys, test_keys = _keys(gold), _keys(test)
        gold_beads += len(gold_keys)
        test_beads += len(test_keys)
        precision = _hits(reference=gold_keys, candidates=test_keys)
        recall = _hits(reference=_aligned(test_keys), candidates=_aligned(gold_keys))
        for k, value in enumerate(precision + recall):
            counts[k] += value
    p_strict, p_lax, p_total, r_strict, r_lax, r_total = counts
    return AlignScores(
        strict=_score(p_strict, p_total, r_strict, r_total),
        lax=_score(p_lax, p_total, r_lax, r_total),
        gold_beads=gold_beads,
        test_beads=test_beads,
    )


def _keys(beads: Sequence[Bead]) -> set[BeadKey]:
    keys: set[BeadKey] = set()
    for bead in beads:
        if bead.src and bead.tgt:
            keys.add((bead.src, bead.tgt))
        else:
            keys.update(((s,), ()) for s in bead.src)
            keys.update(((), (t,)) for t in bead.tgt)
    return keys


def _aligned(keys: set[BeadKey]) -> set[BeadKey]:
    return {key for key in keys if key[0] and key[1]}


def _hits(reference: set[BeadKey], candidates: set[BeadKey]) -> tuple[int, int, int]:
    """(strict hits, lax hits, number of candidates) of ``candidates`` against ``reference``."""
    links: dict[int, set[int]] = defaultdict(set)
    for src, tgt in reference:
        for s in src:
            links[s].update(tgt)
    strict = lax = 0
    for src, tgt in candidates:
        if (src, tgt) in reference:
            strict += 1
            lax += 1
        elif tgt and any(links[s].intersection(tgt) for s in src):
            lax += 1
    return strict, lax, len(candidates)


def _score(p_hits: int, p_total: int, r_hits: int, r_total: int) -> PrecisionRecall:
    precision = p_hits / p_total if p_total else 0.0
    recall = r_hits / r_total if r_total else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PrecisionRecall(
        precision=precision,
        recall=recall,
        f1=f1,
        precision_hits=p_hits,
        precision_total=p_total,
        recall_hits=r_hits,
        recall_total=r_total,
    )

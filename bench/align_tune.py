"""Tune the aligner's weights and bead penalties on the French→English dev books.

Coordinate search: each parameter in turn is moved up or down while the pooled
objective (strict F1 + lax F1) improves. Features are computed once per book, so a
round costs only the dynamic programming. ``--leave-one-out`` tunes on three books and
scores the fourth, four times, to show the tuned values carry over to unseen books.

Needs the Apertium translations of the books; ``bench/align_quality.py`` makes them
(through ``bitext.translate``, cached in ``bench/_work/``).

Usage: ``python bench/align_tune.py [--rounds 3] [--leave-one-out]``
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from align_quality import BOOKS, load_books

from bitext.align import AlignParams, evaluate_many
from bitext.align.aligner import align_features
from bitext.align.scoring import Features, extract_features
from bitext.models import Bead

STEPS: dict[str, tuple[float, ...]] = {
    "sim_weight": (0.8, 1.25),
    "sim_offset": (0.6, 1.5),
    "sim_beta": (0.7, 1.4),
    "length_weight": (0.6, 1.6),
    "anchor_weight": (0.5, 2.0),
    "skip_penalty": (0.7, 1.4),
    "skip_sim_weight": (0.5, 2.0),
    "coverage_weight": (0.6, 1.6),
    "unsupported_weight": (0.6, 1.6),
    "merge_penalty": (0.7, 1.4),
    "extra_merge_penalty": (0.6, 1.6),
    "many_to_many_penalty": (0.6, 1.6),
    "size_exponent": (0.8, 1.2),
}


def objective(
    params: AlignParams, books: Sequence[tuple[Features, list[Bead]]]
) -> tuple[float, float, float]:
    """(objective, pooled strict F1, pooled lax F1).

    The objective adds the per-book mean to the pooled strict and lax F1 so that Candide,
    more than half of the pooled beads, cannot buy its gains with the smaller books.
    """
    pairs = [(gold, align_features(features, params)) for features, gold in books]
    pooled = evaluate_many(pairs)
    per_book = [evaluate_many([pair]) for pair in pairs]
    mean = sum(s.strict.f1 + s.lax.f1 for s in per_book) / len(per_book)
    return pooled.strict.f1 + pooled.lax.f1 + mean, pooled.strict.f1, pooled.lax.f1


def tune(
    params: AlignParams, books: Sequence[tuple[Features, list[Bead]]], rounds: int, verbose: bool
) -> AlignParams:
    """Coordinate search from ``params``; returns the best parameters found."""
    best, strict, lax = objective(params, books)
    for round_number in range(rounds):
        improved = False
        for name, factors in STEPS.items():
            for factor in factors:
                value = getattr(params, name) * factor
                try:
                    candidate = params.model_copy(update={name: value})
                    AlignParams.model_validate(candidate.model_dump())
                except ValueError:
                    continue
                score, c_strict, c_lax = objective(candidate, books)
                if score > best + 1e-6:
                    best, strict, lax, params, improved = score, c_strict, c_lax, candidate, True
                    if verbose:
                        print(f"  round {round_number}: {name}={value:.4g} strict {strict:.3f} lax {lax:.3f}")
                    break
        if not improved:
            break
    return params


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--leave-one-out", action="store_true")
    args = parser.parse_args()
    start = AlignParams()
    data = load_books()
    featured = {
        name: (extract_features(book.src, book.src_mt, book.tgt, start), book.gold)
        for name, book in data.items()
    }
    if args.leave_one_out:
        held_out_pairs = []
        for held_out in BOOKS:
            train = [featured[name] for name in BOOKS if name != held_out]
            tuned = tune(start, train, args.rounds, verbose=False)
            features, gold = featured[held_out]
            held_out_pairs.append((gold, align_features(features, tuned)))
            _, strict, lax = objective(tuned, [featured[held_out]])
            _, strict_default, lax_default = objective(start, [featured[held_out]])
            print(
                f"held out {held_out:24s} tuned-on-others strict {strict:.3f} lax {lax:.3f}"
                f"  (defaults: {strict_default:.3f} / {lax_default:.3f})"
            )
        pooled = evaluate_many(held_out_pairs)
        print(f"pooled over held-out books: strict {pooled.strict.f1:.3f} lax {pooled.lax.f1:.3f}")
        return
    tuned = tune(start, list(featured.values()), args.rounds, verbose=True)
    changed = {k: round(v, 4) for k, v in tuned.model_dump().items() if v != getattr(start, k)}
    print(f"tuned: {changed}")


if __name__ == "__main__":
    main()

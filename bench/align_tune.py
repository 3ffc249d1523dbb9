"""Tune the aligner's weights and bead penalties on the French→English dev books.

Coordinate search: each parameter in turn is moved up or down while the pooled
objective (strict F1 + lax F1) improves. Features are computed once per book, so a
round costs only the dynamic programming. ``--leave-one-out`` tunes on three books and
scores the fourth, four times. Each fold starts from NEUTRAL parameters (round values
chosen without looking at any book), not from the shipped defaults, which were fit on
all four books and so have already seen the held-out one; the pooled held-out score is
the honest estimate for unseen text. The shipped defaults' score on the same books is
printed beside it, marked as not held out. Last line (``--leave-one-out``):
``heldout_strict_f1=… heldout_lax_f1=… defaults_strict_f1=… defaults_lax_f1=…``.

Needs the Apertium translations of the books; ``bench/align_quality.py`` makes them
(through ``bitext.translate``, cached in ``bench/_work/``).

Usage: ``python bench/align_tune.py [--rounds 3] [--leave-one-out [--quick]]``
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from align_quality import BOOKS, Book, load_books

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


NEUTRAL: dict[str, float] = {
    "sim_weight": 1.0,
    "sim_offset": 0.1,
    "sim_beta": 1.0,
    "length_weight": 1.0,
    "anchor_weight": 1.0,
    "skip_penalty": -1.0,
    "skip_sim_weight": 1.0,
    "coverage_weight": 1.0,
    "merge_penalty": -1.0,
    "extra_merge_penalty": -1.0,
    "many_to_many_penalty": -1.0,
    "size_exponent": 1.0,
}
"""A start that encodes nothing learnt from the books: unit weights and penalties."""


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


def leave_one_out(data: dict[str, Book], rounds: int) -> None:
    """Tune from neutral parameters on three books, score the fourth; pool the held-out beads."""
    neutral = AlignParams(**NEUTRAL)
    defaults = AlignParams()
    featured = {
        name: (extract_features(book.src, book.src_mt, book.tgt, neutral), book.gold)
        for name, book in data.items()
    }
    held_out_pairs, default_pairs = [], []
    for held_out in BOOKS:
        train = [featured[name] for name in BOOKS if name != held_out]
        tuned = tune(neutral, train, rounds, verbose=False)
        features, gold = featured[held_out]
        held_out_pairs.append((gold, align_features(features, tuned)))
        default_pairs.append((gold, align_features(features, defaults)))
        held = evaluate_many([held_out_pairs[-1]])
        seen = evaluate_many([default_pairs[-1]])
        print(
            f"held out {held_out:24s} tuned from neutral on the others: strict {held.strict.f1:.3f} "
            f"lax {held.lax.f1:.3f}  (shipped defaults, fit on all four, not held out: "
            f"{seen.strict.f1:.3f} / {seen.lax.f1:.3f})"
        )
    pooled, shipped = evaluate_many(held_out_pairs), evaluate_many(default_pairs)
    print(f"pooled over held-out books: strict {pooled.strict.f1:.3f} lax {pooled.lax.f1:.3f}")
    print(
        f"heldout_strict_f1={pooled.strict.f1:.3f} heldout_lax_f1={pooled.lax.f1:.3f} "
        f"defaults_strict_f1={shipped.strict.f1:.3f} defaults_lax_f1={shipped.lax.f1:.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, help="search rounds (default 3; 12 with --leave-one-out)")
    parser.add_argument("--leave-one-out", action="store_true")
    parser.add_argument("--quick", action="store_true", help="with --leave-one-out: 3 rounds per fold")
    args = parser.parse_args()
    data = load_books()
    if args.leave_one_out:
        leave_one_out(data, args.rounds or (3 if args.quick else 12))
        return
    start = AlignParams()
    featured = {
        name: (extract_features(book.src, book.src_mt, book.tgt, start), book.gold)
        for name, book in data.items()
    }
    tuned = tune(start, list(featured.values()), args.rounds or 3, verbose=True)
    changed = {k: round(v, 4) for k, v in tuned.model_dump().items() if v != getattr(start, k)}
    print(f"tuned: {changed}")


if __name__ == "__main__":
    main()

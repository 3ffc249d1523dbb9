"""How often the aligner recovers random edits exactly (the self-alignment property, at scale).

The property test ``tests/test_align_core.py::test_self_alignment_recovers_deletions_merges_
and_insertions`` checks a few dozen random documents per run; this script checks thousands
with the same generators (random-word documents, then deletions, merges, splits and
insertions with their gold beads) and counts the documents whose alignment is not exactly
the gold, with the wrong beads of the first few. A failure where an inserted sentence was
absorbed into its neighbour's bead is counted on its own (``absorbed``).

Last line: ``trials=N failures=F failure_rate=R absorbed=A``.
Usage: ``python bench/align_edits.py [--trials 3000] [--seed 0] [--quick]`` (``--quick``: 300).
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from test_align_core import _document, _edited

from bitext.align import align_sentences

Pairs = list[tuple[tuple[int, ...], tuple[int, ...]]]


def wrong_beads(seed: int, n: int) -> tuple[Pairs, Pairs]:
    """(beads found but not in gold, gold beads not found) for one random document."""
    doc = _document(seed, n)
    target, gold = _edited(doc, seed)
    found = [(b.src, b.tgt) for b in align_sentences(doc, target, src_mt=doc)]
    wanted = [(b.src, b.tgt) for b in gold]
    return [b for b in found if b not in wanted], [b for b in wanted if b not in found]


def absorbed(extra: Pairs, missed: Pairs) -> bool:
    """An inserted (0-1) gold bead whose sentence ended up inside a larger found bead."""
    inserted = {tgt[0] for src, tgt in missed if not src}
    return any(src and len(src) + len(tgt) > 2 and inserted & set(tgt) for src, tgt in extra)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=0, help="seed of the (seed, n) draws")
    parser.add_argument("--quick", action="store_true", help="300 trials")
    parser.add_argument("--show", type=int, default=10, help="print the first SHOW failures")
    args = parser.parse_args()
    trials = 300 if args.quick else args.trials
    rng = random.Random(args.seed)
    failures = absorptions = 0
    for _ in range(trials):
        # The ranges of the property test's strategies.
        seed, n = rng.randint(0, 10_000), rng.randint(12, 150)
        extra, missed = wrong_beads(seed, n)
        if not extra and not missed:
            continue
        failures += 1
        absorptions += absorbed(extra, missed)
        if failures <= args.show:
            print(f"seed={seed} n={n}: found {extra} instead of {missed}", file=sys.stderr)
    print(f"trials={trials} failures={failures} failure_rate={failures / trials:.4f} absorbed={absorptions}")


if __name__ == "__main__":
    main()

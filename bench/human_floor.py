"""The score floor of human pairs in ``bitext run``: true sentence pairs kept, unrelated ones rejected.

A run aligns each matched French item with its English version. The matcher also pairs
a French story with an English one that tells it more loosely, and there the aligner
pairs unrelated sentences 1-1 with a score near 0; ``HUMAN_MIN_SCORE`` in
``bitext/run/matching.py`` rejects those. This measures, for several floors, the share of
true 1-1 beads kept and of unrelated 1-1 beads kept, on pseudo-articles of consecutive
news lines (``../shared/news-dev``): each article aligned once with its English and once
with a loose English version in which half the sentences (at random) come from another
story. The floor was chosen on newstest2009/2010; report it on 2011/2012.

Last line: ``human_floor=F true_kept=T unrelated_kept=U`` (on the test years, at the shipped floor).
Usage: ``python bench/human_floor.py [--quick]`` (``--quick``: 600 lines a year instead of 3,000).
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np
from newsdev import TEST_YEARS, TUNE_YEARS, load_news

from bitext.align import align_sentences
from bitext.run.matching import HUMAN_MIN_SCORE

ARTICLE = 12
FLOORS = (0.05, 0.1, 0.15, 0.2)


def bead_scores(years: tuple[int, ...], lines: int, seed: int) -> tuple[list[float], list[float]]:
    """Scores of true 1-1 beads and of 1-1 beads pairing unrelated sentences."""
    news = load_news(years)
    rng = random.Random(seed)
    true: list[float] = []
    unrelated: list[float] = []
    usable = min(lines, len(news.fr)) - ARTICLE
    for start in range(0, usable, ARTICLE):
        fr, en, mt = (side[start : start + ARTICLE] for side in (news.fr, news.en, news.mt))
        true += [b.score for b in align_sentences(fr, en, src_mt=mt) if b.type == "1-1"]
        other = rng.randrange(0, len(news.en) - ARTICLE)
        kept = set(rng.sample(range(ARTICLE), ARTICLE // 2))
        loose = [en[i] if i in kept else news.en[other + i] for i in range(ARTICLE)]
        for bead in align_sentences(fr, loose, src_mt=mt):
            if bead.type != "1-1":
                continue
            same = bead.src[0] == bead.tgt[0] and bead.src[0] in kept
            (true if same else unrelated).append(bead.score)
    return true, unrelated


def report(name: str, true: list[float], unrelated: list[float]) -> tuple[float, float]:
    """Print the share kept at each floor; return the shares at the shipped floor."""
    scores_true, scores_unrelated = np.array(true), np.array(unrelated)
    print(f"{name}: {len(true)} true and {len(unrelated)} unrelated 1-1 beads")
    for floor in sorted({*FLOORS, HUMAN_MIN_SCORE}):
        kept_true = float(np.mean(scores_true >= floor))
        kept_unrelated = float(np.mean(scores_unrelated >= floor)) if len(unrelated) else 0.0
        mark = "  <- shipped" if floor == HUMAN_MIN_SCORE else ""
        print(f"  floor {floor:.2f}: true kept {kept_true:.3f}, unrelated kept {kept_unrelated:.3f}{mark}")
    shipped_true = float(np.mean(scores_true >= HUMAN_MIN_SCORE))
    shipped_unrelated = float(np.mean(scores_unrelated >= HUMAN_MIN_SCORE)) if len(unrelated) else 0.0
    return shipped_true, shipped_unrelated


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="600 lines a year instead of 3,000")
    lines = 600 if parser.parse_args().quick else 3000
    report("tune (newstest2009/2010)", *bead_scores(TUNE_YEARS, 2 * lines, seed=1))
    test = bead_scores(TEST_YEARS, 2 * lines, seed=2)
    kept_true, kept_unrelated = report("test (newstest2011/2012)", *test)
    print(f"human_floor={HUMAN_MIN_SCORE} true_kept={kept_true:.4f} unrelated_kept={kept_unrelated:.4f}")


if __name__ == "__main__":
    main()

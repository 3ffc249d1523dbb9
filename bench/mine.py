"""Sentence mining: true pairs hidden among twice as many unpaired sentences on each side.

From newstest2011/2012 (never used for fitting or tuning): ``P`` line pairs, plus
``2P`` French lines whose English is left out and ``2P`` English lines whose French
is left out, all different lines of the same years (so many distractors come from the
same stories), each side shuffled. ``bitext.match.mine_pairs`` mines them at the
threshold it calibrates itself; the baseline in the same run is plain TF-IDF cosine
between the Apertium English and the English lines, greedy one-to-one, at its best
threshold picked on gold. A second set with four times as many unpaired lines shows
how the calibrated threshold follows a lower share of true pairs. Lines with a
near-copy in the sets are left out (see ``bench/newsdev.py``).

Sentences per second count both sides' sentences over the mining time (MT excluded,
reported apart; it is cached after the first run).

Last line: ``mine_f1=F sent_per_s=N``.
Usage: ``python bench/mine.py [--quick]`` (``--quick``: 300 pairs instead of 1,000).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np
from newsdev import (
    TEST_YEARS,
    TUNE_YEARS,
    MiningSample,
    NewsLines,
    best_threshold,
    greedy_links,
    load_news,
    mining_sample,
    prf,
)

from bitext.match.mining import mine_pairs
from bitext.match.tokens import lexical
from bitext.match.vectors import tfidf_pair


def run_tool(news: NewsLines, sample: MiningSample) -> tuple[float, float, float, float, float, float]:
    """Precision, recall, F1, wall and CPU seconds, the estimated share of true candidates."""
    src = [news.fr[i] for i in sample.src_lines]
    src_mt = [news.mt[i] for i in sample.src_lines]
    tgt = [news.en[i] for i in sample.tgt_lines]
    started, cpu_started = time.perf_counter(), time.process_time()
    result = mine_pairs(src, tgt, src_mt=src_mt)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    found = {(pair.src, pair.tgt) for pair in result.pairs}
    return (*prf(found, set(sample.gold.items())), seconds, cpu, result.prior)


def run_baseline(news: NewsLines, sample: MiningSample) -> tuple[float, float, float, float]:
    """Plain cosine, greedy one-to-one, the threshold picked on gold: F1, P, R, threshold."""
    left, right = tfidf_pair(
        [lexical(news.mt[i], "") for i in sample.src_lines],
        [lexical(news.en[i], "") for i in sample.tgt_lines],
    )
    product = (left @ right.T).toarray()
    rows, cols = np.indices(product.shape)
    return best_threshold(greedy_links(product.ravel(), rows.ravel(), cols.ravel()), set(sample.gold.items()))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="300 pairs instead of 1,000")
    args = parser.parse_args()
    news = load_news(TEST_YEARS)
    scored, tuned = ("+".join(map(str, years)) for years in (TEST_YEARS, TUNE_YEARS))
    print(
        f"scored on newstest{scored}; the weights (bitext/match/weights.json) were fitted and the "
        f"threshold chosen on newstest{tuned} only"
    )
    print(f"MT of newstest{scored} (cached after the first run): {news.mt_seconds:.1f}s, not counted below")
    pairs = 300 if args.quick else 1000
    headline = (0.0, 0.0)
    for ratio in (2, 4):
        count = pairs if ratio == 2 else pairs // 2
        sample = mining_sample(news, count, ratio, seed=2011 + ratio)
        sentences = len(sample.src_lines) + len(sample.tgt_lines)
        p, r, f1, seconds, cpu, prior = run_tool(news, sample)
        bf1, bp, br, threshold = run_baseline(news, sample)
        print(
            f"{count} true pairs among {len(sample.src_lines)} French and {len(sample.tgt_lines)} English "
            f"lines ({ratio}x unpaired on each side)"
        )
        print(
            f"  bitext mine (own threshold)   P {p:.4f} R {r:.4f} F1 {f1:.4f}  ({seconds:.2f}s wall, "
            f"{cpu:.2f}s CPU, {sentences / seconds:.0f} sentences/s; estimated share of true candidates "
            f"{prior:.4f})"
        )
        print(f"  baseline cosine, best on gold P {bp:.4f} R {br:.4f} F1 {bf1:.4f} at {threshold:.3f}")
        if ratio == 2:
            headline = (f1, sentences / seconds)
    print(f"mine_f1={headline[0]:.4f} sent_per_s={headline[1]:.0f}")


if __name__ == "__main__":
    main()

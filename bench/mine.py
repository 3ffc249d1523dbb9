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

Sentences per second count both sides' sentences over the mining time (MT and the
Apertium dictionary look-ups excluded, reported apart: the MT is cached after the
first run) and, on a second line, with them included: the French side is translated
again without the cache and the dictionaries are looked up cold, both timed. The tool
runs once with the dictionary signals (:mod:`bitext.match.lexicon`, the default when
Apertium is installed) and once without (``MineParams(lexicon=False)``, the weights
fitted without them).

Last line: ``mine_f1=F sent_per_s=N``.
Usage: ``python bench/mine.py [--quick]`` (``--quick``: 300 pairs instead of 1,000).
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
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
from route_cache import routes_of, sample_routes

from bitext.match.lexicon import ApertiumLexicon, look_up
from bitext.match.mining import mine_pairs
from bitext.match.params import MineParams
from bitext.match.routes import CATALAN_MODES, REVERSE_MODES, ApertiumRoute
from bitext.match.tokens import lexical
from bitext.match.vectors import tfidf_pair


@dataclass(frozen=True)
class ToolRun:
    """One run of the tool on a sample: quality, timings (seconds), the estimated prior."""

    precision: float
    recall: float
    f1: float
    seconds: float
    cpu: float
    lookup_seconds: float
    prior: float


def run_tool(
    news: NewsLines, sample: MiningSample, *, lexicon: bool, routes: tuple[list[str], list[str]] | None
) -> ToolRun:
    """The tool at its own threshold, with or without the dictionaries (looked up cold, timed apart).

    ``routes``: the Catalan-route English and the back-translated French of every line
    (cached), or ``None`` to mine without them.
    """
    src = [news.fr[i] for i in sample.src_lines]
    src_mt = [news.mt[i] for i in sample.src_lines]
    tgt = [news.en[i] for i in sample.tgt_lines]
    route_texts = sample_routes(routes, sample.src_lines, sample.tgt_lines)
    dictionaries = ApertiumLexicon() if lexicon else None
    lookup = 0.0
    if dictionaries is not None:
        started = time.perf_counter()
        look_up(dictionaries, src, tgt)
        lookup = time.perf_counter() - started
    params = MineParams(lexicon=lexicon)
    started, cpu_started = time.perf_counter(), time.process_time()
    result = mine_pairs(src, tgt, src_mt=src_mt, params=params, lexicon=dictionaries, routes=route_texts)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    found = {(pair.src, pair.tgt) for pair in result.pairs}
    p, r, f1 = prf(found, set(sample.gold.items()))
    return ToolRun(p, r, f1, seconds, cpu, lookup, result.prior)


def mt_seconds(news: NewsLines, sample: MiningSample) -> float:
    """Apertium's time for the sample's French side, without the cache."""
    from bitext.translate import get_engine
    from bitext.translate.runner import translate_texts

    started = time.perf_counter()
    translate_texts(get_engine("apertium"), [news.fr[i] for i in sample.src_lines])
    return time.perf_counter() - started


def route_seconds(news: NewsLines, sample: MiningSample) -> float:
    """Both extra routes' time for the sample (French through Catalan, English back), without the cache."""
    started = time.perf_counter()
    ApertiumRoute(CATALAN_MODES).translate([news.fr[i] for i in sample.src_lines])
    ApertiumRoute(REVERSE_MODES).translate([news.en[i] for i in sample.tgt_lines])
    return time.perf_counter() - started


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
    routes = routes_of(news.fr, news.en)
    pairs = 300 if args.quick else 1000
    headline = (0.0, 0.0)
    for ratio in (2, 4):
        count = pairs if ratio == 2 else pairs // 2
        sample = mining_sample(news, count, ratio, seed=2011 + ratio)
        sentences = len(sample.src_lines) + len(sample.tgt_lines)
        print(
            f"{count} true pairs among {len(sample.src_lines)} French and {len(sample.tgt_lines)} English "
            f"lines ({ratio}x unpaired on each side)"
        )
        runs = (
            (True, routes, "defaults         "),
            (True, None, "no routes        "),
            (False, None, "no dictionaries  "),
        )
        for lexicon, chosen_routes, label in runs:
            run = run_tool(news, sample, lexicon=lexicon, routes=chosen_routes)
            print(
                f"  bitext mine, {label} P {run.precision:.4f} R {run.recall:.4f} F1 {run.f1:.4f}  "
                f"({run.seconds:.2f}s wall, {run.cpu:.2f}s CPU, {sentences / run.seconds:.0f} sentences/s, "
                f"{sentences / run.cpu:.0f} per CPU second, "
                f"dictionary look-ups {run.lookup_seconds:.2f}s apart; estimated share of true candidates "
                f"{run.prior:.4f})"
            )
            if chosen_routes is not None and ratio == 2:
                headline = (run.f1, sentences / run.seconds)
                mt = mt_seconds(news, sample)
                other = route_seconds(news, sample)
                total = mt + other + run.lookup_seconds + run.seconds
                print(
                    f"  with MT ({mt:.2f}s, uncached), the extra routes ({other:.2f}s, uncached) and the "
                    f"dictionary look-ups included: {sentences / total:.0f} sentences/s "
                    f"({sentences / (total - other):.0f} without the routes)"
                )
        bf1, bp, br, threshold = run_baseline(news, sample)
        print(f"  baseline cosine, best on gold P {bp:.4f} R {br:.4f} F1 {bf1:.4f} at {threshold:.3f}")
    print(f"mine_f1={headline[0]:.4f} sent_per_s={headline[1]:.0f}")


if __name__ == "__main__":
    main()

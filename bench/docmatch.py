"""Document matching: quality on unseen news with same-story distractors, speed and scaling.

Pseudo-articles are runs of consecutive lines of the WMT news test sets (consecutive
lines come from one story). Each run becomes, at random, a French and an English item
(a true pair, half of the runs), a French item alone or an English item alone, so the
unpaired items include the next lines of the same stories as paired ones: the
hardest distractors a matcher can meet. Items are shuffled (ids say nothing).

1. Quality on newstest2011/2012 (never used for fitting or tuning): precision, recall
   and F1 of ``bitext.match.match_documents`` at the threshold it picks itself, for
   1,000 items of five-line articles and for three- and eight-line ones. Baseline in
   the same run: plain TF-IDF cosine between the Apertium English of the French items
   and the English items, greedy one-to-one, at its best threshold picked on gold
   (and one step either side, to show how narrow that optimum is).
2. Speed and scaling: 1,000 and 10,000 items of two-line articles from all four years
   (the test years alone hold too few lines for 10,000 distinct items; these runs
   measure time, their F1 is shown for information only). The small size is the mean of
   ten samples from different starting stories (one window of stories is not a fair
   tenth of the large sample, see :func:`scaling`). Matching time excludes MT, which is
   reported apart (cached after the first run); each sample is timed twice and the best
   run kept, since the benchmark machine may be shared.

Last line: ``docmatch_f1=F items_per_s=N scaling_10x=R``.
Usage: ``python bench/docmatch.py [--quick]`` (``--quick``: 300 vs 3,000 items, fewer quality sets).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np
from newsdev import TEST_YEARS, TUNE_YEARS, NewsLines, best_threshold, f1_at, greedy_links, load_news, prf

from bitext.match.documents import match_documents
from bitext.match.tokens import lexical
from bitext.match.vectors import tfidf_pair
from bitext.models import MatchText

PAIRED_SHARE = 0.5


@dataclass(frozen=True)
class ArticleSample:
    """French and English items and the gold pairs (French index → English index)."""

    french: list[MatchText]
    english: list[MatchText]
    gold: dict[int, int]


def article_sample(
    news: NewsLines, length: int, items: int, seed: int, paired_share: float = PAIRED_SHARE
) -> ArticleSample:
    """``items`` items from consecutive ``length``-line runs, starting at a random run."""
    rng = random.Random(seed)
    lines = news.usable
    runs = [lines[i : i + length] for i in range(0, len(lines) - length + 1, length)]
    start = rng.randrange(len(runs))
    french: list[MatchText] = []
    english: list[MatchText] = []
    pairs: list[tuple[int, int]] = []
    for step in range(len(runs)):
        missing = items - len(french) - len(english)
        if missing <= 0:
            break
        run = runs[(start + step) % len(runs)]
        draw = rng.random()
        kind = "pair" if draw < paired_share and missing >= 2 else ("fr" if rng.random() < 0.5 else "en")
        if kind in ("pair", "fr"):
            french.append(_item(f"fr{step}", [news.fr[i] for i in run], [news.mt[i] for i in run]))
        if kind in ("pair", "en"):
            english.append(_item(f"en{step}", [news.en[i] for i in run], None))
        if kind == "pair":
            pairs.append((len(french) - 1, len(english) - 1))
    fr_order = list(range(len(french)))
    en_order = list(range(len(english)))
    rng.shuffle(fr_order)
    rng.shuffle(en_order)
    fr_pos = {old: new for new, old in enumerate(fr_order)}
    en_pos = {old: new for new, old in enumerate(en_order)}
    return ArticleSample(
        [french[i] for i in fr_order],
        [english[i] for i in en_order],
        {fr_pos[a]: en_pos[b] for a, b in pairs},
    )


def _item(name: str, sentences: list[str], translation: list[str] | None) -> MatchText:
    return MatchText(
        id=name, sentences=tuple(sentences), translation=None if translation is None else tuple(translation)
    )


def evaluate(sample: ArticleSample) -> tuple[float, float, float, float, float]:
    """Precision, recall, F1 of the tool at its own threshold, wall and CPU seconds."""
    started, cpu_started = time.perf_counter(), time.process_time()
    result = match_documents(sample.french, sample.english)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    fr_index = {item.id: i for i, item in enumerate(sample.french)}
    en_index = {item.id: i for i, item in enumerate(sample.english)}
    found = {(fr_index[m.fr], en_index[m.en]) for m in result.matches}
    return (*prf(found, set(sample.gold.items())), seconds, cpu)


def baseline(sample: ArticleSample) -> tuple[float, float, float, float, float, float]:
    """Plain cosine, greedy one-to-one: best F1 on gold, the threshold, and F1 a step either side."""
    left, right = tfidf_pair(
        [lexical(" ".join(item.translation or ()), "") for item in sample.french],
        [lexical(" ".join(item.sentences), "") for item in sample.english],
    )
    product = (left @ right.T).toarray()
    rows, cols = np.indices(product.shape)
    links = greedy_links(product.ravel(), rows.ravel(), cols.ravel())
    gold = set(sample.gold.items())
    f1, precision, recall, threshold = best_threshold(links, gold)
    step = 0.025
    return (
        f1,
        precision,
        recall,
        threshold,
        f1_at(links, gold, threshold - step),
        f1_at(links, gold, threshold + step),
    )


def quality(news: NewsLines, quick: bool) -> float:
    """Quality on the test years; returns the tool's F1 on the 1,000-item five-line set."""
    print("== quality: newstest2011+2012, never fitted or tuned on ==")
    headline = 0.0
    for length in (5,) if quick else (5, 3, 8):
        sample = article_sample(news, length, items=1000, seed=2011 + length)
        p, r, f1, seconds, _ = evaluate(sample)
        bf1, bp, br, threshold, lower, upper = baseline(sample)
        print(
            f"{length}-line articles, {len(sample.french)} fr + {len(sample.english)} en items, "
            f"{len(sample.gold)} true pairs"
        )
        print(f"  bitext match (own threshold)  P {p:.4f} R {r:.4f} F1 {f1:.4f}  ({seconds:.2f}s)")
        print(
            f"  baseline cosine, best on gold P {bp:.4f} R {br:.4f} F1 {bf1:.4f} at {threshold:.3f} "
            f"(F1 {lower:.4f} at -0.025, {upper:.4f} at +0.025)"
        )
        if length == 5:
            headline = f1
    return headline


SMALL_SAMPLES = 10
"""Small samples timed for the scaling ratio, each from its own random starting story."""


def scaling(quick: bool) -> tuple[float, float]:
    """Items per second on the large set and the large/small time ratio (MT excluded).

    A sample is a window of consecutive stories from a random start, and the large one
    spans nearly every usable line, so one small window is not a fair tenth of it (the
    first window of seed 7 has 11% shorter sentences than the whole). The small size is
    therefore timed on :data:`SMALL_SAMPLES` windows from different starts, and the
    ratio uses their mean: the same kind of text at both sizes.
    """
    small, large = (300, 3000) if quick else (1000, 10000)
    news = load_news(TUNE_YEARS + TEST_YEARS)
    print(f"== scaling: two-line articles from newstest2009-2012 ({len(news.usable)} usable lines) ==")
    print(f"MT (Apertium through bitext.translate, cached): {news.mt_seconds:.1f}s, not counted below")
    seeds = {small: range(7, 7 + SMALL_SAMPLES), large: range(7, 8)}
    samples = {
        items: [article_sample(news, 2, items=items, seed=seed, paired_share=0.9) for seed in seeds[items]]
        for items in (small, large)
    }
    times: dict[int, float] = {}
    cpu: dict[int, float] = {}
    for items, repeats in ((small, 2), (large, 2)):
        runs = [[evaluate(sample) for _ in range(repeats)] for sample in samples[items]]
        times[items] = statistics.mean(min(run[3] for run in tries) for tries in runs)
        cpu[items] = statistics.mean(min(run[4] for run in tries) for tries in runs)
        chars = statistics.mean(_characters(sample) for sample in samples[items])
        f1 = statistics.mean(tries[0][2] for tries in runs)
        print(
            f"  {items:6d} items: {times[items]:7.2f}s wall, {cpu[items]:7.2f}s CPU (best of {repeats}, "
            f"mean of {len(samples[items])} samples), {items / times[items]:7.1f} items/s, "
            f"{chars / items:.0f} characters an item, F1 {f1:.3f}"
        )
    ratio = times[large] / times[small]
    print(
        f"  time {large} / time {small} = {ratio:.2f} wall, {cpu[large] / cpu[small]:.2f} CPU "
        "(10x the items; linear would be 10; on a shared machine the CPU ratio is the steadier)"
    )
    return large / times[large], ratio


def _characters(sample: ArticleSample) -> int:
    items = (*sample.french, *sample.english)
    return sum(len(sentence) for item in items for sentence in item.sentences)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="smaller scaling run, one quality set")
    args = parser.parse_args()
    news = load_news(TEST_YEARS)
    print(f"MT of newstest2011+2012 (cached after the first run): {news.mt_seconds:.1f}s, not counted below")
    f1 = quality(news, args.quick)
    items_per_s, ratio = scaling(args.quick)
    print(f"docmatch_f1={f1:.4f} items_per_s={items_per_s:.1f} scaling_10x={ratio:.2f}")


if __name__ == "__main__":
    main()

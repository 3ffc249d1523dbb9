"""The WMT news test sets in ``shared/news-dev`` as benchmark material for matching and mining.

Lines are translated with Apertium through ``bitext.translate`` (cached in
``bench/_work/news_mt.sqlite3``, so only the first run pays; the MT time is returned
apart). The sets repeat some sentences and some stories (newstest2010 holds several
stories twice, in different words), so a line whose French or English is a
near-duplicate of an earlier line's (word TF-IDF cosine at least 0.5) is left out of
every sample: otherwise a correct pair would be scored as a mistake.

newstest2009/2010 are the tuning years (the weights in ``bitext/match/weights.json``
are fitted there); 2011/2012 are for reporting only.
"""

from __future__ import annotations

import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np

from bitext.textio import read_text

NEWS_DEV = Path(__file__).resolve().parents[2] / "shared" / "news-dev"
if not NEWS_DEV.exists():
    NEWS_DEV = Path("/work/shared/news-dev")
WORK = Path(__file__).resolve().parent / "_work"
TUNE_YEARS = (2009, 2010)
TEST_YEARS = (2011, 2012)
DUPLICATE_COSINE = 0.5


@dataclass(frozen=True)
class NewsLines:
    """Line-aligned French, its Apertium English, and English; ``usable`` lines have no near-copy."""

    fr: list[str]
    mt: list[str]
    en: list[str]
    usable: list[int]
    mt_seconds: float


def _lines(path: Path) -> list[str]:
    text = read_text(path)
    return text[:-1].split("\n") if text.endswith("\n") else text.split("\n")


def load_news(years: tuple[int, ...]) -> NewsLines:
    """The given years, concatenated, with their machine translation (cached)."""
    from bitext.translate import get_engine
    from bitext.translate.cache import TranslationCache
    from bitext.translate.runner import translate_texts

    WORK.mkdir(parents=True, exist_ok=True)
    fr: list[str] = []
    en: list[str] = []
    for year in years:
        fr += _lines(NEWS_DEV / f"newstest{year}.fr")
        en += _lines(NEWS_DEV / f"newstest{year}.en")
    started = time.perf_counter()
    with TranslationCache(WORK / "news_mt.sqlite3") as cache:
        mt = translate_texts(get_engine("apertium"), fr, cache=cache)
    seconds = time.perf_counter() - started
    return NewsLines(fr, mt, en, _without_near_copies(fr, en), seconds)


def _without_near_copies(fr: list[str], en: list[str]) -> list[int]:
    """Indices of lines whose French and English have no near-copy earlier in the set."""
    from bitext.match.tokens import lexical
    from bitext.match.vectors import nearest, tfidf_pair

    dropped: set[int] = set()
    for side in (fr, en):
        vectors, _ = tfidf_pair([lexical(text, text) for text in side], [])
        found = nearest(vectors, vectors, 6)
        for i, (index, score) in enumerate(zip(found.index, found.score, strict=True)):
            dropped.update(
                i for j, s in zip(index, score, strict=True) if 0 <= j < i and s >= DUPLICATE_COSINE
            )
    return [i for i in range(len(fr)) if i not in dropped]


@dataclass(frozen=True)
class MiningSample:
    """Shuffled French and English line numbers and the gold pairs between them."""

    src_lines: list[int]
    tgt_lines: list[int]
    gold: dict[int, int]


def mining_sample(news: NewsLines, pairs: int, ratio: int, seed: int) -> MiningSample:
    """``pairs`` true pairs among ``ratio`` times as many unpaired lines on each side, shuffled.

    The unpaired French and English lines are different lines of the same years, so
    many come from the same stories as the pairs (the hard distractors).
    """
    rng = random.Random(seed)
    lines = list(news.usable)
    rng.shuffle(lines)
    needed = pairs * (1 + 2 * ratio)
    if needed > len(lines):
        raise SystemExit(f"need {needed} distinct lines, the years hold {len(lines)}")
    paired = lines[:pairs]
    src_only = lines[pairs : pairs + ratio * pairs]
    tgt_only = lines[pairs + ratio * pairs : needed]
    src_lines, tgt_lines = paired + src_only, paired + tgt_only
    rng.shuffle(src_lines)
    rng.shuffle(tgt_lines)
    position = {line: j for j, line in enumerate(tgt_lines)}
    gold = {i: position[line] for i, line in enumerate(src_lines) if line in position}
    return MiningSample(src_lines, tgt_lines, gold)


def prf(found: set[tuple[int, int]], gold: set[tuple[int, int]]) -> tuple[float, float, float]:
    """Precision, recall and F1 of ``found`` pairs against ``gold`` pairs."""
    hits = len(found & gold)
    precision = hits / len(found) if found else 0.0
    recall = hits / len(gold) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def greedy_links(
    scores: np.ndarray, rows: np.ndarray, cols: np.ndarray
) -> list[tuple[float, tuple[int, int]]]:
    """Greedy one-to-one linking by score, best first: ``(score, (row, col))``."""
    used_rows: set[int] = set()
    used_cols: set[int] = set()
    links = []
    for i in np.argsort(-scores, kind="stable").tolist():
        r, c = int(rows[i]), int(cols[i])
        if r in used_rows or c in used_cols:
            continue
        used_rows.add(r)
        used_cols.add(c)
        links.append((float(scores[i]), (r, c)))
    return links


def f1_at(links: list[tuple[float, tuple[int, int]]], gold: set[tuple[int, int]], threshold: float) -> float:
    """F1 of the links scoring at least ``threshold``."""
    return prf({pair for score, pair in links if score >= threshold}, gold)[2]


def best_threshold(
    links: list[tuple[float, tuple[int, int]]], gold: set[tuple[int, int]]
) -> tuple[float, float, float, float]:
    """The baseline's best case: the threshold picked on gold.

    Returns:
        ``(f1, precision, recall, threshold)`` at the best threshold.
    """
    if not links or not gold:
        return 0.0, 0.0, 0.0, 0.0
    hits = np.cumsum([pair in gold for _, pair in links])
    count = np.arange(1, len(links) + 1)
    precision, recall = hits / count, hits / len(gold)
    f1 = np.where(precision + recall > 0, 2 * precision * recall / np.maximum(precision + recall, 1e-12), 0.0)
    best = int(f1.argmax())
    return float(f1[best]), float(precision[best]), float(recall[best]), links[best][0]

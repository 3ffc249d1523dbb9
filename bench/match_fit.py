"""Fit the signal weights of mining and document matching on newstest2009/2010 only.

Writes ``bitext/match/weights.json``: logistic combinations (sentence pairs with and
without the dictionary signals of :mod:`bitext.match.lexicon`, with them and the extra
Apertium routes of :mod:`bitext.match.routes`, and item pairs), each
with the share of true pairs among its fit candidates, and the provenance of the fit.
The samples are built exactly as ``bench/mine.py`` and ``bench/docmatch.py`` build
theirs, but from the tuning years; those scripts report on 2011/2012, which this fit
never sees.

Usage: ``python bench/match_fit.py [--check] [--sentences-only]`` (``--check`` prints the
fit's own accuracy and writes nothing; ``--sentences-only`` refits the sentence weights
and keeps the shipped document weights).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np
from newsdev import TUNE_YEARS, NewsLines, load_news, mining_sample
from route_cache import routes_of, sample_routes

from bitext import __version__
from bitext.match.combine import WEIGHTS_PATH, Combiner, FitRecord, WeightsFile, fit_combiner, load_combiner
from bitext.match.lexicon import installed_lexicon
from bitext.match.mining import PLAIN_SIGNALS, ROUTED_SIGNALS, SENTENCE_SIGNALS, sentence_signals
from bitext.match.params import MatchParams, MineParams

SENTENCE_SAMPLES = ((300, 1), (300, 2), (250, 4), (900, 2))  # (pairs, unpaired per pair), per seed
SEEDS = (11, 12)
L2 = 1.0


def sentence_data(news: NewsLines, *, routed: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Signals and labels of every candidate of the tuning mining samples.

    Columns are :data:`SENTENCE_SIGNALS`, or with ``routed`` :data:`ROUTED_SIGNALS`
    (mining's extra Apertium routes, cached by ``bench/route_cache.py``).
    """
    params = MineParams()
    all_routes = routes_of(news.fr, news.en) if routed else None
    lexicon = installed_lexicon()
    if lexicon is None:
        raise SystemExit("the fit needs Apertium's dictionaries (see bitext/match/lexicon.py)")
    signals, labels = [], []
    for pairs, ratio in SENTENCE_SAMPLES:
        for seed in SEEDS:
            sample = mining_sample(news, pairs, ratio, seed)
            src = [news.fr[i] for i in sample.src_lines]
            mt = [news.mt[i] for i in sample.src_lines]
            tgt = [news.en[i] for i in sample.tgt_lines]
            routes = sample_routes(all_routes, sample.src_lines, sample.tgt_lines)
            candidates, x = sentence_signals(src, mt, tgt, params, lexicon, routes)
            signals.append(x)
            labels.append(
                np.array(
                    [
                        sample.gold.get(int(r)) == int(c)
                        for r, c in zip(candidates.rows, candidates.cols, strict=True)
                    ]
                )
            )
    return np.vstack(signals), np.concatenate(labels)


def document_data(news: NewsLines) -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:
    """Signals and labels of the candidate item pairs of the tuning pseudo-articles."""
    from docmatch import article_sample

    from bitext.match.documents import DOCUMENT_SIGNALS, document_signals

    params = MatchParams()
    signals, labels = [], []
    for length in (3, 5, 8):
        for seed in SEEDS:
            sample = article_sample(news, length, items=1200, seed=seed)
            candidates, x, _ = document_signals(sample.french, sample.english, params)
            signals.append(x)
            labels.append(
                np.array(
                    [
                        sample.gold.get(int(r)) == int(c)
                        for r, c in zip(candidates.rows, candidates.cols, strict=True)
                    ]
                )
            )
    return np.vstack(signals), np.concatenate(labels), DOCUMENT_SIGNALS


def _report(name: str, combiner: Combiner, x: np.ndarray, y: np.ndarray) -> None:
    similarity = np.exp(x[:, combiner.features.index("log_similarity")]) - 0.01
    print(
        f"{name}: median similarity of wrong candidates {np.median(similarity[~y]):.3f} "
        "(the background_similarity default); true pairs below 0.05: "
        f"{int((similarity[y] < 0.05).sum())} of {int(y.sum())}"
    )
    p = combiner.probabilities(x)
    accuracy = ((p >= 0.5) == y).mean()
    print(f"{name}: {len(y)} candidates, {int(y.sum())} true (share {y.mean():.4f}); accuracy {accuracy:.4f}")
    for feature, weight in zip(combiner.features, combiner.weights, strict=True):
        print(f"  {feature:20s} {weight:+.3f}")


def _shipped_document_count() -> int:
    """How many candidates the shipped document weights were fitted on."""
    shipped = WeightsFile.model_validate(json.loads(WEIGHTS_PATH.read_text(encoding="utf-8")))
    return shipped.provenance.samples.get("document_candidates", 0)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="fit and report, write nothing")
    parser.add_argument(
        "--sentences-only", action="store_true", help="refit the sentence weights, keep the document weights"
    )
    args = parser.parse_args()
    news = load_news(TUNE_YEARS)
    years = "+".join(map(str, TUNE_YEARS))
    print(f"newstest{years}: {len(news.fr)} lines, {len(news.usable)} without a near-copy")
    sx, sy = sentence_data(news)
    sentences = fit_combiner(sx, sy, SENTENCE_SIGNALS, l2=L2)
    _report("sentences", sentences, sx, sy)
    plain_x = sx[:, : len(PLAIN_SIGNALS)]
    plain = fit_combiner(plain_x, sy, PLAIN_SIGNALS, l2=L2)
    _report("sentences without the dictionaries", plain, plain_x, sy)
    rx, ry = sentence_data(news, routed=True)
    routed = fit_combiner(rx, ry, ROUTED_SIGNALS, l2=L2)
    _report("sentences with the extra routes", routed, rx, ry)
    if args.sentences_only:
        documents = load_combiner("documents")
        document_count = _shipped_document_count()
    else:
        dx, dy, names = document_data(news)
        documents = fit_combiner(dx, dy, names, l2=L2)
        _report("documents", documents, dx, dy)
        document_count = len(dy)
    if args.check:
        return
    record = FitRecord(
        data=f"newstest{'+'.join(map(str, TUNE_YEARS))} fr-en (shared/news-dev), Apertium MT",
        script="bench/match_fit.py",
        created=dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        bitext_version=__version__,
        samples={
            "sentence_candidates": len(sy),
            "routed_sentence_candidates": len(ry),
            "document_candidates": document_count,
        },
        notes="logistic regression (IRLS, ridge 1.0 on standardised signals); never fitted on 2011/2012",
    )
    weights = WeightsFile(
        sentences=sentences,
        sentences_plain=plain,
        sentences_routes=routed,
        documents=documents,
        provenance=record,
    )
    WEIGHTS_PATH.write_text(json.dumps(weights.model_dump(mode="json"), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {WEIGHTS_PATH}")


if __name__ == "__main__":
    main()

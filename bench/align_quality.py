"""Alignment quality, speed and scaling on the development data.

1. The four French→English TransRead books, the source translated by Apertium through
   ``bitext.translate`` (cached in ``bench/_work/``; MT time is reported on its own):
   strict/lax P/R/F1 per book and pooled, against the same aligner without MT as the
   in-run baseline (hunalign 0.784/0.905 and Bleualign 0.739/0.871 are the published
   reference points on the same books).
2. The German→French Text+Berg set, without MT (no de→fr engine here).
3. Throughput: French sentences aligned per second (features + search, no MT).
4. Scaling: a 100,000-sentence synthetic pair (the books concatenated over and over,
   with runs of deleted sentences on both sides) against a 10,000-sentence one; peak
   memory of the large run (tracemalloc, numpy buffers included).

Last line: ``f1_strict=X.XXX f1_lax=Y.YYY sent_per_s=N scaling_10x=R``.
Usage: ``python bench/align_quality.py [--quick]`` (``--quick``: 2k vs 20k scaling).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bitext.align import AlignParams, align_sentences, evaluate, evaluate_many, read_beads
from bitext.models import AlignScores, Bead
from bitext.textio import read_text

DEV = Path(__file__).resolve().parents[2] / "shared" / "align-dev"
if not DEV.exists():
    DEV = Path("/work/shared/align-dev")
WORK = Path(__file__).resolve().parent / "_work"
BOOKS = ("Candide", "Emma", "LesTravailleursDeLaMer", "TheLastOfTheMohicans")


@dataclass(frozen=True)
class Book:
    """One dev document: sentences, the source's MT and the gold beads."""

    src: list[str]
    src_mt: list[str]
    tgt: list[str]
    gold: list[Bead]


def _lines(path: Path) -> list[str]:
    text = read_text(path)
    return text[:-1].split("\n") if text.endswith("\n") else text.split("\n")


def load_books(timings: dict[str, float] | None = None) -> dict[str, Book]:
    """The four books with their Apertium translations (translated once, then cached)."""
    from bitext.translate import get_engine
    from bitext.translate.cache import TranslationCache
    from bitext.translate.runner import translate_texts

    WORK.mkdir(parents=True, exist_ok=True)
    folder = DEV / "transread_fr_en"
    engine = get_engine("apertium")
    books: dict[str, Book] = {}
    with TranslationCache(WORK / "align_mt.sqlite3") as cache:
        for name in BOOKS:
            src = _lines(folder / f"{name}.fr")
            started = time.perf_counter()
            src_mt = translate_texts(engine, src, cache=cache)
            if timings is not None:
                timings[name] = time.perf_counter() - started
            gold = read_beads(folder / f"{name}.fr-en.gold")
            books[name] = Book(src, src_mt, _lines(folder / f"{name}.en"), gold)
    return books


def _row(label: str, scores: AlignScores) -> str:
    s, lax = scores.strict, scores.lax
    return (
        f"{label:24s} strict P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f} | "
        f"lax P {lax.precision:.3f} R {lax.recall:.3f} F1 {lax.f1:.3f}"
    )


def quality(books: dict[str, Book], params: AlignParams) -> tuple[AlignScores, AlignScores]:
    """Per-book and pooled scores with MT, and pooled without MT (the baseline)."""
    with_mt, without_mt = [], []
    for name, book in books.items():
        test = align_sentences(book.src, book.tgt, src_mt=book.src_mt, params=params)
        print(_row(name, evaluate(book.gold, test)))
        with_mt.append((book.gold, test))
        without_mt.append((book.gold, align_sentences(book.src, book.tgt, params=params)))
    pooled, baseline = evaluate_many(with_mt), evaluate_many(without_mt)
    print(_row("POOLED (Apertium MT)", pooled))
    print(_row("pooled, no MT (baseline)", baseline))
    print(
        f"gain over the no-MT baseline: strict x{pooled.strict.f1 / baseline.strict.f1:.2f}, "
        f"lax x{pooled.lax.f1 / baseline.lax.f1:.2f}; references: hunalign 0.784/0.905, "
        "Bleualign+Apertium 0.739/0.871"
    )
    return pooled, baseline


def textberg(params: AlignParams) -> None:
    """German→French without MT: lengths, anchors, names and cognates only."""
    folder = DEV / "textberg_de_fr"
    src, tgt = _lines(folder / "dev.de"), _lines(folder / "dev.fr")
    test = align_sentences(src, tgt, params=params)
    print(_row("textberg de-fr (no MT)", evaluate(read_beads(folder / "dev.defr"), test)))


def throughput(books: dict[str, Book], params: AlignParams, repeats: int = 3) -> float:
    """French sentences per second, best of ``repeats`` passes over the four books."""
    sentences = sum(len(book.src) for book in books.values())
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        for book in books.values():
            align_sentences(book.src, book.tgt, src_mt=book.src_mt, params=params)
        best = min(best, time.perf_counter() - started)
    return sentences / best


def synthetic(books: dict[str, Book], size: int, seed: int) -> tuple[list[str], list[str], list[str]]:
    """``size`` source sentences: the books repeated, with runs of 1-5 beads dropped on one side."""
    rng = random.Random(seed)
    src: list[str] = []
    src_mt: list[str] = []
    tgt: list[str] = []
    skip_left, skip_target = 0, False
    while len(src) < size:
        for book in books.values():
            for bead in book.gold:
                if skip_left == 0 and rng.random() < 0.01:
                    skip_left, skip_target = rng.randint(1, 5), rng.random() < 0.5
                if skip_left == 0 or skip_target:
                    src.extend(book.src[s] for s in bead.src)
                    src_mt.extend(book.src_mt[s] for s in bead.src)
                if skip_left == 0 or not skip_target:
                    tgt.extend(book.tgt[t] for t in bead.tgt)
                skip_left = max(0, skip_left - 1)
    return src[:size], src_mt[:size], tgt[: round(size * len(tgt) / len(src))]


def scaling(books: dict[str, Book], params: AlignParams, small: int) -> tuple[float, float, float]:
    """(time small, time 10x small, peak MiB of the 10x run)."""
    times = []
    for size in (small, small * 10):
        src, src_mt, tgt = synthetic(books, size, seed=size)
        started = time.perf_counter()
        align_sentences(src, tgt, src_mt=src_mt, params=params)
        times.append(time.perf_counter() - started)
    tracemalloc.start()
    align_sentences(src, tgt, src_mt=src_mt, params=params)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return times[0], times[1], peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2k vs 20k sentences for the scaling test")
    args = parser.parse_args()
    params = AlignParams()
    mt_times: dict[str, float] = {}
    books = load_books(mt_times)
    n_src = sum(len(book.src) for book in books.values())
    print(
        f"MT (Apertium via bitext.translate, cache in bench/_work): {sum(mt_times.values()):.2f}s for {n_src}"
    )
    pooled, _ = quality(books, params)
    textberg(params)
    rate = throughput(books, params)
    print(f"alignment only: {rate:,.0f} French sentences/s ({n_src} sentences, best of 3)")
    small = 2_000 if args.quick else 10_000
    t_small, t_large, peak = scaling(books, params, small)
    ratio = t_large / t_small
    print(
        f"scaling: {small:,} sentences {t_small:.2f}s, {small * 10:,} sentences {t_large:.2f}s "
        f"-> ratio {ratio:.2f} (linear = 10); peak memory {peak:.0f} MiB"
    )
    figures = f"f1_strict={pooled.strict.f1:.3f} f1_lax={pooled.lax.f1:.3f}"
    print(f"{figures} sent_per_s={rate:.0f} scaling_10x={ratio:.2f}")


if __name__ == "__main__":
    main()

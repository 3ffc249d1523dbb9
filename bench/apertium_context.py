"""Does a sentence's English depend on its neighbours? Apertium alone vs batched, with and without resets.

The reference is each sentence translated alone (one ``translate`` call each: a fresh
pivot pipeline). Against it, the same sentences translated in one batch, in their
original order and shuffled (fixed seed), by the engine as shipped (a reset sentence
between sentences, :mod:`bitext.translate.apertium_reset`) and by the engine without the
resets (``--no-reset`` only: the engine before the fix), for both the leak-repair pipes
and the plain ``leak_repair=False`` pipes. Also the cost of the resets: the batch's wall
and CPU time with and without them (best of ``--repeat``, alternating).

Sentences: the first half from ``../shared/mt-dev`` (newstest2014), the second a fixed
sample of ``../shared/news-dev/newstest2011``.

Last line: ``diffs_tracked=… diffs_plain=… sentences=… reset_cpu_overhead=… reset_wall_overhead=…``
(differences of the shipped engine, original and shuffled orders added).

Usage: python bench/apertium_context.py [--sentences N] [--repeat N] [--no-reset]
"""

from __future__ import annotations

import argparse
import contextlib
import random
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from datadirs import SHARED  # noqa: E402
from timing import timed  # noqa: E402

from bitext.translate import apertium  # noqa: E402

MT_DEV = SHARED / "mt-dev" / "newstest2014_fr_en" / "dev.fr"
NEWS_DEV = SHARED / "news-dev" / "newstest2011.fr"
SEED = 11


def load(count: int) -> list[str]:
    """``count`` French sentences: half mt-dev from the top, half a news-dev sample."""
    mt = [line for line in MT_DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    news = [line for line in NEWS_DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    half = count // 2
    return mt[:half] + random.Random(SEED).sample(news, count - half)


@contextlib.contextmanager
def without_resets() -> Iterator[None]:
    """The engine as it was before the fix: sentences back to back (blank line only)."""
    saved = apertium.with_resets, apertium.STRIDE
    apertium.with_resets, apertium.STRIDE = list, 1  # type: ignore[assignment]
    try:
        yield
    finally:
        apertium.with_resets, apertium.STRIDE = saved


def batched(engine: apertium.ApertiumEngine, french: list[str]) -> tuple[list[str], list[str]]:
    """One batch in the original order and one shuffled, both back in the original order."""
    order = list(range(len(french)))
    random.Random(SEED).shuffle(order)
    shuffled = engine.translate([french[i] for i in order])
    back = [""] * len(french)
    for position, i in enumerate(order):
        back[i] = shuffled[position]
    return engine.translate(french), back


def differences(reference: list[str], other: list[str], french: list[str], label: str) -> int:
    """Count (and show the first few) sentences whose English differs from the reference."""
    found = [i for i in range(len(reference)) if reference[i] != other[i]]
    print(f"{label}: {len(found)} of {len(reference)} differ from the sentence alone")
    for i in found[:5]:
        print(f"   [{i}] {french[i]}\n      alone:   {reference[i]}\n      batched: {other[i]}")
    return len(found)


def reset_cost(french: list[str], repeat: int) -> tuple[float, float]:
    """(wall, CPU) overhead of the resets on one batch of the shipped engine, best of ``repeat``."""
    best = {"reset": (float("inf"),) * 2, "none": (float("inf"),) * 2}
    for _ in range(repeat):
        for name in best:
            engine = apertium.ApertiumEngine()
            engine.translate(["Bonjour."])  # the repair pipes load outside the timing
            with without_resets() if name == "none" else contextlib.nullcontext():
                seconds = timed(lambda engine=engine: engine.translate(french))
            engine.close()
            best[name] = (min(best[name][0], seconds[0]), min(best[name][1], seconds[1]))
    for name, (wall, cpu) in best.items():
        print(f"time {name:5s}: {wall:.2f} s wall, {cpu:.2f} s CPU for {len(french)} sentences")
    return best["reset"][0] / best["none"][0] - 1, best["reset"][1] / best["none"][1] - 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=320)
    parser.add_argument("--repeat", type=int, default=3, help="timing repeats (best of N)")
    parser.add_argument("--no-reset", action="store_true", help="also measure the engine without resets")
    args = parser.parse_args()
    if not apertium.is_available():
        sys.exit(f"Apertium is missing ({', '.join(apertium.missing_parts())}): {apertium.INSTALL_HINT}")
    french = load(args.sentences)
    totals: dict[str, int] = {}
    for label, leak_repair in (("tracked", True), ("plain", False)):
        engine = apertium.ApertiumEngine(leak_repair=leak_repair)
        alone = [engine.translate([sentence])[0] for sentence in french]
        original, shuffled = batched(engine, french)
        totals[label] = differences(alone, original, french, f"{label} batch") + differences(
            alone, shuffled, french, f"{label} shuffled"
        )
        if args.no_reset:
            with without_resets():
                original, shuffled = batched(engine, french)
            differences(alone, original, french, f"{label} batch, no reset")
            differences(alone, shuffled, french, f"{label} shuffled, no reset")
        engine.close()
    wall, cpu = reset_cost(french, args.repeat)
    print(
        f"diffs_tracked={totals['tracked']} diffs_plain={totals['plain']} sentences={len(french)} "
        f"reset_cpu_overhead={cpu:.3f} reset_wall_overhead={wall:.3f}"
    )


if __name__ == "__main__":
    main()

"""What protecting names, places and numbers adds to Apertium translation time (issue 9 goal: 10%).

The same unique news-dev sentences (default 2,000; ``--quick`` 300) go through, in one
run, interleaved round by round (``--rounds``, best time of each kept):

* ``engine``: ``ApertiumEngine.translate`` on the texts, nothing else;
* ``runner``: ``translate_sentences`` (clean, dedupe, engine): bitext's sentence path
  before issue 9, the baseline the goal is measured against;
* ``protected``: ``translate_protected`` without a glossary (names, places, numbers:
  find, mask, translate, restore, check), the path of ``bitext run --no-glossary``;
* ``glossary``: ``translate_protected`` with the project glossary (``bitext run``).

Wall times on a loaded machine are noisy (Apertium runs in two child processes), so the
time each path spends outside the engine call (Python work only) is reported too,
measured the same way: ``stage_overhead`` is the protected path's time outside the
engine less the runner's, over the engine time. Also printed: the finder's time per
sentence (``plan_sentence`` on every sentence, best of the rounds).

Last line: ``overhead=… stage_overhead=… glossary_overhead=… plan_ms=… engine_ms=…``
(``overhead``: protected wall time over runner wall time, minus one; goal ≤ 0.10).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from datadirs import unique_news_french  # noqa: E402

from bitext.glossary import load_glossary  # noqa: E402
from bitext.models import Sentence  # noqa: E402
from bitext.protect import plan_sentence, translate_protected  # noqa: E402
from bitext.translate import get_engine  # noqa: E402
from bitext.translate.runner import translate_sentences  # noqa: E402


class TimedEngine:
    """Wraps an engine and adds up the seconds spent in its ``translate``."""

    def __init__(self, engine: Any) -> None:
        self.engine = engine
        self.seconds = 0.0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.engine, name)

    @property
    def info(self) -> Any:
        return self.engine.info

    def placeholder(self, index: int, width: int) -> str:
        return str(self.engine.placeholder(index, width))

    def translate(self, texts: Sequence[str]) -> list[str]:
        began = time.perf_counter()
        try:
            return list(self.engine.translate(texts))
        finally:
            self.seconds += time.perf_counter() - began


def measure(run: Callable[[TimedEngine], object], engine: Any) -> tuple[float, float]:
    """Wall seconds of ``run`` and the seconds of it spent outside the engine."""
    timed = TimedEngine(engine)
    began = time.perf_counter()
    run(timed)
    wall = time.perf_counter() - began
    return wall, wall - timed.seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="300 sentences, 2 rounds")
    args = parser.parse_args()
    count, rounds = (300, 2) if args.quick else (args.sentences, args.rounds)
    engine = get_engine("apertium")
    glossary = load_glossary()
    texts = unique_news_french(count)
    batch = [
        Sentence(id=f"news:{i}", index=i, text=t, start=0, end=len(t), paragraph=0)
        for i, t in enumerate(texts)
    ]
    translate_protected(engine, batch[:20], glossary)  # load the gazetteer, lexicon and glossary once

    paths: dict[str, Callable[[TimedEngine], object]] = {
        "engine": lambda e: e.translate(texts),
        "runner": lambda e: translate_sentences(e, batch),
        "protected": lambda e: translate_protected(e, batch),
        "glossary": lambda e: translate_protected(e, batch, glossary),
    }
    walls: dict[str, list[float]] = {name: [] for name in paths}
    outside: dict[str, list[float]] = {name: [] for name in paths}
    plans: list[float] = []
    for _ in range(rounds):
        for name, run in paths.items():
            wall, python = measure(run, engine)
            walls[name].append(wall)
            outside[name].append(python)
        began = time.perf_counter()
        for text in texts:
            plan_sentence(text, None)
        plans.append(time.perf_counter() - began)

    best = {name: min(values) for name, values in walls.items()}
    python = {name: min(values) for name, values in outside.items()}
    engine_time = best["engine"]
    print(f"{len(texts)} unique news-dev sentences, best of {rounds} interleaved rounds (loaded machine)")
    for name in paths:
        print(
            f"{name:10s} wall {best[name]:7.2f} s ({best[name] / engine_time:5.3f} x engine), "
            f"outside the engine {python[name]:6.3f} s"
        )
    overhead = best["protected"] / best["runner"] - 1
    stage = (python["protected"] - python["runner"]) / engine_time
    glossary_overhead = best["glossary"] / best["runner"] - 1
    plan_ms = min(plans) / len(texts) * 1000
    engine_ms = engine_time / len(texts) * 1000
    print(f"finder (plan_sentence): {plan_ms:.3f} ms/sentence; Apertium: {engine_ms:.3f} ms/sentence")
    print(
        f"overhead={overhead:.3f} stage_overhead={stage:.3f} glossary_overhead={glossary_overhead:.3f} "
        f"plan_ms={plan_ms:.3f} engine_ms={engine_ms:.3f}"
    )


if __name__ == "__main__":
    main()

"""What issue 9's new stages add to Apertium translation time, as ``bitext run`` translates.

The same unique news-dev sentences (``../shared/news-dev/newstest2012``, 2,000 drawn
with a fixed seed; ``--quick`` 300) go through four paths in one run, alternating path
by path in every round (``--repeat``, best of N kept). Every path builds a fresh
Apertium engine, translates all sentences in one call of the sentence path with the
project glossary, and closes the engine, as one ``bitext run`` chunk does, so start-ups
are counted and Apertium's processes' CPU is collected. No translation cache on any side.

* ``baseline``: the path before issue 9's stages: the glossary masked and enforced
  (:func:`bitext.protect.translate_protected` with glossary spans only: no names, places
  or numbers), plain ``apertium -u fr-es | apertium -u spa-eng`` pipes
  (``ApertiumEngine(leak_repair=False)``), no quality estimate;
* ``+repair``: the same with pivot leaks traced and repaired through Catalan
  (``ApertiumEngine()``, the shipped engine);
* ``+names``: and names, places and numbers protected (``translate_protected`` as shipped);
* ``shipped``: and each sentence's quality estimate: ``Translator.sentences``, the
  sentence path of ``bitext run`` and ``bitext translate``.

The Catalan pipes load once per engine (about 1.4 s of CPU, at the first leak; kept for
the engine's next calls), so their share shrinks as a run grows: ``catalan start-up``
times that load alone (start, one request, stop; best of N) and the last line gives the
overhead without it too (``steady_cpu``), what a long run tends to.

The run reading (``--run-chunks K``, default 4; none with ``--quick``) translates what a
``bitext run`` of K chunks translates: K chunks of as many distinct news-dev lines (all
four years, in file order), one call each, with one engine per path kept for the whole
run, as ``bitext run`` keeps its engine. There the Catalan start-up is paid once and a
repair found in one chunk is not asked again in the next (``run_cpu``, ``run_wall``).

Both sides carry the reset sentence between sentences (``apertium_reset``). CPU is this
process's plus its ended children's (Apertium's processes): steadier than wall time on
a busy machine. Each stage's cost is printed against the baseline; ``--dump FILE``
writes the shipped path's English and quality (JSON lines) to compare two versions;
``--quality-values FILE`` writes the first 300 shipped translations with their quality
features and estimate (``tests/data/quality_values.jsonl``, which pins the estimate);
``--account`` first runs each path once untimed and prints what it sent Apertium: engine
calls, sentences and characters (masked text, as the pivot reads it; each sentence also
brings a reset sentence), and the phrases and characters sent to the Catalan repair pipes.

Last line: ``overhead_cpu=… overhead_wall=… steady_cpu=… repair_cpu=… names_cpu=… estimate_cpu=…
run_cpu=… run_wall=…`` (the shipped path over the baseline, minus one; goal ≤ 0.10 for CPU
and wall; each stage's CPU over the baseline's; the run reading's two when it ran).
"""

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import random
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from datadirs import SHARED, unique_news_french  # noqa: E402
from timing import cpu_split  # noqa: E402

from bitext.glossary import Glossary, load_glossary  # noqa: E402
from bitext.models import Sentence, Translation  # noqa: E402
from bitext.protect import translate as protect_translate  # noqa: E402
from bitext.quality import translation_features  # noqa: E402
from bitext.segment import line_sentences  # noqa: E402
from bitext.translate import apertium, apertium_repair  # noqa: E402
from bitext.translate.apertium_flush import FlushingPipes  # noqa: E402
from bitext.translate.apertium_repair import repair_phrases  # noqa: E402
from bitext.translate.documents import Translator  # noqa: E402

NEWS_DEV = SHARED / "news-dev" / "newstest2012.fr"
SEED = 2012
PATHS = ("baseline", "+repair", "+names", "shipped")
CATALAN = "catalan start-up"
RUN = ("run baseline", "run shipped")


def news_sample(count: int) -> list[str]:
    """``count`` distinct non-empty lines of newstest2012 (French), drawn with a fixed seed."""
    lines = list(dict.fromkeys(line.strip() for line in NEWS_DEV.read_text(encoding="utf-8").splitlines()))
    lines = [line for line in lines if line]
    return [lines[i] for i in sorted(random.Random(SEED).sample(range(len(lines)), count))]


@contextlib.contextmanager
def glossary_spans_only() -> Iterator[None]:
    """The protection step finds no names, places or numbers: what the glossary path was before issue 9."""
    module = protect_translate
    saved = (module.find_names, module.find_numbers, module.locative_places)
    module.find_names = lambda text: []  # type: ignore[assignment]
    module.find_numbers = lambda text: []  # type: ignore[assignment]
    module.locative_places = lambda text, names: []  # type: ignore[assignment]
    try:
        yield
    finally:
        module.find_names, module.find_numbers, module.locative_places = saved


def run_path(name: str, sentences: Sequence[Sentence], glossary: Glossary) -> list[Translation]:
    """One path over ``sentences``: a fresh engine, one call, the engine closed."""
    return run_chunks(name, [sentences], glossary)[-1]


def run_chunks(
    name: str, chunks: Sequence[Sequence[Sentence]], glossary: Glossary
) -> list[list[Translation]]:
    """One path over ``chunks``, one call each, with one engine kept for all, as ``bitext run`` keeps it."""
    engine = apertium.ApertiumEngine(leak_repair=name != "baseline")
    translator = Translator(engine, glossary=glossary)
    try:
        if name == "shipped":
            return [translator.sentences(chunk) for chunk in chunks]
        if name == "+names":
            return [protect_translate.translate_protected(engine, chunk, glossary) for chunk in chunks]
        with glossary_spans_only():
            return [protect_translate.translate_protected(engine, chunk, glossary) for chunk in chunks]
    finally:
        engine.close()


@contextlib.contextmanager
def counting() -> Iterator[dict[str, int]]:
    """Counts what the engine and the Catalan repair pipes are sent while the block runs."""
    counts = dict.fromkeys(("calls", "sentences", "characters", "phrases", "phrase_characters"), 0)
    engine_translate, repair = apertium.ApertiumEngine.translate, apertium_repair.repair_phrases

    def translate(engine: apertium.ApertiumEngine, texts: Sequence[str]) -> list[str]:
        counts["calls"] += 1
        counts["sentences"] += sum(1 for text in texts if text.strip())
        counts["characters"] += sum(len(text) for text in texts)
        return engine_translate(engine, texts)

    def repair_phrases_counted(pipes: FlushingPipes, phrases: list[str]) -> dict[str, str | None]:
        counts["phrases"] += len(phrases)
        counts["phrase_characters"] += sum(len(phrase) for phrase in phrases)
        return repair(pipes, phrases)

    apertium.ApertiumEngine.translate = translate  # type: ignore[method-assign]
    apertium_repair.repair_phrases = repair_phrases_counted  # type: ignore[assignment]
    try:
        yield counts
    finally:
        apertium.ApertiumEngine.translate = engine_translate  # type: ignore[method-assign]
        apertium_repair.repair_phrases = repair


def account(sentences: Sequence[Sentence], glossary: Glossary) -> None:
    """Each path once, untimed: what it sent the pivot and the Catalan pipes."""
    for name in PATHS:
        with counting() as counts:
            run_path(name, sentences, glossary)
        print(
            f"{name:9s} sends: {counts['calls']} engine call(s), {counts['sentences']} sentences, "
            f"{counts['characters']} characters; Catalan: {counts['phrases']} phrases, "
            f"{counts['phrase_characters']} characters"
        )


def catalan_start_up() -> None:
    """Start the Catalan repair pipes, repair one word, stop them."""
    pipes = FlushingPipes(*apertium.REPAIR_STAGES)
    try:
        repair_phrases(pipes, ["gazoduc"])
    finally:
        pipes.close()


Times = tuple[float, float, float, float]
"""Wall, CPU, and the CPU's two parts: this process (Python) and its children (Apertium)."""


def measure(
    sentences: Sequence[Sentence], glossary: Glossary, repeat: int, chunks: Sequence[Sequence[Sentence]]
) -> dict[str, Times]:
    """Best-of-``repeat`` seconds of each path, of the Catalan start-up and of the run reading, alternating.

    Each figure is its own best (the best wall and the best CPU may come from two rounds).
    """
    works: dict[str, Callable[[], object]] = {
        name: lambda name=name: run_path(name, sentences, glossary) for name in PATHS
    }
    works[CATALAN] = catalan_start_up
    if chunks:
        for name in RUN:
            works[name] = lambda name=name: run_chunks(name.removeprefix("run "), chunks, glossary)
    inf = float("inf")
    best = dict.fromkeys(works, (inf, inf, inf, inf))
    for _ in range(repeat):
        for name, work in works.items():
            python, children = cpu_split()
            started = time.perf_counter()
            work()
            wall = time.perf_counter() - started
            python_after, children_after = cpu_split()
            python, children = python_after - python, children_after - children
            old = best[name]
            best[name] = (
                min(old[0], wall),
                min(old[1], python + children),
                min(old[2], python),
                min(old[3], children),
            )
    return best


def dump(path: Path, translations: Sequence[Translation]) -> None:
    """The shipped path's English and quality, one JSON object per line."""
    with path.open("w", encoding="utf-8") as out:
        for t in translations:
            out.write(json.dumps({"source": t.source, "target": t.target, "quality": t.quality}) + "\n")


def dump_quality_values(path: Path, translations: Sequence[Translation]) -> None:
    """What the estimate reads of each translation, with its features and value (JSON lines)."""
    with path.open("w", encoding="utf-8") as out:
        for t in translations:
            read = t.model_dump(mode="json", include={"source", "target", "terms", "spans"})
            record = {"translation": read, "features": translation_features(t), "quality": t.quality}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3, help="rounds (best of N)")
    parser.add_argument("--quick", action="store_true", help="300 sentences, 2 rounds (a smoke run)")
    parser.add_argument("--dump", type=Path, help="write the shipped path's English and quality here")
    parser.add_argument("--quality-values", type=Path, help="write 300 translations, features, quality")
    parser.add_argument("--account", action="store_true", help="print what each path sends Apertium")
    parser.add_argument(
        "--run-chunks", type=int, default=4, help="chunks of the run reading (0: none; --quick: none)"
    )
    args = parser.parse_args()
    if not apertium.is_available():
        sys.exit(f"Apertium is missing ({', '.join(apertium.missing_parts())}): {apertium.INSTALL_HINT}")
    count, repeat = (300, 2) if args.quick else (args.sentences, args.repeat)
    glossary = load_glossary(None)
    sentences = line_sentences("news", news_sample(count))
    run_path("shipped", sentences[:50], glossary)  # load lexicons, gazetteer and word lists once
    if args.dump or args.quality_values:
        translations = run_path("shipped", sentences, glossary)
        if args.dump:
            dump(args.dump, translations)
        if args.quality_values:
            dump_quality_values(args.quality_values, translations[:300])
    if args.account:
        account(sentences, glossary)
    chunks = [] if args.quick else run_sample(args.run_chunks, count)
    best = measure(sentences, glossary, repeat, chunks)
    report(best, count, repeat, len(chunks))


def run_sample(chunks: int, count: int) -> list[list[Sentence]]:
    """``chunks`` chunks of ``count`` distinct news-dev lines (all four years), in file order."""
    lines = unique_news_french(chunks * count)
    return [line_sentences("news", lines[k : k + count]) for k in range(0, len(lines), count)]


def row(name: str, times: Times, base: Times) -> str:
    """One path's seconds, each against ``base``'s."""
    wall, cpu, python, children = times
    return (
        f"{name:12s} wall {wall:6.2f} s ({wall / base[0] - 1:+.3f}), "
        f"CPU {cpu:6.2f} s ({cpu / base[1] - 1:+.3f}): Python {python:5.2f} s, Apertium {children:6.2f} s"
    )


def report(best: dict[str, Times], count: int, repeat: int, chunks: int) -> None:
    """Each path against the baseline, each stage's share, and the last line."""
    base_wall, base_cpu, _, _ = best["baseline"]
    print(f"{count} news-dev sentences, best of {repeat} alternating rounds (fresh engine each)")
    for name in PATHS:
        print(row(name, best[name], best["baseline"]))
    start_wall, start_cpu, _, _ = best[CATALAN]
    print(f"{CATALAN}: wall {start_wall:.2f} s, CPU {start_cpu:.2f} s (once per engine)")
    step = {name: (best[name][1] - best[before][1]) / base_cpu for before, name in itertools.pairwise(PATHS)}
    shipped_wall, shipped_cpu, _, _ = best["shipped"]
    run = ""
    if chunks:
        (run_base_wall, run_base_cpu, *_), (run_wall, run_cpu, *_) = best[RUN[0]], best[RUN[1]]
        print(f"run reading: {chunks} chunks of {count} sentences, one engine per path")
        for name in RUN:
            print(row(name, best[name], best[RUN[0]]))
        run = f" run_cpu={run_cpu / run_base_cpu - 1:.3f} run_wall={run_wall / run_base_wall - 1:.3f}"
    print(
        f"overhead_cpu={shipped_cpu / base_cpu - 1:.3f} overhead_wall={shipped_wall / base_wall - 1:.3f} "
        f"steady_cpu={(shipped_cpu - start_cpu) / base_cpu - 1:.3f} repair_cpu={step['+repair']:.3f} "
        f"names_cpu={step['+names']:.3f} estimate_cpu={step['shipped']:.3f}{run}"
    )


if __name__ == "__main__":
    main()

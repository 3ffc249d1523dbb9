"""Throughput of bitext's argos engine against argostranslate and raw CTranslate2.

Builds a Transformer-base-sized Argos package (generated weights, see
``tests/argos_testmodel.py``) whose end-of-sentence logit rises with every decoding
step, so outputs stop at news-sentence lengths that vary from sentence to sentence (the
mean output length is printed) instead of all running to the decoding limit, which
would flatter batching. Every method translates ALL the sentences, the same number of
times (best run kept), beam 4, length penalty 0.2, ``max_decoding_length`` 256 (the
CTranslate2 default argostranslate uses):

1. argostranslate's own ``translate`` (its real code, in a child process), one news
   paragraph of three sentences per call as users call it, twice: with its defaults
   (1 translator replica, 32-token batches, ``compute_type`` auto), and tuned with the
   same threads, batch budget and compute type as bitext (``ARGOS_INTER_THREADS``,
   ``ARGOS_INTRA_THREADS``, ``ARGOS_BATCH_SIZE``, ``ARGOS_COMPUTE_TYPE``). Its MiniSBD
   sentence splitter downloads a model, so it gets a sentencizer that returns our
   already-split sentences; ``argostranslate.translate`` imports stanza and MiniSBD for
   that splitter only, so the child gets empty stand-ins for them and the bench needs no
   torch (they are never called: a call would raise).
2. bitext's argos engine through ``translate_texts`` (tokenize, batch across all
   sentences, detokenize), with its default settings.
3. raw ``ctranslate2.Translator.translate_batch`` on pre-tokenized sentences: every
   thread layout (inter x intra within the cores) and batch budget is tried on a
   subset, each layout's best budget is then timed on all sentences (a subset makes
   few batches, which favours threads over parallel replicas), and the fastest is
   measured with the same repeats: the limit.

Also measures Apertium against its bare pipes and the start-up of ``bitext --help``.
Last line: ``ratio_vs_argos_defaults=X ratio_vs_argos_tuned=Y overhead_vs_best_raw_ct2=Z``
(speed ratios; the overhead is bitext's time over the best raw time, minus one).

Usage: python bench/translate_throughput.py [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the test-package builder is test support, not part of bitext
from datadirs import SHARED  # noqa: E402

DEV_FR = SHARED / "mt-dev" / "newstest2014_fr_en" / "dev.fr"
WORK = ROOT / "bench" / "_work"
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý«\"])")
CLAUSE = re.compile(r",\s+")
MAX_DECODING_LENGTH = 256
EOS_BIAS = 0.0
BUDGETS = (512, 1024, 2048, 3072, 4096, 8192)
QUICK_BUDGETS = (1024, 3072, 8192)
PARAGRAPH = 3


def news_sentences(count: int, seed: int = 7) -> list[str]:
    """``count`` distinct French news-like sentences: mt-dev and seed sentences, then
    new ones made by joining the first clause of one with the rest of another."""
    from argos_testmodel import seed_sentences

    base = [
        s
        for line in DEV_FR.read_text(encoding="utf-8").splitlines()
        for s in SENTENCE_END.split(line.strip())
    ]
    base += [s for s in seed_sentences(ROOT / "seeds") if re.search(r"\b(le|la|les|des|du)\b", s)]
    base = [s for s in dict.fromkeys(base) if 4 <= len(s.split()) <= 60]
    rng = random.Random(seed)
    pool = list(base)
    clauses = [CLAUSE.split(s, maxsplit=1) for s in base]
    heads = [parts[0] for parts in clauses if len(parts) == 2]
    tails = [parts[1] for parts in clauses if len(parts) == 2]
    seen = set(pool)
    while len(pool) < count:
        made = f"{rng.choice(heads)}, {rng.choice(tails)}"
        if made not in seen:
            seen.add(made)
            pool.append(made)
    rng.shuffle(pool)
    return pool[:count]


def build_package(quick: bool) -> Path:
    from argos_testmodel import TRANSFORMER_BASE, ModelSize, build_test_package, seed_sentences

    size = ModelSize(3, 3, 256, 4, 1024, 8000) if quick else TRANSFORMER_BASE
    name = (
        f"translate-fr_en-bench-{size.encoder_layers}x{size.d_model}x{size.vocab}-eos{EOS_BIAS:g}.argosmodel"
    )
    target = WORK / name
    if not target.exists():
        started = time.perf_counter()
        build_test_package(
            target, seed_sentences(ROOT / "seeds"), size=size, seed=1, quantization="int8", eos_bias=EOS_BIAS
        )
        print(f"built {target.name} ({size}) in {time.perf_counter() - started:.1f} s")
    return target


def install(package: Path, models: Path) -> Path:
    from bitext.translate import packages

    return Path(packages.install_from_file(package, models).path)


def time_bitext(models: Path, sentences: list[str], beam: int) -> tuple[float, object]:
    """One run of bitext's engine over every sentence (model loaded before timing)."""
    from bitext.translate.argos import ArgosEngine
    from bitext.translate.runner import translate_texts

    engine = ArgosEngine(models_dir=models, beam_size=beam, max_decoding_length=MAX_DECODING_LENGTH)
    engine.translate([sentences[0]])
    started = time.perf_counter()
    outputs = translate_texts(engine, sentences)
    elapsed = time.perf_counter() - started
    assert len(outputs) == len(sentences) and all(outputs)
    return elapsed, engine


def raw_ct2(
    package_dir: Path, tokens: list[list[str]], beam: int, layout: tuple[int, int], budget: int
) -> tuple[float, list[int]]:
    """Seconds for one ``translate_batch`` over ``tokens``, and the output lengths."""
    import ctranslate2

    inter, intra = layout
    translator = ctranslate2.Translator(
        str(package_dir / "model"), compute_type="int8", inter_threads=inter, intra_threads=intra
    )
    translator.translate_batch(tokens[:1], beam_size=beam, max_decoding_length=MAX_DECODING_LENGTH)
    started = time.perf_counter()
    results = translator.translate_batch(
        tokens,
        max_batch_size=budget,
        batch_type="tokens",
        beam_size=beam,
        length_penalty=0.2,
        replace_unknowns=True,
        max_decoding_length=MAX_DECODING_LENGTH,
    )
    return time.perf_counter() - started, [len(result.hypotheses[0]) for result in results]


def layouts(cores: int) -> list[tuple[int, int]]:
    """Every (inter_threads, intra_threads) that uses at most ``cores`` threads."""
    return [(inter, intra) for inter in range(1, cores + 1) for intra in range(1, cores // inter + 1)]


def best_raw_setting(
    package_dir: Path, subset: list[list[str]], tokens: list[list[str]], beam: int, budgets: tuple[int, ...]
) -> tuple[tuple[int, int], int]:
    """The fastest thread layout and batch budget for raw CTranslate2 on ``tokens``.

    Every budget of every layout is timed on ``subset``; then the best budget of each
    layout is timed on all of ``tokens``, because a subset makes few batches, which
    favours one replica with more threads over parallel replicas.
    """
    found: dict[tuple[int, int], tuple[int, float]] = {}
    for layout in layouts(len(os.sched_getaffinity(0))):
        for budget in budgets:
            seconds = raw_ct2(package_dir, subset, beam, layout, budget)[0]
            if layout not in found or seconds < found[layout][1]:
                found[layout] = (budget, seconds)
    finals = {
        (layout, budget): raw_ct2(package_dir, tokens, beam, layout, budget)[0]
        for layout, (budget, _) in found.items()
    }
    ranked = sorted(finals.items(), key=lambda item: item[1])
    shown = ", ".join(f"{lay[0]}x{lay[1]}/{b}: {t:.2f} s" for (lay, b), t in ranked)
    print(
        f"raw ctranslate2 search (inter x intra / token budget): budgets tried on {len(subset)} sentences, "
        f"each layout's best on all {len(tokens)}: {shown}"
    )
    return ranked[0][0]


def time_argostranslate(
    package_dir: Path, sentences: list[str], env: dict[str, str], repeat: int
) -> tuple[list[float], dict[str, object]]:
    """argostranslate in a child process (its settings are read from the environment at import)."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8", delete=False) as handle:
        json.dump(sentences, handle, ensure_ascii=False)
    try:
        child_env = {k: v for k, v in os.environ.items() if not k.startswith("ARGOS_")}
        child_env.update(env, ARGOS_PACKAGES_DIR=str(package_dir.parent))
        result = subprocess.run(
            [sys.executable, __file__, "--argos-worker", handle.name, "--repeat", str(repeat)],
            capture_output=True,
            text=True,
            env=child_env,
            check=True,
        )
    finally:
        os.unlink(handle.name)
    report = json.loads(result.stdout.strip().splitlines()[-1])
    return report["seconds"], report["settings"]


def argos_worker(sentences_file: str, repeat: int) -> None:
    """Child process: argostranslate's own translate(), paragraph by paragraph."""
    from argos_testmodel import argostranslate_translate
    from argostranslate import settings

    argos_translate = argostranslate_translate()

    sentences = json.loads(Path(sentences_file).read_text(encoding="utf-8"))
    paragraphs = [sentences[i : i + PARAGRAPH] for i in range(0, len(sentences), PARAGRAPH)]
    known = {" ".join(p): p for p in paragraphs}

    class PreSplit:
        def split_sentences(self, text: str) -> list[str]:
            return known[text]

    translation = argos_translate.get_translation_from_codes("fr", "en")
    translation.underlying.sentencizer = PreSplit()  # type: ignore[attr-defined]
    translation.translate(" ".join(paragraphs[0]))  # load the model outside the timing
    seconds = []
    for _ in range(repeat):
        started = time.perf_counter()
        for paragraph in paragraphs:
            translation.translate(" ".join(paragraph))
        seconds.append(time.perf_counter() - started)
    used = {
        "inter_threads": settings.inter_threads,
        "intra_threads": settings.intra_threads,
        "batch_size": settings.batch_size,
        "compute_type": settings.compute_type,
        "beam_size": settings.beam_size,
    }
    print(json.dumps({"seconds": seconds, "settings": used}))


def time_apertium(sentences: list[str]) -> tuple[float, float] | None:
    """(bitext engine seconds, bare ``apertium | apertium`` seconds), None without Apertium."""
    from bitext.translate import apertium
    from bitext.translate.runner import translate_texts

    if not apertium.is_available():
        return None
    lines = [" ".join(s.split()) for s in sentences]
    with tempfile.NamedTemporaryFile("w", suffix=".fr", encoding="utf-8", delete=False) as handle:
        handle.write("\n".join(lines) + "\n")
    try:
        started = time.perf_counter()
        subprocess.run(
            f"apertium -u fr-es < {handle.name} | apertium -u spa-eng > /dev/null", shell=True, check=True
        )
        bare = time.perf_counter() - started
    finally:
        os.unlink(handle.name)
    started = time.perf_counter()
    translate_texts(apertium.ApertiumEngine(), lines)
    return time.perf_counter() - started, bare


def startup_times(runs: int = 5) -> tuple[float, float]:
    """Median seconds: ``bitext --help`` and bare ``python -c pass``."""

    def median(command: list[str]) -> float:
        samples = []
        for _ in range(runs):
            started = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            samples.append(time.perf_counter() - started)
        return statistics.median(samples)

    return median([sys.executable, "-m", "bitext", "--help"]), median([sys.executable, "-c", "pass"])


def _seconds(samples: list[float]) -> str:
    return ", ".join(f"{s:.1f}" for s in samples) + " s"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="small model, 120 sentences, one run (minutes)")
    parser.add_argument("--sentences", type=int, help="sentences for every method (default 2000)")
    parser.add_argument(
        "--search-sentences", type=int, help="subset for the raw CTranslate2 search (default 300)"
    )
    parser.add_argument("--repeat", type=int, help="runs of each method; best kept (default 3)")
    parser.add_argument("--beam", type=int, default=4)
    parser.add_argument("--argos-worker", metavar="SENTENCES_JSON", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.argos_worker:
        argos_worker(args.argos_worker, args.repeat or 1)
        return
    count = args.sentences or (120 if args.quick else 2000)
    search_count = args.search_sentences or (40 if args.quick else 300)
    repeat = args.repeat or (1 if args.quick else 3)
    WORK.mkdir(parents=True, exist_ok=True)
    cores = len(os.sched_getaffinity(0))
    print(f"cores: {cores}, load average before: {os.getloadavg()[0]:.2f}")
    package = build_package(args.quick)
    sentences = news_sentences(count)
    with tempfile.TemporaryDirectory(prefix="bitext-bench-models-") as models_dir:
        models = Path(models_dir)
        package_dir = install(package, models)
        import sentencepiece

        processor = sentencepiece.SentencePieceProcessor(model_file=str(package_dir / "sentencepiece.model"))
        tokens = processor.encode(sentences, out_type=str)
        subset = tokens[:: max(1, count // search_count)][:search_count]
        layout, budget = best_raw_setting(
            package_dir, subset, tokens, args.beam, QUICK_BUDGETS if args.quick else BUDGETS
        )
        raw_runs, our_runs = [], []
        lengths: list[int] = []
        engine = None
        for _ in range(repeat):  # alternate: the machine is shared, load comes and goes
            seconds, lengths = raw_ct2(package_dir, tokens, args.beam, layout, budget)
            raw_runs.append(seconds)
            seconds, engine = time_bitext(models, sentences, args.beam)
            our_runs.append(seconds)
        assert engine is not None
        ours = {
            "ARGOS_INTER_THREADS": str(engine.inter_threads),  # type: ignore[attr-defined]
            "ARGOS_INTRA_THREADS": str(engine.intra_threads),  # type: ignore[attr-defined]
            "ARGOS_BATCH_SIZE": str(engine.max_batch_tokens),  # type: ignore[attr-defined]
            "ARGOS_COMPUTE_TYPE": "int8",
        }
        default_runs, default_settings = time_argostranslate(package_dir, sentences, {}, repeat)
        tuned_runs, tuned_settings = time_argostranslate(package_dir, sentences, ours, repeat)
    n = len(sentences)
    raw, mine, default, tuned = min(raw_runs), min(our_runs), min(default_runs), min(tuned_runs)
    words = sum(len(s.split()) for s in sentences) / n
    source_tokens = sum(len(t) for t in tokens) / n
    print(
        f"{n} French news sentences ({words:.1f} words, {source_tokens:.1f} tokens on average); output "
        f"{statistics.mean(lengths):.1f} tokens on average (quartiles {statistics.quantiles(lengths, n=4)}, "
        f"{sum(length >= MAX_DECODING_LENGTH for length in lengths)} at the limit); beam {args.beam}; "
        f"best of {repeat} run(s) each"
    )
    print(
        f"argostranslate, defaults {n / default:8.2f} sentences/s  {default_settings}; "
        f"{_seconds(default_runs)}"
    )
    print(f"argostranslate, tuned    {n / tuned:8.2f} sentences/s  {tuned_settings}; {_seconds(tuned_runs)}")
    print("  (argostranslate: paragraphs of 3 pre-split sentences; its MiniSBD splitter cannot load offline)")
    print(
        f"bitext argos engine      {n / mine:8.2f} sentences/s  inter {engine.inter_threads} x intra "  # type: ignore[attr-defined]
        f"{engine.intra_threads}, {engine.max_batch_tokens} tokens; {_seconds(our_runs)}"  # type: ignore[attr-defined]
    )
    print(
        f"raw ctranslate2 (best)   {n / raw:8.2f} sentences/s  inter {layout[0]} x intra {layout[1]}, "
        f"{budget} tokens, pre-tokenized; {_seconds(raw_runs)}"
    )
    apertium = time_apertium(sentences)
    if apertium is None:
        print("apertium: not installed, skipped")
    else:
        engine_s, bare_s = apertium
        print(
            f"apertium engine {n / engine_s:.1f} sentences/s, bare pipes {n / bare_s:.1f} sentences/s: "
            f"engine_vs_bare={bare_s / engine_s:.2f}"
        )
    bitext_start, python_start = startup_times()
    print(f"startup: bitext --help {bitext_start * 1000:.0f} ms, python -c pass {python_start * 1000:.0f} ms")
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    print(
        f"ratio_vs_argos_defaults={default / mine:.2f} ratio_vs_argos_tuned={tuned / mine:.2f} "
        f"overhead_vs_best_raw_ct2={mine / raw - 1:.2f}"
    )


if __name__ == "__main__":
    main()

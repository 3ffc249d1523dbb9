"""Throughput of bitext's argos engine against argostranslate and raw CTranslate2.

Builds a Transformer-base-sized Argos package (random weights, see
``tests/argos_testmodel.py``), then translates the same French news sentences with:

1. argostranslate's own API, one paragraph per call as users call it. Its MiniSBD
   sentence splitter downloads a model, so it gets a sentencizer that returns our
   already-split sentences (said in the output). Only its translator is wrapped, to pass
   the fixed ``max_decoding_length``.
2. bitext's argos engine through ``translate_texts`` (tokenize, batch, detokenize).
3. raw ``ctranslate2.Translator.translate_batch`` on pre-tokenized sentences with the
   best settings found on this machine: the limit.

Random weights never emit end-of-sentence, so every method decodes exactly
``--max-decoding-length`` tokens. Also measures Apertium against its bare pipes and the
start-up time of ``bitext --help``. Last line:
``ratio_vs_argostranslate=X.XX overhead_vs_raw_ct2=Y.YY``.

Usage: python bench/translate_throughput.py [--quick]
"""

from __future__ import annotations

import argparse
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
DEV_FR = ROOT.parent / "shared" / "mt-dev" / "newstest2014_fr_en" / "dev.fr"
WORK = ROOT / "bench" / "_work"
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý«\"])")
CLAUSE = re.compile(r",\s+")


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
    target = WORK / f"translate-fr_en-bench-{size.encoder_layers}x{size.d_model}x{size.vocab}.argosmodel"
    if not target.exists():
        started = time.perf_counter()
        build_test_package(target, seed_sentences(ROOT / "seeds"), size=size, seed=1, quantization="int8")
        print(f"built {target.name} ({size}) in {time.perf_counter() - started:.1f} s")
    return target


def install(package: Path, models: Path) -> Path:
    from bitext.translate import packages

    return Path(packages.install_from_file(package, models).path)


def time_argostranslate(models: Path, sentences: list[str], beam: int, max_len: int) -> float:
    """argostranslate.translate, one paragraph (three sentences) per call; seconds."""
    import ctranslate2
    from argostranslate import settings

    settings.package_dirs[:] = [models]
    import argostranslate.translate as argos_translate

    argos_translate.get_installed_languages.cache_clear()
    translation = argos_translate.get_translation_from_codes("fr", "en")
    paragraphs = [sentences[i : i + 3] for i in range(0, len(sentences), 3)]
    known = {" ".join(p): p for p in paragraphs}

    class PreSplit:
        def split_sentences(self, text: str) -> list[str]:
            return known.get(text, [text])

    class FixedLength:
        """argostranslate's own Translator settings; only max_decoding_length is added."""

        def __init__(self) -> None:
            self.inner = ctranslate2.Translator(
                str(translation.underlying.pkg.package_path / "model"),
                device=settings.device,
                inter_threads=settings.inter_threads,
                intra_threads=settings.intra_threads,
                compute_type=settings.compute_type,
            )

        def translate_batch(self, *args: object, **kwargs: object) -> object:
            return self.inner.translate_batch(*args, max_decoding_length=max_len, **kwargs)

    translation.underlying.sentencizer = PreSplit()
    translation.underlying.translator = FixedLength()
    settings.beam_size = beam
    translation.translate(paragraphs[0][0])  # load outside the timing
    started = time.perf_counter()
    for paragraph in paragraphs:
        translation.translate(" ".join(paragraph))
    return time.perf_counter() - started


def time_bitext(models: Path, sentences: list[str], beam: int, max_len: int) -> float:
    from bitext.translate.argos import ArgosEngine
    from bitext.translate.runner import translate_texts

    engine = ArgosEngine(models_dir=models, beam_size=beam, max_decoding_length=max_len)
    engine.translate([sentences[0]])  # load outside the timing
    started = time.perf_counter()
    outputs = translate_texts(engine, sentences)
    elapsed = time.perf_counter() - started
    assert len(outputs) == len(sentences) and all(outputs)
    return elapsed


def time_raw_ct2(package_dir: Path, sentences: list[str], beam: int, max_len: int) -> float:
    import ctranslate2
    import sentencepiece

    from bitext.translate.argos import DEFAULT_BATCH_TOKENS

    processor = sentencepiece.SentencePieceProcessor(model_file=str(package_dir / "sentencepiece.model"))
    tokens = processor.encode(sentences, out_type=str)
    cores = len(os.sched_getaffinity(0))
    translator = ctranslate2.Translator(
        str(package_dir / "model"),
        compute_type="int8",
        inter_threads=min(cores, 2),
        intra_threads=max(1, cores // 2),
    )
    translator.translate_batch(tokens[:1], beam_size=beam, max_decoding_length=max_len)
    started = time.perf_counter()
    translator.translate_batch(
        tokens,
        max_batch_size=DEFAULT_BATCH_TOKENS,
        batch_type="tokens",
        beam_size=beam,
        length_penalty=0.2,
        replace_unknowns=True,
        max_decoding_length=max_len,
    )
    return time.perf_counter() - started


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


def startup_times(runs: int = 5) -> tuple[float, float, float]:
    """Median seconds: ``bitext --help``, bare ``python -c pass``, ``import argostranslate.translate``."""

    def median(command: list[str]) -> float:
        samples = []
        for _ in range(runs):
            started = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            samples.append(time.perf_counter() - started)
        return statistics.median(samples)

    bitext = median([sys.executable, "-m", "bitext", "--help"])
    python = median([sys.executable, "-c", "pass"])
    argos = median([sys.executable, "-c", "import argostranslate.translate"])
    return bitext, python, argos


def _seconds(samples: list[float]) -> str:
    return ", ".join(f"{s:.1f} s" for s in samples)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="small model and few sentences (< 1 min)")
    parser.add_argument(
        "--sentences", type=int, help="sentences for bitext and raw CTranslate2 (default 2000)"
    )
    parser.add_argument("--argos-sentences", type=int, help="evenly spaced subset for argostranslate (slow)")
    parser.add_argument(
        "--repeat", type=int, help="alternating runs of bitext and raw CTranslate2; best kept"
    )
    parser.add_argument("--beam", type=int, default=4)
    parser.add_argument("--max-decoding-length", type=int, default=64)
    args = parser.parse_args()
    count = args.sentences or (150 if args.quick else 2000)
    argos_count = args.argos_sentences or (15 if args.quick else 150)
    repeat = args.repeat or (1 if args.quick else 2)
    WORK.mkdir(parents=True, exist_ok=True)
    print(f"cores: {len(os.sched_getaffinity(0))}, load average before: {os.getloadavg()[0]:.2f}")
    package = build_package(args.quick)
    sentences = news_sentences(count)
    subset = sentences[:: max(1, len(sentences) // argos_count)][:argos_count]
    words = sum(len(s.split()) for s in sentences) / len(sentences)
    print(
        f"{len(sentences)} French news sentences ({words:.1f} words on average); beam {args.beam}; "
        f"max_decoding_length {args.max_decoding_length} for all three"
    )
    with tempfile.TemporaryDirectory(prefix="bitext-bench-models-") as models_dir:
        models = Path(models_dir)
        package_dir = install(package, models)
        # Alternate and keep the best of each: the machine is shared, so load comes and goes.
        raw_runs, our_runs = [], []
        for _ in range(repeat):
            raw_runs.append(time_raw_ct2(package_dir, sentences, args.beam, args.max_decoding_length))
            our_runs.append(time_bitext(models, sentences, args.beam, args.max_decoding_length))
        raw, ours = min(raw_runs), min(our_runs)
        theirs = time_argostranslate(models, subset, args.beam, args.max_decoding_length)
    raw_rate, our_rate, their_rate = len(sentences) / raw, len(sentences) / ours, len(subset) / theirs
    print(
        f"argostranslate API  {their_rate:8.2f} sentences/s  ({len(subset)} sentences, evenly spaced subset; "
        "paragraphs of 3 pre-split sentences: its MiniSBD splitter cannot load offline)"
    )
    runs = f"best of {repeat}: " if repeat > 1 else ""
    n = len(sentences)
    print(f"bitext argos engine {our_rate:8.2f} sentences/s  ({n} sentences; {runs}{_seconds(our_runs)})")
    print(f"raw ctranslate2     {raw_rate:8.2f} sentences/s  ({n} pre-tokenized; {runs}{_seconds(raw_runs)})")
    apertium = time_apertium(sentences)
    if apertium is None:
        print("apertium: not installed, skipped")
    else:
        engine_s, bare_s = apertium
        engine_rate, bare_rate = len(sentences) / engine_s, len(sentences) / bare_s
        print(
            f"apertium engine {engine_rate:.1f} sentences/s, bare pipes {bare_rate:.1f} sentences/s: "
            f"engine_vs_bare={bare_s / engine_s:.2f}"
        )
    bitext_start, python_start, argos_start = startup_times()
    print(
        f"startup: bitext --help {bitext_start * 1000:.0f} ms, python -c pass {python_start * 1000:.0f} ms, "
        f"import argostranslate.translate {argos_start * 1000:.0f} ms "
        f"(bitext_vs_argostranslate_import={argos_start / bitext_start:.1f}x faster)"
    )
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    print(f"ratio_vs_argostranslate={our_rate / their_rate:.2f} overhead_vs_raw_ct2={ours / raw - 1:.2f}")


if __name__ == "__main__":
    main()

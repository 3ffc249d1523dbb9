"""MT quality of the Apertium engine through bitext's translation path, before and after leak repair.

Translates two French sets with ``Translator.sentences`` and the project glossary (what
``bitext translate`` runs) and scores the English against the human references:

* ``mt-dev``: ``../shared/mt-dev/newstest2014_fr_en`` (WMT newstest2014, 1,000 lines; a
  worktree under ``wt/`` finds ``../../shared``);
* ``news-dev``: 2,000 lines of ``../shared/news-dev/newstest2012`` (fixed seed), never
  used to tune the engine.

Two systems run in the same process: ``bitext`` (the engine as shipped: pivot leaks traced
and repaired through Catalan) and ``baseline`` (``ApertiumEngine(leak_repair=False)``: the
plain ``apertium -u fr-es | apertium -u spa-eng`` pipes of the engine before the repair).

Measures: sacreBLEU BLEU and chrF (corpus level); ``names_kept``: the share of name-like
source tokens (capitalised and not sentence-initial, or with an inner capital or a digit;
elided articles such as the "L" of "L'Invitation" are not names and not counted) found
verbatim in the reference that are also verbatim in the output; ``leaks_per_sent``:
Spanish words per sentence by ``bitext.translate.leaks.spanish_words`` (and the share of
sentences with one); the time of the engine alone on the news-dev sample (both engines,
alternating, best of ``--repeat``; wall and CPU), and the repair overhead against the
baseline; ``qe_spearman``: Spearman correlation of the shipped quality estimate
(``Translation.quality``, :mod:`bitext.quality`) with sentence chrF against the
reference. Both sets are held out from the estimate's fit (``bench/fit_quality.py`` fits
on newstest2009-2011). Also the cost of the estimate: its time on the news-dev sample's
translations (its word-frequency caches emptied first; best of ``--repeat``) against the
time of the translation path without it.

The last line gives the shipped engine's figures over both sets together:
``bleu=… chrf=… names_kept=… leaks_per_sent=… qe_spearman=…``.

Usage: python bench/mt_quality.py [--quick] [--repeat N] [--no-baseline] [--dump DIR]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from datadirs import SHARED  # noqa: E402
from timing import cpu_seconds, timed  # noqa: E402

from bitext import wordfreqs  # noqa: E402
from bitext.glossary import load_glossary, translate_with_glossary  # noqa: E402
from bitext.models import Translation  # noqa: E402
from bitext.quality import with_quality  # noqa: E402
from bitext.segment import line_sentences  # noqa: E402
from bitext.translate import apertium, leaks  # noqa: E402
from bitext.translate.documents import Translator  # noqa: E402
from bitext.translate.leaks import spanish_words  # noqa: E402

MT_DEV = SHARED / "mt-dev" / "newstest2014_fr_en" / "dev"
NEWS_DEV = SHARED / "news-dev" / "newstest2012"
NEWS_SAMPLE = 2_000
SEED = 2012
_TOKEN = re.compile(r"\w+(?:-\w+)*")  # elided articles split off: "l'ASEAN" gives "ASEAN"
_ELISIONS = frozenset({"l", "d", "j", "n", "m", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu"})


@dataclass(frozen=True)
class Scores:
    """One system's figures on one set of sentences."""

    bleu: float
    chrf: float
    names_kept: float
    names: int
    leaks_per_sent: float
    leaky_sentences: float


def load_sets(quick: bool) -> dict[str, tuple[list[str], list[str]]]:
    """Set name → (French lines, English references)."""
    mt_fr = _lines(MT_DEV.with_suffix(".fr"))
    mt_en = _lines(MT_DEV.with_suffix(".en"))
    news_fr = _lines(NEWS_DEV.with_suffix(".fr"))
    news_en = _lines(NEWS_DEV.with_suffix(".en"))
    picked = sorted(random.Random(SEED).sample(range(len(news_fr)), NEWS_SAMPLE))
    sets = {
        "mt-dev": (mt_fr, mt_en),
        "news-dev": ([news_fr[i] for i in picked], [news_en[i] for i in picked]),
    }
    if quick:
        sets = {name: (fr[:200], en[:200]) for name, (fr, en) in sets.items()}
    return sets


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def translate(engine: apertium.ApertiumEngine, name: str, french: Sequence[str]) -> list[Translation]:
    """Translations of ``french`` through bitext's translation path, with the project glossary."""
    translator = Translator(engine, glossary=load_glossary(None))
    return translator.sentences(line_sentences(name, french))


def qe_spearman(translations: Sequence[Translation], references: Sequence[str]) -> float:
    """Spearman correlation of the translations' quality estimates with their sentence chrF."""
    import sacrebleu
    from ranks import spearman

    chrfs = [
        sacrebleu.sentence_chrf(t.target, [r]).score for t, r in zip(translations, references, strict=True)
    ]
    return spearman([t.quality or 0.0 for t in translations], chrfs)


def time_quality(french: Sequence[str], repeat: int) -> dict[str, tuple[float, float]]:
    """Best-of-``repeat`` (wall, CPU) seconds of the translation path without the estimate
    (``path``: a fresh engine, closed at the end so that Apertium's processes' CPU is
    counted) and of the estimate alone (``estimate``; its word-frequency caches emptied
    first, so each try pays for every lookup)."""
    glossary = load_glossary(None)
    sentences = line_sentences("timing", french)
    best = {"path": (float("inf"), float("inf")), "estimate": (float("inf"), float("inf"))}
    for _ in range(repeat):
        cpu, started = cpu_seconds(), time.perf_counter()
        engine = apertium.ApertiumEngine()
        translations = translate_with_glossary(engine, sentences, glossary=glossary)
        engine.close()
        path = (time.perf_counter() - started, cpu_seconds() - cpu)
        for cached in (wordfreqs.zipf, leaks.is_spanish):
            cached.cache_clear()
        cpu, started = cpu_seconds(), time.perf_counter()
        with_quality(translations)
        estimate = (time.perf_counter() - started, cpu_seconds() - cpu)
        for name, seconds in (("path", path), ("estimate", estimate)):
            best[name] = (min(best[name][0], seconds[0]), min(best[name][1], seconds[1]))
    return best


def score(french: Sequence[str], english: Sequence[str], references: Sequence[str]) -> Scores:
    """Corpus BLEU and chrF, names kept and Spanish leaks of one system on one set."""
    import sacrebleu

    kept, names = names_kept(french, english, references)
    leaks = [len(spanish_words(out, src)) for out, src in zip(english, french, strict=True)]
    return Scores(
        bleu=sacrebleu.corpus_bleu(list(english), [list(references)]).score,
        chrf=sacrebleu.corpus_chrf(list(english), [list(references)]).score,
        names_kept=kept / names if names else 1.0,
        names=names,
        leaks_per_sent=sum(leaks) / len(leaks),
        leaky_sentences=sum(1 for count in leaks if count) / len(leaks),
    )


def names_kept(french: Sequence[str], english: Sequence[str], references: Sequence[str]) -> tuple[int, int]:
    """(kept, counted): name-like source tokens in the reference, and those also in the output."""
    kept = counted = 0
    for source, output, reference in zip(french, english, references, strict=True):
        for token in name_like(source):
            if _contains(reference, token):
                counted += 1
                kept += _contains(output, token)
    return kept, counted


def name_like(source: str) -> list[str]:
    """Capitalised tokens that do not start the sentence, and tokens with an inner capital or digit.

    An elided article or pronoun ("L'" of "L'Invitation", "D'" of "D'après") is a word of
    French grammar, not a name: it is not counted (until 2026-12-01 it was, when capitalised).
    """
    tokens = [found.group() for found in _TOKEN.finditer(source) if not _elided(source, found)]
    return [
        token
        for position, token in enumerate(tokens)
        if (position > 0 and token[:1].isupper()) or any(c.isupper() or c.isdigit() for c in token[1:])
    ]


def _elided(source: str, found: re.Match[str]) -> bool:
    return found.group().lower() in _ELISIONS and source[found.end() : found.end() + 1] in ("'", "’")


def _contains(text: str, token: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(token)}(?!\w)", text) is not None


def time_engines(systems: dict[str, bool], texts: list[str], repeat: int) -> dict[str, tuple[float, float]]:
    """Best-of-``repeat`` (wall, CPU) seconds of each engine alone on ``texts``, alternating.

    Each try builds a fresh engine, translates and closes it, as one ``bitext translate``
    does, so the repair pipes' start-up is counted. CPU is this process's plus its
    children's (Apertium's processes): on a busy machine it is steadier than wall time.
    """
    best = {name: (float("inf"), float("inf")) for name in systems}
    for _ in range(repeat):
        for name, leak_repair in systems.items():
            wall, cpu = timed(lambda leak_repair=leak_repair: _translate_once(leak_repair, texts))
            best[name] = (min(best[name][0], wall), min(best[name][1], cpu))
    return best


def _translate_once(leak_repair: bool, texts: list[str]) -> None:
    engine = apertium.ApertiumEngine(leak_repair=leak_repair)
    engine.translate(texts)
    engine.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="200 lines of each set (a smoke run)")
    parser.add_argument("--repeat", type=int, default=1, help="timing repeats (best of N)")
    parser.add_argument("--no-baseline", action="store_true", help="only the shipped engine")
    parser.add_argument("--dump", type=Path, help="write each system's English here, one file per set")
    args = parser.parse_args()
    if not apertium.is_available():
        sys.exit(f"Apertium is missing ({', '.join(apertium.missing_parts())}): {apertium.INSTALL_HINT}")
    engines = {"bitext": apertium.ApertiumEngine()}
    if not args.no_baseline:
        engines["baseline"] = apertium.ApertiumEngine(leak_repair=False)
    print(f"engine: {engines['bitext'].info.label()} {engines['bitext'].info.options}")
    missing = apertium.repair_missing_parts()
    if missing:
        print(f"warning: no Catalan repairs (missing {', '.join(missing)}); leaks fall back to French")
    sets = load_sets(args.quick)
    results: dict[tuple[str, str], Scores] = {}
    outputs: dict[str, list[str]] = {}
    estimated: list[Translation] = []
    for system, engine in engines.items():
        for name, (french, references) in sets.items():
            translations = translate(engine, name, french)
            english = [translation.target for translation in translations]
            if system == "bitext":
                estimated += translations
                print(f"qe_spearman {name}: {qe_spearman(translations, references):.4f}")
            results[system, name] = score(french, english, references)
            outputs[system] = outputs.get(system, []) + english
            if args.dump:
                args.dump.mkdir(parents=True, exist_ok=True)
                (args.dump / f"{system}.{name}.en").write_text("\n".join(english) + "\n", encoding="utf-8")
    all_french = [line for french, _ in sets.values() for line in french]
    all_references = [line for _, references in sets.values() for line in references]
    for system in engines:
        results[system, "both"] = score(all_french, outputs[system], all_references)
    qe_times = time_quality(sets["news-dev"][0], args.repeat)
    for engine in engines.values():
        engine.close()
    systems = {"bitext": True} if args.no_baseline else {"bitext": True, "baseline": False}
    seconds = time_engines(systems, sets["news-dev"][0], args.repeat)
    print_table(results, list(engines), [*sets, "both"])
    news = len(sets["news-dev"][0])
    for system, (wall, cpu) in seconds.items():
        print(f"time {system}: {wall:.2f} s wall, {cpu:.2f} s CPU for {news} news-dev sentences")
    if "baseline" in seconds:
        wall_ratio = seconds["bitext"][0] / seconds["baseline"][0] - 1
        cpu_ratio = seconds["bitext"][1] / seconds["baseline"][1] - 1
        print(f"repair overhead: wall {wall_ratio:+.3f}, CPU {cpu_ratio:+.3f} (goal <= +0.10)")
    (path_wall, path_cpu), (qe_wall, qe_cpu) = qe_times["path"], qe_times["estimate"]
    print(
        f"quality estimate: {qe_wall:.2f} s wall, {qe_cpu:.2f} s CPU for {news} sentences, against "
        f"{path_wall:.2f} s wall, {path_cpu:.2f} s CPU for the translation path without it: "
        f"overhead wall {qe_wall / path_wall:+.3f}, CPU {qe_cpu / path_cpu:+.3f}"
    )
    final = results["bitext", "both"]
    spearman = qe_spearman(estimated, all_references)
    print(
        f"bleu={final.bleu:.2f} chrf={final.chrf:.2f} names_kept={final.names_kept:.4f} "
        f"leaks_per_sent={final.leaks_per_sent:.4f} qe_spearman={spearman:.4f}"
    )


def print_table(results: dict[tuple[str, str], Scores], systems: list[str], sets: list[str]) -> None:
    """One row per set and system."""
    print(
        f"{'set':9s} {'system':9s} {'BLEU':>6s} {'chrF':>6s} {'names':>7s} {'leaks/sent':>10s} {'leaky':>7s}"
    )
    for name in sets:
        for system in systems:
            s = results[system, name]
            print(
                f"{name:9s} {system:9s} {s.bleu:6.2f} {s.chrf:6.2f} {s.names_kept:7.4f} "
                f"{s.leaks_per_sent:10.4f} {s.leaky_sentences:7.4f}"
            )


if __name__ == "__main__":
    main()

"""Glossary overhead: matching + enforcement time as a fraction of Apertium translation time.

Builds a 500-entry glossary (the project's entries plus synthetic titles, institutions
and names), takes news sentences from mt-dev (WMT newstest2014 French, cycled, each made
unique with a dispatch number so the runner's dedupe cannot help, and a glossary term
spliced into every other one) and measures in the same run:

* baseline: ``translate_sentences`` with Apertium (no glossary, no cache);
* glossary: the same through ``translate_with_glossary``, minus the time spent in
  ``translate_sentences`` (runner and engine): what matching, masking, restoring and QA
  cost, automaton build included;
* scaling: matching time on 10x the text (as many sentences, each ten times longer)
  over matching time on the text.

Last line: ``overhead=X.XXX scaling_10x=Y.YY`` (goals: overhead <= 0.05, scaling <= 11).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bitext.glossary import Glossary, load_glossary, translate_with_glossary  # noqa: E402
from bitext.models import GlossaryEntry, Sentence  # noqa: E402
from bitext.translate import get_engine, runner  # noqa: E402

MT_DEV = ROOT.parent / "shared" / "mt-dev" / "newstest2014_fr_en" / "dev.fr"
NOUNS = [
    "Santé",
    "Culture",
    "Justice",
    "Agriculture",
    "Transports",
    "Travail",
    "Industrie",
    "Commerce",
    "Éducation",
    "Recherche",
    "Énergie",
    "Logement",
    "Tourisme",
    "Sports",
    "Finances",
    "Environnement",
    "Pêche",
    "Jeunesse",
    "Construction",
    "Information",
    "Planification",
    "Mer",
    "Forêts",
    "Mines",
]
FIRST = ["Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu", "Dang", "Bui", "Do", "Ho", "Ngo", "Duong", "Ly"]
MIDDLE = ["Van", "Thi", "Minh", "Duc", "Quoc", "Hong", "Thanh", "Xuan", "Huu", "Ngoc"]
LAST = ["An", "Binh", "Cuong", "Dung", "Hai", "Hung", "Khoa", "Lan", "Long", "Nam", "Phong", "Quang", "Son"]


class TimedRunner:
    """Adds up the time spent in the runner (cleaning, dedupe, engine) during the glossary run."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._original = runner.translate_sentences

    def __enter__(self) -> TimedRunner:
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                return self._original(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - start

        runner.translate_sentences = timed
        return self

    def __exit__(self, *exc_info: object) -> None:
        runner.translate_sentences = self._original


def synthetic_glossary(size: int, rng: random.Random) -> Glossary:
    entries = list(load_glossary().entries)
    seen = {source for entry in entries for source in entry.sources}
    while len(entries) < size:
        kind = rng.randrange(3)
        noun = rng.choice(NOUNS)
        if kind == 0:
            source, target, type_ = (
                f"ministère de la {noun} {rng.randrange(100)}",
                f"Ministry {noun} {len(entries)}",
                "institution",
            )
        elif kind == 1:
            source, target, type_ = (
                f"vice-ministre de la {noun} {rng.randrange(100)}",
                f"Deputy Minister {len(entries)}",
                "title",
            )
        else:
            source = f"{rng.choice(FIRST)} {rng.choice(MIDDLE)} {rng.choice(LAST)} {rng.choice(LAST)}"
            target, type_ = source, "name"
        if source in seen:
            continue
        seen.add(source)
        entries.append(
            GlossaryEntry(id=f"synthetic-{len(entries)}", type=type_, sources=(source,), target=target)
        )
    return Glossary(entries=tuple(entries))


def news_sentences(count: int, glossary: Glossary, rng: random.Random) -> list[str]:
    base = [line.strip() for line in MT_DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    forms = [source for entry in glossary.entries for source in entry.sources]
    sentences = []
    for index in range(count):
        text = base[index % len(base)]
        text = f"Dépêche {index} : {text[0].lower()}{text[1:]}"
        if index % 2 == 0:
            text = f"Selon le {rng.choice(forms)}, {text}"
        sentences.append(text)
    return sentences


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=10_000)
    parser.add_argument("--entries", type=int, default=500)
    parser.add_argument("--quick", action="store_true", help="1,000 sentences (a smoke run)")
    args = parser.parse_args()
    count = 1_000 if args.quick else args.sentences
    rng = random.Random(4)
    glossary = synthetic_glossary(args.entries, rng)
    texts = news_sentences(count, glossary, rng)
    sentences = [
        Sentence(id=f"bench:{i}", index=i, text=t, start=0, end=len(t), paragraph=0)
        for i, t in enumerate(texts)
    ]

    start = time.perf_counter()
    matcher = glossary.matcher
    build = time.perf_counter() - start
    start = time.perf_counter()
    hits = sum(len(matcher.find(text)) for text in texts)
    match_1x = time.perf_counter() - start
    longer = [" ".join(rng.sample(texts, 10)) for _ in range(count)]
    start = time.perf_counter()
    for text in longer:
        matcher.find(text)
    match_10x = time.perf_counter() - start

    engine = get_engine("apertium")
    start = time.perf_counter()
    runner.translate_sentences(engine, sentences)
    baseline = time.perf_counter() - start

    with TimedRunner() as timed:
        start = time.perf_counter()
        results = translate_with_glossary(engine, sentences, glossary)
        total = time.perf_counter() - start
    glossary_time = total - timed.seconds + build
    terms = sum(len(r.terms) for r in results)
    missing = sum(h.status == "missing" for r in results for h in r.terms)

    print(
        f"sentences={count} entries={len(glossary.entries)} terms_found={hits} "
        f"terms_enforced={terms - missing}/{terms}"
    )
    print(f"automaton build: {build:.3f} s")
    print(f"baseline apertium translation: {baseline:.2f} s ({count / baseline:.0f} sentences/s)")
    print(
        f"with glossary: {total:.2f} s, of which runner+engine {timed.seconds:.2f} s; "
        f"glossary (with build) {glossary_time:.3f} s"
    )
    print(f"matching 1x: {match_1x:.3f} s, 10x: {match_10x:.3f} s")
    print(f"overhead={glossary_time / baseline:.3f} scaling_10x={match_10x / match_1x:.2f}")


if __name__ == "__main__":
    main()

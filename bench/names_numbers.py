"""Names, places and numbers right: the share of expected English items in the output, by kind.

Held-out sets: ``tests/data/names_heldout.txt``, 150 French news sentences written for
bitext while the finder was built (three defects it showed were fixed), and
``tests/data/names_unseen.txt`` (``--data``), 60 more written after the code was frozen and
measured once. Each line gives the English every name (n), place (p) and number or date
(d) must come out as. An item is right when it occurs in the English as written
(whole words, case kept). ``names_kept`` is the share of the capitalised words of
expected names that appear verbatim in the French and survive into the English.

Measured in one run with the same engine (Apertium unless ``--engine``):

* baseline: the engine alone (``translate_sentences``: what ``bitext run --no-glossary``
  and ``bitext translate`` without a glossary did before issue 9);
* protected: :func:`bitext.protect.translate_protected` without a glossary;
* protected+glossary: the same with the project glossary.

``--overhead`` also times the engine alone and the protected path on N unique news-dev
sentences (default 2,000; ``--quick`` 300) and reports the added time. ``--bleu`` scores
mt-dev (sacrebleu BLEU and chrF) for the engine alone and both protected paths.

Last line: ``names=… places=… numbers=… overall=… names_kept=… baseline_overall=…
baseline_names_kept=… [overhead=…] [bleu_base=… bleu=… chrf_base=… chrf=…]``.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bitext.glossary import load_glossary  # noqa: E402
from bitext.models import Sentence, Translation  # noqa: E402
from bitext.protect import translate_protected  # noqa: E402
from bitext.translate import get_engine  # noqa: E402
from bitext.translate.runner import translate_sentences  # noqa: E402

HELDOUT = ROOT / "tests" / "data" / "names_heldout.txt"
from datadirs import SHARED, unique_news_french  # noqa: E402

KINDS = {"n": "names", "p": "places", "d": "numbers"}


def load_heldout(path: Path = HELDOUT) -> list[tuple[str, list[tuple[str, str]]]]:
    """(French, [(kind, expected English), ...]) per line of the held-out file."""
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        french, _, expected = line.partition(" ||| ")
        items = [item.split(":", 1) for item in expected.split(" ; ")]
        cases.append((french, [(KINDS[kind], text) for kind, text in items]))
    return cases


def present(english: str, item: str) -> bool:
    """``item`` occurs in ``english`` as whole words, as written."""
    return re.search(rf"(?<![\w]){re.escape(item)}(?![\w])", english) is not None


def score(cases: list[tuple[str, list[tuple[str, str]]]], outputs: list[str]) -> dict[str, float]:
    """Share right by kind and overall, and the share of name words kept."""
    right: dict[str, list[bool]] = {kind: [] for kind in KINDS.values()}
    kept: list[bool] = []
    for (french, items), english in zip(cases, outputs, strict=True):
        for kind, item in items:
            right[kind].append(present(english, item))
            if kind == "names":
                words = [w for w in re.split(r"[\s,]+", item) if w[:1].isupper() and present(french, w)]
                kept += [present(english, word) for word in words]
    result = {kind: sum(values) / len(values) for kind, values in right.items() if values}
    everything = [value for values in right.values() for value in values]
    result["overall"] = sum(everything) / len(everything)
    result["names_kept"] = sum(kept) / len(kept) if kept else 1.0
    return result


def sentences(texts: list[str], prefix: str = "s") -> list[Sentence]:
    return [
        Sentence(id=f"{prefix}:{i}", index=i, text=t, start=0, end=len(t), paragraph=0)
        for i, t in enumerate(texts)
    ]


def timed(function, *args, **kwargs) -> tuple[list[Translation], float]:  # type: ignore[no-untyped-def]
    began = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - began


def overhead(engine, count: int) -> float:  # type: ignore[no-untyped-def]
    """Added time of the protected path over the engine alone, on ``count`` news sentences.

    Engine alone and protected path run twice each, interleaved, best time of each kept.
    The figure is the time the protected path spends outside the runner and engine
    (finding, masking, restoring, checking) over the engine-alone time; the total ratio
    is printed too.
    """
    from bitext.translate import runner

    batch = sentences(unique_news_french(count), "news")
    translate_protected(engine, sentences(["Le ministre Nguyen Van Binh a visité Hanoï."]))  # load data once
    inside = [0.0]
    plain = runner.translate_sentences

    def counted(*args, **kwargs):  # type: ignore[no-untyped-def]
        began = time.perf_counter()
        try:
            return plain(*args, **kwargs)
        finally:
            inside[0] += time.perf_counter() - began

    bases, totals, extras = [], [], []
    for _ in range(2):
        bases.append(timed(plain, engine, batch)[1])
        inside[0] = 0.0
        runner.translate_sentences = counted
        try:
            totals.append(timed(translate_protected, engine, batch)[1])
        finally:
            runner.translate_sentences = plain
        extras.append(totals[-1] - inside[0])
    base, total, extra = min(bases), min(totals), min(extras)
    print(
        f"overhead on {len(batch)} news-dev sentences: engine alone {base:.2f} s, protected {total:.2f} s "
        f"(total ratio {total / base:.3f}), of which outside the engine {extra:.2f} s"
    )
    return extra / base


def bleu(engine, glossary) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """sacrebleu BLEU and chrF on mt-dev: engine alone, protected, protected with the glossary."""
    import sacrebleu

    folder = SHARED / "mt-dev" / "newstest2014_fr_en"
    french = (folder / "dev.fr").read_text(encoding="utf-8").splitlines()
    reference = (folder / "dev.en").read_text(encoding="utf-8").splitlines()
    batch = sentences(french, "mt")
    runs = {
        "base": translate_sentences(engine, batch),
        "": translate_protected(engine, batch),
        "_glossary": translate_protected(engine, batch, glossary),
    }
    scores = {}
    for name, results in runs.items():
        hypotheses = [r.target for r in results]
        scores[f"bleu{'_' + name if name == 'base' else name}"] = sacrebleu.corpus_bleu(
            hypotheses, [reference]
        ).score
        scores[f"chrf{'_' + name if name == 'base' else name}"] = sacrebleu.corpus_chrf(
            hypotheses, [reference]
        ).score
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", default="apertium")
    parser.add_argument("--data", type=Path, default=HELDOUT, help="held-out file (names_heldout.txt)")
    parser.add_argument("--overhead", action="store_true", help="time the protected path on news-dev")
    parser.add_argument("--bleu", action="store_true", help="BLEU/chrF on mt-dev, before and after")
    parser.add_argument("--sentences", type=int, default=2000, help="news-dev sentences for --overhead")
    parser.add_argument("--quick", action="store_true", help="300 sentences for --overhead")
    parser.add_argument("--show", action="store_true", help="print every sentence before and after")
    args = parser.parse_args()
    engine = get_engine(args.engine)
    glossary = load_glossary()
    cases = load_heldout(args.data)
    batch = sentences([french for french, _ in cases])
    base = [t.target for t in translate_sentences(engine, batch)]
    protected = [t.target for t in translate_protected(engine, batch)]
    with_glossary = [t.target for t in translate_protected(engine, batch, glossary)]
    if args.show:
        for (french, _), before, after in zip(cases, base, with_glossary, strict=True):
            print(f"FR:     {french}\nBEFORE: {before}\nAFTER:  {after}\n")
    results = {"baseline": score(cases, base), "protected": score(cases, protected)}
    results["protected+glossary"] = score(cases, with_glossary)
    print("(measured on a shared, loaded machine; shares are exact, timings noisy)")
    for name, shares in results.items():
        print(f"{name:20s} " + " ".join(f"{kind}={value:.3f}" for kind, value in shares.items()))
    final = results["protected"]
    line = " ".join(
        f"{kind}={final[kind]:.3f}" for kind in ("names", "places", "numbers", "overall", "names_kept")
    )
    line += f" baseline_overall={results['baseline']['overall']:.3f}"
    line += f" baseline_names_kept={results['baseline']['names_kept']:.3f}"
    if args.overhead:
        line += f" overhead={overhead(engine, 300 if args.quick else args.sentences):.3f}"
    if args.bleu:
        line += " " + " ".join(f"{key}={value:.2f}" for key, value in bleu(engine, glossary).items())
    print(line)


if __name__ == "__main__":
    main()

"""The quality estimate's data: fitting and held-out sets, translated once and cached.

Every set is translated through bitext's real path (``Translator.sentences`` with the
Apertium engine and the project glossary, what ``bitext translate`` and ``bitext run``
run) and cached under ``bench/_work/quality/`` as one JSON line per sentence: the
``Translation`` (with its term and span statuses), the human reference and the sentence
chrF (sacrebleu) of the English against it. Reruns read the cache.

* ``fit``: 3,000 lines drawn (fixed seed) from news-dev newstest2009–2011;
* ``newstest2012``: the 2,000 lines ``bench/mt_quality.py`` draws (seed 2012), never fitted on;
* ``mt-dev``: mt-dev newstest2014 (1,000 lines), never fitted on.
"""

from __future__ import annotations

import json
import random
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from datadirs import SHARED  # noqa: E402

from bitext.models import Translation  # noqa: E402

NEWS_DEV = SHARED / "news-dev"
MT_DEV = SHARED / "mt-dev" / "newstest2014_fr_en" / "dev"
WORK = ROOT / "bench" / "_work" / "quality"
FIT_YEARS = ("newstest2009", "newstest2010", "newstest2011")
FIT_SIZE = 3_000
FIT_SEED = 2011
HELD_OUT_SIZE = 2_000
HELD_OUT_SEED = 2012  # the sample bench/mt_quality.py scores
SETS = ("fit", "newstest2012", "mt-dev")


@dataclass(frozen=True)
class Example:
    """One translated sentence with its reference and the target the estimate is fitted to."""

    translation: Translation
    reference: str
    chrf: float


def source_pairs(name: str, quick: bool = False) -> list[tuple[str, str]]:
    """(French, English reference) lines of one set, in a fixed order."""
    if name == "fit":
        pairs = [pair for year in FIT_YEARS for pair in _read(NEWS_DEV / year)]
        picked = sorted(random.Random(FIT_SEED).sample(range(len(pairs)), FIT_SIZE))
    elif name == "newstest2012":
        pairs = _read(NEWS_DEV / "newstest2012")
        picked = sorted(random.Random(HELD_OUT_SEED).sample(range(len(pairs)), HELD_OUT_SIZE))
    elif name == "mt-dev":
        pairs = _read(MT_DEV)
        picked = list(range(len(pairs)))
    else:
        raise ValueError(f"unknown set {name!r}; expected one of {', '.join(SETS)}")
    chosen = [pairs[i] for i in picked]
    return chosen[:200] if quick else chosen


def _read(stem: Path) -> list[tuple[str, str]]:
    french = stem.with_suffix(".fr").read_text(encoding="utf-8").splitlines()
    english = stem.with_suffix(".en").read_text(encoding="utf-8").splitlines()
    return list(zip(french, english, strict=True))


def load_set(name: str, quick: bool = False) -> list[Example]:
    """The set's examples, translated now if they are not cached yet."""
    cache = WORK / f"{name}{'.quick' if quick else ''}.jsonl"
    if cache.exists():
        return [_example(json.loads(line)) for line in cache.read_text(encoding="utf-8").splitlines()]
    examples = translate_set(name, source_pairs(name, quick))
    WORK.mkdir(parents=True, exist_ok=True)
    lines = [
        json.dumps(
            {"translation": e.translation.model_dump(mode="json"), "reference": e.reference, "chrf": e.chrf}
        )
        for e in examples
    ]
    cache.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return examples


def _example(record: dict[str, object]) -> Example:
    return Example(
        translation=Translation.model_validate(record["translation"]),
        reference=str(record["reference"]),
        chrf=float(record["chrf"]),  # type: ignore[arg-type]
    )


def translate_set(name: str, pairs: list[tuple[str, str]]) -> list[Example]:
    """Translate the French of ``pairs`` with Apertium and the project glossary; score each line."""
    import sacrebleu

    from bitext.glossary import load_glossary
    from bitext.segment import line_sentences
    from bitext.translate.apertium import ApertiumEngine
    from bitext.translate.documents import Translator

    engine = ApertiumEngine()
    try:
        translator = Translator(engine, glossary=load_glossary(None))
        translations = translator.sentences(line_sentences(name, [fr for fr, _ in pairs]))
    finally:
        engine.close()
    return [
        Example(t, reference, sacrebleu.sentence_chrf(t.target, [reference]).score)
        for t, (_, reference) in zip(translations, pairs, strict=True)
    ]


if __name__ == "__main__":
    for set_name in SETS:
        print(set_name, len(load_set(set_name)), file=sys.stderr)

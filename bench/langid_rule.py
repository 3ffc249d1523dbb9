"""Word-list language calls against lingua: every disagreement, on the shared dev sets.

:func:`bitext.langid_words.clear_language` answers plainly French or English paragraphs
without lingua. This script asks both about every paragraph of news-dev (newstest2009–2012),
mt-dev (newstest2014) and align-dev (transread fr/en, textberg fr and de), each line alone
and consecutive lines two by two (the paragraphs of ``bench/run_scale.py``'s items),
and prints every paragraph where the rule's answer differs from lingua's
(:func:`bitext.langid.detect_language`), with lingua's confidences, and the least share
lingua gave a language the rule answered.

It also checks the item-level shortcut: items of seven consecutive lines (a title, three
paragraphs of two lines) are identified by :func:`bitext.langid.detect_item_languages`
and by lingua alone (paragraph confidences, then the whole text where they do not
settle it), and every item whose language, confidence (4 decimals) or paragraph
languages differ is printed.

Last line: ``paragraphs=… answered=… answered_share=… disagreements=… items=… items_ruled=…
item_disagreements=…``

Usage: python bench/langid_rule.py [--quick]
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

from datadirs import SHARED

from bitext import langid
from bitext.langid_words import clear_language

LINES_PER_ITEM = 7


def sources() -> list[Path]:
    """The shared files whose lines are checked (French, English, and German as "other")."""
    news = [
        SHARED / "news-dev" / f"newstest{year}.{lang}"
        for year in (2009, 2010, 2011, 2012)
        for lang in ("fr", "en")
    ]
    mt_dev = [SHARED / "mt-dev" / "newstest2014_fr_en" / f"dev.{lang}" for lang in ("fr", "en")]
    transread = sorted(
        path
        for path in (SHARED / "align-dev" / "transread_fr_en").glob("*.*")
        if path.suffix in (".fr", ".en")
    )
    textberg = [SHARED / "align-dev" / "textberg_de_fr" / f"dev.{lang}" for lang in ("fr", "de")]
    return [path for path in [*news, *mt_dev, *transread, *textberg] if path.is_file()]


def file_lines(path: Path, quick: bool) -> list[str]:
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return lines[: len(lines) // 10] if quick else lines


def paragraphs(lines: list[str]) -> Iterator[str]:
    yield from lines
    yield from (" ".join(lines[i : i + 2]) for i in range(0, len(lines) - 1, 2))


def lingua_only(items: list[str]) -> tuple[tuple[str | None, float], list[str | None]]:
    """What ingest answered before the word-list rule: lingua on every paragraph."""
    found = [langid.confidences(paragraph) for paragraph in items]
    item: tuple[str | None, float] | None = langid.language_from_paragraphs(items, found)
    if item is None:
        item = langid.detect_language("\n\n".join(items))
    return item, [langid._decide(values)[0] for values in found]


def check_paragraphs(texts: set[str]) -> tuple[int, int, float]:
    answered = disagreements = 0
    least_share = 1.0
    for text in sorted(texts):
        rule = clear_language(text)
        if rule is None:
            continue
        answered += 1
        values = langid.confidences(text)
        if langid._decide(values)[0] != rule:
            disagreements += 1
            print(f"DISAGREE rule={rule} lingua={values[:3]}: {text}")
        least_share = min(least_share, dict(values).get(rule, 0.0))
    return answered, disagreements, least_share


def check_items(files: list[list[str]]) -> tuple[int, int, int]:
    count = ruled = disagreements = 0
    for lines in files:
        for start in range(0, len(lines) - LINES_PER_ITEM + 1, LINES_PER_ITEM):
            block = lines[start : start + LINES_PER_ITEM]
            item = [block[0], *(" ".join(block[i : i + 2]) for i in range(1, LINES_PER_ITEM, 2))]
            count += 1
            rule = [clear_language(paragraph) for paragraph in item]
            found = [() if lang else langid.confidences(text) for text, lang in zip(item, rule, strict=True)]
            ruled += langid.language_from_ruled(item, rule, found) is not None
            (lang, confidence), langs = langid.detect_item_languages(item)
            (old_lang, old_confidence), old_langs = lingua_only(item)
            if (lang, round(confidence, 4), langs) != (old_lang, round(old_confidence, 4), old_langs):
                disagreements += 1
                print(
                    f"ITEM DIFFERS now={lang, confidence, langs} "
                    f"lingua={old_lang, old_confidence, old_langs}: {item}"
                )
    return count, ruled, disagreements


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the first tenth of each file")
    args = parser.parse_args()
    files = [file_lines(path, args.quick) for path in sources()]
    texts = {text for lines in files for text in paragraphs(lines)}
    answered, disagreements, least_share = check_paragraphs(texts)
    print(f"{len(texts)} distinct paragraphs from {len(files)} files; the rule answered {answered}")
    print(f"least share lingua gave the language the rule answered: {least_share:.6f}")
    items, ruled, item_disagreements = check_items(files)
    print(f"{items} items; settled by the rule without lingua: {ruled}")
    print(
        f"paragraphs={len(texts)} answered={answered} answered_share={answered / max(len(texts), 1):.3f} "
        f"disagreements={disagreements} items={items} items_ruled={ruled} "
        f"item_disagreements={item_disagreements}"
    )


if __name__ == "__main__":
    main()

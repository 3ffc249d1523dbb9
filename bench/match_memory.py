"""Peak memory of matching at 1,000 and 10,000 items: whole texts held, or counted chunk by chunk.

The items are the two-line pseudo-articles of ``bench/docmatch.py``'s scaling run
(newstest2009-2012 of ``../shared/news-dev``, with their cached Apertium English).
Each size and way runs in a fresh process under ``tracemalloc`` (numpy's arrays
included); every item's text is a fresh copy, as if just read from disk.

* ``texts``: every item made into a ``MatchText`` and kept, then
  ``match_documents`` (what a run's first pass did before: it also kept every English
  item's ``Sentence`` objects, not counted here);
* ``counted``: items made 200 at a time, counted (``ItemCounter``) and dropped, then
  ``match_counted`` (what the first pass does now; the aligner's rival items are
  fetched again from the lines).

Last line: ``peak_mb_texts_10k=A peak_mb_counted_10k=B per_item_growth=R`` (``R``:
the counted way's peak per item at 10k over its peak per item at 1k; 1 is flat).
Usage: ``python bench/match_memory.py [--quick]`` (``--quick``: 300 and 3,000 items).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tracemalloc
from collections.abc import Iterator, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from docmatch import article_sample
from newsdev import TEST_YEARS, TUNE_YEARS, load_news

from bitext.match.documents import match_counted, match_documents
from bitext.match.itemcounts import ItemCounter
from bitext.match.linking import ItemTexts
from bitext.models import MatchText

CHUNK = 200


def fresh(texts: Sequence[str] | None) -> tuple[str, ...] | None:
    """New string objects (as read from disk), not references to the loaded lines."""
    return None if texts is None else tuple(text.encode().decode() for text in texts)


def measure(items: int, way: str) -> dict[str, float]:
    """Peak traced memory (MB) of matching ``items`` items the given way, and the matches."""
    news = load_news(TUNE_YEARS + TEST_YEARS)
    sample = article_sample(news, 2, items=items, seed=7, paired_share=0.9)
    french, english = sample.french, sample.english

    def copies(side: Sequence[MatchText], start: int, stop: int) -> Iterator[MatchText]:
        for item in side[start:stop]:
            yield item.model_copy(
                update={"sentences": fresh(item.sentences), "translation": fresh(item.translation)}
            )

    tracemalloc.start()
    if way == "texts":
        result = match_documents(list(copies(french, 0, len(french))), list(copies(english, 0, len(english))))
    else:
        counter = ItemCounter(4)
        for start in range(0, max(len(french), len(english)), CHUNK):
            counter.add_french(list(copies(french, start, start + CHUNK)))
            counter.add_english(list(copies(english, start, start + CHUNK)))

        def texts(rows: Sequence[int], cols: Sequence[int]) -> ItemTexts:
            return {i: french[i] for i in rows}, {j: english[j] for j in cols}

        result = match_counted(counter, texts)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"items": items, "way": way, "peak_mb": peak / 2**20, "matches": len(result.matches)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="300 and 3,000 items")
    parser.add_argument("--one", nargs=2, help=argparse.SUPPRESS)  # ITEMS WAY, in this process
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(int(args.one[0]), args.one[1])))
        return
    sizes = (300, 3000) if args.quick else (1000, 10000)
    peaks: dict[tuple[int, str], float] = {}
    for items in sizes:
        for way in ("texts", "counted"):
            command = [sys.executable, __file__, "--one", str(items), way]
            output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
            result = json.loads(output.strip().splitlines()[-1])
            peaks[items, way] = result["peak_mb"]
            print(
                f"{items:6d} items, {way:7s}: peak {result['peak_mb']:7.1f} MB "
                f"({1024 * result['peak_mb'] / items:5.1f} kB an item), {result['matches']} matches"
            )
    small, large = sizes
    growth = (peaks[large, "counted"] / large) / (peaks[small, "counted"] / small)
    print(
        f"peak_mb_texts_10k={peaks[large, 'texts']:.1f} peak_mb_counted_10k={peaks[large, 'counted']:.1f} "
        f"per_item_growth={growth:.2f}"
    )


if __name__ == "__main__":
    main()

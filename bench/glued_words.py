"""Glued-word repair on clean news: every edit the cleaner makes on 2,000 unseen French lines.

Edited news has no glued words, so every split here is a false repair unless a person
checking the list says otherwise. Runs the cleaner's spacing repair (punctuation, then
glued words) on the first N lines of WMT newstest2009-2012 French (``../shared/news-dev``)
and prints each edit. ``--quick`` takes 500 lines.

Last line: ``lines=N glued_edits=E camel_edits=C``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from datadirs import SHARED  # noqa: E402

from bitext.ingest.draft import Draft  # noqa: E402
from bitext.ingest.glue import repair_glued_words  # noqa: E402

NEWS_DEV = SHARED / "news-dev"


def news_lines(count: int) -> list[str]:
    """The first ``count`` French lines of news-dev, files in name order."""
    lines: list[str] = []
    for path in sorted(NEWS_DEV.glob("newstest*.fr")):
        lines += path.read_text(encoding="utf-8").splitlines()
    return lines[:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=2000)
    parser.add_argument("--quick", action="store_true", help="500 lines")
    args = parser.parse_args()
    lines = news_lines(500 if args.quick else args.lines)
    edits: list[tuple[str, str]] = []
    for line in lines:
        draft = Draft.from_raw(line, 0, len(line))
        repair_glued_words(draft, "fr")
        edits += [(change.before, change.after) for change in draft.changes]
    for before, after in edits:
        print(f"{before!r} -> {after!r}")
    camel = sum(1 for before, _ in edits if any(c.isupper() for c in before[1:]))
    print(f"lines={len(lines)} glued_edits={len(edits)} camel_edits={camel}")


if __name__ == "__main__":
    main()

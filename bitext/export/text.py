"""Plain parallel text: ``corpus.fr`` / ``corpus.en`` (Moses style) and ``corpus.tsv``.

Line N of ``corpus.fr`` is the French of pair N, line N of ``corpus.en`` its English,
the layout MT training tools expect. A line break inside a segment would shift every
following line, so line and record separators (and tabs, in the Moses files) become
spaces.

``corpus.tsv`` has a header row and quotes as RFC 4180 describes, with a tab as the
delimiter: a field holding a tab or a ``"`` is put in double quotes and its quotes
doubled. That is what pandas' ``read_csv(sep="\t")`` and the ``csv`` module expect by
default; without it a segment starting with ``"`` made pandas swallow the next columns.
A TSV record still never spans two lines.
"""

from __future__ import annotations

import csv
import re
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any

from bitext.models import SegmentPair
from bitext.textio import atomic_write

_BREAKS = re.compile("[\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_LINE_BREAKS = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
TSV_COLUMNS = ("doc_id", "fr", "en", "score")


def one_line(text: str) -> str:
    """``text`` with every character a line reader could split on (and tabs) made a space."""
    return _BREAKS.sub(" ", text)


def no_line_breaks(text: str) -> str:
    """``text`` with every character a line reader could split on made a space; tabs kept."""
    return _LINE_BREAKS.sub(" ", text)


def moses_paths(base: str | Path) -> tuple[Path, Path]:
    """``corpus.fr`` and ``corpus.en`` for a base such as ``out/corpus`` or ``out/corpus.txt``."""
    base = Path(base)
    if base.suffix in {".txt", ".fr", ".en"}:
        base = base.with_suffix("")
    return base.with_name(base.name + ".fr"), base.with_name(base.name + ".en")


class MosesWriter:
    """Write the two line-aligned files; both appear only when the writer closes cleanly."""

    def __init__(self, base: str | Path) -> None:
        self.paths = moses_paths(base)
        self.count = 0
        self._stack = ExitStack()
        self._handles: list[IO[str]] = []

    def __enter__(self) -> MosesWriter:
        self._handles = [self._stack.enter_context(atomic_write(path)) for path in self.paths]
        return self

    def write(self, pair: SegmentPair) -> None:
        """Append the pair's French and English lines."""
        french, english = self._handles
        french.write(one_line(pair.fr) + "\n")
        english.write(one_line(pair.en) + "\n")
        self.count += 1

    def __exit__(self, *exc_info: Any) -> bool:
        return bool(self._stack.__exit__(*exc_info))


class TsvWriter:
    """Write ``doc_id``, French, English and score, one pair per line under a header."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.count = 0
        self._stack = ExitStack()
        self._rows: Any = None

    def __enter__(self) -> TsvWriter:
        handle = self._stack.enter_context(atomic_write(self.path))
        self._rows = csv.writer(handle, delimiter="\t", quotechar='"', lineterminator="\n")
        self._rows.writerow(TSV_COLUMNS)
        return self

    def write(self, pair: SegmentPair) -> None:
        """Append one row (quoted where a field holds a tab or a double quote)."""
        assert self._rows is not None, "use TsvWriter as a context manager"
        fields = (pair.doc_id, pair.fr, pair.en)
        self._rows.writerow([*(no_line_breaks(field) for field in fields), repr(pair.bead.score)])
        self.count += 1

    def __exit__(self, *exc_info: Any) -> bool:
        return bool(self._stack.__exit__(*exc_info))

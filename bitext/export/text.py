"""Plain parallel text: ``corpus.fr`` / ``corpus.en`` (Moses style) and ``corpus.tsv``.

Line N of ``corpus.fr`` is the French of pair N, line N of ``corpus.en`` its English,
the layout MT training tools expect. A line break inside a segment would shift every
following line, so line and record separators (and tabs, for TSV) become spaces.
"""

from __future__ import annotations

import re
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any

from bitext.models import SegmentPair
from bitext.textio import atomic_write

_BREAKS = re.compile("[\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
TSV_HEADER = "doc_id\tfr\ten\tscore\n"


def one_line(text: str) -> str:
    """``text`` with every character a line reader could split on (and tabs) made a space."""
    return _BREAKS.sub(" ", text)


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
        self._handle: IO[str] | None = None

    def __enter__(self) -> TsvWriter:
        self._handle = self._stack.enter_context(atomic_write(self.path))
        self._handle.write(TSV_HEADER)
        return self

    def write(self, pair: SegmentPair) -> None:
        """Append one row."""
        assert self._handle is not None, "use TsvWriter as a context manager"
        fields = (pair.doc_id, pair.fr, pair.en)
        self._handle.write("\t".join(one_line(field) for field in fields) + f"\t{pair.bead.score!r}\n")
        self.count += 1

    def __exit__(self, *exc_info: Any) -> bool:
        return bool(self._stack.__exit__(*exc_info))

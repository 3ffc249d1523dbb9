"""The vecalign bead format: one bead per line, ``[0]:[0]``, ``[1, 2]:[3]``, ``[7]:[]``.

Source indices come first, 0-based; a third ``:score`` field is allowed. Gold files of
vecalign, Bleualign's evaluation data and our own output all use it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from bitext.errors import AlignmentError
from bitext.models import Bead
from bitext.textio import read_text

_LINE = re.compile(r"^\s*\[([\d,\s]*)\]\s*:\s*\[([\d,\s]*)\]\s*(?::\s*(\S+)\s*)?$")


def parse_beads(text: str, path: str | Path = "<string>", *, gold: bool = False) -> list[Bead]:
    """Parse vecalign-format text; blank lines are skipped.

    Args:
        text: The beads, one per line.
        path: The file they come from, for error messages.
        gold: Check them as a gold alignment: at least one bead, and on each side
            every sentence used at most once, in increasing order (a gold file that
            breaks this would be scored silently and wrongly).

    Raises:
        AlignmentError: A line that is not a bead, an empty ``[]:[]`` bead or a bad
            score, or (``gold``) an empty file or a sentence used twice or out of
            order; the error names the file and the 1-based line.
    """
    beads: list[Bead] = []
    order = _GoldOrder(path) if gold else None
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        match = _LINE.match(line)
        if match is None:
            raise AlignmentError(
                f"not a bead: {line.strip()[:60]!r} (expected e.g. '[1, 2]:[3]')", path=path, line=number
            )
        try:
            src = _indices(match.group(1))
            tgt = _indices(match.group(2))
            score = float(match.group(3)) if match.group(3) is not None else 1.0
        except ValueError as exc:
            raise AlignmentError(f"bad bead {line.strip()[:60]!r}: {exc}", path=path, line=number) from exc
        if not src and not tgt:
            raise AlignmentError("empty bead '[]:[]'", path=path, line=number)
        if order is not None:
            order.check(src, tgt, number)
        beads.append(Bead(src=src, tgt=tgt, score=score))
    if gold and not beads:
        raise AlignmentError("no beads: an empty gold alignment cannot be scored against", path=path)
    return beads


def read_beads(path: str | Path, *, gold: bool = False) -> list[Bead]:
    """Read a vecalign-format file (UTF-8), with errors that give the line number.

    ``gold`` checks it as a gold alignment (see :func:`parse_beads`).
    """
    return parse_beads(read_text(path), path, gold=gold)


def format_bead(bead: Bead, *, with_score: bool = False) -> str:
    """One bead as a vecalign line, e.g. ``[1, 2]:[3]`` or ``[1, 2]:[3]:0.8125``."""
    line = f"[{', '.join(map(str, bead.src))}]:[{', '.join(map(str, bead.tgt))}]"
    return f"{line}:{bead.score:.4f}" if with_score else line


def format_beads(beads: Iterable[Bead], *, with_score: bool = False) -> str:
    """Every bead on its own line, newline-terminated."""
    return "".join(format_bead(bead, with_score=with_score) + "\n" for bead in beads)


def check_coverage(beads: Sequence[Bead], n_src: int, n_tgt: int, path: str | Path | None = None) -> None:
    """Check that beads are monotone and cover ``n_src`` and ``n_tgt`` sentences once each.

    Raises:
        AlignmentError: The first bead that skips, repeats or goes past a sentence.
    """
    next_src = next_tgt = 0
    for number, bead in enumerate(beads, start=1):
        for side, indices, expected in (("source", bead.src, next_src), ("target", bead.tgt, next_tgt)):
            if indices and list(indices) != list(range(expected, expected + len(indices))):
                raise AlignmentError(
                    f"{side} indices {list(indices)} are not the next ones (expected {expected})",
                    path=path,
                    line=number,
                )
        next_src += len(bead.src)
        next_tgt += len(bead.tgt)
    if (next_src, next_tgt) != (n_src, n_tgt):
        raise AlignmentError(
            f"beads cover {next_src} source and {next_tgt} target sentences, expected {n_src} and {n_tgt}",
            path=path,
        )


class _GoldOrder:
    """Where each sentence of each side was used, and where the last bead started."""

    def __init__(self, path: str | Path) -> None:
        self._path = path
        self._seen: tuple[dict[int, int], dict[int, int]] = ({}, {})
        self._last: list[tuple[int, int] | None] = [None, None]

    def check(self, src: tuple[int, ...], tgt: tuple[int, ...], line: int) -> None:
        for side, (name, indices) in enumerate((("source", src), ("target", tgt))):
            for index in indices:
                first = self._seen[side].setdefault(index, line)
                if first != line or indices.count(index) > 1:
                    raise AlignmentError(
                        f"{name} sentence {index} is used twice (first on line {first})",
                        path=self._path,
                        line=line,
                    )
            if not indices:
                continue
            start, last = min(indices), self._last[side]
            if last is not None and start < last[0]:
                raise AlignmentError(
                    f"out of order: this bead starts at {name} sentence {start}, before the bead on "
                    f"line {last[1]} (sentence {last[0]})",
                    path=self._path,
                    line=line,
                )
            self._last[side] = (start, line)


def _indices(group: str) -> tuple[int, ...]:
    parts = [part.strip() for part in group.split(",")]
    if parts == [""]:
        return ()
    if any(not part for part in parts):
        raise ValueError("empty index between commas")
    return tuple(int(part) for part in parts)

"""Sentence alignment: monotone 1-n beads from MT similarity, lengths and anchors.

``align_sentences`` is pure (sentences and parameters in, beads out); the machine
translation of the source is computed by the caller and passed in as ``src_mt``.
Importing this package loads nothing heavy; numpy is imported on the first alignment.
"""

from __future__ import annotations

from collections.abc import Sequence

from bitext.align.evaluate import evaluate, evaluate_many
from bitext.align.params import AlignParams
from bitext.align.vecalign import check_coverage, format_beads, parse_beads, read_beads
from bitext.models import Bead

__all__ = [
    "AlignParams",
    "align_sentences",
    "check_coverage",
    "evaluate",
    "evaluate_many",
    "format_beads",
    "parse_beads",
    "read_beads",
]


def align_sentences(
    src: Sequence[str],
    tgt: Sequence[str],
    *,
    src_mt: Sequence[str] | None = None,
    params: AlignParams | None = None,
) -> list[Bead]:
    """Align two sentence sequences; see :func:`bitext.align.aligner.align_sentences`."""
    from bitext.align.aligner import align_sentences as _align

    return _align(src, tgt, src_mt=src_mt, params=params)

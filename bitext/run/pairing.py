"""Pair each French sentence of an item with the English the engine produced for it.

The engine returns one output per sentence, so when every sentence got an output the
segmentation is kept and the pairs are 1-1 by construction. They still need a
confidence: the aligner (:func:`bitext.align.align_sentences`) is run on the whole
item with the outputs as both the machine translation and the target, so each score
combines the MT similarity with how plausible the English length is given the French
(relative to the item's own length ratio), which flags truncated or runaway output.
When the engine left sentences without output, the aligner's beads are used as they
are (1-0 for the French it lost, merges where it joined sentences).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bitext.align import AlignParams, align_sentences
from bitext.models import Bead

METHOD = "engine-1:1+align-score"


def aligner_settings() -> dict[str, Any]:
    """How pairs are made and scored, for the provenance (method and aligner parameters)."""
    return {"method": METHOD, **AlignParams().model_dump(mode="json")}


def pair_beads(french: Sequence[str], english: Sequence[str]) -> list[Bead]:
    """Beads over ``french`` and ``english`` (``english[i]`` is the output for ``french[i]``).

    Returns:
        1-1 beads when every sentence has an output (scored by the aligner; a sentence
        the aligner left unpaired scores 0), else the aligner's beads with target
        indices into ``english``.

    Raises:
        AlignmentError: ``english`` is not 1:1 with ``french``.
    """
    if not french:
        return []
    produced = [i for i, text in enumerate(english) if text.strip()]
    aligned = align_sentences(french, [english[i] for i in produced], src_mt=english)
    beads = [
        Bead(src=bead.src, tgt=tuple(produced[j] for j in bead.tgt), score=bead.score) for bead in aligned
    ]
    if len(produced) < len(french):
        return beads
    score_of = {i: bead.score for bead in beads if bead.src and bead.tgt for i in bead.src}
    return [Bead(src=(i,), tgt=(i,), score=score_of.get(i, 0.0)) for i in range(len(french))]

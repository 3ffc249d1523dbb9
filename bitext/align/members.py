"""Per-member terms of merge beads: does each merged sentence belong in its bead?

A bead's similarity is taken over all of its sentences together, so a merge that
swallows an unrelated sentence loses little of it, and the size factor pays the merge
for the extra sentence. Two terms look at each merged sentence on its own, from the
pair overlaps of the band:

* coverage, a bonus: the smallest share of a member's features found on the other
  side, which lets real merges (every member partly matched) beat a skip;
* unsupported members, a cost: a member that matches nothing on the other side while
  the rest of the bead already accounts for that side has nothing left to translate,
  so the merge must not beat skipping it.

Both read one chunk of band rows at a time, through :class:`ChunkOverlaps`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import reduce

import numpy as np

from bitext.align.core import FloatArray, IntArray, clamp, summed
from bitext.align.params import AlignParams, BeadType


@dataclass
class ChunkOverlaps:
    """The overlaps of the sentences just before each cell of a chunk of band rows.

    ``upper[r]`` and ``lower[r][q]`` are row prefix sums taken for source sentence
    ``i - 1 - r`` of cell ``(i, j)``: up to target ``j`` and up to target ``j - q``. So
    source ``i - 1 - r`` and target ``j - 1 - q`` overlap by ``lower[r][q] - lower[r][q + 1]``,
    and that source and the last ``b`` targets by ``upper[r] - lower[r][b]``.
    ``src_sizes[r]`` and ``tgt_sizes[q]`` are those sentences' feature weights.
    """

    upper: list[FloatArray]
    lower: list[list[FloatArray]]
    src_sizes: list[FloatArray]
    tgt_sizes: list[FloatArray]
    beta2: float
    _similarities: dict[tuple[int, int], tuple[FloatArray, FloatArray]] = field(default_factory=dict)

    def pair(self, r: int, q: int) -> tuple[FloatArray, FloatArray]:
        """Overlap and similarity of source ``i - 1 - r`` and target ``j - 1 - q``, once per chunk."""
        if (r, q) not in self._similarities:
            overlap = self.lower[r][q] - self.lower[r][q + 1]
            denominator = np.maximum(self.beta2 * self.tgt_sizes[q] + self.src_sizes[r], 1e-9)
            self._similarities[r, q] = overlap, (1.0 + self.beta2) * overlap / denominator
        return self._similarities[r, q]


def chunk_overlaps(
    upper: list[FloatArray],
    lower: list[list[FloatArray]],
    sizes: tuple[FloatArray, FloatArray],
    rows: IntArray,
    cols: IntArray,
    beta: float,
) -> ChunkOverlaps:
    """The chunk's prefix sums with the sizes of the sentences each cell's beads can hold."""
    src, tgt = sizes
    src_sizes = [src[np.maximum(rows - 1 - r, 0)][:, None] for r in range(len(upper))]
    tgt_sizes = [tgt[np.maximum(cols - 1 - q, 0)] for q in range(len(lower[0]) - 1)]
    return ChunkOverlaps(upper, lower, src_sizes, tgt_sizes, beta * beta)


def member_coverage(chunk: ChunkOverlaps, shape: BeadType) -> FloatArray:
    """The smallest share of a merged sentence's features found on the other side.

    A featureless sentence counts as covered: there is nothing to judge it by.
    """
    a, b = shape
    shares = []
    for r in range(a):
        size = chunk.src_sizes[r]
        shares.append((chunk.upper[r] - chunk.lower[r][b]) / np.maximum(size, 1e-9) + (size <= 0))
    for q in range(b):
        size = chunk.tgt_sizes[q]
        member = sum(chunk.lower[r][q] - chunk.lower[r][q + 1] for r in range(a))
        shares.append(member / np.maximum(size, 1e-9) + (size <= 0))
    coverage: FloatArray = np.minimum(reduce(np.minimum, shares), 1.0)
    return coverage


def unsupported_members(chunk: ChunkOverlaps, shape: BeadType, params: AlignParams) -> FloatArray:
    """How much of the merge is made of sentences with nothing to translate in it.

    Each member counts ``unsupported * filled ** 2``. ``unsupported`` goes from 0 to 1
    as the member's best similarity with a single sentence of the other side falls from
    ``sim_offset`` (what unrelated sentences reach) to 0. ``filled`` is the share of the
    other side's features that the bead's other members already match. Squared, it is
    small for real merges seen through a noisy machine translation, whose members match
    only part of the other side (on the dev books a median 0.22 where a member matches
    nothing), and near 1 where the rest of the bead is a complete translation, as for an
    unrelated sentence next to a well-translated one. A featureless member counts as
    unsupported: where the rest of the bead already translates the other side, it has
    nothing left to translate either (lengths still decide whether it is merged).
    """
    a, b = shape
    pairs = [[chunk.pair(r, q)[0] for q in range(b)] for r in range(a)]
    sims = [[chunk.pair(r, q)[1] for q in range(b)] for r in range(a)]
    total = summed([pairs[r][q] for r in range(a) for q in range(b)])
    src_total = summed(chunk.src_sizes[:a])
    tgt_total = summed(chunk.tgt_sizes[:b])
    cost: FloatArray = np.zeros_like(total)
    for r in range(a):
        others = total - summed(pairs[r])
        support = reduce(np.maximum, sims[r])
        cost += _member_cost(support, others / np.maximum(tgt_total, 1e-9), params)
    for q in range(b):
        others = total - summed([pairs[r][q] for r in range(a)])
        support = reduce(np.maximum, [sims[r][q] for r in range(a)])
        cost += _member_cost(support, others / np.maximum(src_total, 1e-9), params)
    return cost


def _member_cost(support: FloatArray, filled: FloatArray, params: AlignParams) -> FloatArray:
    """``unsupported * filled ** 2`` for one member (see :func:`unsupported_members`)."""
    unsupported = clamp(1.0 - support / max(params.sim_offset, 1e-9), 0.0, 1.0)
    cost: FloatArray = unsupported * np.minimum(filled, 1.0) ** 2
    return cost

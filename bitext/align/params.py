"""Aligner parameters: feature weights, bead penalties and search settings.

The defaults were tuned on the French→English development books (see
``bench/align_tune.py``) with Apertium translations on the source side; the
leave-one-book-out check there shows they are not fitted to a single book.
"""

from __future__ import annotations

from pydantic import Field, model_validator

from bitext.models import Frozen

BeadType = tuple[int, int]


class AlignParams(Frozen):
    """Everything that shapes an alignment; recorded with the output as provenance.

    A bead of ``a`` source and ``b`` target sentences scores
    ``size_factor(a, b) * (sim_weight * (sim - sim_offset) + length_weight * length)
    - anchor_weight * anchors + penalty(a, b)`` where ``sim`` is an overlap F-score
    (chrF-like) of the words of the source's machine translation and of the target,
    ``sim_offset`` the similarity that unrelated sentences reach (so pairing them costs
    more than skipping them), ``length`` the
    Gale–Church log-likelihood of the character lengths and ``anchors`` the mismatch of
    question marks, exclamation marks and quotes. A skip costs ``skip_penalty`` and
    ``skip_sim_weight`` times the sentence's best similarity nearby. A merge (more than two
    sentences) also weighs each member on its own (see ``bitext.align.members``): it gains
    ``coverage_weight`` times the smallest share of a member found on the other side and
    pays ``unsupported_weight`` for each member that matches nothing there while the rest
    of the bead already translates that side. The path with the highest total wins.
    """

    sim_weight: float = 4.0
    sim_offset: float = Field(default=0.054, ge=0.0, le=1.0)
    sim_beta: float = Field(default=0.98, gt=0.0)
    length_weight: float = Field(default=0.1536, ge=0.0)
    length_variance: float = Field(default=6.8, gt=0.0)
    anchor_weight: float = Field(default=0.125, ge=0.0)
    skip_penalty: float = Field(default=-0.84, le=0.0)
    skip_sim_weight: float = Field(default=4.0, ge=0.0)
    coverage_weight: float = Field(default=0.576, ge=0.0)
    unsupported_weight: float = Field(default=1.0, ge=0.0)
    merge_penalty: float = Field(default=-0.84, le=0.0)
    extra_merge_penalty: float = Field(default=-0.6144, le=0.0)
    many_to_many_penalty: float = Field(default=-0.216, le=0.0)
    size_exponent: float = Field(default=0.512, ge=0.0, le=1.5)
    max_src: int = Field(default=4, ge=1, le=6)
    max_tgt: int = Field(default=4, ge=1, le=6)
    max_total: int = Field(default=5, ge=2, le=8)
    frequent_fraction: float = Field(default=0.25, gt=0.0, le=1.0)
    prefix_chars: int = Field(default=5, ge=0)
    full_dp_cells: int = Field(default=60_000, ge=1)
    coarse_factor: int = Field(default=8, ge=2)
    band_margin: int = Field(default=20, ge=1)
    hash_dims: int = Field(default=256, ge=16)

    @model_validator(mode="after")
    def _check_total(self) -> AlignParams:
        if self.max_total < 2:
            raise ValueError("max_total must allow 1-1 beads")
        return self

    def bead_types(self) -> list[BeadType]:
        """Allowed bead shapes ``(a, b)``: 1-0 and 0-1 plus every a-b within the limits."""
        shapes = [(1, 0), (0, 1)]
        for a in range(1, self.max_src + 1):
            for b in range(1, self.max_tgt + 1):
                if a + b <= self.max_total:
                    shapes.append((a, b))
        return shapes

    def penalty(self, a: int, b: int) -> float:
        """The bias of a bead shape: skips, one merge, each further merged sentence."""
        if a == 0 or b == 0:
            return self.skip_penalty
        if a + b == 2:
            return 0.0
        many = self.many_to_many_penalty if a > 1 and b > 1 else 0.0
        return self.merge_penalty + (a + b - 3) * self.extra_merge_penalty + many

    def size_factor(self, a: int, b: int) -> float:
        """How much more a bead of ``a + b`` sentences weighs than a 1-1 bead."""
        return float(((a + b) / 2.0) ** self.size_exponent)

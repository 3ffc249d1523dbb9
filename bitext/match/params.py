"""Settings of document matching and sentence mining; recorded with their results."""

from __future__ import annotations

from pydantic import Field

from bitext.models import Frozen


class MineParams(Frozen):
    """How sentence pairs are found and accepted.

    ``threshold`` is the probability a pair needs; ``None`` means one half of the
    probability adapted to this input's share of true pairs (see
    :mod:`bitext.match.combine`), which is how the tool calibrates itself without gold.
    """

    neighbours: int = Field(default=10, ge=1, le=100)
    margin_k: int = Field(default=4, ge=1, le=50)
    char_size: int = Field(default=4, ge=2, le=8)
    threshold: float | None = Field(default=None, ge=0.0, le=1.0)
    adapt_prior: bool = True


class MatchParams(Frozen):
    """How French and English items are paired.

    ``duplicate_similarity`` is the cosine of two items of one language above which
    they count as near-duplicates (versions of one text); see :class:`MineParams` for
    ``threshold``.
    """

    neighbours: int = Field(default=8, ge=1, le=100)
    margin_k: int = Field(default=4, ge=1, le=50)
    char_size: int = Field(default=4, ge=2, le=8)
    duplicate_similarity: float = Field(default=0.8, gt=0.0, le=1.0)
    threshold: float | None = Field(default=None, ge=0.0, le=1.0)
    adapt_prior: bool = True

    def mining(self) -> MineParams:
        """The sentence-level settings used inside candidate item pairs."""
        return MineParams(neighbours=self.neighbours, margin_k=self.margin_k, char_size=self.char_size)

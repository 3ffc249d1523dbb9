"""Settings of document matching and sentence mining; recorded with their results."""

from __future__ import annotations

from pydantic import Field

from bitext.models import Frozen


class MineParams(Frozen):
    """How sentence pairs are found and accepted.

    ``threshold`` is the probability a pair needs; ``None`` means 0.4
    (:data:`~bitext.match.mining.ACCEPT`) of the probability adapted to this input's
    share of true pairs (see :mod:`bitext.match.combine`), which is how the tool
    calibrates itself without gold.
    Candidates are each sentence's ``neighbours`` nearest both ways, searched among terms
    found in at most ``search_df`` sentences (see :mod:`bitext.match.candidates`).
    ``min_similarity`` is a floor on the mean cosine of a pair whatever its probability:
    on newstest2009/2010, 1 true sentence pair in 1,662 fell below 0.05, against 40% of
    the wrong candidates. ``background_similarity`` stands in for missing competitors
    when a sentence has fewer than ``margin_k`` candidates (a tiny input): the median
    similarity of wrong candidates there (``bench/match_fit.py`` prints it).
    ``lexicon`` adds the Apertium dictionary signals when the dictionaries are installed
    (:mod:`bitext.match.lexicon`); off, or not installed, the weights fitted without them apply.
    """

    neighbours: int = Field(default=10, ge=1, le=100)
    search_df: int = Field(default=300, ge=1)
    margin_k: int = Field(default=4, ge=1, le=50)
    char_size: int = Field(default=4, ge=2, le=8)
    threshold: float | None = Field(default=None, ge=0.0, le=1.0)
    min_similarity: float = Field(default=0.05, ge=0.0, le=1.0)
    background_similarity: float = Field(default=0.070, ge=0.0, le=1.0)
    adapt_prior: bool = True
    lexicon: bool = True


class MatchParams(Frozen):
    """How French and English items are paired.

    ``duplicate_similarity`` is the cosine (words, names, numbers) of two items of one
    language above which they count as near-duplicates (versions of one text); see :class:`MineParams` for
    ``threshold``, ``min_similarity`` and ``background_similarity`` (the median similarity
    of wrong item candidates on newstest2009/2010). ``search_terms`` caps each item's
    search terms at its heaviest (rarest) ones, so the candidate search costs at most
    items × ``search_terms`` × ``search_df`` joined pairs; ``None`` keeps them all. At 64
    the matches on newstest2009-2012 are those of no cap (``bench/docmatch.py``).
    """

    neighbours: int = Field(default=8, ge=1, le=100)
    search_df: int = Field(default=100, ge=1)
    search_terms: int | None = Field(default=64, ge=1)
    margin_k: int = Field(default=4, ge=1, le=50)
    char_size: int = Field(default=4, ge=2, le=8)
    duplicate_similarity: float = Field(default=0.8, gt=0.0, le=1.0)
    threshold: float | None = Field(default=None, ge=0.0, le=1.0)
    min_similarity: float = Field(default=0.05, ge=0.0, le=1.0)
    background_similarity: float = Field(default=0.066, ge=0.0, le=1.0)
    adapt_prior: bool = True

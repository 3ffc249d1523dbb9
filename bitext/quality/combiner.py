"""The combiner: features in, one quality value in [0, 1] out, from weights that are data.

The weights (``weights.json`` beside this module, written by ``bench/fit_quality.py``
with the fit's provenance) say how the features add up to a score that tracks
sentence-level chrF against human references. The score becomes a rank: the share of
the fitting data's sentences that scored lower, so 0.8 reads "better than 80% of
Apertium's English for news sentences". Defects the fitting data hardly contains,
because the translation step repairs them (Spanish leaks, French left untranslated,
names, numbers or glossary terms lost), then scale the rank down whatever else the pair
looks like: a pair full of Spanish scores near 0.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Sequence
from importlib import resources

from bitext.errors import ModelError
from bitext.models import QualityWeights
from bitext.quality.features import FEATURES

WEIGHTS_FILE = "weights.json"


@functools.cache
def shipped_weights() -> QualityWeights:
    """The weights shipped in the package (read once).

    Raises:
        ModelError: The file is missing, malformed or made for other features.
    """
    path = resources.files("bitext.quality").joinpath(WEIGHTS_FILE)
    try:
        weights = QualityWeights.model_validate_json(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"quality weights {path}: cannot be read ({exc})") from exc
    if weights.features != FEATURES:
        raise ModelError(f"quality weights {path}: made for features {weights.features}, not {FEATURES}")
    return weights


def raw_score(features: Sequence[float], weights: QualityWeights) -> float:
    """The fitted score of one feature vector (on chrF's scale divided by 100, unbounded)."""
    score, clip = weights.intercept, weights.clip
    for value, mean, scale, linear, squared in zip(
        features, weights.mean, weights.scale, weights.linear, weights.squared, strict=True
    ):
        z = (value - mean) / scale
        z = z if z < clip else clip  # min() and max() as conditionals: the same values, no calls
        z = z if z > -clip else -clip
        score += linear * z + squared * z * z
    return score


def rank(score: float, quantiles: Sequence[float]) -> float:
    """Where ``score`` falls among the fitting data's scores, in [0, 1] (interpolated)."""
    if score <= quantiles[0]:
        return 0.0
    if score >= quantiles[-1]:
        return 1.0
    upper = bisect.bisect_right(quantiles, score)
    low, high = quantiles[upper - 1], quantiles[upper]
    within = (score - low) / (high - low) if high > low else 0.0
    return (upper - 1 + within) / (len(quantiles) - 1)


def combine(features: Sequence[float], weights: QualityWeights | None = None) -> float:
    """The quality estimate of one feature vector (in the order of ``FEATURES``), in [0, 1].

    Args:
        features: One pair's features, as :func:`bitext.quality.features.pair_features` gives them.
        weights: The combiner; ``None`` uses the shipped one.

    Returns:
        The estimate, rounded to 4 decimals so that exports are stable across machines.
    """
    weights = weights or shipped_weights()
    quality = rank(raw_score(features, weights), weights.quantiles)
    for name, weight in weights.penalties.items():
        quality *= max(0.0, min(1.0, 1.0 - weight * features[weights.features.index(name)]))
    return round(quality, 4)

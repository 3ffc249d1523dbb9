"""Turn a candidate pair's signals into the probability that it is a translation.

A logistic combination of a few standardised signals (cosines, margins, ranks, length,
names, numbers) whose weights are data: ``weights.json`` next to this module, fitted by
``bench/match_fit.py`` on newstest2009/2010 only, with the fit's provenance inside.

The weights carry the share of true pairs among the candidates they were fitted on.
A user's collection has its own share (a folder of translated pairs, or two news
feeds with a few shared stories), so before any decision the posteriors are adapted
to the collection at hand: the share of true pairs is re-estimated on the candidates
themselves by expectation-maximisation (Saerens, Latinne and Decaestecker, "Adjusting
the outputs of a classifier to new a priori probabilities", 2002), without any gold.
An item pair is accepted when its adapted probability reaches one half, a sentence
pair when it reaches :data:`bitext.match.mining.ACCEPT`.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Literal

import numpy as np
from numpy.typing import NDArray
from pydantic import Field

from bitext.errors import ModelError
from bitext.models import Frozen

FloatArray = NDArray[np.float64]
WEIGHTS_PATH = Path(__file__).with_name("weights.json")
CombinerKind = Literal["sentences", "sentences_plain", "sentences_routes", "documents"]
_EM_ITERATIONS = 200
_EM_TOLERANCE = 1e-9
_PRIOR_PSEUDO_COUNT = 20.0
_PRIOR_RANGE = (1e-5, 0.95)


class Combiner(Frozen):
    """A fitted logistic combination: ``p = sigmoid(bias + w · (x - mean) / scale)``.

    ``prior`` is the share of true pairs among the candidates of the fit.
    """

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    prior: float = Field(gt=0.0, lt=1.0)
    l2: float = Field(default=1.0, ge=0.0)

    def logits(self, signals: FloatArray) -> FloatArray:
        """Log-odds of each row of ``signals`` (columns in ``features`` order); they never saturate."""
        z = (signals - np.array(self.mean)) / np.array(self.scale)
        logits: FloatArray = self.bias + z @ np.array(self.weights)
        return logits

    def probabilities(self, signals: FloatArray) -> FloatArray:
        """Posterior probability of each row of ``signals`` (columns in ``features`` order)."""
        return sigmoid(self.logits(signals))


class FitRecord(Frozen):
    """Where a pair of combiners came from (kept in ``weights.json``)."""

    data: str
    script: str
    created: str
    bitext_version: str
    samples: dict[str, int] = Field(default_factory=dict)
    notes: str = ""


class WeightsFile(Frozen):
    """The shipped weights: one combiner per kind of pair, and the fit's provenance.

    ``sentences`` uses the dictionary signals (:mod:`bitext.match.lexicon`);
    ``sentences_plain`` is fitted on the same pairs without them, for installs
    without Apertium's dictionaries; ``sentences_routes`` adds the signals of mining's
    extra Apertium routes (:mod:`bitext.match.routes`) to those of ``sentences``.
    """

    sentences: Combiner
    sentences_plain: Combiner
    sentences_routes: Combiner | None = None
    documents: Combiner
    provenance: FitRecord


def sigmoid(x: FloatArray) -> FloatArray:
    """The logistic function, safe for large arguments."""
    out: FloatArray = 1.0 / (1.0 + np.exp(-np.clip(x, -50.0, 50.0)))
    return out


@cache
def load_combiner(kind: CombinerKind, path: str | None = None) -> Combiner:
    """The shipped combiner for ``kind`` (or the one in ``path``).

    Raises:
        ModelError: The weights file is missing or does not validate (a broken install).
    """
    source = Path(path) if path else WEIGHTS_PATH
    try:
        data = WeightsFile.model_validate(json.loads(source.read_text(encoding="utf-8")))
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot load the matching weights: {exc}", path=source) from exc
    combiner: Combiner | None = getattr(data, kind)
    if combiner is None:
        raise ModelError(f"the matching weights hold no {kind!r} combiner", path=source)
    return combiner


def fit_combiner(
    signals: FloatArray, labels: NDArray[np.bool_], features: tuple[str, ...], *, l2: float = 1.0
) -> Combiner:
    """Fit a logistic combination by Newton's method (iteratively reweighted least squares).

    Signals are standardised first so that ``l2`` (a ridge on the weights, not on the
    bias) treats every signal alike.
    """
    mean = signals.mean(axis=0)
    scale = np.where(signals.std(axis=0) > 1e-9, signals.std(axis=0), 1.0)
    x = np.hstack((np.ones((len(signals), 1)), (signals - mean) / scale))
    y = labels.astype(np.float64)
    w = np.zeros(x.shape[1])
    ridge = np.full(x.shape[1], l2)
    ridge[0] = 0.0
    for _ in range(100):
        p = sigmoid(x @ w)
        gradient = x.T @ (y - p) - ridge * w
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.diag(ridge) + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hessian, gradient)
        w += step
        if np.abs(step).max() < 1e-8:
            break
    return Combiner(
        features=features,
        mean=tuple(float(v) for v in mean),
        scale=tuple(float(v) for v in scale),
        weights=tuple(float(v) for v in w[1:]),
        bias=float(w[0]),
        prior=float(np.clip(y.mean(), 1e-6, 1 - 1e-6)),
        l2=l2,
    )


def adapt_to_prior(posteriors: FloatArray, fit_prior: float) -> tuple[FloatArray, float]:
    """Posteriors adapted to this collection's share of true pairs, and that share.

    The share is the expectation-maximisation estimate of Saerens et al. (2002),
    pulled slightly towards ``fit_prior`` (a few pseudo-candidates) so that a
    collection of three items cannot swing it to an extreme.
    """
    if len(posteriors) == 0:
        return posteriors, fit_prior
    prior = fit_prior
    adapted = posteriors
    for _ in range(_EM_ITERATIONS):
        adapted = _shift(posteriors, fit_prior, prior)
        estimate = (adapted.sum() + _PRIOR_PSEUDO_COUNT * fit_prior) / (len(adapted) + _PRIOR_PSEUDO_COUNT)
        estimate = float(np.clip(estimate, *_PRIOR_RANGE))
        if abs(estimate - prior) < _EM_TOLERANCE:
            prior = estimate
            break
        prior = estimate
    return _shift(posteriors, fit_prior, prior), prior


def _shift(posteriors: FloatArray, old: float, new: float) -> FloatArray:
    up = posteriors * (new / old)
    down = (1.0 - posteriors) * ((1.0 - new) / (1.0 - old))
    shifted: FloatArray = up / np.maximum(up + down, 1e-300)
    return shifted

"""The logistic combination, its shipped weights, and the gold-free prior adaptation."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from bitext.errors import ModelError
from bitext.match.combine import WEIGHTS_PATH, adapt_to_prior, fit_combiner, load_combiner, sigmoid
from bitext.match.documents import DOCUMENT_SIGNALS
from bitext.match.mining import PLAIN_SIGNALS, SENTENCE_SIGNALS


def _synthetic(prior: float, size: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    labels = rng.random(size) < prior
    signals = rng.normal(0.0, 1.0, (size, 2)) + np.where(labels[:, None], [2.5, 1.5], [0.0, 0.0])
    return signals, labels


def test_fit_separates_and_records_the_prior() -> None:
    x, y = _synthetic(0.2, 4000, 1)
    combiner = fit_combiner(x, y, ("a", "b"))
    accuracy = ((combiner.probabilities(x) >= 0.5) == y).mean()
    assert accuracy > 0.9
    assert combiner.prior == pytest.approx(y.mean())
    assert all(weight > 0 for weight in combiner.weights)


def test_adaptation_finds_a_new_prior_without_labels() -> None:
    x, y = _synthetic(0.2, 6000, 2)
    combiner = fit_combiner(x, y, ("a", "b"))
    test_x, test_y = _synthetic(0.02, 20000, 3)
    adapted, prior = adapt_to_prior(combiner.probabilities(test_x), combiner.prior)
    assert prior == pytest.approx(test_y.mean(), abs=0.01)
    raw_false = ((combiner.probabilities(test_x) >= 0.5) & ~test_y).sum()
    adapted_false = ((adapted >= 0.5) & ~test_y).sum()
    assert adapted_false < raw_false  # a rarer positive class needs more evidence


def test_adaptation_of_nothing_and_of_a_tiny_input() -> None:
    empty, prior = adapt_to_prior(np.zeros(0), 0.05)
    assert len(empty) == 0 and prior == 0.05
    adapted, prior = adapt_to_prior(np.array([0.999, 0.001]), 0.05)
    assert adapted[0] > 0.99 and adapted[1] < 0.01
    assert 0.0 < prior < 1.0


def test_shipped_weights_match_the_signals_the_code_computes() -> None:
    """Guards against signals added or renamed without refitting (bench/match_fit.py)."""
    assert load_combiner("sentences").features == SENTENCE_SIGNALS
    assert load_combiner("sentences_plain").features == PLAIN_SIGNALS
    assert load_combiner("documents").features == DOCUMENT_SIGNALS
    provenance = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))["provenance"]
    assert "2011" not in provenance["data"] and "2012" not in provenance["data"]


def test_a_broken_weights_file_is_a_model_error(tmp_path: Path) -> None:
    broken = tmp_path / "weights.json"
    broken.write_text('{"sentences": {}}', encoding="utf-8")
    with pytest.raises(ModelError, match="matching weights"):
        load_combiner("sentences", str(broken))


def test_sigmoid_is_safe_for_large_arguments() -> None:
    values = sigmoid(np.array([-1e6, 0.0, 1e6]))
    assert np.all(np.isfinite(values)) and values[1] == 0.5

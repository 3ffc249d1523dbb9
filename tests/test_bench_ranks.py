"""The benchmarks' Spearman correlation (bench/ranks.py), on samples worked out by hand."""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from ranks import average_ranks, spearman


def test_tied_values_share_the_mean_of_their_ranks() -> None:
    assert average_ranks([10, 20, 20, 5, 20]).tolist() == [2.0, 4.0, 4.0, 1.0, 4.0]


def test_spearman_follows_the_definition() -> None:
    # ranks (1, 2, 3, 4, 5) and (1, 2, 3.5, 5, 3.5): their Pearson correlation is 8 / √(10 · 9.5)
    # (the d² shortcut, exact only without ties, would say 0.825)
    assert spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]) == pytest.approx(0.8207826816681233)
    assert spearman([3, 1, 2], [30, 10, 20]) == pytest.approx(1.0)
    assert spearman([3, 1, 2], [10, 30, 20]) == pytest.approx(-1.0)


def test_a_constant_sample_has_no_correlation() -> None:
    assert math.isnan(spearman([1, 1, 1], [1, 2, 3]))

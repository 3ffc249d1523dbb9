"""Spearman's rank correlation for the benchmarks, on numpy alone (scipy is not installed)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def average_ranks(values: Sequence[float] | np.ndarray) -> np.ndarray:
    """Ranks from 1, tied values sharing the mean of their ranks (as Spearman's rho wants)."""
    data = np.asarray(values, dtype=np.float64)
    order = np.argsort(data, kind="stable")
    ordered = data[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    ends = np.r_[starts[1:], len(data)]
    ranks = np.empty(len(data))
    ranks[order] = np.repeat((starts + ends + 1) / 2.0, ends - starts)
    return ranks


def spearman(left: Sequence[float] | np.ndarray, right: Sequence[float] | np.ndarray) -> float:
    """Spearman's rho: the Pearson correlation of the two samples' average ranks."""
    a, b = average_ranks(left), average_ranks(right)
    a, b = a - a.mean(), b - b.mean()
    denominator = float(np.sqrt((a * a).sum() * (b * b).sum()))
    return float((a * b).sum()) / denominator if denominator else float("nan")

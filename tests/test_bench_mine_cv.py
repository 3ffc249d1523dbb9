"""The year split of the cross-year mining check (bench/mine_cv.py): no scored line is a fit line."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from mine_cv import year_halves
from newsdev import NewsLines, mining_sample


def _news(lines: int, usable: list[int]) -> NewsLines:
    texts = [f"line {i}" for i in range(lines)]
    return NewsLines(fr=texts, mt=texts, en=texts, usable=usable, mt_seconds=0.0)


def test_each_half_keeps_only_its_own_usable_lines() -> None:
    news = _news(10, [0, 1, 3, 4, 5, 6, 8, 9])
    first, second = year_halves(news, 5)
    assert first.usable == [0, 1, 3, 4]
    assert second.usable == [5, 6, 8, 9]
    assert first.fr == news.fr  # line numbers still index the whole set


def test_samples_of_one_half_never_draw_the_other_halfs_lines() -> None:
    news = _news(40, list(range(40)))
    first, second = year_halves(news, 20)
    for seed in range(5):
        sample = mining_sample(first, 4, 2, seed)
        assert set(sample.src_lines) | set(sample.tgt_lines) <= set(range(20))
        other = mining_sample(second, 4, 2, seed)
        assert set(other.src_lines) | set(other.tgt_lines) <= set(range(20, 40))
        assert len(sample.gold) == 4

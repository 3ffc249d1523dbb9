"""The quality estimate gives the values it gave before its speed-ups (issue 9, time goal).

``tests/data/quality_values.jsonl`` holds 300 translations of news-dev French
(newstest2012, ``../shared/news-dev``) by bitext's shipped Apertium path, with the
features and estimate the code of 2026-12-01 (before any speed-up) computed for them;
made by ``python bench/new_stages.py --quick --quality-values tests/data/quality_values.jsonl``.
A faster estimate must give the same numbers.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bitext.models import EngineInfo, Translation
from bitext.quality import translation_features, with_quality
from bitext.quality.features import OVERLAP_ORDER
from bitext.quality.overlap import batch_ngram_matches, ngram_matches

VALUES = Path(__file__).parent / "data" / "quality_values.jsonl"
ENGINE = EngineInfo(name="apertium", model="fr-es+spa-eng")


def recorded() -> list[tuple[Translation, list[float], float]]:
    rows = []
    for number, line in enumerate(VALUES.read_text(encoding="utf-8").splitlines()):
        record = json.loads(line)
        translation = Translation(segment_id=f"news:{number}", engine=ENGINE, **record["translation"])
        rows.append((translation, record["features"], record["quality"]))
    return rows


def test_the_recorded_pairs_cover_what_the_estimate_reads() -> None:
    rows = recorded()
    assert len(rows) == 300
    assert sum(1 for t, _, _ in rows if t.spans) > 100
    assert sum(1 for t, _, _ in rows if t.terms) > 0
    assert len({quality for _, _, quality in rows}) > 250


def test_features_are_unchanged() -> None:
    for translation, features, _ in recorded():
        assert translation_features(translation) == pytest.approx(features, abs=1e-12), translation.source


def test_estimates_are_unchanged() -> None:
    rows = recorded()
    estimated = with_quality([translation for translation, _, _ in rows])
    assert [t.quality for t in estimated] == [quality for _, _, quality in rows]


def test_a_batch_counts_the_ngrams_each_pair_counts_alone() -> None:
    pairs = [(t.source, t.target) for t, _, _ in recorded()]
    pairs += [
        ("", ""),
        ("Paris", ""),
        ("", "Paris"),
        ("a  b", "ab ab"),
        ("Hà Nội", "Hà Nội"),
        ("ab", "abcdefgh"),
    ]
    assert batch_ngram_matches(pairs, OVERLAP_ORDER) == [ngram_matches(s, t, OVERLAP_ORDER) for s, t in pairs]


def test_a_batch_too_wide_for_one_key_is_split_and_counts_the_same() -> None:
    wide = "".join(chr(0x4E00 + i) for i in range(1100))  # 1,100 characters: 11 bits each, 66 for six
    pairs = [(wide, wide[::-1]), (wide[:600], wide[300:900]), ("le chat", "the cat")]
    assert batch_ngram_matches(pairs, OVERLAP_ORDER) == [ngram_matches(s, t, OVERLAP_ORDER) for s, t in pairs]


def test_a_batch_larger_than_a_slice_counts_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    from bitext.quality import overlap

    monkeypatch.setattr(overlap, "SLICE_PAIRS", 7)
    pairs = [(t.source, t.target) for t, _, _ in recorded()[:50]]
    assert batch_ngram_matches(pairs, OVERLAP_ORDER) == [ngram_matches(s, t, OVERLAP_ORDER) for s, t in pairs]

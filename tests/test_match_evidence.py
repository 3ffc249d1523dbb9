"""Sentence evidence of candidate item pairs against a plain reference over the full product."""

from __future__ import annotations

import numpy as np
import pytest

from bitext.match import evidence
from bitext.match.candidates import Candidates
from bitext.match.evidence import EVIDENCE_SIGNALS, sentence_evidence
from bitext.match.sparse import CsrMatrix, FloatArray, IntArray
from bitext.match.vectors import weigh


def _random_sentences(rng: np.random.Generator, count: int, vocabulary: int) -> CsrMatrix:
    rows = np.repeat(np.arange(count), 6)
    cols = rng.integers(0, vocabulary, len(rows))
    return CsrMatrix.from_coo(rows, cols, np.ones(len(rows)), (count, vocabulary))


def _starts(rng: np.random.Generator, items: int) -> IntArray:
    sizes = rng.integers(1, 5, items)
    return np.concatenate(([0], np.cumsum(sizes))).astype(np.int64)


def _reference(
    cosines: FloatArray, left_starts: IntArray, right_starts: IntArray, rows: IntArray, cols: IntArray
) -> dict[str, FloatArray]:
    """The three signals pair by pair, from each pair's slice of the full product."""
    out: dict[str, list[float]] = {name: [] for name in EVIDENCE_SIGNALS}
    for row, col in zip(rows.tolist(), cols.tolist(), strict=True):
        block = cosines[left_starts[row] : left_starts[row + 1], right_starts[col] : right_starts[col + 1]]
        row_best, col_best = block.max(axis=1), block.max(axis=0)
        mutual = (block >= row_best[:, None] - 1e-12) & (block >= col_best[None, :] - 1e-12) & (block > 0)
        out["sentences_left"].append(float(row_best.mean()))
        out["sentences_right"].append(float(col_best.mean()))
        out["sentences_mutual"].append(min(2.0 * float(block[mutual].sum()) / sum(block.shape), 1.0))
    return {name: np.array(values) for name, values in out.items()}


@pytest.mark.parametrize("batch_rows", [1, 7, 64])
def test_signals_equal_those_of_the_full_product_to_the_last_bit(
    batch_rows: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = np.random.default_rng(batch_rows)
    left_starts, right_starts = _starts(rng, 40), _starts(rng, 30)
    left, right = weigh(
        _random_sentences(rng, int(left_starts[-1]), 50), _random_sentences(rng, int(right_starts[-1]), 50)
    )
    keys = np.unique(rng.integers(0, 40 * 30, 300))
    rows, cols = keys // 30, keys % 30
    candidates = Candidates(rows, cols, np.zeros(len(rows)), (40, 30))
    monkeypatch.setattr(evidence, "_BATCH_ROWS", batch_rows)
    found = sentence_evidence((left, right), left_starts, right_starts, candidates)
    # The CSR product adds each cosine's terms in column order, as the evidence must.
    expected = _reference((left @ right.T).toarray(), left_starts, right_starts, rows, cols)
    for name in EVIDENCE_SIGNALS:
        assert np.array_equal(found[name], expected[name]), name


def test_a_translation_scores_higher_than_an_unrelated_item() -> None:
    left = CsrMatrix.from_coo(np.array([0, 1]), np.array([0, 1]), np.ones(2), (2, 4))
    right = CsrMatrix.from_coo(np.array([0, 1, 2, 3]), np.array([0, 1, 2, 3]), np.ones(4), (4, 4))
    starts = np.array([0, 2], dtype=np.int64)
    candidates = Candidates(np.array([0, 0]), np.array([0, 1]), np.zeros(2), (1, 2))
    found = sentence_evidence((left, right), starts, np.array([0, 2, 4]), candidates)
    assert found["sentences_mutual"].tolist() == [1.0, 0.0]
    assert found["sentences_left"].tolist() == [1.0, 0.0]

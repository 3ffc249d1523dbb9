"""Sentence-level evidence that a candidate pair of items is a translation.

Another article on the same story shares an item's names and topic words, so item
vectors alone confuse the two; but only a translation has, for almost every sentence,
a sentence that says the same thing. For every candidate pair this module takes the
cosines between all sentences of the French item and all sentences of the English item
and reduces them to three numbers (see :func:`sentence_evidence`).

French items are taken in batches of consecutive items: one sparse product gives the
cosines of the batch's sentences with every sentence of the batch's candidates, and
each pair's cosines are gathered from that block; all reductions are array operations,
so the work grows with the candidate sentence pairs, never with all pairs.
"""

from __future__ import annotations

import numpy as np

from bitext.match.candidates import Candidates
from bitext.match.dots import dense_product_with_transpose
from bitext.match.sparse import CsrMatrix, FloatArray, IntArray

EVIDENCE_SIGNALS = ("sentences_left", "sentences_right", "sentences_mutual")
_BATCH_ROWS = 64
_TIE = 1e-12


def sentence_evidence(
    sentences: tuple[CsrMatrix, CsrMatrix],
    left_starts: IntArray,
    right_starts: IntArray,
    candidates: Candidates,
) -> dict[str, FloatArray]:
    """Three sentence-level signals of every candidate pair.

    Args:
        sentences: Unit-length sentence vectors of both sides.
        left_starts: First sentence of each French item, plus the total at the end.
        right_starts: The same for the English items.
        candidates: Candidate pairs, rows (French items) sorted.

    Returns:
        ``sentences_left``: the mean over the French sentences of their best cosine with
        a sentence of the English item; ``sentences_right``: the same from the English
        side; ``sentences_mutual``: the summed cosine of sentence pairs that are each
        other's best within the pair, over the mean sentence count (near 1 for a
        clean translation, near 0 for another article).
    """
    out = {name: np.zeros(len(candidates.rows)) for name in EVIDENCE_SIGNALS}
    n_items = len(left_starts) - 1
    bounds = np.searchsorted(candidates.rows, np.arange(n_items + 1))
    item = 0
    while item < n_items:
        last = int(np.searchsorted(left_starts, left_starts[item] + _BATCH_ROWS, side="right")) - 1
        last = min(max(last, item + 1), n_items)
        first_pair, last_pair = int(bounds[item]), int(bounds[last])
        if first_pair < last_pair:
            values = _batch(sentences, left_starts, right_starts, candidates, slice(first_pair, last_pair))
            for name, value in values.items():
                out[name][first_pair:last_pair] = value
        item = last
    return out


def _batch(
    sentences: tuple[CsrMatrix, CsrMatrix],
    left_starts: IntArray,
    right_starts: IntArray,
    candidates: Candidates,
    pairs: slice,
) -> dict[str, FloatArray]:
    left, right = sentences
    rows, cols = candidates.rows[pairs], candidates.cols[pairs]
    n_left = left_starts[rows + 1] - left_starts[rows]
    n_right = right_starts[cols + 1] - right_starts[cols]
    row_base = int(left_starts[rows[0]])
    block_rows = slice(row_base, int(left_starts[rows[-1] + 1]))
    docs = np.unique(cols)
    doc_sizes = right_starts[docs + 1] - right_starts[docs]
    columns = _ranges(right_starts[docs], doc_sizes)
    local_col = np.full(right.shape[0], -1, dtype=np.int64)
    local_col[columns] = np.arange(len(columns))
    block = dense_product_with_transpose(left[block_rows], right[columns])

    # Every sentence pair of every candidate pair: pair p holds n_left[p] * n_right[p] cells.
    cells = n_left * n_right
    pair_of = np.repeat(np.arange(len(rows)), cells)
    within = np.arange(int(cells.sum())) - np.repeat(np.cumsum(cells) - cells, cells)
    i = left_starts[rows][pair_of] + within // np.maximum(n_right[pair_of], 1) - row_base
    j = right_starts[cols][pair_of] + within % np.maximum(n_right[pair_of], 1)
    cosine = block[i, local_col[j]]

    # Best cosine of each sentence within its pair, as flat per-pair sentence slots.
    row_slot = np.repeat(np.cumsum(n_left) - n_left, cells) + within // np.maximum(n_right[pair_of], 1)
    col_slot = np.repeat(np.cumsum(n_right) - n_right, cells) + within % np.maximum(n_right[pair_of], 1)
    row_best = np.zeros(int(n_left.sum()))
    col_best = np.zeros(int(n_right.sum()))
    np.maximum.at(row_best, row_slot, cosine)
    np.maximum.at(col_best, col_slot, cosine)
    mutual = (cosine >= row_best[row_slot] - _TIE) & (cosine >= col_best[col_slot] - _TIE) & (cosine > 0)
    count = len(rows)
    left_sum = np.bincount(np.repeat(np.arange(count), n_left), weights=row_best, minlength=count)
    right_sum = np.bincount(np.repeat(np.arange(count), n_right), weights=col_best, minlength=count)
    mutual_sum = np.bincount(pair_of, weights=cosine * mutual, minlength=count)
    return {
        "sentences_left": left_sum / np.maximum(n_left, 1),
        "sentences_right": right_sum / np.maximum(n_right, 1),
        "sentences_mutual": np.minimum(2.0 * mutual_sum / np.maximum(n_left + n_right, 1), 1.0),
    }


def _ranges(starts: IntArray, sizes: IntArray) -> IntArray:
    """The concatenation of ``range(start, start + size)`` for every pair."""
    total = int(sizes.sum())
    offsets = np.repeat(starts - (np.cumsum(sizes) - sizes), sizes)
    ranged: IntArray = offsets + np.arange(total)
    return ranged

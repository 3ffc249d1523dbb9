"""Sentence-level evidence that a candidate pair of items is a translation.

Another article on the same story shares an item's names and topic words, so item
vectors alone confuse the two; but only a translation has, for almost every sentence,
a sentence that says the same thing. For every candidate pair this module takes the
cosines between all sentences of the French item and all sentences of the English item
and reduces them to three numbers (see :func:`sentence_evidence`).

French items are taken in batches of consecutive items, and only the sentence pairs
of the batch's candidate pairs are computed (not every sentence of the batch against
every sentence of all its candidates: in a large collection a batch's candidates
hardly overlap, so that would cost about as many cells as the batch has French
sentences for each cell needed); all reductions are array operations, so the work
grows with the candidate sentence pairs, never with all pairs.
"""

from __future__ import annotations

import numpy as np

from bitext.match.candidates import Candidates
from bitext.match.sparse import CsrMatrix, FloatArray, IntArray, ranges

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
    slots = np.full(sentences[0].shape[1], -1, dtype=np.int64)
    item = 0
    while item < n_items:
        last = int(np.searchsorted(left_starts, left_starts[item] + _BATCH_ROWS, side="right")) - 1
        last = min(max(last, item + 1), n_items)
        first_pair, last_pair = int(bounds[item]), int(bounds[last])
        if first_pair < last_pair:
            values = _batch(
                sentences, left_starts, right_starts, candidates, slice(first_pair, last_pair), slots
            )
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
    slots: IntArray,
) -> dict[str, FloatArray]:
    left, right = sentences
    rows, cols = candidates.rows[pairs], candidates.cols[pairs]
    n_left = left_starts[rows + 1] - left_starts[rows]
    n_right = right_starts[cols + 1] - right_starts[cols]

    # Every sentence pair of every candidate pair: pair p holds n_left[p] * n_right[p] cells.
    cells = n_left * n_right
    pair_of = np.repeat(np.arange(len(rows)), cells)
    within = np.arange(int(cells.sum())) - np.repeat(np.cumsum(cells) - cells, cells)
    left_offset = within // np.maximum(n_right[pair_of], 1)
    right_offset = within % np.maximum(n_right[pair_of], 1)
    row_base = int(left_starts[rows[0]])
    i = left_starts[rows][pair_of] + left_offset - row_base
    j = right_starts[cols][pair_of] + right_offset
    cosine = _cell_cosines(left[row_base : int(left_starts[rows[-1] + 1])], right, (i, j), slots)

    # Best cosine of each sentence within its pair, as flat per-pair sentence slots.
    row_slot = np.repeat(np.cumsum(n_left) - n_left, cells) + left_offset
    col_slot = np.repeat(np.cumsum(n_right) - n_right, cells) + right_offset
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


def _cell_cosines(
    block: CsrMatrix, right: CsrMatrix, cells: tuple[IntArray, IntArray], slots: IntArray
) -> FloatArray:
    """``block[i[c]] · right[j[c]]`` for every cell ``c``, and for no other pair of rows.

    The block's rows are spread into a dense array over the block's own terms (``slots``,
    one entry per column of the whole space and ``-1`` outside a call, gives a term's
    place there); each cell then gathers its block row at the terms of its ``right`` row
    that the block holds. The products of a cell are added in column order, as
    :meth:`~bitext.match.sparse.CsrMatrix.product` adds them: the cosines are the same to
    the last bit, while the work follows the cells a batch needs, not every sentence of
    the batch against every sentence of its candidates.
    """
    i, j = cells
    terms = np.unique(block.indices)
    slots[terms] = np.arange(len(terms))
    try:
        dense = np.zeros((block.shape[0], len(terms)))
        dense[block.row_ids(), slots[block.indices]] = block.data
        # The right rows the cells use, cut down to the block's terms.
        wanted, local = np.unique(j, return_inverse=True)
        sizes = right.indptr[wanted + 1] - right.indptr[wanted]
        positions = ranges(right.indptr[wanted], sizes)
        term_slot = slots[right.indices[positions]]
        held = term_slot >= 0
        kept = np.bincount(np.repeat(np.arange(len(wanted)), sizes)[held], minlength=len(wanted))
        kept_start = np.cumsum(kept) - kept
        term_slot, values = term_slot[held], right.data[positions[held]]
    finally:
        slots[terms] = -1
    per_cell = kept[local]
    gathered = ranges(kept_start[local], per_cell)
    products = dense[np.repeat(i, per_cell), term_slot[gathered]] * values[gathered]
    cell_of = np.repeat(np.arange(len(i), dtype=np.int64), per_cell)
    cosine: FloatArray = np.asarray(
        np.bincount(cell_of, weights=products, minlength=len(i)), dtype=np.float64
    )
    return cosine

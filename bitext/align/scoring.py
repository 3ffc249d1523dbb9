"""Sentence features and bead scores, computed for a whole band at once.

Each sentence becomes a set of weighted features: lower-cased, accent-free words of the
source's machine translation (or of the source itself without MT), their prefixes (a
crude stemmer that lets ``remember`` meet ``remembered``), and capitalised names. A
feature weighs its inverse document frequency. The overlap of two sentences is the
weight of the features they share, so the overlap of merged sentences is the sum of
pairwise overlaps and a whole band of candidate beads is scored from one band of
sentence-pair overlaps with prefix sums, without building any per-bead text.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bitext.align.core import FloatArray, IntArray
from bitext.align.params import AlignParams, BeadType

_WORD = re.compile(r"[^\W_]+")
_CAPITALISED = re.compile(r"(?<=[\s\"«“'(—–-])([^\W\d_][^\W_]*)")  # not sentence-initial
_COMBINING = re.compile(r"[\u0300-\u036f]")
_ANCHOR_CLASSES = ("?", "!", '"«»“”')
_MIN_FREQUENT_DF = 8
_PAIR_CHUNK_ROWS = 4096


@dataclass(frozen=True)
class Side:
    """Per-sentence data of one document, as prefix sums so bead totals cost O(1).

    ``rows``/``feats`` list each distinct feature occurrence (sentence index, feature id).
    """

    count: int
    rows: IntArray
    feats: IntArray
    cum_size: FloatArray
    cum_chars: FloatArray
    cum_anchors: FloatArray


@dataclass(frozen=True)
class Features:
    """Both sides of a pair plus the feature weights they share."""

    src: Side
    tgt: Side
    weights: FloatArray
    char_ratio: float


def _normalise(text: str) -> str:
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text.lower()))


def word_tokens(text: str) -> list[str]:
    """The aligner's words of ``text``: lower-cased, accent-free runs of letters and digits.

    Public so that other similarity code (document matching, mining) compares texts
    exactly as the aligner does.
    """
    return _WORD.findall(_normalise(text))


def name_tokens(text: str) -> list[str]:
    """Capitalised words not at the start of ``text`` (names, mostly), normalised as words."""
    return [_normalise(name) for name in _CAPITALISED.findall(text) if name[:1].isupper()]


Tokens = dict[str, tuple[list[str], IntArray]]
"""Flat token lists per kind (words, prefixes, names) with the sentence of each token."""


def _flatten(per_sentence: list[list[str]]) -> tuple[list[str], IntArray]:
    counts = np.fromiter(map(len, per_sentence), dtype=np.int64, count=len(per_sentence))
    return [item for items in per_sentence for item in items], np.repeat(np.arange(len(per_sentence)), counts)


def _tokens(texts: Sequence[str], originals: Sequence[str], prefix: int) -> Tokens:
    """Words of the (translated) text, their prefixes and the capitalised names of the original."""
    normalised = _normalise("\n".join(text.replace("\n", " ") for text in texts)).split("\n")
    words, word_rows = _flatten([_WORD.findall(text) for text in normalised])
    lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    keep = lengths > prefix if prefix else np.zeros(len(words), dtype=bool)
    prefixes = [word[:prefix] for word in words if len(word) > prefix] if prefix else []
    names = [[n.lower() for n in _CAPITALISED.findall(text) if n[:1].isupper()] for text in originals]
    return {"words": (words, word_rows), "prefixes": (prefixes, word_rows[keep]), "names": _flatten(names)}


def _anchor_counts(texts: Sequence[str]) -> FloatArray:
    counts = np.zeros((len(texts) + 1, len(_ANCHOR_CLASSES)))
    for col, chars in enumerate(_ANCHOR_CLASSES):
        for char in chars:
            counts[1:, col] += [text.count(char) for text in texts]
    return np.cumsum(counts, axis=0)


def _ids(src: list[str], tgt: list[str], offset: int) -> tuple[IntArray, IntArray, int]:
    """Ids for the strings of both sides in first-seen order (deterministic, unlike ``hash``)."""
    vocab = {item: offset + k for k, item in enumerate(dict.fromkeys(src + tgt))}
    src_ids = np.fromiter(map(vocab.__getitem__, src), dtype=np.int64, count=len(src))
    tgt_ids = np.fromiter(map(vocab.__getitem__, tgt), dtype=np.int64, count=len(tgt))
    return src_ids, tgt_ids, offset + len(vocab)


def _side(texts: Sequence[str], rows: IntArray, feats: IntArray, n_feats: int) -> Side:
    """One side with each feature counted once per sentence, rows in order."""
    keys = np.sort(rows * n_feats + feats)
    unique = keys[np.concatenate(([True], keys[1:] != keys[:-1]))] if len(keys) else keys
    chars = np.fromiter(map(len, texts), dtype=np.float64, count=len(texts))
    return Side(
        count=len(texts),
        rows=unique // n_feats,
        feats=unique % n_feats,
        cum_size=np.zeros(len(texts) + 1),
        cum_chars=np.concatenate(([0.0], np.cumsum(chars))),
        cum_anchors=_anchor_counts(texts),
    )


def extract_features(
    src: Sequence[str], src_mt: Sequence[str], tgt: Sequence[str], params: AlignParams
) -> Features:
    """Turn both documents into weighted feature occurrences and prefix sums."""
    src_tokens = _tokens(src_mt, src, params.prefix_chars)
    tgt_tokens = _tokens(tgt, tgt, params.prefix_chars)
    src_rows, tgt_rows, src_ids, tgt_ids = [], [], [], []
    n_feats = 0
    for kind, (src_items, src_kind_rows) in src_tokens.items():
        tgt_items, tgt_kind_rows = tgt_tokens[kind]
        s_ids, t_ids, n_feats = _ids(src_items, tgt_items, n_feats)
        src_ids.append(s_ids)
        tgt_ids.append(t_ids)
        src_rows.append(src_kind_rows)
        tgt_rows.append(tgt_kind_rows)
    n_feats = max(n_feats, 1)
    src_side = _side(src, np.concatenate(src_rows), np.concatenate(src_ids), n_feats)
    tgt_side = _side(tgt, np.concatenate(tgt_rows), np.concatenate(tgt_ids), n_feats)
    total = max(1, len(src) + len(tgt))
    df = np.bincount(np.concatenate((src_side.feats, tgt_side.feats)), minlength=n_feats).astype(float)
    weights = np.log(total / np.maximum(df, 1.0)) + 0.1
    weights[df > max(params.frequent_fraction * total, _MIN_FREQUENT_DF)] = 0.0
    src_side = _with_sizes(src_side, weights)
    tgt_side = _with_sizes(tgt_side, weights)
    ratio = float(tgt_side.cum_chars[-1] / max(src_side.cum_chars[-1], 1.0))
    return Features(src=src_side, tgt=tgt_side, weights=weights, char_ratio=min(max(ratio, 0.5), 2.0))


def _with_sizes(side: Side, weights: FloatArray) -> Side:
    keep = weights[side.feats] > 0
    rows, feats = side.rows[keep], side.feats[keep]
    sizes = np.bincount(rows, weights=weights[feats], minlength=side.count)
    return Side(
        count=side.count,
        rows=rows,
        feats=feats,
        cum_size=np.concatenate(([0.0], np.cumsum(sizes))),
        cum_chars=side.cum_chars,
        cum_anchors=side.cum_anchors,
    )


def pair_overlaps(features: Features, lo: IntArray, width: int) -> FloatArray:
    """Shared feature weight of source ``s`` and target ``lo[s] + w`` for every band cell.

    An inverted index joins feature occurrences whose target lies in the source's band,
    so the work is proportional to the matches, not to the band area; source rows go
    in chunks so the joined pairs never need much memory.
    """
    src, tgt = features.src, features.tgt
    stride = tgt.count + 1
    tkeys = tgt.feats * stride + tgt.rows
    order = np.argsort(tkeys, kind="stable")
    tkeys, trows = tkeys[order], tgt.rows[order]
    overlaps = np.zeros((src.count, width))
    bounds = np.searchsorted(src.rows, np.arange(0, src.count + _PAIR_CHUNK_ROWS, _PAIR_CHUNK_ROWS))
    for begin, end in itertools.pairwise(bounds):
        rows, feats = src.rows[begin:end], src.feats[begin:end]
        if not len(rows):
            continue
        base = feats * stride
        left = np.searchsorted(tkeys, base + lo[rows])
        right = np.searchsorted(tkeys, base + np.minimum(lo[rows] + width, tgt.count))
        counts = np.maximum(right - left, 0)
        total = int(counts.sum())
        starts = np.repeat(left - (np.cumsum(counts) - counts), counts)
        partner = trows[starts + np.arange(total)]
        pair_rows = np.repeat(rows, counts)
        first = int(rows[0])
        cell = (pair_rows - first) * width + partner - lo[pair_rows]
        weight = np.repeat(features.weights[feats], counts)
        block = np.bincount(cell, weights=weight, minlength=(int(rows[-1]) + 1 - first) * width)
        overlaps[first : int(rows[-1]) + 1] += block.reshape(-1, width)
    return overlaps


def best_similarities(
    features: Features, overlaps: FloatArray, lo: IntArray, beta: float
) -> tuple[FloatArray, FloatArray]:
    """Each sentence's best 1-1 similarity with any sentence of the other side in the band.

    A sentence that matches something nearby is costly to leave unaligned; one that
    matches nothing is cheap to skip. Rows go in chunks to keep memory flat.
    """
    src, tgt = features.src, features.tgt
    width = overlaps.shape[1]
    beta2 = beta * beta
    size_src, size_tgt = np.diff(src.cum_size), np.diff(tgt.cum_size)
    best_src = np.zeros(src.count)
    best_tgt = np.zeros(tgt.count)
    for begin in range(0, src.count, _PAIR_CHUNK_ROWS):
        end = min(src.count, begin + _PAIR_CHUNK_ROWS)
        cols = np.minimum(lo[begin:end, None] + np.arange(width), tgt.count - 1)
        denominator = np.maximum(beta2 * size_tgt[cols] + size_src[begin:end, None], 1e-9)
        sim = (1.0 + beta2) * overlaps[begin:end] / denominator
        best_src[begin:end] = sim.max(axis=1)
        for w in range(width):
            starts = np.concatenate(([0], np.flatnonzero(np.diff(cols[:, w])) + 1))
            np.maximum.at(best_tgt, cols[starts, w], np.maximum.reduceat(sim[:, w], starts))
    return best_src, best_tgt


def hashed_vectors(side: Side, weights: FloatArray, block: int, dims: int) -> FloatArray:
    """Dense feature-hashed vectors of consecutive ``block``-sentence groups (coarse pass)."""
    groups = -(-side.count // block)
    index = (side.rows // block) * dims + side.feats % dims
    flat = np.bincount(index, weights=np.sqrt(weights[side.feats]), minlength=groups * dims)
    return flat.reshape(groups, dims).astype(np.float64, copy=False)


def bead_scores(
    overlap_sum: FloatArray,
    src_side: Side,
    tgt_side: Side,
    rows: IntArray,
    cols: IntArray,
    shape: BeadType,
    char_ratio: float,
    params: AlignParams,
) -> tuple[FloatArray, FloatArray]:
    """Score and similarity of the ``a``-``b`` beads ending at cells ``(rows, cols)``.

    ``overlap_sum`` is the summed pair overlap of the bead's sentences; ``rows`` has one
    entry per band row and ``cols`` one row of target positions per band row.
    """
    a, b = shape
    r = rows[:, None]
    c0 = np.maximum(cols - b, 0)
    r0 = np.maximum(r - a, 0)
    size_src = src_side.cum_size[r] - src_side.cum_size[r0]
    size_tgt = tgt_side.cum_size[cols] - tgt_side.cum_size[c0]
    beta2 = params.sim_beta**2
    sim = (1.0 + beta2) * overlap_sum / np.maximum(beta2 * size_tgt + size_src, 1e-9)
    chars_src = src_side.cum_chars[r] - src_side.cum_chars[r0]
    chars_tgt = tgt_side.cum_chars[cols] - tgt_side.cum_chars[c0]
    expected = char_ratio * chars_src
    delta = (chars_tgt - expected) / np.sqrt(params.length_variance * (expected + chars_tgt) / 2.0 + 1.0)
    length = -0.5 * np.minimum(delta * delta, 50.0)
    score = params.size_factor(a, b) * (
        params.sim_weight * (sim - params.sim_offset) + params.length_weight * length
    )
    score += params.penalty(a, b)
    for k in range(src_side.cum_anchors.shape[1]):
        in_src = src_side.cum_anchors[r, k] - src_side.cum_anchors[r0, k]
        in_tgt = tgt_side.cum_anchors[cols, k] - tgt_side.cum_anchors[c0, k]
        score -= params.anchor_weight * np.abs(in_src - in_tgt) / np.maximum(in_src + in_tgt, 1.0)
    return score, sim

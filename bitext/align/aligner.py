"""Align two sentence sequences: coarse-to-fine search, then the exact banded DP.

Long documents are first aligned as blocks of ``coarse_factor`` sentences (blocks of
blocks when still too long) compared by feature-hashed vectors; the path found there
becomes a band at the next finer level. Only the finest level uses the exact pairwise
overlaps, so time and memory are linear in the length of the documents.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from bitext.align.core import (
    BeadPath,
    FloatArray,
    IntArray,
    ScoreChunk,
    band_around,
    banded_dp,
    clamp,
    full_band,
    summed,
)
from bitext.align.members import chunk_overlaps, member_coverage, unsupported_members
from bitext.align.params import AlignParams, BeadType
from bitext.align.scoring import (
    Features,
    Side,
    bead_scores,
    best_similarities,
    extract_features,
    hashed_vectors,
    pair_overlaps,
)
from bitext.collector import collector_paused
from bitext.errors import AlignmentError
from bitext.models import Bead

_COARSE_SHAPES = {"max_src": 2, "max_tgt": 2, "max_total": 3}
_FULL_PRODUCT_CELLS = 1_000_000


def align_sentences(
    src: Sequence[str],
    tgt: Sequence[str],
    *,
    src_mt: Sequence[str] | None = None,
    params: AlignParams | None = None,
) -> list[Bead]:
    """Align ``src`` with ``tgt``; monotone beads that cover every sentence exactly once.

    Args:
        src: Source sentences, in order.
        tgt: Target sentences, in order.
        src_mt: The source sentences machine-translated into the target language, 1:1
            with ``src``. Without it the source is compared with the target as it is
            (names, numbers, cognates, punctuation and lengths still align it).
        params: Weights and limits; the tuned defaults when ``None``.

    Returns:
        Beads in document order; 1-0 and 0-1 beads for sentences left unaligned. The
        score is a confidence in [0, 1].

    Raises:
        AlignmentError: ``src_mt`` is not 1:1 with ``src``.
    """
    params = params or AlignParams()
    if src_mt is None:
        src_mt = src
    if len(src_mt) != len(src):
        raise AlignmentError(f"src_mt has {len(src_mt)} sentences, src has {len(src)}; they must be 1:1")
    n, m = len(src), len(tgt)
    if n == 0 or m == 0:
        return [Bead(src=(i,), tgt=(), score=1.0) for i in range(n)] + [
            Bead(src=(), tgt=(j,), score=1.0) for j in range(m)
        ]
    with collector_paused():
        return align_features(extract_features(src, src_mt, tgt, params), params)


def align_features(features: Features, params: AlignParams) -> list[Bead]:
    """Align documents already turned into features (lets tuning reuse the features)."""
    n, m = features.src.count, features.tgt.count
    lo, hi = _search_band(features, params)
    overlaps, lo_d = _level_overlaps(features, lo, hi, params, None)
    cumulative = _row_cumsum(overlaps)
    shapes = params.bead_types()
    best = best_similarities(features, overlaps, lo_d, params.sim_beta)
    scorer = _level_scorer(
        features.src, features.tgt, cumulative, lo_d, shapes, features.char_ratio, params, best
    )
    path = banded_dp(n, m, lo, hi, shapes, scorer)
    return _beads(path, features, cumulative, lo_d, params)


def _row_cumsum(overlaps: FloatArray) -> FloatArray:
    """Row-wise prefix sums with a leading zero column: a band row's sum over a span is one subtraction."""
    return np.concatenate((np.zeros((overlaps.shape[0], 1)), np.cumsum(overlaps, axis=1)), axis=1)


def _search_band(features: Features, params: AlignParams) -> tuple[IntArray, IntArray]:
    n, m = features.src.count, features.tgt.count
    factors: list[int] = []
    block = 1
    while (-(-n // block) + 1) * (-(-m // block) + 1) > params.full_dp_cells:
        block *= params.coarse_factor
        factors.append(block)
    if not factors:
        return full_band(n, m)
    shapes = params.model_copy(update=_COARSE_SHAPES).bead_types()
    path: BeadPath | None = None
    for block in reversed(factors):
        # Skipping a block skips all of its sentences: it costs what they would cost.
        coarse = params.model_copy(update={**_COARSE_SHAPES, "skip_penalty": params.skip_penalty * block})
        src = _blocks(features.src, block)
        tgt = _blocks(features.tgt, block)
        if path is None:
            lo, hi = full_band(src.count, tgt.count)
        else:
            lo, hi = band_around(path, params.coarse_factor, src.count, tgt.count, params.band_margin)
        vectors = (
            hashed_vectors(features.src, features.weights, block, params.hash_dims),
            hashed_vectors(features.tgt, features.weights, block, params.hash_dims),
        )
        overlaps, lo_d = _level_overlaps(features, lo, hi, coarse, vectors)
        scorer = _level_scorer(src, tgt, _row_cumsum(overlaps), lo_d, shapes, features.char_ratio, coarse)
        path = banded_dp(src.count, tgt.count, lo, hi, shapes, scorer)
    assert path is not None
    margin = max(params.band_margin, params.coarse_factor)
    return band_around(path, params.coarse_factor, n, m, margin)


def _blocks(side: Side, block: int) -> Side:
    """The side seen as consecutive blocks: prefix sums taken at block boundaries."""
    cuts = np.minimum(np.arange(0, side.count + block, block), side.count)
    cuts = cuts[: -(-side.count // block) + 1]
    return Side(
        count=len(cuts) - 1,
        rows=side.rows // block,
        feats=side.feats,
        cum_size=side.cum_size[cuts],
        cum_chars=side.cum_chars[cuts],
        cum_anchors=side.cum_anchors[cuts],
    )


def _level_overlaps(
    features: Features,
    lo: IntArray,
    hi: IntArray,
    params: AlignParams,
    vectors: tuple[FloatArray, FloatArray] | None,
) -> tuple[FloatArray, IntArray]:
    """Pair overlaps for every sentence (or block) pair some bead in the band can use."""
    n, m = len(lo) - 1, int(hi[-1]) - 1
    rows = np.arange(n)
    lo_d = np.maximum(lo[rows + 1] - params.max_tgt, 0)
    hi_d = np.minimum(hi[np.minimum(rows + params.max_src, n)], m)
    width = max(1, int((hi_d - lo_d).max()))
    lo_d = np.minimum(lo_d, max(m - width, 0))
    if vectors is None:
        return pair_overlaps(features, lo_d, width), lo_d
    src_vec, tgt_vec = vectors
    if n * m <= _FULL_PRODUCT_CELLS:
        product = src_vec @ tgt_vec.T
        return np.take_along_axis(product, np.minimum(lo_d[:, None] + np.arange(width), m - 1), axis=1), lo_d
    overlaps = np.zeros((n, width))
    for w in range(width):
        cols = np.minimum(lo_d + w, m - 1)
        overlaps[:, w] = np.einsum("ij,ij->i", src_vec, tgt_vec[cols])
    return overlaps, lo_d


def _level_scorer(
    src: Side,
    tgt: Side,
    cumulative: FloatArray,
    lo_d: IntArray,
    shapes: Sequence[BeadType],
    char_ratio: float,
    params: AlignParams,
    best: tuple[FloatArray, FloatArray] | None = None,
) -> ScoreChunk:
    """The DP's score callback for one level: every shape's scores for a chunk of band rows."""
    width = cumulative.shape[1] - 1
    max_a = max(a for a, _ in shapes)
    max_b = max(b for _, b in shapes)
    sizes = np.diff(src.cum_size), np.diff(tgt.cum_size)

    def score_chunk(i0: int, i1: int, cols: IntArray) -> FloatArray:
        rows = np.arange(i0, i1, dtype=np.int64)
        cols = np.minimum(cols, tgt.count)
        upper: list[FloatArray] = []
        lower: list[list[FloatArray]] = []
        for r in range(1, max_a + 1):
            sent = np.maximum(rows - r, 0)[:, None]
            local = cols - lo_d[sent]
            upper.append(cumulative[sent, clamp(local, 0, width)])
            lower.append([cumulative[sent, clamp(local - b, 0, width)] for b in range(max_b + 1)])
        members = chunk_overlaps(upper, lower, sizes, rows, cols, params.sim_beta)
        out = np.empty((len(shapes), i1 - i0, cols.shape[1]))
        for k, (a, b) in enumerate(shapes):
            if a == 0 or b == 0:
                out[k] = params.skip_penalty
                if best is not None and a:
                    out[k] -= params.skip_sim_weight * best[0][np.maximum(rows - 1, 0)][:, None]
                elif best is not None:
                    out[k] -= params.skip_sim_weight * best[1][np.maximum(cols - 1, 0)]
                continue
            overlap = summed([upper[r] - lower[r][b] for r in range(a)])
            out[k] = bead_scores(overlap, src, tgt, rows, cols, (a, b), char_ratio, params)[0]
            if a + b > 2:
                out[k] += params.coverage_weight * member_coverage(members, (a, b))
            if a + b > 2 and best is not None:  # exact pair overlaps: the finest level only
                out[k] -= params.unsupported_weight * unsupported_members(members, (a, b), params)
        return out

    return score_chunk


def _beads(
    path: BeadPath, features: Features, cumulative: FloatArray, lo_d: IntArray, params: AlignParams
) -> list[Bead]:
    """Turn the path into beads with a confidence in [0, 1].

    The confidence of a pairing bead is its similarity damped by its length mismatch;
    identical sentences get 1. Skips get 1: the search found nothing better for them.
    """
    s0, s1, t0, t1 = (np.array(column, dtype=np.int64) for column in zip(*path, strict=True))
    src, tgt = features.src, features.tgt
    width = cumulative.shape[1] - 1
    overlap = np.zeros(len(path))
    for r in range(int((s1 - s0).max())):
        sent = np.minimum(s0 + r, src.count - 1)
        inside = (s0 + r < s1) & (t1 > t0)
        upper = cumulative[sent, clamp(t1 - lo_d[sent], 0, width)]
        lower = cumulative[sent, clamp(t0 - lo_d[sent], 0, width)]
        overlap += np.where(inside, upper - lower, 0.0)
    beta2 = params.sim_beta**2
    size_src = src.cum_size[s1] - src.cum_size[s0]
    size_tgt = tgt.cum_size[t1] - tgt.cum_size[t0]
    sim = np.minimum((1.0 + beta2) * overlap / np.maximum(beta2 * size_tgt + size_src, 1e-9), 1.0)
    chars_src = features.char_ratio * (src.cum_chars[s1] - src.cum_chars[s0])
    chars_tgt = tgt.cum_chars[t1] - tgt.cum_chars[t0]
    delta2 = (chars_tgt - chars_src) ** 2 / (params.length_variance * (chars_src + chars_tgt) / 2.0 + 1.0)
    confidence = np.where((s1 > s0) & (t1 > t0), sim * np.exp(-delta2 / 8.0), 1.0).round(4)
    return [
        Bead.model_construct(src=tuple(range(a, b)), tgt=tuple(range(c, d)), score=float(score))
        for a, b, c, d, score in zip(
            s0.tolist(), s1.tolist(), t0.tolist(), t1.tolist(), confidence.tolist(), strict=True
        )
    ]

"""Per-member terms of merge beads: coverage bonus and the cost of unsupported members."""

from __future__ import annotations

import numpy as np
import pytest

from bitext.align import AlignParams, align_sentences
from bitext.align.members import ChunkOverlaps, member_coverage, unsupported_members

PARAMS = AlignParams()


def _chunk(pairs: list[list[float]], src_sizes: list[float], tgt_sizes: list[float]) -> ChunkOverlaps:
    """One band cell whose last sources (``r``) and targets (``q``) overlap by ``pairs[r][q]``.

    The prefix sums are rebuilt the way the scorer reads them: ``lower[r][q]`` holds the
    overlap of source ``r`` with the targets before the last ``q``.
    """
    lower = []
    for row in pairs:
        sums = np.concatenate((np.cumsum(row[::-1])[::-1], [0.0]))
        lower.append([np.array([[value]]) for value in sums])
    upper = [sums[0] for sums in lower]
    return ChunkOverlaps(
        upper=upper,
        lower=lower,
        src_sizes=[np.array([[size]]) for size in src_sizes],
        tgt_sizes=[np.array([[size]]) for size in tgt_sizes],
        beta2=PARAMS.sim_beta**2,
    )


def test_unrelated_sentence_beside_a_complete_translation_costs_one_member() -> None:
    # Source 0 is translated exactly by the first target; the second target shares nothing.
    chunk = _chunk([[10.0, 0.0]], src_sizes=[10.0], tgt_sizes=[10.0, 6.0])
    assert unsupported_members(chunk, (1, 2), PARAMS)[0, 0] == pytest.approx(1.0)


def test_real_merge_with_partial_overlaps_costs_nothing() -> None:
    # Each target half matches part of the source, as a split sentence through noisy MT does.
    chunk = _chunk([[2.0, 1.5]], src_sizes=[12.0], tgt_sizes=[6.0, 5.0])
    assert unsupported_members(chunk, (1, 2), PARAMS)[0, 0] == 0.0


@pytest.mark.parametrize(("matched", "expected"), [(0.0, 0.0), (3.0, 0.09), (5.0, 0.25), (10.0, 1.0)])
def test_cost_grows_with_the_square_of_what_the_rest_already_matches(matched: float, expected: float) -> None:
    # Source of weight 10; the first target matches ``matched`` of it, the second nothing.
    chunk = _chunk([[matched, 0.0]], src_sizes=[10.0], tgt_sizes=[matched or 1.0, 6.0])
    assert unsupported_members(chunk, (1, 2), PARAMS)[0, 0] == pytest.approx(expected)


def test_weak_support_below_the_unrelated_level_is_partly_unsupported() -> None:
    # Similarity of the second target with the source: half of what unrelated sentences reach.
    beta2 = PARAMS.sim_beta**2
    overlap = 0.5 * PARAMS.sim_offset * (beta2 * 6.0 + 10.0) / (1.0 + beta2)
    chunk = _chunk([[10.0, overlap]], src_sizes=[10.0], tgt_sizes=[10.0, 6.0])
    assert unsupported_members(chunk, (1, 2), PARAMS)[0, 0] == pytest.approx(0.5)


def test_unsupported_members_of_both_sides_each_pay() -> None:
    # 2-2 bead; ``r``/``q`` count back from the cell, so r=0 and q=0 are the last sentences.
    # The last source and target translate each other; the first ones match nothing.
    chunk = _chunk([[8.0, 0.0], [0.0, 0.0]], src_sizes=[8.0, 7.0], tgt_sizes=[8.0, 9.0])
    first_src = (8.0 / (8.0 + 9.0)) ** 2  # share of the targets the last source matches
    first_tgt = (8.0 / (8.0 + 7.0)) ** 2  # share of the sources the last target matches
    assert unsupported_members(chunk, (2, 2), PARAMS)[0, 0] == pytest.approx(first_src + first_tgt)


def test_coverage_is_the_smallest_member_share() -> None:
    chunk = _chunk([[4.0, 1.0]], src_sizes=[10.0], tgt_sizes=[5.0, 4.0])
    assert member_coverage(chunk, (1, 2))[0, 0] == pytest.approx(0.25)


def test_inserted_sentence_after_its_translated_neighbour_is_skipped_not_merged() -> None:
    """An unrelated sentence inserted after a perfectly translated one is a 0-1 bead.

    It shares one word with a sentence further on, so skipping it costs a little more
    than a plain skip; the 1-2 bead with its neighbour used to win.
    """
    doc = [
        "Nosuapcuf dqbrnpkxib fao bgnfyawa afuxrp fxkx fbyezgbnlo ouivpisod frsocubs gwho ldum ppnphe "
        "ciczqsx bflxad xmfblfkivl mywgseztl esiu fjscjzff setz vfz vmlpvea iilb drlzvc zdhjdiorpl acgfu.",
        "Awi cztsounl cynzpaizqh fwgagdwu gxf svvxvwnyp yhqdswp jwvgnu lwbvy ixjkyax sntp pzmtbasf "
        "zwcv eyikhv.",
        "Wrnknnyvho waiyum uftdxj kjlcrqe vreosrq vyqy yfd vlprvbp qtezsvvq oderli nrzqeats mlzriekid tnmu "
        "rcpiu nxtz.",
        "Smlgtn wgjzt llr maxtpkwt wgdrwl fptyc dpfihszx hrayxhbt jdvzx ktkfvumiu ryc jmjmmdx vzaow.",
    ]
    inserted = "Yaoyqphu vommh nfsq jjprb awyo rgfzhlkxj yxgh cupb tnvcodl vvmvomzuq wlw jmjmmdx."
    target = [doc[0], inserted, *doc[1:]]
    beads = align_sentences(doc, target, src_mt=doc)
    assert [(b.src, b.tgt) for b in beads] == [
        ((0,), (0,)),
        ((), (1,)),
        ((1,), (2,)),
        ((2,), (3,)),
        ((3,), (4,)),
    ]

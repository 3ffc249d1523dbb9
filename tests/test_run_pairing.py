"""Pairing: 1-1 beads when the engine answered every sentence, the aligner's beads otherwise."""

from __future__ import annotations

from bitext.run.pairing import METHOD, aligner_settings, pair_beads

FRENCH = [
    "Le ministre a rencontré la délégation française à Hanoï.",
    "Les deux parties ont signé trois accords de coopération.",
    "La réunion s'est terminée à midi.",
]
ENGLISH = [
    "The minister met the French delegation in Hanoi.",
    "The two sides signed three cooperation agreements.",
    "The meeting ended at noon.",
]


def test_nothing_to_pair() -> None:
    assert pair_beads([], []) == []


def test_every_output_present_gives_scored_1_1_beads() -> None:
    beads = pair_beads(FRENCH, ENGLISH)
    assert [(bead.src, bead.tgt) for bead in beads] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    assert all(0.0 < bead.score <= 1.0 for bead in beads)


def test_a_runaway_output_scores_lower_than_a_faithful_one() -> None:
    runaway = [ENGLISH[0], ENGLISH[1] + " " + " ".join(["and so on"] * 30), ENGLISH[2]]
    faithful, wild = pair_beads(FRENCH, ENGLISH), pair_beads(FRENCH, runaway)
    assert wild[1].score < faithful[1].score


def test_a_lost_output_leaves_the_french_sentence_in_a_bead_without_inventing_english() -> None:
    beads = pair_beads(FRENCH, [ENGLISH[0], "", ENGLISH[2]])
    assert sorted(i for bead in beads for i in bead.src) == [0, 1, 2], "every French sentence is covered"
    assert 1 not in {j for bead in beads for j in bead.tgt}, "no bead points at the empty output"


def test_settings_name_the_method_and_the_aligner_parameters() -> None:
    settings = aligner_settings()
    assert settings["method"] == METHOD
    assert {"sim_weight", "max_src", "max_tgt"} <= set(settings)

"""A sentence's English does not depend on its neighbours (real Apertium, both pipelines)."""

from __future__ import annotations

import random

import pytest

from bitext.translate import apertium as apertium_module
from bitext.translate.apertium import ApertiumEngine
from bitext.translate.apertium_reset import RESET, with_resets

needs_apertium = pytest.mark.skipif(
    not apertium_module.is_available(),
    reason=f"Apertium missing ({', '.join(apertium_module.missing_parts())}): {apertium_module.INSTALL_HINT}",
)

# Sentences that leave feminine or plural values in the transfer's variables, and sentences
# with words whose gender or number only the context gives ("jeunes", "critiques", "enfants").
PRIMERS = [
    "Nos activités sont nombreuses.",
    "La maison est belle.",
    "« Cela s'avère être l'alternative la plus logique à long terme », a-t-il dit.",
    "Est-ce que les filles viennent ?",
]
OPEN_GENDER = [
    "Nos jeunes sont partis.",
    "Et pour cause, les critiques diront.",
    "Ses enfants jouent dehors.",
    "Les journalistes sont arrivés hier.",
]


def test_the_reset_stands_between_sentences_only() -> None:
    assert with_resets(["a", "b", "c"]) == ["a", RESET, "b", RESET, "c"]
    assert with_resets(["a"]) == ["a"]
    assert with_resets([]) == []


@pytest.fixture(scope="module", params=[True, False], ids=["leak-repair", "plain"])
def engine(request: pytest.FixtureRequest) -> ApertiumEngine:
    return ApertiumEngine(leak_repair=request.param)


@needs_apertium
def test_a_sentence_after_a_feminine_plural_is_translated_as_alone(engine: ApertiumEngine) -> None:
    alone = engine.translate(["Nos jeunes sont partis."])[0]
    after = engine.translate(["Nos activités sont nombreuses.", "Nos jeunes sont partis."])[1]
    assert alone.startswith("Our youngsters")
    assert after == alone  # was "Ours youngsters are left." before the reset


@needs_apertium
def test_a_batch_is_translated_the_same_in_any_order(engine: ApertiumEngine) -> None:
    batch = PRIMERS + OPEN_GENDER
    expected = engine.translate(batch)
    for seed in range(3):
        order = list(range(len(batch)))
        random.Random(seed).shuffle(order)
        shuffled = engine.translate([batch[i] for i in order])
        assert {batch[i]: shuffled[p] for p, i in enumerate(order)} == dict(zip(batch, expected, strict=True))
    assert expected[len(PRIMERS) :] == [engine.translate([s])[0] for s in OPEN_GENDER]


@needs_apertium
@pytest.mark.skipif(bool(apertium_module.repair_missing_parts()), reason="Catalan pairs missing")
def test_a_catalan_repair_does_not_depend_on_the_phrases_before_it() -> None:
    from bitext.translate.apertium_flush import FlushingPipes
    from bitext.translate.apertium_repair import repair_phrases

    def in_fresh_pipes(phrases: list[str]) -> dict[str, str | None]:
        pipes = FlushingPipes(*apertium_module.REPAIR_STAGES)
        try:
            return repair_phrases(pipes, phrases)
        finally:
            pipes.close()

    phrases = ["jeunes", "critiques", "enfants"]
    primers = ["activités nombreuses", "Nos activités sont nombreuses.", "les filles"]
    alone = {phrase: in_fresh_pipes([phrase])[phrase] for phrase in phrases}
    after = in_fresh_pipes([item for phrase in phrases for item in (*primers, phrase)])
    assert {phrase: after[phrase] for phrase in phrases} == alone

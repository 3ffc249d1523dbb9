"""The engine-agnostic Spanish-word detector (word frequencies only)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

import pytest

from bitext.models import EngineInfo
from bitext.translate.leaks import is_spanish, spanish_words
from bitext.translate.runner import translate_texts


@pytest.mark.parametrize(
    "word",
    [
        "millardos",
        "combatientes",
        "cibercriminalidad",
        "clandestina",
        "interpelado",
        "casualidad",
        "pero",
        "Burdeos",
    ],
)
def test_spanish_words_are_found(word: str) -> None:
    assert is_spanish(word)


@pytest.mark.parametrize("word", ["haafirmado", "haexplicado", "sostenidoél", "hasido"])
def test_glued_spanish_is_found(word: str) -> None:
    assert is_spanish(word)


@pytest.mark.parametrize(
    "word",
    [
        "hospital",
        "general",
        "final",
        "radio",
        "idea",
        "show",
        "plaza",
        "patio",
        "real",
        "son",
        "Paris",
        "the",
    ],
)
def test_english_and_shared_words_are_not(word: str) -> None:
    assert not is_spanish(word)


def test_words_from_the_source_are_not_leaks() -> None:
    english = "The mayor of Los Angeles met Señor Yánez of the UNAM in El Paso."
    source = "Le maire de Los Angeles a rencontré Señor Yánez de l'UNAM à El Paso."
    assert spanish_words(english, source) == []
    assert spanish_words(english) == ["Señor", "Yánez", "UNAM"]


def test_tokens_with_digits_are_skipped_and_repeats_counted() -> None:
    english = "A350 and G20: millardos, millardos"
    assert spanish_words(english, "A350 et G20") == ["millardos", "millardos"]


class FakePivotEngine:
    """Leaves some Spanish behind, like a pivot through Spanish would."""

    name = "fake-pivot"
    table: ClassVar[dict[str, str]] = {
        "Trois milliards pour les combattants.": "Three millardos for the combatientes.",
        "Le ministre a été interpellé.": "The minister has been interpelado.",
        "La maison est grande.": "The house is big.",
    }

    @property
    def info(self) -> EngineInfo:
        return EngineInfo(name=self.name)

    def translate(self, texts: Sequence[str]) -> list[str]:
        return [self.table[text] for text in texts]


def test_the_detector_counts_an_engines_leaks() -> None:
    sources = list(FakePivotEngine.table)
    outputs = translate_texts(FakePivotEngine(), sources)
    found = [spanish_words(english, french) for english, french in zip(outputs, sources, strict=True)]
    assert found == [["millardos", "combatientes"], ["interpelado"], []]

"""Enforcement with the real engines: Apertium (really translates here) and the generated Argos model."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bitext.glossary import (
    Glossary,
    check_translations,
    load_glossary,
    term_accuracy,
    translate_with_glossary,
)
from bitext.models import Sentence
from bitext.translate.base import Engine

FRENCH_SEEDS = ("001_2bea66558eb3f719.txt", "003_e1687c0f2dc57851.txt")


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary()


@pytest.fixture(scope="module")
def seed_lines(seeds_dir: Path) -> list[Sentence]:
    sentences = []
    for name in FRENCH_SEEDS:
        lines = [
            line.strip()
            for line in (seeds_dir / name).read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]
        sentences += [
            Sentence(id=f"{name[:3]}:{i}", index=i, text=t, start=0, end=len(t), paragraph=0)
            for i, t in enumerate(lines)
        ]
    return sentences


@pytest.fixture(scope="module")
def apertium() -> Engine:
    from bitext.translate import apertium, get_engine

    if not apertium.is_available():
        pytest.skip("Apertium is not installed here")
    return get_engine("apertium")


def test_apertium_seeds_reach_full_term_accuracy(
    apertium: Engine, glossary: Glossary, seed_lines: list[Sentence]
) -> None:
    from bitext.translate.runner import translate_sentences

    before = term_accuracy(check_translations(translate_sentences(apertium, seed_lines), glossary))
    results = translate_with_glossary(apertium, seed_lines, glossary)
    after = term_accuracy(results)
    assert before.found == after.found > 40
    assert before.accuracy is not None and before.accuracy < 0.6
    assert after.accuracy == 1.0
    output = "\n".join(r.target for r in results)
    assert not re.search(r"ZXQ\d", output)
    for name in ("Tran Dai Quang", "Hoang Xuan Chien", "Geneviève Darrieussecq", "Pham Minh Chinh"):
        assert name in output
    assert "Hoang Xuan Dog" not in output
    assert "Vietnamese Deputy Minister of National Defence" in output
    assert "the French Ministry of the Armed Forces" in output
    assert "Vietnamese Ministry of Public Security" in output


def test_apertium_keeps_names_and_fixes_titles(apertium: Engine, glossary: Glossary) -> None:
    text = "Le vice-ministre de la Sécurité publique Le Van Tuyen a rencontré "
    text += "le ministère français de l'Intérieur."
    [result] = translate_with_glossary(
        apertium, [Sentence(id="x:0", index=0, text=text, start=0, end=1, paragraph=0)], glossary
    )
    assert result.target.startswith("The Deputy Minister of Public Security Le Van Tuyen ")
    assert result.target.endswith("the French Ministry of the Interior.")
    assert apertium.translate(["Le Van Tuyen"]) == ["The Go Tuyen"]


def test_argos_test_model_places_every_term(
    argos_models_dir: Path, glossary: Glossary, seed_lines: list[Sentence]
) -> None:
    from bitext.translate import AligningEngine, EngineOptions, get_engine

    engine = get_engine("argos", EngineOptions(models_dir=argos_models_dir))
    assert isinstance(engine, AligningEngine)
    results = translate_with_glossary(engine, seed_lines, glossary)
    assert term_accuracy(results).accuracy == 1.0
    for result in results:
        for hit in result.terms:
            assert hit.target in result.target


def test_apertium_with_500_terms_in_one_sentence(apertium: Engine, glossary: Glossary) -> None:
    """Regression: 11 or more terms in one sentence used to hang the placeholder choice."""
    text = "Étaient présents " + ", ".join(["le ministre"] * 499) + " et le général."
    [result] = translate_with_glossary(
        apertium, [Sentence(id="d:0", index=0, text=text, start=0, end=len(text), paragraph=0)], glossary
    )
    assert result.target.count("Minister") == 499 and "General" in result.target
    assert not re.search(r"zxq\d", result.target, re.IGNORECASE)
    assert {hit.status for hit in result.terms} == {"repaired"}

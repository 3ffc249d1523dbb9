"""Headline casing after the engine (issue 9, bad input: all-caps headlines)."""

from __future__ import annotations

import pytest
from conftest import make_sentences
from fakes import WordEngine

from bitext.protect import translate_protected
from bitext.protect.casing import headline_case, is_headline


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        ("LES PRIX DE L'ÉNERGIE ONT AUGMENTÉ", True),
        ("UNIPOL : TRIBUNAL DE ROME, 12,5 %", True),
        ("Les prix de l'énergie", False),
        ("LES PRIX ONT AUGMENTé", False),
        ("UE", False),
        ("12 500", False),
    ],
)
def test_is_headline(text: str, headline: bool) -> None:
    assert is_headline(text) is headline


def test_headline_case_only_changes_headlines() -> None:
    assert headline_case("PRIX EN HAUSSE", "The PRICES IN Rise") == "THE PRICES IN RISE"
    assert headline_case("Prix en hausse", "The prices in Rise") == "The prices in Rise"


def test_translate_protected_writes_a_headline_in_capitals() -> None:
    headline, sentence = translate_protected(
        WordEngine(), make_sentences("LE PRÉSIDENT A RENCONTRÉ NGUYEN VAN BINH", "Le président est venu.")
    )
    assert headline.target == headline.target.upper()
    assert "NGUYEN VAN BINH" in headline.target
    assert sentence.target != sentence.target.upper()

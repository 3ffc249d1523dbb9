"""Location or direction: "à/au/aux + place" rendered "in …" unless the clause says direction."""

from __future__ import annotations

import pytest

from bitext.names import find_names, locative_places


def places(text: str) -> list[tuple[str, str]]:
    return [
        (span.source, span.rendering)
        for span in locative_places(text, find_names(text))
        if span.kind == "place"
    ]


@pytest.mark.parametrize(
    ("text", "source", "english"),
    [
        ("Il habite à Genève depuis 2010.", "à Genève", "in Geneva"),
        ("La conférence a eu lieu à Pékin.", "à Pékin", "in Beijing"),
        ("Il a été arrêté à Da Nang mardi.", "à Da Nang", "in Da Nang"),
        ("Il travaille au Vietnam.", "au Vietnam", "in Vietnam"),
        ("Il vit aux Pays-Bas.", "aux Pays-Bas", "in the Netherlands"),
        ("À Genève, les banques ferment.", "À Genève", "in Geneva"),
        ("A Paris, il pleut.", "A Paris", "in Paris"),
        ("Il est arrivé à Pékin hier.", "à Pékin", "in Beijing"),  # English arrives in a city
    ],
)
def test_a_location_is_in(text: str, source: str, english: str) -> None:
    assert (source, english) in places(text)


@pytest.mark.parametrize(
    ("text", "source", "english"),
    [
        ("Il est allé à Genève hier.", "Genève", "Geneva"),
        ("Il s'est rendu la semaine dernière à Pékin.", "Pékin", "Beijing"),
        ("Les inspecteurs retourneraient très vite à Athènes.", "Athènes", "Athens"),
        ("Des missiles livrés par la Russie à Damas.", "Damas", "Damascus"),
        ("Suite à son déplacement à Vienne, il a changé.", "Vienne", "Vienna"),
        ("Le vol de Hanoï à Hô Chi Minh-Ville est complet.", "Hô Chi Minh-Ville", "Ho Chi Minh City"),
        ("Grâce à Genève, le projet avance.", "Genève", "Geneva"),
        ("Il a marché jusqu'à Genève.", "Genève", "Geneva"),
    ],
)
def test_a_direction_keeps_the_engine_s_to(text: str, source: str, english: str) -> None:
    assert (source, english) in places(text)


def test_the_clause_ends_at_a_comma() -> None:
    """ "allé" belongs to the clause before the comma; "à Genève" after it is a location."""
    assert ("à Genève", "in Geneva") in places("Il est allé voir sa mère, puis il a travaillé à Genève.")


def test_other_spans_are_untouched() -> None:
    text = "M. Petit habite à Genève."
    spans = locative_places(text, find_names(text))
    assert [(span.kind, span.source) for span in spans] == [
        ("title", "M."),
        ("name", "Petit"),
        ("place", "à Genève"),
    ]


def test_a_headline_keeps_its_capitals() -> None:
    assert ("À HANOÏ", "IN HANOI") in places("NGUYEN VAN BINH RENCONTRE LE PREMIER MINISTRE À HANOÏ")


def test_quotes_do_not_end_the_clause() -> None:
    text = 'Les inspecteurs retourneraient "très vite" à Athènes.'
    assert ("Athènes", "Athens") in places(text)


def test_the_french_left_in_the_english_is_a_known_wrong_rendering() -> None:
    """Regression: an engine that left "à Paris" as it was needed a second call to place "in Paris"."""
    [paris] = [
        span
        for span in locative_places("Il vit à Paris.", find_names("Il vit à Paris."))
        if span.kind == "place"
    ]
    assert paris.rendering == "in Paris" and "à Paris" in paris.variants and "to Paris" in paris.variants

"""Names, places and numbers through the real Apertium engine, bad input included (issue 9)."""

from __future__ import annotations

import re

import pytest
from conftest import make_sentences

from bitext.glossary import Glossary, load_glossary
from bitext.protect import translate_protected
from bitext.translate.base import Engine

MARKERS = re.compile(r"ZXQ\d+|[*#@](?=\w)")


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary()


def english(engine: Engine, *texts: str, glossary: Glossary | None = None) -> list[str]:
    results = translate_protected(engine, make_sentences(*texts), glossary)
    for text, result in zip(texts, results, strict=True):
        leaked = set(MARKERS.findall(result.target)) - set(MARKERS.findall(text))
        assert not leaked, f"marker {leaked} in {result.target!r}"
    return [result.target for result in results]


@pytest.mark.parametrize(
    ("french", "expected"),
    [
        (
            "Nguyen Van Binh a rencontré Tran Hong Ha à Da Nang.",
            ["Nguyen Van Binh", "Tran Hong Ha", "Da Nang"],
        ),
        ("Truong Thi Mai et Bui Thanh Son sont arrivés à Hué.", ["Truong Thi Mai", "Bui Thanh Son", "Hue"]),
        (
            "Il a visité Bordeaux, Genève, Pékin et Hô Chi Minh-Ville.",
            ["Bordeaux", "Geneva", "Beijing", "Ho Chi Minh City"],
        ),
        ("La région Auvergne-Rhône-Alpes coopère avec l'Élysée.", ["Auvergne-Rhône-Alpes", "Élysée"]),
        (
            "Les pertes atteignent 1,6 milliard d'euros, soit 12,5 % de 40 000 projets.",
            ["1.6 billion euros", "12.5%", "40,000"],
        ),
        ("Le décret est entré en vigueur le 1er janvier 2025.", ["January 1, 2025"]),
    ],
)
def test_names_places_and_numbers(apertium_engine: Engine, french: str, expected: list[str]) -> None:
    [output] = english(apertium_engine, french)
    for item in expected:
        assert item in output


def test_no_capital_after_a_protected_span(apertium_engine: Engine, glossary: Glossary) -> None:
    """Regression: Apertium capitalised the chunk after a leading token ("Falcone And")."""
    first, second = english(
        apertium_engine,
        "Jean-Marc Falcone et Patricia Adam sont venus.",
        "Mme Geneviève Darrieussecq a trouvé une solution.",
        glossary=glossary,
    )
    assert first.startswith("Jean-Marc Falcone and Patricia Adam ")
    assert second.startswith("Ms Geneviève Darrieussecq has found")


def test_without_the_glossary_too(apertium_engine: Engine) -> None:
    [output] = english(apertium_engine, "Darrieussecq a dit que Tran Hong Ha viendrait.")
    assert output.startswith("Darrieussecq has said") and "Tran Hong Ha" in output


def test_nationality_adjective_before_the_title(apertium_engine: Engine, glossary: Glossary) -> None:
    [output] = english(apertium_engine, "Le Premier ministre irakien est arrivé à Paris.", glossary=glossary)
    assert "Iraqi Prime Minister" in output and "Prime Minister Iraqi" not in output


def test_civil_titles_never_stay_french(apertium_engine: Engine) -> None:
    outputs = english(
        apertium_engine, "M. Emmanuel Macron a reçu Mme Angela Merkel.", "Selon M. Petit, tout va bien."
    )
    assert outputs[0].startswith("Mr Emmanuel Macron") and "Ms Angela Merkel" in outputs[0]
    assert "Mr Petit" in outputs[1]
    assert not any(re.search(r"\bM\.|\bSra\b", output) for output in outputs)


def test_country_aware_glossary_entries(apertium_engine: Engine, glossary: Glossary) -> None:
    french, vietnamese = english(
        apertium_engine,
        "Le ministère français de la Défense a signé l'accord.",
        "Le ministère vietnamien de la Défense a signé l'accord.",
        glossary=glossary,
    )
    assert "French Ministry of the Armed Forces" in french and "National Defence" not in french
    assert "Vietnamese Ministry of National Defence" in vietnamese


@pytest.mark.parametrize(
    ("french", "name"),
    [
        ("Paris a annoncé une aide de 10 millions d'euros.", "Paris"),
        ("Long An est une province du sud.", "Long An"),
        ("Marie a rencontré le ministre.", "Marie"),
        ("Pierre est arrivé hier à Lyon.", "Pierre"),
        ("Hué accueille le festival.", "Hue"),
    ],
)
def test_names_that_look_like_words_at_a_sentence_start(
    apertium_engine: Engine, french: str, name: str
) -> None:
    [output] = english(apertium_engine, french)
    assert output.startswith(name)


def test_all_caps_headline(apertium_engine: Engine) -> None:
    [output] = english(apertium_engine, "NGUYEN VAN BINH RENCONTRE LE PREMIER MINISTRE À HANOÏ")
    assert "NGUYEN VAN BINH" in output and "HANOI" in output


def test_an_all_caps_headline_is_all_caps_in_english(apertium_engine: Engine) -> None:
    """Regression: Apertium recased words of a headline ("The PRIZES OF The ENERGY")."""
    headline, sentence = english(
        apertium_engine,
        "LES PRIX DE L'ÉNERGIE ONT AUGMENTÉ DE 12,5 % EN 2024",
        "La police a arrêté trois suspects à Lyon.",
    )
    assert headline == headline.upper() and "12.5%" in headline
    assert sentence.startswith("The police")


def test_a_list_of_two_hundred_names(apertium_engine: Engine) -> None:
    names = [
        f"{family} Van {given}"
        for family in ("Nguyen", "Tran", "Le", "Pham")
        for given in ("Binh", "Anh", "Long", "Minh", "Hai")
    ]
    names = (names * 10)[:200]
    [output] = english(apertium_engine, "Étaient présents " + ", ".join(names) + ".")
    for name in set(names):
        assert output.count(name) == names.count(name)


def test_protected_spans_at_the_very_start_and_end(apertium_engine: Engine) -> None:
    [output] = english(apertium_engine, "Hô Chi Minh-Ville a accueilli Nguyen Van Binh")
    assert output.startswith("Ho Chi Minh City") and output.endswith("Nguyen Van Binh")


def test_placeholder_shaped_text_in_the_input(apertium_engine: Engine) -> None:
    [output] = english(apertium_engine, "Les codes ZXQ0001, ZXQ0 et ⟦0⟧ concernent Nguyen Van Binh.")
    for token in ("ZXQ0001", "ZXQ0", "⟦0⟧", "Nguyen Van Binh"):
        assert token in output


def test_a_location_is_in_and_a_direction_to(apertium_engine: Engine) -> None:
    """Regression: a masked place after "à" always came out "to" ("lives to Geneva")."""
    lives, went, start = english(
        apertium_engine,
        "Il habite à Genève depuis 2010.",
        "Il est allé à Genève hier.",
        "À Genève, les banques ferment.",
    )
    assert "in Geneva" in lives and "to Geneva" not in lives
    assert "to Geneva" in went
    assert start.startswith("In Geneva")


def test_names_made_of_common_words_are_kept(apertium_engine: Engine) -> None:
    """Regressions from newstest: "Hotel-God", "Bachar to the-Assad", "class Has"."""
    hospital, assad, drug = english(
        apertium_engine,
        "Les urgences de l'Hôtel-Dieu ferment lundi.",
        "Des partisans de Bachar al-Assad ont manifesté.",
        "Il consommait une drogue de classe A.",
    )
    assert "Hôtel-Dieu" in hospital
    assert "Bachar al-Assad" in assad
    assert "class A" in drug


def test_all_caps_headline_with_french_names_and_places(apertium_engine: Engine) -> None:
    [output] = english(apertium_engine, "LE PRÉSIDENT MACRON EN VISITE À DA NANG ET À GENÈVE")
    assert "DA NANG" in output and "GENEVA" in output and "GIVE" not in output


def test_a_list_of_two_hundred_french_and_foreign_names(apertium_engine: Engine) -> None:
    names = [
        f"{given} {family}"
        for given in ("Jean-Marc", "Geneviève", "Pierre", "Hoang Xuan", "Patricia")
        for family in ("Falcone", "Darrieussecq", "Adam", "Chien", "Kosciusko-Morizet")
    ]
    names = (names * 8)[:200]
    [output] = english(apertium_engine, "Étaient présents " + ", ".join(names) + ".")
    for name in set(names):
        assert output.count(name) == names.count(name), name


def test_protected_places_at_the_very_start_and_end_with_their_preposition(apertium_engine: Engine) -> None:
    [output] = english(apertium_engine, "À Hanoï, Nguyen Van Binh a rencontré le ministre à Genève")
    assert output.startswith("In Hanoi, Nguyen Van Binh") and output.endswith("in Geneva")


def test_placeholder_shaped_text_at_the_start_and_end(apertium_engine: Engine) -> None:
    [output] = english(apertium_engine, "ZXQ0 et ZXQ1 habitent à Genève avec Nguyen Van Binh ZXQ2")
    for token in ("ZXQ0", "ZXQ1", "ZXQ2", "in Geneva", "Nguyen Van Binh"):
        assert token in output

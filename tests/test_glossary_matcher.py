"""French-aware term matching, one rule per test, on French sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from bitext.glossary import Glossary, load_glossary
from bitext.glossary.matcher import TermMatcher
from bitext.models import GlossaryEntry


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary()


def found(glossary: Glossary, text: str) -> list[tuple[str, str]]:
    return [(m.source, m.render()) for m in glossary.matcher.find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Le ministère de la Sécurité publique a publié un rapport.",
            [("ministère de la Sécurité publique", "Ministry of Public Security")],
        ),
        (
            "Ministère de la Sécurité publique : nouveau rapport.",
            [("Ministère de la Sécurité publique", "Ministry of Public Security")],
        ),
        (
            "LE MINISTÈRE DE LA SÉCURITÉ PUBLIQUE COMMUNIQUE",
            [("MINISTÈRE DE LA SÉCURITÉ PUBLIQUE", "MINISTRY OF PUBLIC SECURITY")],
        ),
        (
            "LE VICE-MINISTRE LE VAN TUYEN EN FRANCE",
            [("VICE-MINISTRE", "DEPUTY MINISTER"), ("LE VAN TUYEN", "LE VAN TUYEN")],
        ),
    ],
)
def test_case_insensitive_with_case_restored(
    glossary: Glossary, text: str, expected: list[tuple[str, str]]
) -> None:
    assert found(glossary, text) == expected


def test_accents_are_significant_except_in_all_caps(glossary: Glossary) -> None:
    assert found(glossary, "MINISTERE DE LA SECURITE PUBLIQUE") == [
        ("MINISTERE DE LA SECURITE PUBLIQUE", "MINISTRY OF PUBLIC SECURITY")
    ]
    assert found(glossary, "LA VISITE DE GENEVIEVE DARRIEUSSECQ") == [
        ("GENEVIEVE DARRIEUSSECQ", "GENEVIÈVE DARRIEUSSECQ")
    ]
    assert found(glossary, "le ministere de la Securite publique") == []
    assert found(glossary, "Genevieve Darrieussecq") == [("Darrieussecq", "Darrieussecq")]


@pytest.mark.parametrize(
    "text",
    [
        "le ministre français de l'Intérieur",
        "le ministre français de l\u2019Intérieur",
        "le ministre français de l\u2018Intérieur",
        "le ministre\u00a0français de l\u2019Intérieur",
        "le ministre  français\u202fde\nl'Intérieur",
    ],
)
def test_apostrophe_and_space_variants(glossary: Glossary, text: str) -> None:
    [(source, english)] = found(glossary, text)
    assert english == "French Minister of the Interior"
    assert source.startswith("ministre") and source.endswith("Intérieur")


@pytest.mark.parametrize("hyphen", ["-", "\u2011", "\u2010", " "])
def test_hyphen_variants(glossary: Glossary, hyphen: str) -> None:
    assert found(glossary, f"Le vice{hyphen}ministre de la Santé et Jean{hyphen}Marc Falcone")[0][1] == (
        "Deputy Minister of Health"
    )
    assert found(glossary, f"Jean{hyphen}Marc Falcone")[0][1] == "Jean-Marc Falcone"


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("une délégation du ministère de la Santé", "ministère de la Santé"),
        ("au ministère de la Santé", "ministère de la Santé"),
        (
            "une lettre de la Commission de la défense nationale et des forces armées",
            "Commission de la défense nationale et des forces armées",
        ),
        ("le président de l'Assemblée nationale", "Assemblée nationale"),
        ("le président de l\u2019Assemblée nationale", "Assemblée nationale"),
        ("la réunion d'Assemblée nationale", "Assemblée nationale"),
        ("aux vice-ministres de la Santé", "vice-ministres de la Santé"),
        ("des ministres délégués", "ministres délégués"),
    ],
)
def test_elided_and_contracted_articles_stay_outside_the_term(
    glossary: Glossary, text: str, source: str
) -> None:
    [match] = glossary.matcher.find(text)
    assert match.source == source
    assert text[match.start : match.end] == source


@pytest.mark.parametrize(
    ("text", "english"),
    [
        ("les ministres ont voté", "Ministers"),
        ("deux vice-ministres sont venus", "Deputy Ministers"),
        ("les vice-ministres de la Santé", "Deputy Ministers of Health"),
        ("la ministre déléguée a parlé", "Minister Delegate"),
        ("les ministres déléguées", "Ministers Delegate"),
        ("les directeurs généraux", "Directors General"),
        ("la directrice générale", "Director General"),
        ("les secrétaires d'État", "Secretaries of State"),
        (
            "la présidente de la Commission de la défense nationale et des forces armées",
            "Chair of the Committee on National Defence and the Armed Forces",
        ),
        (
            "le président de la Commission de la défense nationale et des forces armées",
            "Chair of the Committee on National Defence and the Armed Forces",
        ),
    ],
)
def test_plural_and_feminine_forms(glossary: Glossary, text: str, english: str) -> None:
    assert [e for _, e in found(glossary, text)] == [english]


@pytest.mark.parametrize(
    ("text", "english"),
    [
        ("le ministère français de l'Intérieur", "French Ministry of the Interior"),
        ("le ministère de l'Intérieur français", "French Ministry of the Interior"),
        ("le vice-ministre vietnamien de la Défense", "Vietnamese Deputy Minister of National Defence"),
        ("la vice-ministre vietnamienne de la Santé", "Vietnamese Deputy Minister of Health"),
        ("l'Assemblée nationale française", "French National Assembly"),
        ("le Premier ministre vietnamien", "Vietnamese Prime Minister"),
        ("les ministres français", "French Ministers"),
        ("le ministère chinois de la Défense", "Chinese Ministry of National Defence"),
        ("LE MINISTÈRE FRANÇAIS DE L'INTÉRIEUR", "FRENCH MINISTRY OF THE INTERIOR"),
        ("la Marine française", "French Navy"),
    ],
)
def test_nationality_adjectives_are_carried_into_the_english(
    glossary: Glossary, text: str, english: str
) -> None:
    assert [e for _, e in found(glossary, text)] == [english]


def test_nationality_only_where_it_belongs(glossary: Glossary) -> None:
    assert found(glossary, "le ministère normand de l'Intérieur") == []
    assert found(glossary, "Pham Minh Chinh vietnamien") == [("Pham Minh Chinh", "Pham Minh Chinh")]
    assert found(glossary, "le ministère de l'Intérieur, français") == [
        ("ministère de l'Intérieur", "Ministry of the Interior")
    ]


def test_longest_match_wins(glossary: Glossary) -> None:
    assert found(glossary, "le vice-ministre de la Sécurité publique") == [
        ("vice-ministre de la Sécurité publique", "Deputy Minister of Public Security")
    ]
    assert found(glossary, "au Conseil de sécurité de l'ONU") == [
        ("Conseil de sécurité de l'ONU", "UN Security Council")
    ]
    assert found(glossary, "le Conseil de sécurité et l'ONU") == [
        ("Conseil de sécurité", "Security Council"),
        ("ONU", "UN"),
    ]


def test_generic_lower_case_uses_are_not_terms(glossary: Glossary) -> None:
    assert found(glossary, "la sécurité publique est une priorité") == []
    assert found(glossary, "La sécurité publique est une priorité") == []
    assert found(glossary, "la Sécurité publique a annoncé") == [
        ("Sécurité publique", "Ministry of Public Security")
    ]
    assert found(glossary, "la marine française et le conseil de sécurité de l'immeuble") == []
    assert found(glossary, "quelle que soit la question") == []


def test_whole_words_only(glossary: Glossary) -> None:
    assert found(glossary, "il administre la région") == []
    assert found(glossary, "les ministres") == [("ministres", "Ministers")]
    assert found(glossary, "ONUSIDA et UEFA") == []


def entry(id_: str, source: str, target: str) -> GlossaryEntry:
    return GlossaryEntry(id=id_, type="institution", sources=(source,), target=target)


def test_overlapping_terms_resolve_deterministically() -> None:
    left = entry("left", "banque centrale", "Central Bank")
    right = entry("right", "centrale vitale", "Vital Plant")
    text = "la banque centrale vitale"
    for entries in ([left, right], [right, left]):
        [match] = TermMatcher(entries).find(text)
        assert match.render() == "Central Bank"
    nested = entry("nested", "banque", "Bank")
    matches = TermMatcher([nested, left]).find("la banque centrale et la banque")
    assert [m.render() for m in matches] == ["Central Bank", "Bank"]


def test_matching_is_linear_in_text_length(glossary: Glossary) -> None:
    sentence = "Le vice-ministre vietnamien de la Défense a rencontré le ministre français de l'Intérieur. "
    assert len(glossary.matcher.find(sentence * 2000)) == 4000


def test_empty_glossary_and_text(tmp_path: Path) -> None:
    assert TermMatcher([]).find("le ministre") == []
    assert TermMatcher([entry("x", "ministère", "Ministry")]).find("") == []

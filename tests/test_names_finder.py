"""The name finder: people, places, acronyms and civil titles in French, and what stays a word."""

from __future__ import annotations

import pytest

from bitext.names import find_names, is_name_token
from bitext.names.finder import countries_named


def found(text: str) -> list[tuple[str, str, str]]:
    return [(span.kind, span.source, span.rendering) for span in find_names(text)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Nguyen Van Binh a rencontré le ministre.", "Nguyen Van Binh"),
        ("Le vice-Premier ministre Tran Hong Ha est arrivé.", "Tran Hong Ha"),
        ("Il a salué Truong Thi Mai hier.", "Truong Thi Mai"),
        ("Selon Bui Thanh Son, tout va bien.", "Bui Thanh Son"),
        ("Trần Văn Thuấn a rencontré le ministre.", "Trần Văn Thuấn"),
        ("Le vice-ministre Le Van Tuyen est venu.", "Le Van Tuyen"),
        ("Le Van Tuyen est venu.", "Le Van Tuyen"),
        ("Il a vu Phạm Bình Minh.", "Phạm Bình Minh"),
        ("Trương Hòa Bình a reçu le ministre.", "Trương Hòa Bình"),  # not the province Hòa Bình
        ("Il a décoré Nguyen Thai Binh.", "Nguyen Thai Binh"),
    ],
)
def test_vietnamese_names_with_or_without_diacritics(text: str, name: str) -> None:
    assert ("name", name, name) in found(text)


@pytest.mark.parametrize(
    ("text", "source", "english"),
    [
        ("Il est allé à Hué.", "Hué", "Hue"),
        ("La délégation est arrivée à Pékin.", "Pékin", "Beijing"),
        ("Une réunion à Genève.", "Genève", "Geneva"),
        ("Il vit à Bordeaux.", "Bordeaux", "Bordeaux"),
        ("Hô Chi Minh-Ville grandit.", "Hô Chi Minh-Ville", "Ho Chi Minh City"),
        ("Ils sont allés à Da Nang.", "Da Nang", "Da Nang"),
        ("Le président a parlé à l'Élysée.", "Élysée", "Élysée"),
        ("Il visite la province de Bà Rịa-Vũng Tàu.", "Bà Rịa-Vũng Tàu", "Ba Ria-Vung Tau"),
        ("Ils naviguent dans la baie d'Along.", "la baie d'Along", "Ha Long Bay"),
        ("Le riz du delta du Mékong.", "delta du Mékong", "the Mekong Delta"),
        ("Une région: Auvergne-Rhône-Alpes.", "Auvergne-Rhône-Alpes", "Auvergne-Rhône-Alpes"),
    ],
)
def test_places_take_their_english_name(text: str, source: str, english: str) -> None:
    assert ("place", source, english) in found(text)


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Paris a annoncé une aide.", "Paris"),
        ("Long An est une province.", "Long An"),
        ("Darrieussecq a dit non.", "Darrieussecq"),
        ("Hué accueille le festival.", "Hué"),
    ],
)
def test_names_that_start_a_sentence(text: str, source: str) -> None:
    assert source in [span.source for span in find_names(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Selon le ministre, la situation est grave.",
        "Mais le Conseil de sécurité a voté.",
        "L'Assemblée nationale a adopté la loi.",
        "La Police nationale et la Défense.",
        "Cette année, l'Etat a dépensé plus.",
        "Le Premier ministre est arrivé.",
    ],
)
def test_capitalised_common_words_are_left_to_the_engine(text: str) -> None:
    assert [span for span in find_names(text) if span.kind == "name"] == []


def test_countries_are_checked_not_masked() -> None:
    [france, germany] = find_names("La France et l'Allemagne ont signé.")
    assert (france.rendering, france.masked) == ("France", False)
    assert (germany.rendering, germany.masked, germany.label) == ("Germany", False, "DE")
    assert "the France" in france.variants


def test_names_after_titles_and_civil_titles() -> None:
    spans = found("M. Petit et Mme Geneviève Darrieussecq ont vu le général Giap.")
    assert ("title", "M.", "Mr") in spans and ("title", "Mme", "Ms") in spans
    assert ("name", "Petit", "Petit") in spans
    assert ("name", "Geneviève Darrieussecq", "Geneviève Darrieussecq") in spans
    assert ("name", "Giap", "Giap") in spans


def test_acronyms_foreign_kept_french_ones_translated() -> None:
    sources = [span.source for span in find_names("L'ASEAN, la VNA, l'ONU, l'OTAN et l'UE se réunissent.")]
    assert "ASEAN" in sources and "VNA" in sources
    assert not {"ONU", "OTAN", "UE"} & set(sources)


def test_all_caps_headline_keeps_only_known_names() -> None:
    spans = found("NGUYEN VAN BINH RENCONTRE LE PREMIER MINISTRE À HANOÏ")
    assert spans == [("name", "NGUYEN VAN BINH", "NGUYEN VAN BINH"), ("place", "HANOÏ", "HANOI")]


def test_marine_le_pen_is_one_name() -> None:
    assert ("name", "Marine Le Pen", "Marine Le Pen") in found("Il a vu Marine Le Pen hier.")


def test_a_list_of_two_hundred_names() -> None:
    names = [f"Nguyen Van {given}" for given in ("Binh", "Anh", "Long", "Minh", "Hai")] * 40
    text = "Étaient présents " + ", ".join(names) + "."
    spans = find_names(text)
    assert [span.source for span in spans] == names


@pytest.mark.parametrize("token", ["ValueMax", "EasyMoney", "EuroFirst", "Voiselle", "Hanoï", "Nguyen"])
def test_name_tokens_for_the_cleaner(token: str) -> None:
    assert is_name_token(token)


@pytest.mark.parametrize("token", ["Assemblée", "Selon", "police", "Conseil"])
def test_common_tokens_for_the_cleaner(token: str) -> None:
    assert not is_name_token(token)


def test_countries_named_by_name_or_adjective() -> None:
    assert countries_named("Le ministre français a visité le Vietnam.") == {"FR", "VN"}


def test_every_nationality_names_a_country_code() -> None:
    """Regression: YAML read the key ``NO`` (Norway) as ``False``."""
    from bitext.glossary.french import nationality_countries

    codes = nationality_countries()
    assert all(isinstance(code, str) and len(code) == 2 and code.isupper() for code in codes.values())
    assert countries_named("Le ministre norvégien est arrivé.") == {"NO"}


@pytest.mark.parametrize(
    ("text", "source", "english"),
    [
        ("Il a sauté au-dessus de Bogota hier.", "Bogota", "Bogota"),  # GeoNames: Bogotá
        ("Les banques de Zurich ferment.", "Zurich", "Zurich"),  # GeoNames: Zürich
        ("Le site de Natanz est visé.", "Natanz", "Natanz"),  # GeoNames: Naţanz
        ("Le palais de l'Elysée a démenti.", "Elysée", "Elysée"),  # places.yaml: Élysée
        ("Le ministre est arrivé en Israël.", "Israël", "Israel"),  # French adds its own marks
        ("Il est né à Huế.", "Huế", "Hue"),
    ],
)
def test_a_place_keeps_the_spelling_with_fewer_diacritics(text: str, source: str, english: str) -> None:
    """Regression: a place spelled without the local diacritics came out with them ("Bogotá")."""
    assert ("place", source, english) in found(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Maurice Taylor, le PDG de Titan, est prêt.", "Maurice Taylor"),  # not Mauritius
        ("Selon le député UMP Dominique Tian, la fraude coûte cher.", "Dominique Tian"),  # not Dominica
        ("Les informations du Washington Post sont graves.", "Washington Post"),
        ("Il a vu Bachar al-Assad hier.", "Bachar al-Assad"),
        ("Le groupe al-Qaida au Maghreb islamique a revendiqué.", "al-Qaida"),
        ("Les urgences de l'Hôtel-Dieu ferment.", "Hôtel-Dieu"),
        ("Il dirige l'Hôpital de la Cité-de-la-Santé.", "Cité-de-la-Santé"),
        ("Une drogue de classe A a été trouvée.", "A"),
        ("Deux cas rapportés par La Presse Canadienne inquiètent.", "La Presse Canadienne"),
        ("Il l'a dit au journal Le Monde hier.", "Le Monde"),
        ("Le chancelier Dennis M. Walcott a déclaré.", "Dennis M. Walcott"),
    ],
)
def test_names_made_of_common_words_or_places(text: str, name: str) -> None:
    """Regressions from the names kept on newstest: each was translated as words before."""
    assert any(name in span.source for span in find_names(text) if span.kind == "name")


def test_an_initial_is_not_a_civil_title() -> None:
    sources = found("Le chancelier Dennis M. Walcott a déclaré que M. Monti viendra.")
    assert ("title", "M.", "Mr") in sources and sources.count(("title", "M.", "Mr")) == 1


def test_a_country_after_a_preposition_stays_a_place() -> None:
    assert ("place", "Japon", "Japan") in found("Le Premier ministre du Japon Shinzo Abe a dit oui.")


def test_countries_joined_by_a_hyphen_are_left_to_the_engine() -> None:
    assert [span for span in find_names("Le match Espagne-Portugal a eu lieu.") if span.kind == "name"] == []


def test_an_unaccented_a_opening_the_sentence_is_the_preposition() -> None:
    """ "A Paris, …" is "À Paris": Paris is a place, and "A" no part of a name."""
    assert found("A Paris, il pleut.") == [("place", "Paris", "Paris")]


def test_headline_places_and_titles_stay_found() -> None:
    spans = found("IL EST VENU À LONDRES À UN DÉFILÉ, A DÉCLARÉ M. COLE.")
    assert ("place", "LONDRES", "LONDON") in spans and ("title", "M.", "Mr") in spans


def test_a_capitalised_compound_opening_the_sentence_is_a_name() -> None:
    assert ("name", "Hôtel-Dieu", "Hôtel-Dieu") in found("Hôtel-Dieu a fermé ses urgences.")

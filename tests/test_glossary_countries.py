"""Country-aware glossary entries: one French form, one official English name per country."""

from __future__ import annotations

from pathlib import Path

import pytest

from bitext.errors import GlossaryError
from bitext.glossary import Glossary, load_glossary

GLOSSARY = """\
entries:
  - id: defence
    type: institution
    sources: [ministère de la défense]
    target: Ministry of National Defence
  - id: defence-fr
    type: institution
    countries: FR
    sources: [ministère de la défense]
    target: Ministry of the Armed Forces
  - id: defence-us
    type: institution
    countries: [US]
    sources: [ministère de la défense]
    target: Department of Defense
"""


@pytest.fixture()
def glossary(tmp_path: Path) -> Glossary:
    path = tmp_path / "defence.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    return load_glossary([path])


def rendered(glossary: Glossary, text: str) -> list[str]:
    return [match.render() for match in glossary.matcher.find(text)]


def test_one_form_may_have_a_target_per_country(glossary: Glossary) -> None:
    assert [entry.countries for entry in glossary.entries] == [(), ("FR",), ("US",)]
    assert glossary.notes == ()


@pytest.mark.parametrize(
    ("text", "english"),
    [
        ("le ministère français de la Défense", "French Ministry of the Armed Forces"),
        ("le ministère vietnamien de la Défense", "Vietnamese Ministry of National Defence"),
        ("le ministère américain de la Défense", "American Department of Defense"),
        ("le ministère de la Défense", "Ministry of National Defence"),
        ("à Paris, le ministère de la Défense a dit que la France", "Ministry of the Armed Forces"),
        ("le ministère de la Défense des États-Unis", "Department of Defense"),
    ],
)
def test_the_country_named_chooses_the_entry(glossary: Glossary, text: str, english: str) -> None:
    assert rendered(glossary, text) == [english]


def test_a_term_with_its_own_adjective_ignores_other_countries(glossary: Glossary) -> None:
    text = "le ministère français de la Défense et le ministère chinois de la Défense"
    assert rendered(glossary, text) == [
        "French Ministry of the Armed Forces",
        "Chinese Ministry of National Defence",
    ]


def test_an_unknown_country_is_an_error_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(GLOSSARY.replace("countries: [US]", "countries: [USA]"), encoding="utf-8")
    with pytest.raises(GlossaryError) as error:
        load_glossary([path])
    assert error.value.line == 13 and "unknown country 'USA'" in str(error.value)


def test_two_targets_for_one_country_still_conflict(tmp_path: Path) -> None:
    path = tmp_path / "twice.yaml"
    path.write_text(GLOSSARY.replace("countries: [US]", "countries: FR"), encoding="utf-8")
    with pytest.raises(GlossaryError, match="conflict"):
        load_glossary([path])


def test_project_glossary_gives_france_its_ministry() -> None:
    glossary = load_glossary()
    assert rendered(glossary, "le ministère français de la Défense") == [
        "French Ministry of the Armed Forces"
    ]
    assert rendered(glossary, "le ministre français de la Défense") == ["French Minister of the Armed Forces"]
    assert rendered(glossary, "le ministère vietnamien de la Défense") == [
        "Vietnamese Ministry of National Defence"
    ]

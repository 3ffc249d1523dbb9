"""Numbers, amounts, dates and ordinals written the English way."""

from __future__ import annotations

import pytest

from bitext.names import find_numbers
from bitext.names.numbers import english_number, ordinal


def rendered(text: str) -> list[tuple[str, str]]:
    return [(span.source, span.rendering) for span in find_numbers(text)]


@pytest.mark.parametrize(
    ("number", "english"),
    [
        ("1,6", "1.6"),
        ("40 000", "40,000"),
        ("40\u202f000", "40,000"),
        ("40\u00a0000", "40,000"),
        ("40.000", "40,000"),
        ("1 234,56", "1,234.56"),
        ("2025", "2025"),
        ("114", "114"),
    ],
)
def test_english_number(number: str, english: str) -> None:
    assert english_number(number) == english


@pytest.mark.parametrize(
    ("value", "english"), [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (22, "22nd")]
)
def test_ordinal(value: int, english: str) -> None:
    assert ordinal(value) == english


@pytest.mark.parametrize(
    ("text", "source", "english"),
    [
        ("Le vol a coûté 1,6 milliard d'euros.", "1,6 milliard d'euros", "1.6 billion euros"),
        ("près de 40.000 milliards de dôngs", "40.000 milliards de dôngs", "40,000 billion dong"),
        (
            "1,6 milliard de dollars américains",
            "1,6 milliard de dollars américains",
            "1.6 billion US dollars",
        ),
        ("une hausse de 12,5 % en un an", "12,5 %", "12.5%"),
        ("soit 12,5 pour cent", "12,5 pour cent", "12.5 percent"),
        ("2 millions de personnes", "2 millions de", "2 million"),
        ("9 millions d'habitants", "9 millions d'", "9 million"),
        ("le 1er janvier 2025,", "le 1er janvier 2025", "on January 1, 2025"),
        ("Il est venu le 6 novembre.", "le 6 novembre", "on November 6"),
        ("du 25 au 27 septembre 2025", "du 25 au 27 septembre 2025", "from September 25 to 27, 2025"),
        ("les 5 et 6 novembre", "les 5 et 6 novembre", "on November 5 and 6"),
        ("depuis le 3 mars", "le 3 mars", "March 3"),
        ("en novembre 2025", "novembre 2025", "November 2025"),
        ("au XXIe siècle", "XXIe siècle", "21st century"),
        ("le 3e sommet", "3e", "3rd"),
        ("à 14h30", "14h30", "14:30"),
        ("3,5 €", "3,5 €", "3.5 euros"),
    ],
)
def test_amounts_dates_and_ordinals(text: str, source: str, english: str) -> None:
    assert (source, english) in rendered(text)


@pytest.mark.parametrize(
    "text",
    ["Il y a 114 usines.", "En 2009, 100 personnes.", "le code G20 et A350", "29/09/2025", "le Mai de Hanoï"],
)
def test_what_english_writes_the_same_gets_no_span(text: str) -> None:
    assert rendered(text) == []


def test_number_parts_repair_what_an_engine_left_french() -> None:
    [span] = find_numbers("1,6 milliard d'euros")
    assert span.parts == (("1,6", "1.6"), ("milliard", "billion"), ("euros", "euros"))

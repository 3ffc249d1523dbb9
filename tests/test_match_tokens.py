"""What texts are compared on: numbers, dates, word pairs, character n-grams."""

from __future__ import annotations

import pytest

from bitext.align.scoring import word_tokens
from bitext.match.tokens import char_ngrams, dates, lexical, numbers, word_ngrams, word_pairs


@pytest.mark.parametrize(
    ("french", "english"),
    [
        ("1 000,5 euros", "1,000.5 euros"),
        ("23,5 millions", "23.5 million"),
        ("6\u202f000 cyclistes", "6,000 cyclists"),
        ("le 25 septembre 2025", "on 25 September 2025"),
    ],
)
def test_numbers_agree_across_languages(french: str, english: str) -> None:
    assert numbers(french) == numbers(english)


def test_separate_numbers_stay_separate() -> None:
    assert numbers("en 2009, 15 personnes") == ["2009", "15"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("le 5 mai 2009", ["5"]),
        ("on May 5", ["5"]),
        ("prices may 5 times", ["5"]),
        ("prices may rise", []),
        ("la planète Mars", []),
        ("du 25 au 27 septembre", ["9"]),
        ("1er août", ["8"]),
    ],
)
def test_dates_need_a_number_next_to_the_month(text: str, expected: list[str]) -> None:
    assert dates(word_tokens(text)) == expected


def test_lexical_reads_names_numbers_and_dates_from_the_original() -> None:
    tokens = lexical("The Go Tuyen met on 5 May", "Le Van Tuyen a rencontré le 5 mai")
    assert "wgo" in tokens  # words come from the translation
    assert {"nvan", "ntuyen"} <= set(tokens)  # names from the original
    assert "d5" in tokens and "m5" in tokens


def test_word_pairs_and_ngrams() -> None:
    assert word_pairs("The minister arrived") == ["the minister", "minister arrived"]
    assert word_ngrams("Vérone".lower(), 4) == [" vér", "véro", "éron", "rone", "one "]
    assert char_ngrams("Vérone", 4)[0] == " ver"  # accents dropped as the aligner does
    assert word_ngrams("a", 4) == [" a "]

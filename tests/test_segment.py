"""Sentence segmentation keeps offsets and handles news abbreviations."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bitext.segment import segment_paragraphs, sentence_spans, split_sentences


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("fr", "M. Dupont est arrivé. Mme Adam l'a reçu.", ["M. Dupont est arrivé.", "Mme Adam l'a reçu."]),
        ("fr", "Le Prof. Thuấn a parlé. Il est parti.", ["Le Prof. Thuấn a parlé.", "Il est parti."]),
        (
            "fr",
            "Le 29/09/2025, 1,6 milliard et 40.000 dôngs ont été perdus. Voilà.",
            ["Le 29/09/2025, 1,6 milliard et 40.000 dôngs ont été perdus.", "Voilà."],
        ),
        (
            "en",
            "Senior Lieutenant General Le Van Tuyen met Dr. Blum. They talked.",
            ["Senior Lieutenant General Le Van Tuyen met Dr. Blum.", "They talked."],
        ),
        (
            "en",
            "Professor Dr Trần Văn Thuấn met Mr. X on Sept. 25. He agreed.",
            ["Professor Dr Trần Văn Thuấn met Mr. X on Sept. 25.", "He agreed."],
        ),
        ("fr", "Le Gen. Giap a gagné. Fin.", ["Le Gen. Giap a gagné.", "Fin."]),
    ],
)
def test_split_sentences(lang: str, text: str, expected: list[str]) -> None:
    assert split_sentences(text, lang) == expected


def test_offsets_point_into_the_text() -> None:
    text = "Titre\n\nPremière phrase.  Deuxième   phrase !\n\nTroisième."
    spans = [(0, 5), (7, 44), (46, 56)]
    sentences = segment_paragraphs("doc", text, spans, "fr")
    assert [s.text for s in sentences] == ["Titre", "Première phrase.", "Deuxième   phrase !", "Troisième."]
    assert [s.paragraph for s in sentences] == [0, 1, 1, 2]
    assert [s.id for s in sentences] == ["doc:0", "doc:1", "doc:2", "doc:3"]
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="abc ABC.!?,\n'’éà12", max_size=120))
def test_spans_are_ordered_and_exact(text: str) -> None:
    spans = sentence_spans(text, "fr")
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert text[start:end].strip() == text[start:end]
        previous_end = end

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
        ("fr", "Il a vu Mme. Adam hier. Puis Mlle. Roux.", ["Il a vu Mme. Adam hier.", "Puis Mlle. Roux."]),
        (
            "fr",
            "Le Pr. Thuấn et le Dr Blum ont parlé. Fin.",
            ["Le Pr. Thuấn et le Dr Blum ont parlé.", "Fin."],
        ),
        ("fr", "Le Gén. Giap a gagné. Fin.", ["Le Gén. Giap a gagné.", "Fin."]),
        (
            "fr",
            "Le 29/09/2025, 1,6 milliard et 40.000 dôngs ont été perdus. Voilà.",
            ["Le 29/09/2025, 1,6 milliard et 40.000 dôngs ont été perdus.", "Voilà."],
        ),
        (
            "fr",
            "La coopération date de 2009. Elle progresse.",
            ["La coopération date de 2009.", "Elle progresse."],
        ),
        (
            "fr",
            "Selon l'art. 5 du code, c'est interdit. Voilà.",
            ["Selon l'art. 5 du code, c'est interdit.", "Voilà."],
        ),
        (
            "fr",
            "Le blanchiment, etc. Elles sont convenues.",
            ["Le blanchiment, etc.", "Elles sont convenues."],
        ),
        ("fr", "« Nous sommes prêts. » Il est parti.", ["« Nous sommes prêts. »", "Il est parti."]),
        (
            "en",
            "Senior Lieutenant General Le Van Tuyen met Dr. Blum. They talked.",
            ["Senior Lieutenant General Le Van Tuyen met Dr. Blum.", "They talked."],
        ),
        ("en", "Lt. Gen. Tuyen arrived. He spoke.", ["Lt. Gen. Tuyen arrived.", "He spoke."]),
        (
            "en",
            "Pres. Macron met Dept. heads. They talked.",
            ["Pres. Macron met Dept. heads.", "They talked."],
        ),
        (
            "en",
            "He said no. Then he left. See No. 5 today.",
            ["He said no.", "Then he left.", "See No. 5 today."],
        ),
        ("en", "I love art. It is great.", ["I love art.", "It is great."]),
        (
            "en",
            "Apples, etc. are fruit. Pears, etc. The end.",
            ["Apples, etc. are fruit.", "Pears, etc.", "The end."],
        ),
        ("de", "Das ist gut. Wir gehen.", ["Das ist gut.", "Wir gehen."]),
    ],
)
def test_split_sentences(lang: str, text: str, expected: list[str]) -> None:
    assert split_sentences(text, lang) == expected


def test_lines_always_end_sentences() -> None:
    assert split_sentences("Un titre sans point\nLe texte suit. Il continue", "fr") == [
        "Un titre sans point",
        "Le texte suit.",
        "Il continue",
    ]


def test_document_sentences_keep_ids_paragraphs_and_offsets() -> None:
    text = "Titre. Avec point\n\nPremière phrase.  Deuxième   phrase !\n\nTroisième."
    spans = [(0, 17), (19, 56), (58, 68)]
    sentences = segment_paragraphs("doc", text, spans, "fr")
    assert [s.text for s in sentences] == [
        "Titre.",
        "Avec point",
        "Première phrase.",
        "Deuxième   phrase !",
        "Troisième.",
    ]
    assert [s.paragraph for s in sentences] == [0, 0, 1, 1, 2]
    assert [s.id for s in sentences] == [f"doc:{i}" for i in range(5)]
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet="abc ABC.!?,;\n'’«»éà12\u00a0\t", max_size=160), st.sampled_from(["fr", "en"]))
def test_spans_are_ordered_exact_and_cover_every_word(text: str, lang: str) -> None:
    spans = sentence_spans(text, lang)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert text[start:end].strip() == text[start:end]
        assert "\n" not in text[start:end]
        previous_end = end
    covered = "".join(text[start:end] for start, end in spans)
    assert "".join(text.split()) == "".join(covered.split())


def test_line_sentences_keep_one_sentence_per_line() -> None:
    from bitext.segment import line_sentences

    sentences = line_sentences("stdin", ["Un.", "", "Deux phrases. Ici."])
    assert [s.id for s in sentences] == ["stdin:0", "stdin:1", "stdin:2"]
    assert [s.text for s in sentences] == ["Un.", "", "Deux phrases. Ici."]
    joined = "\n".join(s.text for s in sentences)
    assert all(joined[s.start : s.end] == s.text for s in sentences)


def _locate_by_regex(line: str, sentence: str, cursor: int) -> tuple[int, int] | None:
    """The original lookup: a regex of the sentence's words apart by whitespace."""
    import re

    words = sentence.split()
    if not words:
        return None
    match = re.compile(r"\s+".join(re.escape(word) for word in words)).search(line, cursor)
    return None if match is None else (match.start(), match.end())


@settings(max_examples=400)
@given(
    line=st.text(alphabet="ab .\u00a0\t", max_size=30),
    sentence=st.text(alphabet="ab .\u00a0", max_size=12),
    cursor=st.integers(min_value=0, max_value=30),
)
def test_locating_a_sentence_matches_the_regex_lookup(line: str, sentence: str, cursor: int) -> None:
    from bitext.segment import _locate

    assert _locate(line, sentence, cursor) == _locate_by_regex(line, sentence, cursor)

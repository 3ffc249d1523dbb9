"""Term QA: statuses before enforcement, term accuracy, and English items checked and fixed."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bitext.glossary import (
    Glossary,
    check_english,
    check_translations,
    load_glossary,
    term_accuracy,
    term_accuracy_by_item,
)
from bitext.models import EngineInfo, Sentence, Translation


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary()


def english(*texts: str) -> list[Sentence]:
    return [
        Sentence(id=f"en:{i}", index=i, text=t, start=0, end=len(t), paragraph=0) for i, t in enumerate(texts)
    ]


def translation(segment_id: str, source: str, target: str) -> Translation:
    return Translation(segment_id=segment_id, source=source, target=target, engine=EngineInfo(name="x"))


def test_check_translations_reports_ok_and_missing_without_editing(glossary: Glossary) -> None:
    items = [
        translation("a:0", "Le vice-ministre Le Van Tuyen.", "The vice-minister The Go Tuyen."),
        translation("a:1", "Le ministère de la Santé.", "The Ministry of Health."),
        translation("b:0", "Le ministre et le vice-ministre.", "The Minister and the Deputy Minister."),
        translation("b:1", "Il fait beau.", "It is fine."),
    ]
    checked = check_translations(items, glossary)
    assert [t.target for t in checked] == [t.target for t in items]
    assert [[h.status for h in t.terms] for t in checked] == [
        ["missing", "missing"],
        ["ok"],
        ["ok", "ok"],
        [],
    ]
    overall = term_accuracy(checked)
    assert (overall.found, overall.canonical, overall.accuracy) == (5, 3, 0.6)
    per_item = term_accuracy_by_item(checked)
    assert list(per_item) == ["a", "b"]
    assert per_item["a"].accuracy == pytest.approx(1 / 3) and per_item["b"].accuracy == 1.0
    assert term_accuracy([]).accuracy is None


def test_english_items_report_wrong_variants_and_fix_them(glossary: Glossary) -> None:
    text = "Vice-Minister Trần Văn Thuấn met the French Interior Ministry and the Ministry of Health."
    [report] = check_english(english(text), glossary)
    assert report.fixed == text
    assert [(h.source, h.target, h.status) for h in report.terms] == [
        ("Vice-Minister", "Deputy Minister", "missing"),
        ("Trần Văn Thuấn", "Trần Văn Thuấn", "ok"),
        ("Interior Ministry", "Ministry of the Interior", "missing"),
        ("Ministry of Health", "Ministry of Health", "ok"),
    ]
    [fixed] = check_english(english(text), glossary, fix=True)
    assert fixed.fixed == (
        "Deputy Minister Trần Văn Thuấn met the French Ministry of the Interior and the Ministry of Health."
    )
    assert term_accuracy([fixed]).accuracy == 1.0 and term_accuracy([report]).accuracy == 0.5


def test_english_canonical_forms_need_their_case(glossary: Glossary) -> None:
    [report] = check_english(
        english("the minister said the ministry of health and the MINISTRY OF HEALTH"), glossary
    )
    assert [(h.source, h.status) for h in report.terms] == [("MINISTRY OF HEALTH", "ok")]


def test_english_longest_form_wins(glossary: Glossary) -> None:
    [report] = check_english(english("The Deputy Minister of Public Security and the Minister."), glossary)
    assert [h.target for h in report.terms] == ["Deputy Minister of Public Security", "Minister"]


ENGLISH_PIECES = [
    "Deputy Minister",
    "vice-minister",
    "Vice Minister of Health",
    "Interior Ministry",
    "Ministry of the Interior",
    "Minister",
    "the",
    "French",
    "Public Security Ministry",
    "Ministry of Public Security",
    "The Go Tuyen",
    "Hoang Xuan Dog",
    "met",
    ",",
    "Council of security of the UN",
    "Security Council",
    "and",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(ENGLISH_PIECES), max_size=12))
def test_fixing_english_is_idempotent(pieces: list[str]) -> None:
    gloss = load_glossary()
    text = " ".join(pieces)
    [once] = check_english(english(text), gloss, fix=True)
    [twice] = check_english(english(once.fixed), gloss, fix=True)
    assert twice.fixed == once.fixed
    assert all(hit.status == "ok" for hit in twice.terms)

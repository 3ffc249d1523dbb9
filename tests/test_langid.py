"""Language identification: fr and en, anything else reported as None."""

from __future__ import annotations

import math

import pytest

from bitext import langid, langid_words
from bitext.langid import detect_language


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Le ministre a rencontré la délégation française à Paris pour parler de sécurité.", "fr"),
        ("Vietnam et France intensifient la coopération en matière de sécurité intérieure", "fr"),
        ("The minister met the French delegation in Paris to discuss security.", "en"),
        ("MPS strengthens strategic cooperation with French Ministry of the Interior", "en"),
        ("Der Minister traf die französische Delegation in Paris, um über Sicherheit zu sprechen.", None),
        ("El ministro se reunió con la delegación francesa en París para hablar de seguridad.", None),
        ("Bộ trưởng đã gặp phái đoàn Pháp tại Paris để thảo luận về an ninh.", None),
        ("部长在巴黎会见了法国代表团，讨论安全问题。", None),
        ("Министр встретился с французской делегацией в Париже.", None),
        ("12345 67 89", None),
        ("", None),
    ],
)
def test_detect_language(text: str, lang: str | None) -> None:
    detected, confidence = detect_language(text)
    assert detected == lang
    assert 0.0 <= confidence <= 1.0


def test_other_languages_are_reported_with_their_confidence() -> None:
    lang, confidence = detect_language("Der Minister traf die französische Delegation in Paris.")
    assert lang is None and confidence > 0.9


@pytest.mark.parametrize("text", ["Paris", "OK", "Hanoï"])
def test_too_short_to_call_is_none(text: str) -> None:
    assert detect_language(text)[0] is None


# Paragraphs written for these tests (news-like, each well over LONG_TEXT letters).
FRENCH = (
    "Le conseil municipal a voté mardi soir un budget en hausse pour la rénovation des écoles "
    "primaires de la ville, après plusieurs mois de discussions avec les parents d'élèves.",
    "Selon le maire, les travaux commenceront dès le printemps prochain et dureront deux ans ; "
    "les classes seront déplacées dans des bâtiments provisoires pendant cette période.",
    "L'opposition regrette que le projet ne prévoie pas davantage de places en crèche, alors que "
    "la population des quartiers nord de la commune a fortement augmenté depuis dix ans.",
)
ENGLISH = (
    "The city council voted on Tuesday evening for a larger budget to renovate the town's primary "
    "schools, after several months of difficult talks with parents and teachers.",
    "According to the mayor, the work will start next spring and last two years, while the pupils "
    "and their teachers move into temporary buildings on the other side of the river.",
    "The opposition said that the plan should have included many more nursery places, since the "
    "population of the northern districts has grown quickly over the last ten years.",
)
RUSSIAN = (
    "Городской совет во вторник вечером проголосовал за увеличение бюджета на ремонт начальных "
    "школ города после нескольких месяцев переговоров с родителями учеников."
)
GERMAN = (
    "Der Stadtrat stimmte am Dienstagabend für ein größeres Budget für die Renovierung der "
    "Grundschulen der Stadt, nach mehreren Monaten der Gespräche mit den Eltern."
)


def _whole(paragraphs: tuple[str, ...]) -> tuple[str | None, float]:
    """lingua's own answer for the item text, uncached, rounded as documents store it."""
    lang, confidence = langid._decide(langid._compute("\n\n".join(paragraphs)))
    return lang, round(confidence, 4)


def _item(paragraphs: tuple[str, ...]) -> tuple[str | None, float]:
    (lang, confidence), _ = langid.detect_item_languages(paragraphs)
    return lang, round(confidence, 4)


@pytest.mark.parametrize(
    "paragraphs",
    [
        FRENCH,
        ENGLISH,
        ("Conseil municipal", *FRENCH),  # a short title
        ("Paris.", "Écoles : le budget voté", *FRENCH, "AFP"),  # tiny paragraphs around
        (*FRENCH[:2], "2024 - 15 %", FRENCH[2]),  # a paragraph without letters
        (FRENCH[0], ENGLISH[0], FRENCH[1], ENGLISH[1]),  # French and English alternate
        (ENGLISH[0], FRENCH[0]),
        (*FRENCH, RUSSIAN),  # a paragraph in another script
        (RUSSIAN, FRENCH[0]),
        ("Paris", "OK", "Hanoï"),  # tiny paragraphs only
        ("Le maire.", "Les écoles.", "The mayor."),
        (),
    ],
)
def test_the_item_language_is_lingua_s_whole_text_call(paragraphs: tuple[str, ...]) -> None:
    assert _item(paragraphs) == _whole(paragraphs)


@pytest.mark.parametrize(
    ("paragraphs", "lang"),
    [(FRENCH, "fr"), (ENGLISH, "en"), (("Conseil municipal", *FRENCH, "AFP"), "fr")],
)
def test_a_one_language_item_is_answered_from_its_paragraphs(paragraphs: tuple[str, ...], lang: str) -> None:
    found = [langid.confidences(paragraph) for paragraph in paragraphs]
    assert langid.language_from_paragraphs(paragraphs, found) == (lang, 1.0)


@pytest.mark.parametrize(
    "paragraphs",
    [
        (FRENCH[0], ENGLISH[0], FRENCH[1]),  # paragraphs led by different languages
        (*FRENCH, RUSSIAN),  # French ruled out in the Russian paragraph
        ("Le maire a parlé.", "Les écoles ouvrent."),  # too short to add up
        ("Le conseil municipal", "a voté mardi soir un budget pour les écoles primaires de la ville"),
        (GERMAN,),  # led by another language
    ],
)
def test_lingua_is_asked_when_the_paragraphs_leave_doubt(paragraphs: tuple[str, ...]) -> None:
    found = [langid.confidences(paragraph) for paragraph in paragraphs]
    assert langid.language_from_paragraphs(paragraphs, found) is None


def test_a_near_call_between_paragraphs_goes_to_lingua(monkeypatch: pytest.MonkeyPatch) -> None:
    found = [langid.confidences(paragraph) for paragraph in FRENCH]
    assert langid.language_from_paragraphs(FRENCH, found) == ("fr", 1.0)
    monkeypatch.setattr(langid, "REBUILT_MARGIN", math.inf)
    assert langid.language_from_paragraphs(FRENCH, found) is None


def _asking(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts lingua is asked about from now on (nothing remembered)."""
    asked: list[str] = []
    compute = langid._compute
    monkeypatch.setattr(langid, "_compute", lambda text: asked.append(text) or compute(text))
    langid._remembered.cache_clear()
    return asked


def test_the_whole_text_is_asked_only_on_doubt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(langid_words, "clear_language", lambda paragraph: None)
    asked = _asking(monkeypatch)
    langid.detect_item_languages(FRENCH)
    assert asked == list(FRENCH)
    mixed = (FRENCH[0], ENGLISH[0])
    asked.clear()
    langid._remembered.cache_clear()
    langid.detect_item_languages(mixed)
    assert asked == [*mixed, "\n\n".join(mixed)]
    langid._remembered.cache_clear()


def test_plain_paragraphs_are_not_asked_of_lingua(monkeypatch: pytest.MonkeyPatch) -> None:
    asked = _asking(monkeypatch)
    item = ("Conseil municipal", *FRENCH)
    assert langid.detect_item_languages(item) == (("fr", 1.0), ["fr"] * 4)
    assert asked == ["Conseil municipal"]
    langid._remembered.cache_clear()


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (("Conseil municipal", *FRENCH), ("fr", 1.0)),
        ((*ENGLISH[:2], "2024 - 15 %"), ("en", 1.0)),  # a paragraph without letters
        ((FRENCH[0], "Le maire.", "Les écoles."), None),  # one plain paragraph is not enough
        ((FRENCH[0], ENGLISH[0], FRENCH[1]), None),  # plain paragraphs in two languages
        ((*FRENCH[:2], GERMAN), None),  # another paragraph led by another language
        ((*ENGLISH[:2], "Le conseil municipal a voté."), None),  # ... by the other pipeline language
        ((*FRENCH[:2], RUSSIAN), None),
    ],
)
def test_the_item_is_settled_by_plain_paragraphs(
    paragraphs: tuple[str, ...], expected: tuple[str, float] | None
) -> None:
    ruled = [langid_words.clear_language(paragraph) for paragraph in paragraphs]
    found = [() if lang else langid.confidences(text) for text, lang in zip(paragraphs, ruled, strict=True)]
    assert langid.language_from_ruled(paragraphs, ruled, found) == expected
    if expected is not None:
        assert _whole(paragraphs) == expected  # what lingua says of the whole text


def test_paragraph_languages_are_detect_language_s() -> None:
    paragraphs = ("Paris", FRENCH[0], ENGLISH[0], RUSSIAN, "2024")
    _, langs = langid.detect_item_languages(paragraphs)
    expected = [None, "fr", "en", None, None]
    assert langs == [langid.detect_language(paragraph)[0] for paragraph in paragraphs] == expected


def test_items_of_held_out_books_get_lingua_s_whole_text_call() -> None:
    """Text the answer's margins were not chosen on (align-dev: Candide in French and English,
    a German novel): wherever the paragraphs answer, lingua's whole-text call agrees."""
    from ingest_corpus import SHARED

    books = SHARED / "align-dev"
    sources = [books / "transread_fr_en" / "Candide.fr", books / "transread_fr_en" / "Candide.en"]
    sources.append(books / "textberg_de_fr" / "dev.de")
    if not all(source.is_file() for source in sources):
        pytest.skip("the shared align-dev books are not beside the checkout")
    answered = 0
    for source in sources:
        lines = [line for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]
        for start in range(0, min(len(lines), 7 * 40) - 6, 7):
            paragraphs = (lines[start], *(" ".join(lines[start + i : start + i + 2]) for i in (1, 3, 5)))
            found = [langid.confidences(paragraph) for paragraph in paragraphs]
            rebuilt = langid.language_from_paragraphs(paragraphs, found)
            if rebuilt is not None:
                answered += 1
                assert rebuilt == _whole(paragraphs), paragraphs[0]
    assert answered >= 40  # the paragraphs answer for most one-language items

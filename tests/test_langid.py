"""Language identification: fr and en, anything else reported as None."""

from __future__ import annotations

import pytest

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

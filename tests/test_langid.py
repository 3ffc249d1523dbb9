"""Language identification: fr and en, anything else reported as None."""

from __future__ import annotations

import pytest

from bitext.langid import detect_language


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Le ministre a rencontré la délégation française à Paris pour parler de sécurité.", "fr"),
        ("The minister met the French delegation in Paris to discuss security.", "en"),
        ("Der Minister traf die französische Delegation in Paris, um über Sicherheit zu sprechen.", None),
        ("Bộ trưởng đã gặp phái đoàn Pháp tại Paris để thảo luận về an ninh.", None),
        ("12345 67 89", None),
    ],
)
def test_detect_language(text: str, lang: str | None) -> None:
    detected, confidence = detect_language(text)
    assert detected == lang
    assert 0.0 <= confidence <= 1.0

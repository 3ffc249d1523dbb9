"""Offline language identification (lingua), restricted to the languages news items come in.

Only French and English are pipeline languages; anything else is reported as ``None``
rather than guessed, so an item in another language is visible, not mistranslated.
"""

from __future__ import annotations

from functools import cache
from typing import Any

PIPELINE_LANGUAGES = ("fr", "en")
MIN_CONFIDENCE = 0.5


@cache
def _detector() -> Any:
    from lingua import Language, LanguageDetectorBuilder

    languages = [
        Language.FRENCH,
        Language.ENGLISH,
        Language.GERMAN,
        Language.SPANISH,
        Language.ITALIAN,
        Language.PORTUGUESE,
        Language.DUTCH,
        Language.VIETNAMESE,
    ]
    return LanguageDetectorBuilder.from_languages(*languages).build()


def detect_language(text: str) -> tuple[str | None, float]:
    """Return ``("fr" | "en", confidence)``, or ``(None, confidence)`` for anything else.

    ``None`` also comes back for text too short or too mixed to call (confidence below
    ``MIN_CONFIDENCE``).
    """
    if not any(ch.isalpha() for ch in text):
        return None, 0.0
    values = _detector().compute_language_confidence_values(text)
    if not values:
        return None, 0.0
    top = values[0]
    code = top.language.iso_code_639_1.name.lower()
    if code not in PIPELINE_LANGUAGES or top.value < MIN_CONFIDENCE:
        return None, float(top.value)
    return code, float(top.value)

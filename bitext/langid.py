"""Offline language identification with lingua, restricted to the languages news comes in.

French and English are the pipeline languages; anything else is reported as ``None``
rather than guessed, so an item in another language is visible, not mistranslated.
The other candidates are there so that such an item is recognised as "other" instead
of being forced into French or English. The detector is built once, on first use.

Calls are remembered for texts up to :data:`CACHED_LONGEST` characters (bounded, so
memory stays flat): news repeats paragraphs (agency boilerplate, captions, re-published
items), and lingua is deterministic, so a repeat costs a lookup instead of a detection.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

PIPELINE_LANGUAGES = ("fr", "en")
# Confidences are shares of one across the candidates. A call needs the top share to
# reach MIN_CONFIDENCE and to be RUNNER_UP_RATIO times the next one; short texts
# ("Paris", "OK") fail and come back as None.
MIN_CONFIDENCE = 0.3
RUNNER_UP_RATIO = 2.0
CACHED_TEXTS = 8192
CACHED_LONGEST = 2000
_CANDIDATES = (
    "FRENCH", "ENGLISH", "GERMAN", "SPANISH", "ITALIAN", "PORTUGUESE", "DUTCH",
    "VIETNAMESE", "INDONESIAN", "RUSSIAN", "ARABIC", "CHINESE", "JAPANESE", "KOREAN", "THAI",
)  # fmt: skip


@cache
def _detector() -> Any:
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(*(getattr(Language, name) for name in _CANDIDATES)).build()


def detect_language(text: str) -> tuple[str | None, float]:
    """Return ``("fr" | "en", confidence)``, or ``(None, confidence)`` for anything else.

    ``None`` also comes back for text with no letters, or too short or too mixed to
    call (see :data:`MIN_CONFIDENCE`); ``confidence`` is then lingua's share for its
    best guess, 0.0 when it has none.
    """
    if len(text) <= CACHED_LONGEST:
        return _detect_remembered(text)
    return _detect(text)


@lru_cache(maxsize=CACHED_TEXTS)
def _detect_remembered(text: str) -> tuple[str | None, float]:
    return _detect(text)


def _detect(text: str) -> tuple[str | None, float]:
    if not any(char.isalpha() for char in text):
        return None, 0.0
    values = _detector().compute_language_confidence_values(text)
    if not values:
        return None, 0.0
    top = values[0]
    code = top.language.iso_code_639_1.name.lower()
    confidence = float(top.value)
    runner_up = float(values[1].value) if len(values) > 1 else 0.0
    clear = confidence >= MIN_CONFIDENCE and confidence >= RUNNER_UP_RATIO * runner_up
    return (code if clear and code in PIPELINE_LANGUAGES else None), confidence

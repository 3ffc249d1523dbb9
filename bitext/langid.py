"""Offline language identification with lingua, restricted to the languages news comes in.

French and English are the pipeline languages; anything else is reported as ``None``
rather than guessed, so an item in another language is visible, not mistranslated.
The other candidates are there so that such an item is recognised as "other" instead
of being forced into French or English. The detector is built once, on first use.

Calls are remembered for texts up to :data:`CACHED_LONGEST` characters (bounded, so
memory stays flat): news repeats paragraphs (agency boilerplate, captions, re-published
items), and lingua is deterministic, so a repeat costs a lookup instead of a detection.

An item is asked about as a whole and paragraph by paragraph. Most items are one
language throughout, and then lingua's call on the whole text can be skipped: see
:func:`language_from_paragraphs`, which answers from the paragraphs' confidences when
they leave no doubt about what that call would say, and defers to it otherwise.
Paragraphs that are plainly French or English by their words are not asked of lingua
at all (:mod:`bitext.langid_words`), and two of them settle the item
(:func:`language_from_ruled`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
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
LONG_TEXT = 135
"""Letters from which a text counts as long here: lingua scores a text of 120 letters or
more by its trigrams alone (shorter ones by 1- to 5-grams, averaged), so only long texts'
confidences add up across paragraphs; the margin covers how lingua counts letters."""
REBUILT_MARGIN = 50.0
"""Natural-log odds by which the paragraphs must put the item's language ahead of every
rival before lingua's whole-text call is skipped (see :func:`language_from_paragraphs`)."""
RULED_FOR_ITEM = 2
"""Paragraphs plainly in one language by their words from which the item is taken to be
in that language without lingua (see :func:`language_from_ruled`)."""
_CANDIDATES = (
    "FRENCH", "ENGLISH", "GERMAN", "SPANISH", "ITALIAN", "PORTUGUESE", "DUTCH",
    "VIETNAMESE", "INDONESIAN", "RUSSIAN", "ARABIC", "CHINESE", "JAPANESE", "KOREAN", "THAI",
)  # fmt: skip

Confidences = tuple[tuple[str, float], ...]
"""lingua's answer for one text: (ISO 639-1 code, share) best first, languages it rules
out (share 0) left out; empty for a text without letters."""


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
    return _decide(confidences(text))


def detect_item_languages(paragraphs: Sequence[str]) -> tuple[tuple[str | None, float], list[str | None]]:
    """The language of an item's text (its paragraphs a blank line apart) as
    :func:`detect_language` gives it, and each paragraph's language.

    Paragraphs that are plainly French or English by their words
    (:func:`bitext.langid_words.clear_language`) are not asked of lingua; when at least
    :data:`RULED_FOR_ITEM` of them agree and every other paragraph with letters is led
    by the same language, so is the item, with confidence 1.0 (see
    :func:`language_from_ruled`). Otherwise the item is settled from lingua's
    paragraph confidences by :func:`language_from_paragraphs`, and the whole text is
    asked of lingua only when that cannot answer.
    """
    from bitext.langid_words import clear_language

    ruled = [clear_language(paragraph) for paragraph in paragraphs]
    found = [
        () if lang else confidences(paragraph) for paragraph, lang in zip(paragraphs, ruled, strict=True)
    ]
    item: tuple[str | None, float] | None = language_from_ruled(paragraphs, ruled, found)
    if item is None:
        found = [
            confidences(paragraph) if lang else values
            for paragraph, lang, values in zip(paragraphs, ruled, found, strict=True)
        ]
        item = language_from_paragraphs(paragraphs, found)
    if item is None:
        item = detect_language("\n\n".join(paragraphs))
    return item, [lang or _decide(values)[0] for lang, values in zip(ruled, found, strict=True)]


def language_from_ruled(
    paragraphs: Sequence[str], ruled: Sequence[str | None], found: Sequence[Confidences]
) -> tuple[str, float] | None:
    """The item's language when word lists settle it, else ``None``.

    At least :data:`RULED_FOR_ITEM` paragraphs plainly in one pipeline language, and
    every other paragraph with letters led by it in lingua's confidences: each ruled
    paragraph is long and lingua gives its language a share of at least 0.9998 there
    (log-odds of 8.5 against every rival), so the whole text's share for it is 1.0 to
    four decimals, as :func:`language_from_paragraphs` would answer with the ruled
    paragraphs' confidences, or lingua on the whole text where that defers.

    Args:
        paragraphs: The item's paragraphs.
        ruled: Each paragraph's :func:`bitext.langid_words.clear_language`.
        found: lingua's confidences for the paragraphs not ruled (ignored for the rest).
    """
    languages = {lang for lang in ruled if lang}
    if len(languages) != 1 or sum(map(bool, ruled)) < RULED_FOR_ITEM:
        return None
    (language,) = languages
    for paragraph, lang, values in zip(paragraphs, ruled, found, strict=True):
        if not lang and any(map(str.isalpha, paragraph)) and (not values or values[0][0] != language):
            return None
    return language, 1.0


def language_from_paragraphs(
    paragraphs: Sequence[str], found: Sequence[Confidences]
) -> tuple[str, float] | None:
    """What :func:`detect_language` says of the paragraphs joined, from their confidences;
    ``None`` when that cannot be told without asking lingua.

    lingua scores a long text by the log-probabilities of its trigrams in each language,
    and its share for a language is a softmax of those sums; so the log-ratio of two
    languages' shares in a paragraph is that paragraph's evidence between them, and a
    text's evidence is about the sum of its paragraphs'. It is not exactly the sum (the
    whole text counts a trigram shared by two paragraphs once; lingua's rules on
    alphabets and characters look at all its words together), so this answers only an
    item whose evidence is overwhelming, where the whole-text call gives its language a
    share of 1.0 to four decimals: at least :data:`LONG_TEXT` letters, every paragraph
    with letters led by the same pipeline language, and the long paragraphs putting it
    :data:`REBUILT_MARGIN` nats ahead of every rival any paragraph left in (a rival a long
    paragraph ruled out counts as no evidence there). Mixed and short items, and near
    calls, go to lingua.

    Args:
        paragraphs: The item's paragraphs.
        found: Each paragraph's :func:`confidences`.
    """
    letters = [sum(map(str.isalpha, paragraph)) for paragraph in paragraphs]
    if sum(letters) < LONG_TEXT:
        return None
    lettered = [(count, values) for count, values in zip(letters, found, strict=True) if count]
    leaders = {values[0][0] if values else None for _, values in lettered}
    if len(leaders) != 1:
        return None
    (leader,) = leaders
    if leader not in PIPELINE_LANGUAGES:
        return None
    long = [dict(values) for count, values in lettered if count >= LONG_TEXT]
    if not long:
        return None
    rivals = {code for _, values in lettered for code, _ in values} - {leader}
    for rival in rivals:
        evidence = sum(math.log(shares[leader] / shares[rival]) for shares in long if rival in shares)
        if evidence < REBUILT_MARGIN:
            return None
    return leader, 1.0


def confidences(text: str) -> Confidences:
    """lingua's confidences for ``text``, remembered for texts up to :data:`CACHED_LONGEST`."""
    if len(text) <= CACHED_LONGEST:
        return _remembered(text)
    return _compute(text)


@lru_cache(maxsize=CACHED_TEXTS)
def _remembered(text: str) -> Confidences:
    return _compute(text)


def _compute(text: str) -> Confidences:
    if not any(char.isalpha() for char in text):
        return ()
    codes = _codes()
    values = _detector().compute_language_confidence_values(text)
    return tuple((codes[value.language], value.value) for value in values if value.value > 0)


@cache
def _codes() -> dict[Any, str]:
    """lingua's languages → their ISO 639-1 codes, looked up once."""
    from lingua import Language

    return {language: language.iso_code_639_1.name.lower() for language in Language.all()}


def _decide(values: Confidences) -> tuple[str | None, float]:
    if not values:
        return None, 0.0
    code, confidence = values[0]
    runner_up = values[1][1] if len(values) > 1 else 0.0
    clear = confidence >= MIN_CONFIDENCE and confidence >= RUNNER_UP_RATIO * runner_up
    return (code if clear and code in PIPELINE_LANGUAGES else None), confidence

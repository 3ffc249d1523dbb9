"""Spanish words in English output, found without the engine's help.

A pivot through Spanish can leave Spanish behind ("millardos", "combatientes", glued
forms such as "haafirmado"). :func:`spanish_words` finds them in any English text from
word frequencies alone (wordfreq, for Spanish, English and French), so it judges every
engine alike: the benchmark counts leaks with it and a quality estimate can use it as a
feature.

A word counts as Spanish when it is frequent in Spanish and rare in English (clearly
more Spanish than English, and not an everyday English word), when only Spanish knows
it (or it has a letter only Spanish uses: ñ, á, í, ó, ú), or when it is a very common
Spanish word glued to a Spanish word. Words shared with the French source are never
counted: names, numbers and cognates that the source already had are not leaks.
"""

from __future__ import annotations

import functools
import re

from bitext.wordfreqs import zipf as _zipf

_TOKEN = re.compile(r"\w+(?:['’]\w+)*")
_NOT_A_WORD = re.compile(r"[\d_]")
_ELISION = re.compile(r"['’]")
_SPANISH_ONLY_LETTERS = re.compile(r"[ñáíóú¿¡]", re.IGNORECASE)

SPANISH_MIN = 2.0
"""Zipf frequency from which a word is an ordinary Spanish word (about 1 in 10 million tokens)."""
ENGLISH_MAX = 3.0
"""Zipf frequency from which a word is ordinary English (never a leak)."""
MARGIN = 1.5
"""How much more frequent in Spanish than in English (in Zipf units, x100) a leak must be."""
GLUE_PART_MIN = 3.0
"""Zipf frequency the Spanish word of a glued pair must have ("afirmado" in "haafirmado")."""
GLUE_SHORT_MIN = 4.5
"""Zipf frequency of the other half: a very common Spanish word ("ha", "se", "él")."""


def spanish_words(english: str, source: str | None = None) -> list[str]:
    """The Spanish words of ``english``, in order (repeats included).

    Args:
        english: A translation into English.
        source: The French it was translated from; words it contains are not counted.

    Returns:
        Each Spanish word as it appears in ``english``.
    """
    found = [token for token in _TOKEN.findall(english) if _spanish_token(token)]
    if found and source:  # most sentences have none: the source's words are read only when needed
        kept = _source_words(source)
        found = [token for token in found if token.casefold() not in kept]
    return found


def _source_words(source: str) -> set[str]:
    """The source's words, casefolded, also without elided articles ("l'UNAM" gives "unam")."""
    words = {token.casefold() for token in _TOKEN.findall(source)}
    for elided in [word for word in words if "'" in word or "’" in word]:
        words.update(part for part in _ELISION.split(elided) if part)
    return words


@functools.lru_cache(maxsize=65536)
def _spanish_token(token: str) -> bool:
    """A Spanish word, not a number or code: one cached call per token, most of them repeats."""
    return not _NOT_A_WORD.search(token) and is_spanish(token)


@functools.lru_cache(maxsize=65536)
def is_spanish(word: str) -> bool:
    """True when ``word`` reads as Spanish and not as English (by frequencies alone).

    Each frequency is looked up only when the answer needs it: most words are ordinary English.
    """
    lowered = word.casefold().replace("’", "'")
    english = _zipf(lowered, "en")
    if english >= ENGLISH_MAX:
        return False
    spanish = _zipf(lowered, "es")
    if spanish >= SPANISH_MIN and spanish - english >= MARGIN:
        return True
    if (
        english == 0
        and _zipf(lowered, "fr") == 0
        and (spanish >= 1.0 or _SPANISH_ONLY_LETTERS.search(lowered))
    ):
        return True
    return english < 1.5 and spanish < SPANISH_MIN and _is_glued_spanish(lowered)


def _is_glued_spanish(word: str) -> bool:
    """A very common Spanish word glued to a Spanish word ("ha" + "afirmado", "sostenido" + "él")."""
    for cut in range(2, len(word) - 1):
        left, right = word[:cut], word[cut:]
        left_es, right_es = _zipf(left, "es"), _zipf(right, "es")
        if (left_es >= GLUE_SHORT_MIN and _spanish_part(right, right_es)) or (
            right_es >= GLUE_SHORT_MIN and _spanish_part(left, left_es)
        ):
            return True
    return False


def _spanish_part(half: str, spanish: float) -> bool:
    """The Spanish word of a glued pair: common enough in Spanish, clearly more than in English."""
    return spanish >= GLUE_PART_MIN and spanish - _zipf(half, "en") >= MARGIN

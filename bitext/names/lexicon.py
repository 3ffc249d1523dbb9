"""What word frequencies say about a capitalised French word: a name, or a common word?

French capitalises few common nouns (institutions: "Assemblée", "Conseil", "État"), and
they are French words: far more frequent in French than in English, German, Spanish or
Italian. Names travel: "Macron", "Blanc", "Marie", "Nguyen" are about as frequent in
every language's news. A word that is common in both French and English with one
spelling ("Union", "Police", "Commission") is a shared word the engines translate as
itself, so protecting it would only break phrase order ("la Police nationale").

Frequencies are wordfreq's Zipf values (3 is once per million words) from its "small"
French and English lists: the lexicon the cleaner uses, in the form that loads in a
twentieth of the time (words rarer than Zipf 3 read as 0, which is all a name test needs).
"""

from __future__ import annotations

from functools import lru_cache

from bitext import wordfreqs

FRENCH_MARGIN = 1.8  # French Zipf over English (floored at ENGLISH_FLOOR): a French word
FRENCH_AT_LEAST = 3.0  # ... and at least this common in French
ENGLISH_FLOOR = 2.5  # the small list reads rarer English words as 0
SHARED_AT_LEAST = 4.0  # Zipf in both French and English: a word both languages share
RARE_BELOW = 3.0  # Zipf in French and English below which a capitalised word is a name


def zipf(word: str, lang: str) -> float:
    """wordfreq's Zipf frequency of ``word`` (lower-cased) in the small ``lang`` list."""
    return wordfreqs.zipf(word.lower(), lang, "small")


@lru_cache(maxsize=1 << 16)
def french_common(word: str) -> bool:
    """True for a common French word ("assemblée", "selon", "état"), not a name."""
    french = zipf(word, "fr")
    if french < FRENCH_AT_LEAST:
        return False
    return french - max(zipf(word, "en"), ENGLISH_FLOOR) >= FRENCH_MARGIN


@lru_cache(maxsize=1 << 16)
def shared_common(word: str) -> bool:
    """True for a word common in French and English alike ("union", "police", "long")."""
    return zipf(word, "fr") >= SHARED_AT_LEAST and zipf(word, "en") >= SHARED_AT_LEAST


@lru_cache(maxsize=1 << 16)
def rare(word: str) -> bool:
    """True for a word neither French nor English uses much: a name when capitalised."""
    return zipf(word, "fr") < RARE_BELOW and zipf(word, "en") < RARE_BELOW


def common(word: str) -> bool:
    """True for a word an engine should translate rather than keep."""
    return french_common(word) or shared_common(word)


def foreign_acronym(word: str) -> bool:
    """An all-caps acronym to keep: rare in French, or at least as common in English (ASEAN, COVID).

    French acronyms of international bodies (ONU, UE, OMS, FMI) are translated by the engines.
    """
    french = zipf(word, "fr")
    return french < RARE_BELOW or zipf(word, "en") >= french

"""Reference-free signals of a French/English pair, as small pure functions.

Every function reads the pair's text (and, for machine translations, what the
translation step recorded about its protected spans and glossary terms), never a
reference and never the engine: a human translation and any engine's output are
judged alike. :func:`pair_features` gathers them in the fixed order of
:data:`FEATURES`, the order the combiner's weights are stored in.

Word frequencies come from wordfreq (English, French and Spanish), the same model the
leak detector (:mod:`bitext.translate.leaks`) uses.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from bitext.models import SpanHit
from bitext.quality.overlap import Matches, ngram_matches
from bitext.translate.leaks import spanish_words
from bitext.wordfreqs import zipf_in  # one cached lookup per word and language: ~80 a pair

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_NUMBER = re.compile(r"\d+(?:[.,\s\u202f]\d+)*")
_NOT_DIGITS = re.compile(r"\D+")
ZIPF_CAP = 7.0
"""Zipf values above this (the, of, de) are capped so that a few function words do not rule the mean."""
RARE_ZIPF = 2.0
"""Below this Zipf frequency (about 1 in 10 million words) a word is rare or unknown."""
ENGLISH_ORDINARY = 3.0
"""From this Zipf frequency a word is ordinary English, even when French has it too."""
CLITICS = frozenset({"se", "s", "y", "en", "on", "ne", "n", "me", "m", "te", "t", "lui", "leur"})
"""French clitic pronouns and the negation particle: word-for-word engines often mistranslate them."""
LENGTH_LOG_RATIO = -0.10
"""Typical log ratio of English to French length (characters and words alike): the median of
the human references of the fitting data (news-dev 2009-2011) is -0.10 for characters and
-0.11 for words."""

OVERLAP_ORDER = 6
"""Character n-grams up to this order make ``char_overlap`` (``bigram_overlap`` uses the first two)."""

FEATURES: tuple[str, ...] = (
    "spanish",
    "french_left",
    "english_rare",
    "english_zipf",
    "source_rare",
    "source_zipf",
    "source_words",
    "source_clitics",
    "char_gap",
    "word_gap",
    "copied",
    "spans_lost",
    "numbers_lost",
    "terms_missing",
    "char_overlap",
    "bigram_overlap",
    "capitals",
    "target_chars",
)
"""Feature names, in the order of the combiner's weights."""


def pair_features(
    source: str,
    target: str,
    *,
    spans: Sequence[SpanHit] | None = None,
    terms_found: int = 0,
    terms_missing: int = 0,
    overlaps: Matches | None = None,
) -> tuple[float, ...]:
    """All features of one pair, in the order of :data:`FEATURES`.

    Args:
        source: The French.
        target: The English (from any engine or a person).
        spans: What the translation step recorded for the source's protected names,
            places and numbers; ``None`` (a human translation) finds them again in the
            pair's own text.
        terms_found: Glossary terms the English renders canonically.
        terms_missing: Glossary terms found in the French that the English lacks.
        overlaps: The pair's character n-gram counts up to order :data:`OVERLAP_ORDER`,
            when a batch counted them (:func:`bitext.quality.overlap.batch_ngram_matches`).
    """
    source_words, target_words = _WORD.findall(source), _WORD.findall(target)
    source_set = {word.casefold() for word in source_words}
    if overlaps is None:
        overlaps = ngram_matches(source, target, OVERLAP_ORDER)
    english, french = _lower_zipfs(target_words, "en"), _lower_zipfs(source_words, "fr")
    return (
        leaked_share(target, source, len(target_words)),
        french_left_share(target_words, source_set),
        _rare_share(english, source_set),
        _mean_zipf(english),
        _rare_share(french, set()),
        _mean_zipf(french),
        math.log1p(len(source_words)),
        clitic_share(source_words),
        length_gap(len(source), len(target)),
        length_gap(len(source_words), len(target_words)),
        copied_share(target_words, source_set),
        lost_share(spans) if spans is not None else spans_lost_in_text(source, target),
        numbers_lost(source, target),
        terms_missing / (terms_found + terms_missing) if terms_missing else 0.0,
        _f_score(overlaps),
        _f_score(overlaps[:2]),
        capitals_share(target_words),
        math.log1p(len(target)),
    )


def leaked_share(target: str, source: str, words: int) -> float:
    """Spanish words per English word (pivot leaks)."""
    return len(spanish_words(target, source)) / words if words else 0.0


def french_left_share(target_words: Sequence[str], source_words: set[str]) -> float:
    """Share of English words that are lower-case French words copied from the source.

    An engine copies a word it does not know; a capitalised word inside a sentence is
    more likely a name, so only lower-case words count, and only those clearly more
    French than English and not ordinary English ("plus", "euros", "terrain" are).
    """
    if not target_words:
        return 0.0
    english, french = zipf_in("en"), zipf_in("fr")
    left = sum(
        1
        for word in target_words
        if word.islower()
        and word in source_words
        and english(word) < ENGLISH_ORDINARY
        and french(word) - english(word) >= 1.0
    )
    return left / len(target_words)


def rare_share(words: Sequence[str], ignored: set[str], lang: str) -> float:
    """Share of lower-case words (not in ``ignored``) that are rare or unknown in ``lang``."""
    return _rare_share(_lower_zipfs(words, lang), ignored)


def mean_zipf(words: Sequence[str], lang: str) -> float:
    """Mean Zipf frequency of the lower-case words (capped at :data:`ZIPF_CAP`); 0 without any."""
    return _mean_zipf(_lower_zipfs(words, lang))


def _lower_zipfs(words: Sequence[str], lang: str) -> list[tuple[str, float]]:
    """The lower-case words with their Zipf frequency: what :func:`rare_share` and
    :func:`mean_zipf` both read, looked up once."""
    zipf = zipf_in(lang)
    return [(word, zipf(word)) for word in words if word.islower()]


def _rare_share(zipfs: Sequence[tuple[str, float]], ignored: set[str]) -> float:
    """:func:`rare_share` from :func:`_lower_zipfs`."""
    counted = [zipf for word, zipf in zipfs if word not in ignored]
    return sum(1 for zipf in counted if zipf < RARE_ZIPF) / len(counted) if counted else 0.0


def _mean_zipf(zipfs: Sequence[tuple[str, float]]) -> float:
    """:func:`mean_zipf` from :func:`_lower_zipfs`."""
    counted = [ZIPF_CAP if zipf > ZIPF_CAP else zipf for _, zipf in zipfs]  # min(), without a call a word
    return sum(counted) / len(counted) if counted else 0.0


def clitic_share(source_words: Sequence[str]) -> float:
    """Share of the French words that are clitics or ``ne`` (a sign of hard syntax for an engine)."""
    if not source_words:
        return 0.0
    return sum(1 for word in source_words if word.casefold() in CLITICS) / len(source_words)


def length_gap(source_length: int, target_length: int) -> float:
    """How far the length ratio is from the typical one (absolute log ratio difference)."""
    ratio = math.log((1 + target_length) / (1 + source_length))
    return abs(ratio - LENGTH_LOG_RATIO)


def copied_share(target_words: Sequence[str], source_words: set[str]) -> float:
    """Share of English words that are in the French as they are (names, numbers, leaks)."""
    if not target_words:
        return 0.0
    return sum(1 for word in target_words if word.casefold() in source_words) / len(target_words)


def lost_share(spans: Sequence[SpanHit]) -> float:
    """Share of protected names, places and numbers nothing could place in the English."""
    return sum(1 for span in spans if span.status == "lost") / len(spans) if spans else 0.0


def spans_lost_in_text(source: str, target: str) -> float:
    """:func:`lost_share` for a pair without recorded spans: each span's English looked up in ``target``.

    A number also counts as kept when its digits are there (a person may write a date
    another way: "12 March" for bitext's "March 12").
    """
    from bitext.names import find_names, find_numbers

    spans = [*find_names(source), *find_numbers(source)]
    if not spans:
        return 0.0
    folded = target.casefold()
    missing = sum(
        1
        for span in spans
        if span.rendering.casefold() not in folded
        and (span.kind != "number" or numbers_lost(span.source, target) > 0)
    )
    return missing / len(spans)


def numbers_lost(source: str, target: str) -> float:
    """Share of the source's numbers whose digits are not in the English (separators ignored)."""
    numbers = [_NOT_DIGITS.sub("", match) for match in _NUMBER.findall(source)]
    if not numbers:
        return 0.0
    digits = _NOT_DIGITS.sub(" ", target).split()
    english = {
        "".join(digits[i:j]) for i in range(len(digits)) for j in range(i + 1, min(i + 4, len(digits) + 1))
    }
    return sum(1 for number in numbers if number not in english) / len(numbers)


def char_overlap(source: str, target: str, order: int) -> float:
    """Character n-gram F-score (n = 1 to ``order``, recall weighted twice) of the English against the French.

    French and English share names, numbers, acronyms and many word stems, and a good
    translation keeps them: the more of the source's character n-grams the English
    has, the closer it tends to be to a human translation. The measure is chrF's
    (Popović 2015), with the source standing in for the reference; spaces are ignored.
    """
    return _f_score(ngram_matches(source, target, order))


def _f_score(matches: Sequence[tuple[int, int, int]]) -> float:
    """chrF's F2 from (matched, target n-grams, source n-grams) per order, stopping at the first empty one."""
    precisions, recalls = [], []
    for matched, target_total, source_total in matches:
        if not target_total or not source_total:
            break
        precisions.append(matched / target_total)
        recalls.append(matched / source_total)
    if not precisions:
        return 0.0
    precision, recall = sum(precisions) / len(precisions), sum(recalls) / len(recalls)
    if precision + recall == 0:
        return 0.0
    return 5 * precision * recall / (4 * precision + recall)


def capitals_share(target_words: Sequence[str]) -> float:
    """Share of English words after the first that are capitalised (names, kept verbatim by engines)."""
    rest = target_words[1:]
    return sum(1 for word in rest if word[:1].isupper()) / len(rest) if rest else 0.0

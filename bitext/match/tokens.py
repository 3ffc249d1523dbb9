"""What two texts are compared on: words, names, numbers, dates, word pairs, character n-grams.

Every function turns one text into a list of feature strings; the vector code counts
them, weighs them by inverse document frequency and compares the two languages in one
shared space. The French side is compared through its machine translation for words,
word pairs and n-grams, but names, numbers and dates are read from the French original:
engines mangle names ("Le Van Tuyen" → "The Go Tuyen") and both languages write
digits alike once thousands separators and decimal marks are dropped.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from bitext.align.scoring import name_tokens, word_tokens

# Groups of three digits apart by a (narrow, no-break) space are one French number;
# otherwise digits with inner "." or "," (1,000.5 or 1.000,5) make one number.
_NUMBER = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?(?!\d)|\d+(?:[.,]\d+)*")
_NON_DIGIT = re.compile(r"\D")
_MONTHS = {
    name: str(number)
    for number, names in enumerate(
        (
            ("janvier", "january", "jan"),
            ("fevrier", "february", "feb"),
            ("mars", "march", "mar"),
            ("avril", "april", "apr"),
            ("mai", "may"),
            ("juin", "june", "jun"),
            ("juillet", "july", "jul"),
            ("aout", "august", "aug"),
            ("septembre", "september", "sept", "sep"),
            ("octobre", "october", "oct"),
            ("novembre", "november", "nov"),
            ("decembre", "december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH_WORDS = frozenset(_MONTHS)


def numbers(text: str) -> list[str]:
    """The numbers in ``text`` as bare digit strings (``1 000,5`` and ``1,000.5`` give ``10005``)."""
    return [_NON_DIGIT.sub("", match) for match in _NUMBER.findall(text)]


def dates(words: Sequence[str]) -> list[str]:
    """Month numbers of the dates among ``words`` (the aligner's normalised word tokens).

    A month name counts only next to a number ("5 mai", "May 2009"), so the English
    modal "may" and the French "mars" of the planet stay plain words.
    """
    if _MONTH_WORDS.isdisjoint(words):
        return []
    found = []
    for k, word in enumerate(words):
        month = _MONTHS.get(word)
        if month is None:
            continue
        before = k > 0 and words[k - 1][:1].isdigit()
        after = k + 1 < len(words) and words[k + 1][:1].isdigit()
        if before or after:
            found.append(month)
    return found


def lexical(translated: str, original: str) -> list[str]:
    """Words of the (machine-translated) text plus the original's names, numbers and dates.

    Args:
        translated: The text in the comparison language (the MT of a French text, or
            the English text itself).
        original: The text as written, where names, numbers and dates are read.
    """
    tokens = ["w" + word for word in word_tokens(translated)]
    tokens += ["n" + name for name in name_tokens(original)]
    tokens += ["d" + number for number in numbers(original)]
    tokens += ["m" + month for month in dates(word_tokens(original))]
    return tokens


def word_pairs(translated: str) -> list[str]:
    """Consecutive word pairs: they reward the word order a translation keeps."""
    words = word_tokens(translated)
    return [f"{first} {second}" for first, second in itertools.pairwise(words)]


def char_ngrams(text: str, size: int = 4) -> list[str]:
    """Character ``size``-grams inside each word of ``text`` (see :func:`word_ngrams`)."""
    return [gram for word in word_tokens(text) for gram in word_ngrams(word, size)]


def word_ngrams(word: str, size: int = 4) -> list[str]:
    """Character ``size``-grams of one word padded with a space at both ends.

    They match words the engine left untranslated or inflected differently
    ("Vérone"/"Verona", "sommeil"), where whole words do not.
    """
    padded = f" {word} "
    return [padded[i : i + size] for i in range(max(1, len(padded) - size + 1))]

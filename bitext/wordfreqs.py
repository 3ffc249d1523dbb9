"""wordfreq's Zipf frequencies, looked up directly for plain Latin words.

``wordfreq.zipf_frequency`` tokenises and normalises its argument on every call (about
0.2 ms), and glued-word repair, the name finder and the leak detector ask it tens of
thousands of times per thousand items. A word made only of Latin-1 letters is one token
whose normal form is its lower case, so its frequency is one dictionary lookup, rounded
as wordfreq rounds it; two such words around an apostrophe are one or two lookups
(French elisions: "l'heure", "qu'il"); anything else (other scripts, ``œ``, ``ß``, digits)
goes through wordfreq itself. ``tests/test_wordfreqs.py`` checks that both agree.

Whether a word reaches a Zipf value is asked far more often than the value itself
(is this token a word?); :func:`zipf_at_least` answers it for a plain word by one lookup
in the set of frequencies that round to that value or more (wordfreq's lists hold a few
hundred distinct frequencies), so a word never seen before costs no rounding.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from functools import lru_cache

_PLAIN = re.compile(r"[A-Za-zÀ-ÖØ-Þà-öø-ÿ]+")
# Two plain words around one apostrophe. wordfreq's tokenizer cuts one or two letters
# and the apostrophe off a word that starts with a vowel or "h" after them ("l'heure",
# "qu'il", "n'y": two tokens); it keeps any other such word whole ("aujourd'hui",
# "can't", "o'neil"), and with a typographic apostrophe it keeps every such word whole
# ("l’heure", looked up as "l'heure").
_APOSTROPHED = re.compile(r"([A-Za-zÀ-ÖØ-Þà-öø-ÿ]+)(['’])([A-Za-zÀ-ÖØ-Þà-öø-ÿ]+)")
_ELISION_HEAD = 2
_INITIAL_VOWELS = frozenset("aehiouyáéíóúàèìòùâêîôûåïö")
_ZIPF_OFFSET = 9.0  # Zipf = log10(frequency per word) + 9


@lru_cache(maxsize=1 << 18)
def zipf(word: str, lang: str, wordlist: str = "best") -> float:
    """The Zipf frequency wordfreq gives ``word`` in ``lang`` (0 for an unknown word)."""
    if _PLAIN.fullmatch(word):
        return _rounded_zipf(_frequencies(lang, wordlist).get(word.lower(), 0.0))
    if apostrophed := _APOSTROPHED.fullmatch(word):
        head, mark, tail = apostrophed.groups()
        return _rounded_zipf(_apostrophed_frequency(head.lower(), mark, tail.lower(), lang, wordlist))
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, lang, wordlist=wordlist))


@lru_cache(maxsize=8)
def zipf_in(lang: str, wordlist: str = "best") -> Callable[[str], float]:
    """:func:`zipf` in one language, as a function of the word alone.

    Its cache is keyed by the word itself, about twice as fast to look up as :func:`zipf`'s
    (word, language) key: the quality estimate asks it of every word of every pair.
    """
    return lru_cache(maxsize=1 << 16)(lambda word: zipf(word, lang, wordlist))


def _apostrophed_frequency(head: str, mark: str, tail: str, lang: str, wordlist: str) -> float:
    """wordfreq's frequency of ``head``, apostrophe, ``tail`` (both lower case): of the
    whole word, or of an elided head and its word combined as wordfreq combines tokens
    (1/f = 1/f1 + 1/f2; 0 when either is unknown)."""
    listed = _frequencies(lang, wordlist)
    if mark != "'" or len(head) > _ELISION_HEAD or tail[0] not in _INITIAL_VOWELS:
        return listed.get(f"{head}'{tail}", 0.0)
    first, second = listed.get(head, 0.0), listed.get(tail, 0.0)
    return 1.0 / (1.0 / first + 1.0 / second) if first and second else 0.0


def zipf_at_least(word: str, lang: str, least: float, wordlist: str = "best") -> bool:
    """``zipf(word, lang, wordlist) >= least``, exactly, without working out the value."""
    if _PLAIN.fullmatch(word):
        return _frequencies(lang, wordlist).get(word.lower(), 0.0) in _reaching(lang, wordlist, least)
    return zipf(word, lang, wordlist) >= least


def is_plain(word: str) -> bool:
    """Whether ``word`` is made only of Latin-1 letters: the words looked up directly."""
    return _PLAIN.fullmatch(word) is not None


@lru_cache(maxsize=8)
def plain_words_reaching(langs: tuple[str, ...], least: float, wordlist: str = "best") -> frozenset[str]:
    """The words of the lists whose Zipf value reaches ``least`` in one of ``langs``.

    For a plain lower-case word (:func:`is_plain`), membership is exactly
    ``any(zipf_at_least(word, lang, least, wordlist) for lang in langs)``, in one set
    lookup instead of a pattern match and a lookup per language: the glued-word repair
    asks this of every new token. Built once per argument set (about 0.1 s).
    """
    words: set[str] = set()
    for lang in langs:
        reaching = _reaching(lang, wordlist, least) - {0.0}
        if reaching:  # wordfreq's rounding never decreases, so reaching is every frequency from its least
            floor = min(reaching)
            listed = _frequencies(lang, wordlist)
            words.update(word for word, frequency in listed.items() if frequency >= floor)
    return frozenset(words)


@lru_cache(maxsize=32)
def _reaching(lang: str, wordlist: str, least: float) -> frozenset[float]:
    """The frequencies of the list (and 0, an unknown word's) whose Zipf value reaches ``least``."""
    values = {0.0, *_frequencies(lang, wordlist).values()}
    return frozenset(frequency for frequency in values if _rounded_zipf(frequency) >= least)


@lru_cache(maxsize=8)
def _frequencies(lang: str, wordlist: str) -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict(lang, wordlist)


@lru_cache(maxsize=1 << 12)
def _rounded_zipf(frequency: float) -> float:
    """wordfreq's rounding: three significant digits of the frequency, then of the Zipf value two decimals.

    Cached: a list holds a few hundred distinct frequencies, and every word looked up
    for the first time (most words of a new sentence) needs one of them rounded.
    """
    if frequency <= 0.0:
        return 0.0
    floor = 10**-_ZIPF_OFFSET
    unrounded = max(frequency, floor)
    leading_zeroes = math.floor(-math.log(unrounded, 10))
    return round(math.log10(round(unrounded, leading_zeroes + 3)) + _ZIPF_OFFSET, 2)

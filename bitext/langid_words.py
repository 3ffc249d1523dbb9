"""French or English paragraphs that leave no doubt, told from word lists without lingua.

lingua is about half of ingest's time (about a millisecond a paragraph), and most news
paragraphs are long, plainly French or plainly English prose, where its answer is
certain. :func:`clear_language` answers such a paragraph from its words alone and says
``None`` for everything else, which then goes to lingua as before. A paragraph is
answered only when all of these hold:

* at least :data:`MIN_LETTERS` letters (lingua reads texts that long by trigrams alone,
  and its answer on them is steady);
* every letter belongs to the language's alphabet (a "ö" or "ñ" sends the paragraph to
  lingua, which weighs such letters);
* at most :data:`MAX_CAPITALISED` of the words are capitalised other than at the start
  of a sentence: names are what sway lingua off the language of the prose around them
  ("Gladbach", "Puyol");
* at least :data:`MIN_FUNCTION_SHARE` of the words are the language's function words;
* at least :data:`MIN_KNOWN_SHARE` of the words are in its wordfreq list at Zipf
  :data:`KNOWN_ZIPF` or more;
* no word is a function word of German, Spanish, Italian, Portuguese, Dutch or
  Indonesian that is not itself common in the language (Zipf :data:`COMMON_ZIPF`), nor
  a function word of the other pipeline language at least :data:`MORE_COMMON` Zipf
  more common there (French "de" counts against English, "a" and "on" do not).

Checked against lingua on every paragraph of the shared dev sets (news-dev, mt-dev,
align-dev, both sides; ``bench/langid_rule.py``): no disagreement, and on every
answered paragraph lingua gave the language a share of at least 0.9998.
"""

from __future__ import annotations

import re
from functools import cache

MIN_LETTERS = 135
MAX_CAPITALISED = 0.2
MIN_FUNCTION_SHARE = 0.25
MIN_KNOWN_SHARE = 0.8
KNOWN_ZIPF = 3.0
COMMON_ZIPF = 4.0
MORE_COMMON = 1.5


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+[«\"“(]*)([^\W\d_]+)")
_ALPHABETS = {
    "fr": frozenset("abcdefghijklmnopqrstuvwxyzàâæçéèêëîïôœùûüÿ"),
    "en": frozenset("abcdefghijklmnopqrstuvwxyz"),
}
_FUNCTION_WORDS = {
    "fr": _word_set(
        "de a on le la les des du et est une un dans pour qui que sur pas au aux avec sont ce cette "
        "il ils elle nous vous par ont été mais où à d l qu c j n s leur leurs ses ces être selon "
        "après depuis très aussi entre son sa plus ne se en y"
    ),
    "en": _word_set(
        "the of and to is was that for with are this have has it be by from at which were will "
        "would they their its been not or but he she we you his her had there who what said than "
        "about into an a in on as"
    ),
}
_OTHER_FUNCTION_WORDS = _word_set(
    "der die das und ist nicht ein eine mit von zu den dem des sich auf für wird auch "  # German
    "el los las y es por con para una del al se su lo como pero más "  # Spanish
    "il gli della di che è per con una sono nel alla anche "  # Italian
    "o os da do em uma não com para são pelo pela "  # Portuguese
    "het een van de en is niet op voor met zijn dat ook "  # Dutch
    "yang dan di ini itu dengan untuk"  # Indonesian
)


def clear_language(paragraph: str) -> str | None:
    """``"fr"`` or ``"en"`` when the paragraph is plainly that language, else ``None``.

    Where it answers, lingua (:func:`bitext.langid.detect_language`) gives the same
    language with a share near 1; ``None`` means "ask lingua", not "neither".
    """
    words = _WORD.findall(paragraph)
    if sum(map(len, words)) < MIN_LETTERS:
        return None
    starting = sum(match.group(1)[0].isupper() for match in _SENTENCE_START.finditer(paragraph))
    if sum(map(str.isupper, [word[0] for word in words])) - starting > MAX_CAPITALISED * len(words):
        return None
    lowered = " ".join(words).lower().split(" ")  # each word lowered (words hold no space)
    letters = frozenset("".join(lowered))
    found = [lang for lang in ("fr", "en") if _plainly(lang, lowered, letters)]
    return found[0] if len(found) == 1 else None


def _plainly(lang: str, words: list[str], letters: frozenset[str]) -> bool:
    if not letters <= _ALPHABETS[lang]:
        return False
    if not _foreign_words(lang).isdisjoint(words):
        return False
    function_words, known = _FUNCTION_WORDS[lang], _known_words(lang)
    return sum(map(function_words.__contains__, words)) >= MIN_FUNCTION_SHARE * len(words) and sum(
        map(known.__contains__, words)
    ) >= MIN_KNOWN_SHARE * len(words)


@cache
def _foreign_words(lang: str) -> frozenset[str]:
    """Words that count against ``lang``: function words of the other languages that are
    not common words of ``lang``, and the other pipeline language's function words that
    are much more common there (English "of" is common in French text too, from titles
    and quotes, but ten times more so in English)."""
    from bitext.wordfreqs import zipf, zipf_at_least

    (other,) = set(_FUNCTION_WORDS) - {lang}
    own = _FUNCTION_WORDS[lang]
    others = {word for word in _OTHER_FUNCTION_WORDS - own if not zipf_at_least(word, lang, COMMON_ZIPF)}
    pipeline = {
        word for word in _FUNCTION_WORDS[other] - own if zipf(word, other) - zipf(word, lang) >= MORE_COMMON
    }
    return frozenset(others | pipeline)


@cache
def _known_words(lang: str) -> frozenset[str]:
    from bitext.wordfreqs import plain_words_reaching

    return plain_words_reaching((lang,), KNOWN_ZIPF)

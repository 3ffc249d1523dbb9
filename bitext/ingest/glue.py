"""Restore spaces lost in scraping between glued words (:mod:`bitext.ingest.spacing` runs it).

Scraped items lose spaces at line wraps: "personne,le", "duministère",
"mesuresd’intensification", "PatriciaAdam". Word frequencies come from ``wordfreq``
(Zipf scale: 3 is once per million words, 0 unknown). A token is split only when

* it is not a word in French or English (Zipf below :data:`KNOWN_AT_LEAST` in both),
* every part is a word in the item's language, short parts being common ones, and
* the parts, read as independent words, are clearly more probable than the token
  read as one word. An unknown token's probability falls with its length, so
  "domainespotentiels" splits while a short unknown name ("Noury") does not.

Capitalised tokens are names more often than not: they split only when neither
language has ever seen them, into a known head of four letters or more and one word
("Policenationale"), or at an inner capital ("PatriciaAdam", "enFrance"). Real words
and names wordfreq knows (Cazeneuve, Darrieussecq, PowerPoint) are never split.

A repair that damages a name is worse than a glued word left alone, so a token the name
finder reads as a name, brand or index (:func:`bitext.names.is_name_token`: "Voiselle",
"ValueMax", "EuroFirst") is split only in a paragraph that shows lost spaces elsewhere:
a lower-case glued word repaired or a space missing after punctuation. Scraped items lose
spaces many times over (seed 001: "Mme PatriciaAdam" sits beside "s’estentretenu");
edited news never does.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from bitext import wordfreqs
from bitext.ingest.draft import Draft

KNOWN_AT_LEAST = 2.5  # Zipf in French or English at which a token is a word
PART_AT_LEAST = {2: 5.0, 3: 4.0}  # short parts must be common words; longer ones known
LONG_PART_AT_LEAST = 2.5
SINGLE_LETTER_WORDS = {"fr": frozenset({"à"}), "en": frozenset({"a"})}  # allowed as a first part
NAME_HEAD_AT_LEAST = 3.0  # the head of a split capitalised token must be this common
UNKNOWN_COST = 4.5  # log10 cost of an unknown token: this much, ...
UNKNOWN_COST_PER_LETTER = 0.5  # ... plus this much per letter
MARGIN = 1.0  # the split must be ten times more probable than the whole (log10)
CAMEL_WHOLE_BELOW = 1.0  # "PowerPoint", "LaSalle" are known as one word: not split

# A token that is a known stem plus one of these endings is a rare form of a known word
# ("traversai", "renforceraient", "outdoes"), not two words glued.
_INFLECTIONS = {
    "fr": (
        "eraient", "erions", "eriez", "erons", "eront", "erais", "erait", "erez", "erai", "eras", "era",
        "aient", "èrent", "assent", "asse", "âmes", "âtes", "ions", "iez", "ons", "ont", "ais", "ait",
        "ai", "as", "ez", "a", "ent", "ment", "esse", "ette", "euse", "eur", "ière", "ières", "ier", "iers",
        "es", "e", "s",
    ),
    "en": ("ing", "ed", "es", "er", "ers", "est", "ly", "ness", "ment", "ful", "less", "s"),
}  # fmt: skip
_LEMMA_ENDINGS = {"fr": ("", "e", "er", "ir", "re"), "en": ("", "e")}
# Prefixes that make words ("reconducted", "intrusted"): a head never split off a long tail.
_PREFIXES = {
    "fr": frozenset(
        {
            "re",
            "ré",
            "dé",
            "in",
            "im",
            "an",
            "pré",
            "anti",
            "inter",
            "contre",
            "sur",
            "sous",
            "co",
            "non",
            "pro",
            "auto",
            "astro",
            "bio",
            "micro",
            "macro",
            "multi",
            "néo",
            "post",
            "semi",
            "télé",
            "ultra",
        }
    ),
    "en": frozenset(
        {"re", "un", "in", "out", "over", "under", "non", "be", "pre", "dis", "mis", "co", "anti"}
    ),
}
PREFIX_TAIL_AT_LEAST = 4

_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_APOSTROPHE = re.compile(r"(['’])")
_CAMEL = re.compile(r"(?<=[a-zà-ÿ])(?=[A-ZÀ-Þ][a-zà-ÿ]{2,})")
_FRENCH_ELISIONS = (
    "jusqu",
    "lorsqu",
    "puisqu",
    "quoiqu",
    "presqu",
    "qu",
    "d",
    "l",
    "j",
    "m",
    "n",
    "s",
    "t",
    "c",
)
_LANGUAGES = ("fr", "en")


def zipf(word: str, lang: str) -> float:
    """wordfreq's Zipf frequency of ``word`` (lower-cased) in ``lang``."""
    return wordfreqs.zipf(word.lower(), lang)


def _known(word: str) -> float:
    """How common ``word`` is in the more favourable of French and English."""
    return max(zipf(word, lang) for lang in _LANGUAGES)


def _is_word(token: str) -> bool:
    """``_known(token) >= KNOWN_AT_LEAST``: a plain word in one lookup, others French first."""
    lowered = token.lower()
    if wordfreqs.is_plain(lowered):
        return lowered in wordfreqs.plain_words_reaching(_LANGUAGES, KNOWN_AT_LEAST)
    return any(wordfreqs.zipf_at_least(lowered, lang, KNOWN_AT_LEAST) for lang in _LANGUAGES)


def _part_zipf(part: str, lang: str, first: bool) -> float | None:
    """The part's Zipf frequency, or ``None`` when it cannot stand alone as a word."""
    if len(part) == 1:
        return zipf(part, lang) if first and part.lower() in SINGLE_LETTER_WORDS[lang] else None
    frequency = zipf(part, lang)
    return frequency if frequency >= PART_AT_LEAST.get(len(part), LONG_PART_AT_LEAST) else None


def _whole_log_probability(token: str) -> float:
    frequency = _known(token)
    if frequency > 0:
        return frequency - 9.0
    return -(UNKNOWN_COST + UNKNOWN_COST_PER_LETTER * len(token))


def best_split(token: str, lang: str) -> list[str] | None:
    """Split a glued token into two or three words, or return ``None`` to keep it.

    Args:
        token: Letters only, no apostrophe.
        lang: ``"fr"`` or ``"en"``: the language the parts must belong to.
    """
    if lang not in _LANGUAGES or len(token) < 4 or token[1:] != token[1:].lower():
        return None  # inner capitals are _split_camel's
    if _known(token) >= KNOWN_AT_LEAST:
        return None
    capitalised = token[0].isupper()
    if (capitalised and _known(token) > 0) or _looks_inflected(token, lang):
        return None
    best: tuple[float, list[str]] | None = None
    for parts in _candidate_splits(token, capitalised):
        frequencies = _part_frequencies(parts, lang)
        if frequencies is None or _is_prefix(parts, lang):
            continue
        if capitalised and (len(parts[0]) < 4 or zipf(parts[0], lang) < NAME_HEAD_AT_LEAST):
            continue
        log_probability = sum(f - 9.0 for f in frequencies)
        if best is None or log_probability > best[0]:
            best = (log_probability, parts)
    if best is None or best[0] < _whole_log_probability(token) + MARGIN:
        return None
    return best[1]


def _part_frequencies(parts: list[str], lang: str) -> list[float] | None:
    """Each part's Zipf frequency; ``None`` at the first part that cannot stand alone.

    The parts after it are not looked up: most candidate splits fail on their first
    part, and a wordfreq lookup is the costly step of glued-word repair.
    """
    frequencies: list[float] = []
    for index, part in enumerate(parts):
        frequency = _part_zipf(part, lang, index == 0)
        if frequency is None:
            return None
        frequencies.append(frequency)
    return frequencies


def _looks_inflected(token: str, lang: str) -> bool:
    """Whether ``token`` is a known stem (four letters or more) plus an inflection."""
    lower = token.lower()
    for ending in _INFLECTIONS[lang]:
        stem = lower[: -len(ending)]
        if (
            lower.endswith(ending)
            and len(stem) >= 4
            and any(zipf(stem + lemma, lang) >= KNOWN_AT_LEAST for lemma in _LEMMA_ENDINGS[lang])
        ):
            return True
    return False


def _is_prefix(parts: list[str], lang: str) -> bool:
    return any(
        head.lower() in _PREFIXES[lang] and len(tail) >= PREFIX_TAIL_AT_LEAST
        for head, tail in itertools.pairwise(parts)
    )


def _candidate_splits(token: str, capitalised: bool) -> list[list[str]]:
    """Two-part splits, and three-part ones for lower-case tokens."""
    n = len(token)
    splits = [[token[:i], token[i:]] for i in range(1, n)]
    if not capitalised:
        splits += [[token[:i], token[i:j], token[j:]] for i in range(1, n - 1) for j in range(i + 1, n)]
    return splits


def _split_elision(piece: str, lang: str) -> str | None:
    """``mesuresd`` before an apostrophe becomes ``mesures d``."""
    if lang != "fr" or piece.lower() in _FRENCH_ELISIONS or _known(piece) >= KNOWN_AT_LEAST:
        return None
    for elision in _FRENCH_ELISIONS:
        head = piece[: -len(elision)]
        if piece.lower().endswith(elision) and len(head) >= 3 and _part_zipf(head, lang, True) is not None:
            return f"{head} {piece[-len(elision) :]}"
    return None


def _split_camel(token: str, lang: str) -> str | None:
    """``PatriciaAdam`` becomes ``Patricia Adam``, ``enFrance`` becomes ``en France``.

    A lower-case left part must be a word of the language ("iPhone" stays); a
    capitalised one a name of four letters or more that wordfreq knows, in a token
    it has (almost) never seen whole ("McDonald", "PowerPoint", "LaSalle" stay).
    """
    parts = _CAMEL.split(token)
    if len(parts) == 1 or _known(token) >= KNOWN_AT_LEAST:
        return None
    for left in parts[:-1]:
        if left[0].isupper():
            if len(left) < 4 or _known(left) < KNOWN_AT_LEAST or _known(token) >= CAMEL_WHOLE_BELOW:
                return None
        elif _part_zipf(left, lang, True) is None:
            return None
    return " ".join(parts)


@lru_cache(maxsize=1 << 18)
def _repair_token(token: str, lang: str) -> str:
    if "'" not in token and "’" not in token:
        if len(token) < 4 or _is_word(token):
            return token  # too short for any split; a word is never split
    elif _is_word(token.replace("’", "'")):
        return token  # aujourd’hui, prud’hommes
    pieces = _APOSTROPHE.split(token)
    out: list[str] = []
    for index, piece in enumerate(pieces):
        fixed = None
        if piece not in ("'", "’"):
            before_apostrophe = index + 1 < len(pieces)
            fixed = _split_elision(piece, lang) if before_apostrophe else None
            fixed = fixed or _split_camel(piece, lang)
            if fixed is None and (split := best_split(piece, lang)) is not None:
                fixed = " ".join(split)
        out.append(fixed or piece)
    return "".join(out)


def repair_glued_words(draft: Draft, lang: str | None) -> None:
    """Split the glued tokens of a French or English paragraph, one change per token.

    Tokens that read as names are split only when the paragraph shows lost spaces
    elsewhere (see the module docstring).
    """
    if lang not in _LANGUAGES:
        return
    if all(_repair_token(token, lang) == token for token in set(_TOKEN.findall(draft.text))):
        return  # no token to repair, in either pass (most paragraphs): skip the per-match edits
    before = len(draft.changes)
    draft.substitute(_TOKEN, lambda match: _repair_unless_name(match.group(), lang), "glued_words")
    if len(draft.changes) > before or any(change.kind == "missing_space" for change in draft.changes):
        draft.substitute(_TOKEN, lambda match: _repair_token(match.group(), lang), "glued_words")


def _repair_unless_name(token: str, lang: str) -> str | None:
    """The token repaired, unless it reads as a name (asked only of tokens a repair
    would change: the name finder costs more than the cached repair)."""
    repaired = _repair_token(token, lang)
    return None if repaired == token or _looks_like_name(token) else repaired


def _looks_like_name(token: str) -> bool:
    """A token with a capital that the name finder reads as a name, brand or index."""
    if token.islower():
        return False
    from bitext.names import is_name_token

    return any(
        is_name_token(piece)
        for piece in _APOSTROPHE.split(token)
        if piece[:1].isupper() or (piece and any(char.isupper() for char in piece[1:]))
    )

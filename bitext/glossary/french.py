"""Text folding and French morphology the glossary matcher relies on.

Matching runs on a *key*: the text lower-cased, with typographic apostrophes made
straight, hyphen and space variants made one space, whitespace runs collapsed and
(optionally) accents removed. Every step but the collapse maps one character to one
character, so a key offset maps back to the original text through a small offset
table built only when a collapse happened.
"""

from __future__ import annotations

import re
from functools import cache

APOSTROPHES = "'\u2019\u2018\u02bc`\u00b4\u2032"
HYPHENS = "-\u2010\u2011\u2012\u2013"
SPACES = " \t\n\r\u00a0\u202f\u2007\u2009\u200a\u2002\u2003"

_SPACE_RUN = re.compile(" {2,}")

# Prepositions that end the head of a French title or institution name: a nationality
# adjective can sit between the head and the rest ("ministère français de l'Intérieur").
HEAD_STOPS = frozenset(
    {"de", "des", "du", "d'", "auprès", "pour", "chargé", "chargée", "à", "au", "aux", "en"}
)


@cache
def nationalities() -> dict[str, str]:
    """French nationality adjectives (lower case, accents kept, every gender and number) → English.

    From ``bitext/names/data/nationalities.yaml``: "français", "françaises" → "French";
    "irakien" → "Iraqi".
    """
    table: dict[str, str] = {}
    for masculine, feminine, english in _nationality_rows():
        for form in (masculine, feminine):
            table[form] = english
            table[form if form.endswith(("s", "x")) else form + "s"] = english
    return table


@cache
def nationality_countries() -> dict[str, str]:
    """English nationality adjective → ISO 3166 country code ("French" → "FR")."""
    from bitext.names.gazetteer import load_data

    return {row[2]: code for code, row in load_data("nationalities.yaml")["adjectives"].items()}


def _nationality_rows() -> list[tuple[str, str, str]]:
    from bitext.names.gazetteer import load_data

    return [(row[0], row[1], row[2]) for row in load_data("nationalities.yaml")["adjectives"].values()]


@cache
def _fold_table(strip_accents: bool) -> dict[int, str]:
    """Character map for :func:`fold`: one character in, one character out."""
    table: dict[int, str] = {}
    for char in APOSTROPHES:
        table[ord(char)] = "'"
    for char in HYPHENS + SPACES:
        table[ord(char)] = " "
    if strip_accents:
        from bitext.names.gazetteer import latin_base_letters

        table.update(latin_base_letters())
    return table


def _lower(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(char.lower() if len(char.lower()) == 1 else char for char in text)


def fold(text: str, *, strip_accents: bool = True) -> str:
    """Lower-case ``text`` and fold apostrophe, hyphen, space (and accent) variants.

    The result has exactly the length of ``text``.
    """
    return _lower(text).translate(_fold_table(strip_accents))


def keep_case_fold(text: str) -> str:
    """Fold apostrophes, hyphens and spaces but keep case and accents (for verification)."""
    return text.translate(_fold_table(False))


def to_key(text: str, *, strip_accents: bool = True) -> tuple[str, list[int] | None]:
    """Return the matching key of ``text`` and its offset table.

    The table maps each key offset to the offset in ``text``; it is ``None`` when the
    key is aligned with ``text`` character for character (no whitespace collapsed).
    """
    folded = fold(text, strip_accents=strip_accents)
    if "  " not in folded:
        return folded, None
    offsets: list[int] = []
    parts: list[str] = []
    previous = 0
    for run in _SPACE_RUN.finditer(folded):
        parts.append(folded[previous : run.start() + 1])
        offsets.extend(range(previous, run.start() + 1))
        previous = run.end()
    parts.append(folded[previous:])
    offsets.extend(range(previous, len(folded) + 1))
    return "".join(parts), offsets


def text_span(offsets: list[int] | None, start: int, stop: int) -> tuple[int, int]:
    """The span of ``text`` that key span ``start:stop`` came from (``offsets`` from :func:`to_key`)."""
    return (start, stop) if offsets is None else (offsets[start], offsets[stop - 1] + 1)


def word_bounded(key: str, start: int, stop: int) -> bool:
    """True when ``key[start:stop]`` neither starts nor ends inside a word."""
    return (start == 0 or not key[start - 1].isalnum()) and (stop == len(key) or not key[stop].isalnum())


def pattern_key(text: str) -> str:
    """The key of a glossary source form (spaces collapsed, ends trimmed)."""
    return " ".join(fold(text).split())


def is_all_caps(text: str) -> bool:
    """True for text with at least two letters, all of them upper-case."""
    letters = [char for char in text if char.isalpha()]
    return len(letters) >= 2 and all(char.isupper() for char in letters)


def _plural_word(word: str) -> str:
    lowered = word.lower()
    if lowered.endswith(("s", "x", "z")):
        return word
    if lowered.endswith("al"):
        return word[:-2] + ("AUX" if word.isupper() else "aux")
    if lowered.endswith(("eau", "eu")):
        return word + ("X" if word.isupper() else "x")
    return word + ("S" if word.isupper() else "s")


def french_plural(form: str) -> str:
    """Plural of a French title: each word of its head takes the plural mark.

    The head is everything before the first preposition; in a hyphenated word only
    the last part is a noun (``vice`` is invariable): ``vice-ministre de la Santé`` →
    ``vice-ministres de la Santé``, ``directeur général`` → ``directeurs généraux``,
    ``ministre déléguée`` → ``ministres déléguées``.
    """
    words = form.split(" ")
    out: list[str] = []
    in_head = True
    for word in words:
        if fold(word) in HEAD_STOPS or "'" in fold(word):
            in_head = False
        if in_head:
            head, _, last = word.rpartition("-")
            word = f"{head}-{_plural_word(last)}" if head else _plural_word(word)
        out.append(word)
    return " ".join(out)


def head_length(key: str) -> int:
    """Number of words in the head of a pattern key (words before the first preposition)."""
    words = key.split(" ")
    for index, word in enumerate(words):
        if index and (word in HEAD_STOPS or "'" in word):
            return index
    return len(words)

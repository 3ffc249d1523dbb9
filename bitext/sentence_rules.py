"""sentence-splitter's sentence breaks, with its patterns compiled once.

sentence-splitter applies the Moses ``split-sentences`` heuristics (Koehn and Schroeder):
break after ``?``/``!``, runs of dots and closing quotes before a sentence starter, then,
word by word, after a full stop unless the word is a known non-breaking prefix ("M.",
"Dr."), an upper-case acronym, or a numeric-only prefix ("No.", "art.") before a number.
It hands every pattern to the ``regex`` module as a string on every call, once per word
of the line, and ``regex``'s look-up of its pattern cache costs more than the matching;
that was a fifth of ingest. :func:`split` applies the same rules to the same
non-breaking prefix lists (read from sentence-splitter's package) with patterns compiled
once, and looks closer only at words that end in a full stop, the only ones a per-word
rule can break after. ``tests/test_sentence_rules.py`` checks that both split alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

_STARTER = r"[\p{Uppercase_Letter}\p{Other_Letter}]"
_OPENER = r"['\"([\u00bf\u00A1\p{Initial_Punctuation}]"
_BREAKS = (
    # ? or ! before a sentence starter
    rf"([?!]) +({_OPENER}*{_STARTER})",
    # a run of dots before a sentence starter
    rf"(\.[\.]+) +({_OPENER}*{_STARTER})",
    # an end mark inside closing quotes or brackets before a sentence starter
    rf"([?!\.][\ ]*['\")\]\p{{Final_Punctuation}}]+) +({_OPENER}*[\ ]*{_STARTER})",
    # an end mark before opening quotes and a sentence starter
    rf"([?!\.]) +(['\"[\u00bf\u00A1\p{{Initial_Punctuation}}]+[\ ]*{_STARTER})",
)
_WORD_END = r"([\w\.\-]*)(['\"\)\]\%\p{Final_Punctuation}]*)(\.+)$"
_ACRONYM = r"(\.)[\p{Uppercase_Letter}\p{Other_Letter}\-]+(\.+)$"
_NEXT_STARTS = rf"^([ ]*{_OPENER}*[ ]*[\p{{Uppercase_Letter}}\p{{Other_Letter}}0-9])"
_NUMERIC_ONLY_MARK = "#NUMERIC_ONLY#"


@dataclass(frozen=True)
class _Rules:
    """One language's compiled rules.

    Attributes:
        prefixes: Non-breaking prefixes, each mapped to whether it holds only before a number.
    """

    breaks: tuple[Any, ...]
    word_end: Any
    acronym: Any
    next_starts: Any
    number_start: Any
    spaces: Any
    prefixes: dict[str, bool]


@cache
def _rules(lang: str) -> _Rules:
    import regex

    return _Rules(
        breaks=tuple(regex.compile(pattern, regex.UNICODE) for pattern in _BREAKS),
        word_end=regex.compile(_WORD_END, regex.UNICODE),
        acronym=regex.compile(_ACRONYM, regex.UNICODE),
        next_starts=regex.compile(_NEXT_STARTS, regex.UNICODE),
        number_start=regex.compile("^[0-9]+", regex.UNICODE),
        spaces=regex.compile(" +", regex.UNICODE),
        prefixes=_non_breaking_prefixes(lang),
    )


def _non_breaking_prefixes(lang: str) -> dict[str, bool]:
    """sentence-splitter's list for ``lang``: prefix → numeric only (comments after ``#``)."""
    import sentence_splitter

    listing = Path(sentence_splitter.__file__).parent / "non_breaking_prefixes" / f"{lang}.txt"
    prefixes: dict[str, bool] = {}
    with listing.open(encoding="utf-8") as lines:
        for line in lines:
            prefix = line.partition("#")[0].strip()
            if prefix:
                prefixes[prefix] = _NUMERIC_ONLY_MARK in line
    return prefixes


def split(text: str, lang: str) -> list[str]:
    """The sentences sentence-splitter's ``SentenceSplitter(lang).split(text)`` returns.

    Args:
        text: Text to split (a line; line breaks in it are kept as breaks).
        lang: A language sentence-splitter has a non-breaking prefix list for.
    """
    if not text:
        return []
    rules = _rules(lang)
    for pattern in rules.breaks:
        text = pattern.sub("\\1\n\\2", text)
    words = rules.spaces.split(text)
    for index in range(len(words) - 1):
        # Only a word that ends in a full stop can end a sentence here (most do not).
        if words[index].endswith((".", ".\n")) and _breaks_after(words[index], words[index + 1], rules):
            words[index] += "\n"
    joined: str = rules.spaces.sub(" ", " ".join(words))
    return joined.replace("\n ", "\n").replace(" \n", "\n").strip().split("\n")


def _breaks_after(word: str, following: str, rules: _Rules) -> bool:
    """Whether a sentence ends after ``word`` (a full stop's rules; the others are done)."""
    if not word.removesuffix("\n").endswith("."):
        return False  # the word-end pattern needs a final full stop
    match = rules.word_end.search(word)
    if match is None:
        return False
    prefix, closing = match.group(1), match.group(2)
    numeric_only = rules.prefixes.get(prefix) if prefix and not closing else None
    if numeric_only is False or rules.acronym.search(word):
        return False
    if not rules.next_starts.search(following):
        return False
    return not (numeric_only and rules.number_start.search(following))

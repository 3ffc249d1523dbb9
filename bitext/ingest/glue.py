"""Repair words glued together by lost spaces ("duministère", "PatriciaAdam").

Scraped items lose spaces at line wraps. A token is split only when it is not itself
a known word and every part is clearly more frequent than the whole, judged with
wordfreq's Zipf scale (3 = once per million words), so real words and proper names
(Cazeneuve, Darrieussecq) are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from bitext.models import Change

# A token is a run of letters, possibly joined by apostrophes (d’intensification).
_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_APOSTROPHE = re.compile(r"(['’])")
# A lower-case letter followed by a capitalised word: "enFrance", "PatriciaAdam".
_CAMEL = re.compile(r"(?<=[a-zà-ÿ])(?=[A-ZÀ-Þ][a-zà-ÿ]{2,})")
_FRENCH_ELISIONS = ("jusqu", "lorsqu", "puisqu", "qu", "d", "l", "j", "m", "n", "s", "t", "c")

UNKNOWN_BELOW = 2.5  # a token at least this frequent is a word and is never split
PART_AT_LEAST = 2.5  # every part of a split must be at least this frequent
SHORT_PART_AT_LEAST = 5.0  # parts of one or two letters must be function words
UNKNOWN_WORD = 12.0  # cost of a token wordfreq has never seen, in Zipf units below 9
MARGIN = 1.0  # the split must be ten times more probable than the whole (log10 units)


@cache
def _zipf(word: str, lang: str) -> float:
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, lang))


def _part_score(part: str, lang: str) -> float:
    """Frequency of a candidate part, or -1 when it cannot stand alone."""
    score = _zipf(part.lower(), lang)
    if len(part) <= 2:
        return score if score >= SHORT_PART_AT_LEAST else -1.0
    return score if score >= PART_AT_LEAST else -1.0


def _log_probability(zipf: float) -> float:
    """log10 of a word's probability; Zipf 9 is probability 1."""
    return zipf - 9.0 if zipf > 0 else -UNKNOWN_WORD


def best_split(token: str, lang: str) -> list[str] | None:
    """Split a glued token into two or three known words, or return ``None``.

    The split must be clearly more probable, as a sequence of independent words,
    than the token as one word: "concentreront" stays, "duministère" splits.
    Capitalised tokens are split only when wordfreq does not know them at all, since
    rare names are often a little known.
    """
    whole = _zipf(token.lower(), lang)
    if whole >= UNKNOWN_BELOW or len(token) < 4 or (token[0].isupper() and whole > 0):
        return None
    best: tuple[float, list[str]] | None = None
    for parts in _candidate_splits(token):
        scores = [_part_score(part, lang) for part in parts]
        if min(scores) < 0:
            continue
        probability = sum(_log_probability(score) for score in scores)
        if best is None or probability > best[0]:
            best = (probability, parts)
    if best is None or best[0] < _log_probability(whole) + MARGIN:
        return None
    return best[1]


def _candidate_splits(token: str) -> list[list[str]]:
    n = len(token)
    splits = [[token[:i], token[i:]] for i in range(1, n)]
    splits += [[token[:i], token[i:j], token[j:]] for i in range(1, n - 1) for j in range(i + 1, n)]
    return [parts for parts in splits if not any(p[1:] != p[1:].lower() for p in parts)]


def _split_elision(part: str, lang: str) -> str | None:
    """``mesuresd`` before an apostrophe → ``mesures d``."""
    if lang != "fr" or part.lower() in _FRENCH_ELISIONS:
        return None
    for elision in _FRENCH_ELISIONS:
        head = part[: -len(elision)]
        if (
            part.lower().endswith(elision)
            and len(head) >= 3
            and _part_score(head, lang) >= 0
            and _zipf(part.lower(), lang) < UNKNOWN_BELOW
        ):
            return f"{head} {part[-len(elision) :]}"
    return None


def _repair_token(token: str, lang: str) -> str:
    pieces = _APOSTROPHE.split(token)
    out: list[str] = []
    for index, piece in enumerate(pieces):
        if piece in ("'", "’"):
            out.append(piece)
            continue
        before_apostrophe = index + 1 < len(pieces)
        fixed = _split_elision(piece, lang) if before_apostrophe else None
        if fixed is None:
            fixed = " ".join(_split_camel(piece, lang))
        if fixed == piece:
            split = best_split(piece, lang)
            fixed = " ".join(split) if split else piece
        out.append(fixed)
    return "".join(out)


def _split_camel(token: str, lang: str) -> list[str]:
    """``PatriciaAdam`` → ``Patricia Adam``; ``enFrance`` → ``en France``.

    The left part must be a known word, or a capitalised name of four letters or more
    (so "McDonald" and "iPhone" stay whole).
    """
    parts = _CAMEL.split(token)
    if len(parts) == 1:
        return parts
    for left in parts[:-1]:
        known = _part_score(left, lang) >= 0
        if not (known or (left[0].isupper() and len(left) >= 4)):
            return [token]
    return parts


def repair_glued_words(text: str, lang: str, record: Callable[[Change], None], paragraph: int) -> str:
    """Return ``text`` with glued words split, recording one change per repaired token."""
    if lang not in ("fr", "en"):
        return text
    out: list[str] = []
    cursor = 0
    for match in _TOKEN.finditer(text):
        token = match.group()
        fixed = _repair_token(token, lang)
        if fixed != token:
            out.append(text[cursor : match.start()])
            out.append(fixed)
            cursor = match.end()
            record(
                Change(
                    kind="glued_words", before=token, after=fixed, start=match.start(), paragraph=paragraph
                )
            )
    out.append(text[cursor:])
    return "".join(out)


# , ; : ! ? (or a full stop before a capitalised word) between two letters, two before.
_MISSING_SPACE = re.compile(r"(?<=[^\W\d_]{2})(?:[,;:!?]|\.(?=[A-ZÀ-Þ][a-zà-ÿ]))(?=[^\W\d_])")
_WORD_BEFORE = re.compile(r"[^\W\d_]+$")
_WORD_AFTER = re.compile(r"^[^\W\d_]+")


def add_missing_spaces(text: str, record: Callable[[Change], None], paragraph: int) -> str:
    """Insert the space lost after punctuation: "personne,le" → "personne, le".

    Numbers ("1,6", "40.000"), domains ("vnba.org.vn") and initials ("U.S.") are left
    alone: a full stop needs a capitalised word after it and two letters before it.
    """

    def fix(match: re.Match[str]) -> str:
        head = _WORD_BEFORE.search(text, 0, match.start())
        tail = _WORD_AFTER.search(text[match.end() :])
        before = (head.group() if head else "") + match.group() + (tail.group() if tail else "")
        start = head.start() if head else match.start()
        record(
            Change(
                kind="missing_space",
                before=before,
                after=before.replace(match.group(), match.group() + " ", 1),
                start=start,
                paragraph=paragraph,
            )
        )
        return match.group() + " "

    return _MISSING_SPACE.sub(fix, text)

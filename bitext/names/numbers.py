"""Numbers, amounts, percentages, ordinals and dates of French text, written the English way.

Each expression becomes one :class:`~bitext.models.ProtectedSpan` (kind ``number``) whose
rendering is fixed, so no engine can write "1,6 millardo of euros":

* decimal comma → point, thousands separators (space, no-break and narrow no-break
  space, dot) → comma: "1 234,5" → "1,234.5"; a bare four-digit number (a year) stays;
* scale words and currencies: "1,6 milliard d'euros" → "1.6 billion euros",
  "2 millions de personnes" → "2 million" (the engine translates "personnes");
* "12,5 %" → "12.5%", "1er" → "1st", "XXIe siècle" → "21st century", "14h30" → "14:30";
* dates as the English seed items write them: "le 6 novembre" → "on November 6",
  "du 25 au 27 septembre 2025" → "from September 25 to 27, 2025".

Words and their English come from ``data/numbers.yaml``. An expression an English
reader would see written the same way ("114") gets no span: less masking, freer engine.
"""

from __future__ import annotations

import re
from functools import cache

from bitext.models import ProtectedSpan
from bitext.names.gazetteer import load_data

_SEPARATORS = " \u00a0\u202f."
_NUMBER = r"(?<![\w.,])(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?(?![\w]|[.,]\d)"
_PREPOSITIONS = frozenset(
    {
        "depuis",
        "avant",
        "après",
        "pour",
        "dès",
        "vers",
        "jusqu'",
        "jusqu’",
        "entre",
        "partir",
        "ici",
        "et",
        "ou",
    }
)
_DIGIT = re.compile(r"\d")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


@cache
def _words() -> dict[str, dict[str, str]]:
    data = load_data("numbers.yaml")
    return {"months": data["months"], "scales": data["scales"], "currencies": data["currencies"]}


def _alternation(forms: list[str]) -> str:
    return "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    words = _words()
    months = _alternation(list(words["months"]))
    scales = _alternation(list(words["scales"]))
    currencies = _alternation(list(words["currencies"]))
    day = r"(?:1er|\d{1,2})"
    return {
        "date": re.compile(
            rf"(?:\b(?P<art>[Ll]e|[Dd]u|[Aa]u|[Ll]es)\s+)?(?P<d1>{day})(?:\s*(?P<join>et|au|-|–)\s*(?P<d2>{day}))?"
            rf"\s+(?P<month>{months})\b(?:\s+(?P<year>\d{{4}})\b)?"
        ),
        "month_year": re.compile(rf"\b(?P<month>{months})\s+(?P<year>\d{{4}})\b"),
        "amount": re.compile(
            rf"(?P<num>{_NUMBER})(?:\s*(?P<pct>%|pour\s+cent\b|pour-cent\b)|"
            rf"(?:\s+(?P<scale>{scales})\b)?(?:\s*(?:(?:de\s+|d['’])(?P<cur1>{currencies})|(?P<cur2>{currencies})))?)"
            r"(?!\w)"
        ),
        "scale_de": re.compile(r"\s+(?:de(?=\s)|d['’])"),
        "ordinal": re.compile(
            r"(?<![\w])(?P<n>\d{1,4})(?P<suffix>ers?|res?|ères?|èmes?|es|e|nde?s?|nds?)(?![\w])"
        ),
        "century": re.compile(
            r"(?<![\w])(?P<roman>[IVXLC]{1,7})(?:e|è|ème)\s+(?P<noun>siècles?|arrondissement)\b"
        ),
        "time": re.compile(r"(?<![\w,.])(?P<h>[01]?\d|2[0-3])h(?P<m>[0-5]\d)?(?![\w])"),
    }


def find_numbers(text: str) -> list[ProtectedSpan]:
    """Amounts, percentages, ordinals, times and dates of one French sentence, in text order.

    Returns:
        Non-overlapping ``number`` spans whose rendering differs from the source.
    """
    spans: list[ProtectedSpan] = []
    # Every expression but a century has a digit, and about four news sentences in five have none.
    finders = _FINDERS if _DIGIT.search(text) else (_centuries,)
    for finder in finders:
        for span in finder(text):
            if span.rendering != span.source and not any(
                span.start < other.end and other.start < span.end for other in spans
            ):
                spans.append(span)
    return sorted(spans, key=lambda span: span.start)


def english_number(number: str) -> str:
    """ "1 234,5" → "1,234.5"; "40.000" → "40,000"; "2025" stays (a year or a code)."""
    whole, _, decimals = number.partition(",")
    digits = "".join(char for char in whole if char not in _SEPARATORS)
    grouped = digits if len(digits) <= 4 and whole == digits else f"{int(digits):,}"
    return f"{grouped}.{decimals}" if decimals else grouped


def ordinal(value: int) -> str:
    """1 → "1st", 2 → "2nd", 11 → "11th", 23 → "23rd"."""
    suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
    return f"{value}{suffix}"


def _span(
    text: str, start: int, end: int, rendering: str, parts: tuple[tuple[str, str], ...]
) -> ProtectedSpan:
    return ProtectedSpan(
        start=start, end=end, source=text[start:end], rendering=rendering, kind="number", parts=parts
    )


def _amounts(text: str) -> list[ProtectedSpan]:
    words = _words()
    spans = []
    for match in _patterns()["amount"].finditer(text):
        number = english_number(match["num"])
        parts = [(match["num"], number)]
        end = match.end()
        if match["pct"]:
            percent = "%" if match["pct"] == "%" else " percent"
            spans.append(_span(text, match.start(), end, number + percent, tuple(parts)))
            continue
        rendering = number
        if match["scale"]:
            scale = words["scales"][match["scale"]]
            rendering += f" {scale}"
            parts.append((match["scale"], scale))
            if not (match["cur1"] or match["cur2"]):
                joiner = _patterns()["scale_de"].match(text, end)
                end = joiner.end() if joiner else end
        currency = match["cur1"] or match["cur2"]
        if currency:
            rendering += f" {words['currencies'][currency]}"
            parts.append((currency, words["currencies"][currency]))
        spans.append(_span(text, match.start(), end, rendering, tuple(parts)))
    return spans


def _dates(text: str) -> list[ProtectedSpan]:
    months = _words()["months"]
    spans = []
    for match in _patterns()["date"].finditer(text):
        month = months.get(match["month"].lower(), None)
        if month is None or not match["month"].islower():
            continue
        first, second = _day(match["d1"]), _day(match["d2"]) if match["d2"] else None
        if not 1 <= first <= 31 or (second is not None and not 1 <= second <= 31):
            continue
        days = (
            f"{first}" if second is None else f"{first} {'to' if match['join'] == 'au' else 'and'} {second}"
        )
        if match["join"] in ("-", "–"):
            days = f"{first}-{second}"
        rendering = f"{month} {days}" + (f", {match['year']}" if match["year"] else "")
        start = match.start()
        article = (match["art"] or "").lower()
        if article:
            rendering = _with_article(text, start, article, rendering, second is not None)
        parts = ((match["month"], month),)
        spans.append(_span(text, start, match.end(), rendering, parts))
    return spans


def _with_article(text: str, start: int, article: str, rendering: str, range_: bool) -> str:
    """ "le 6 novembre" → "on November 6"; "du 25 au 27" → "from ... to ..."; after a
    preposition ("depuis le 6 novembre") the article simply goes."""
    before = text[:start].rstrip().split()
    previous = before[-1].lower() if before else ""
    if previous in _PREPOSITIONS or previous.endswith(("'", "’")):
        return rendering
    if article == "du" and range_:
        return f"from {rendering}"
    if article == "au":
        return f"to {rendering}"
    if article == "du":
        return f"of {rendering}"
    return f"on {rendering}"


def _day(value: str) -> int:
    return 1 if value == "1er" else int(value)


def _month_years(text: str) -> list[ProtectedSpan]:
    months = _words()["months"]
    spans = []
    for match in _patterns()["month_year"].finditer(text):
        if match["month"].islower():
            month = months[match["month"]]
            parts = ((match["month"], month),)
            spans.append(_span(text, match.start(), match.end(), f"{month} {match['year']}", parts))
    return spans


def _ordinals(text: str) -> list[ProtectedSpan]:
    spans = []
    for match in _patterns()["ordinal"].finditer(text):
        english = ordinal(int(match["n"]))
        spans.append(_span(text, match.start(), match.end(), english, ((match.group(), english),)))
    return spans


def _centuries(text: str) -> list[ProtectedSpan]:
    if "siècle" not in text and "arrondissement" not in text:  # the pattern's nouns (it ignores no case)
        return []
    spans = []
    for match in _patterns()["century"].finditer(text):
        value = _roman(match["roman"])
        if value is None:
            continue
        noun = "century" if match["noun"].startswith("siècle") else "arrondissement"
        noun += "s" if match["noun"].endswith("s") and noun == "century" else ""
        english = f"{ordinal(value)} {noun}"
        spans.append(_span(text, match.start(), match.end(), english, ()))
    return spans


def _roman(numeral: str) -> int | None:
    total = 0
    for index, char in enumerate(numeral):
        value = _ROMAN[char]
        following = _ROMAN[numeral[index + 1]] if index + 1 < len(numeral) else 0
        total += -value if value < following else value
    return total if 0 < total < 40 else None


def _times(text: str) -> list[ProtectedSpan]:
    spans = []
    for match in _patterns()["time"].finditer(text):
        english = f"{int(match['h'])}:{match['m'] or '00'}"
        spans.append(_span(text, match.start(), match.end(), english, ((match.group(), english),)))
    return spans


_FINDERS = (_dates, _month_years, _centuries, _ordinals, _times, _amounts)
"""The finders in the order they claim text: dates before the numbers inside them."""

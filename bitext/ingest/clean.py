"""Cleaning rules for scraped news items.

An item is split into paragraphs (one per non-empty line), then:

1. Unicode is normalised to NFC; non-breaking and other odd spaces and tabs become
   one plain space; zero-width characters and soft hyphens go. Control characters
   and Unicode noncharacters (U+FFFF, U+FDD0 ...) are never text: line and record
   separators among them become a space, the others go (``control_character``),
   so no engine sees them (Apertium stops reading a line at U+FFFF).
2. A teaser block is cut: from the first paragraph after the title that is a marker
   such as "Voir plus" or "Read more" (alone, or followed by a separator and a link
   title: "Lire aussi : ..."), or that starts with one of the user's paragraph starts
   (``starts``: any paragraph beginning with that text as whole words), to the end of
   the item.
3. Date stamps ("date 2021-11 ..." at a paragraph's start, "29/09/2025" alone on a
   line) become ``metadata.date``; photo captions and credits ("... Photo : X",
   "Illustration photo") become ``metadata.captions``/``credits``.
4. Agency sign-offs ("...pays.-VNA", "- VNA") become ``metadata.agency``. A dateline
   ("Hanoï (VNA) - ...") also gives the agency but stays in the text: it is part
   of the lead sentence, and translations read better with it.
5. URLs in the body move to ``metadata.urls``.
6. Exact and near-duplicate paragraphs are dropped, keeping the first position and
   the cleaner text (see :func:`drop_duplicates`).
7. Lost spaces are restored (:mod:`bitext.ingest.glue`), once the language is known.

Every edit is recorded as a :class:`~bitext.models.Change` whose ``before`` is the
text exactly as read (BOM dropped, line ends LF) and ``start`` its offset there, so
a user can find it in the file; ``after`` is what the cleaned text has instead.
"""

from __future__ import annotations

import difflib
import re
import string
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from bitext.defaults import DEFAULT_TEASER_MARKERS
from bitext.ingest.draft import Draft
from bitext.ingest.spacing import repair_spacing
from bitext.models import Change, ItemMetadata

_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_ODD_SPACES = rf"\t\u00a0\u2000-\u200a\u202f\u205f\u3000{_INVISIBLE}"
# A run of spaces and invisible characters, except one plain space (the usual case, which
# cleaning leaves as it is: matching it would cost a call per word for nothing).
_SPACE_RUN = re.compile(rf"[ {_ODD_SPACES}]{{2,}}|[{_ODD_SPACES}]")
_COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    chr(plane + 0xFFFE) + chr(plane + 0xFFFF) for plane in range(0, 0x110000, 0x10000)
)
_SEPARATORS = "\x0b\x0c\x1c-\x1f\x85\u2028\u2029"
_CONTROL = re.compile(f"[\x01-\x08\x0e-\x1f\x7f-\x9f{_SEPARATORS}{_NONCHARACTERS}]+")
_SEPARATOR = re.compile(f"[{_SEPARATORS}]")
_CP1252_PUNCTUATION = {
    chr(code): bytes([code]).decode("cp1252")
    for code in range(0x80, 0xA0)
    if code not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)  # undefined in Windows-1252
}
_CLUSTER = re.compile(rf"[^{_COMBINING}][{_COMBINING}]*|[{_COMBINING}]+", re.DOTALL)

_MONTHS = (
    "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|"
    "january|february|march|april|may|june|july|august|september|october|november|december"
)
_NUMERIC_DATE = r"\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}-\d{2}-\d{2}"
_WORDED_DATE = (
    rf"(?:\w+,?\s+)?(?:\d{{1,2}}(?:er)?\s+(?:{_MONTHS})\s+\d{{4}}|(?:{_MONTHS})\s+\d{{1,2}},?\s+\d{{4}})"
)
_DATE_LINE = re.compile(
    rf"^(?:date\s*:?\s*)?(?P<date>{_NUMERIC_DATE}|{_WORDED_DATE})"
    r"(?:,?\s+\d{1,2}[:h]\d{2}(?::\d{2})?(?:\s*(?:GMT|UTC)\s*[+-]?\d{0,2})?)?$",
    re.IGNORECASE,
)
_DATE_PREFIX = re.compile(
    r"^date\s*:?\s*(?P<date>\d{4}-\d{2}(?:-\d{2})?|\d{1,2}/\d{1,2}/\d{4})\s+", re.IGNORECASE
)
# A credit starts the paragraph, follows a sentence end or opens a bracket, and is
# capitalised, so "... à propos de la photo : « ... »" in a sentence stays.
_CREDIT_START = r"(?:^\(?|(?<=[.!?»”\"…])\s*\(?|\s\()"
_CREDIT_WORDS = (
    r"(?:(?:Photo|PHOTO)(?i:\s+d['’]illustration|\s+credits?)?|(?:Illustration|ILLUSTRATION)(?i:\s+photo)"
    r"|(?:Cr[ée]dits?|CR[ÉE]DITS?)(?i:\s+photo)|Source(?i:\s+photo))"
)
_CREDIT = re.compile(
    rf"{_CREDIT_START}{_CREDIT_WORDS}\s*:\s*(?P<credit>[^()\n]{{1,80}}?)\)?\s*$"
    rf"|{_CREDIT_START}(?:Illustration|ILLUSTRATION)(?i:\s+photo)\)?\.?\s*$"
)
# Words one of which every credit has, case and all: a paragraph without any needs no _CREDIT search.
_CREDIT_NEEDS = (
    "Photo", "PHOTO", "Illustration", "ILLUSTRATION", "Crédit", "Credit", "CRÉDIT", "CREDIT", "Source",
)  # fmt: skip
_CAPTION_AT_MOST = 400  # a longer paragraph ending in a credit is body text: only the credit goes
_SIGNOFF = re.compile(
    r"(?:(?<=[.!?»”\"…)])|^)\s*[-–—]\s?(?P<agency>[A-Z]{2,6}(?:/[A-Z]{2,6})?)\s*$"
    r"|(?<=[.!?»”\"…])\s*\((?P<bracketed>[A-Z]{2,6}(?:/[A-Z]{2,6})?)\)\s*$"
)
_SIGNOFF_ENDS = frozenset(string.ascii_uppercase + ")")  # a sign-off ends in an agency's capital or ")"
_DATELINE = re.compile(r"^[^\W\d_][^()\n]{0,40}?\s*\((?P<agency>[A-Z]{2,6})\)\s*[-–—]")
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>«»\"]*[^\s<>«»\".,;:!?)\]]")
_NOT_LETTER_OR_DIGIT = re.compile(r"[\W_]+")


@dataclass
class CleanedItem:
    """The paragraphs of one item under cleaning, with what was taken out of them.

    Attributes:
        drafts: The paragraphs kept, in order.
        removed: Changes that took text out of the body (teaser, duplicate, caption,
            stamp); edits inside kept paragraphs live on their drafts.
    """

    drafts: list[Draft]
    removed: list[Change] = field(default_factory=list)
    date: str | None = None
    agency: str | None = None
    captions: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[str]:
        """The text of the paragraphs kept."""
        return [draft.text for draft in self.drafts]

    def changes(self) -> list[Change]:
        """Every change, in file order; edits inside a kept paragraph carry its index."""
        inside = [
            change.model_copy(update={"paragraph": index})
            for index, draft in enumerate(self.drafts)
            for change in draft.changes
        ]
        return sorted(self.removed + inside, key=lambda change: change.start)

    def metadata(self) -> ItemMetadata:
        """The facts taken out of the text."""
        return ItemMetadata(
            date=self.date,
            agency=self.agency,
            captions=tuple(self.captions),
            credits=tuple(self.credits),
            urls=tuple(dict.fromkeys(self.urls)),
        )


def split_paragraphs(raw: str) -> list[Draft]:
    """Each non-empty line is a paragraph (scraped items put one per line)."""
    drafts: list[Draft] = []
    offset = 0
    for line in raw.split("\n"):
        if line.strip():
            draft = Draft.from_raw(raw, offset, offset + len(line))
            draft.strip()
            drafts.append(draft)
        offset += len(line) + 1
    return drafts


def clean_layout(
    raw: str, *, markers: Sequence[str] = DEFAULT_TEASER_MARKERS, starts: Sequence[str] = ()
) -> CleanedItem:
    """Apply rules 1 to 6 (everything that does not need the item's language)."""
    drafts = split_paragraphs(raw)
    for draft in drafts:
        normalize(draft)
    item = CleanedItem(drafts=[draft for draft in drafts if draft.text])
    cut_teaser(item, raw, markers, starts)
    item.drafts = [draft for draft in item.drafts if not take_stamp_or_caption(draft, item, raw)]
    for draft in item.drafts:
        take_signoff_and_urls(draft, item)
    item.drafts = drop_duplicates([draft for draft in item.drafts if draft.text], item, raw)
    return item


def clean_item(raw: str, lang: str | None, *, markers: Sequence[str] = DEFAULT_TEASER_MARKERS) -> CleanedItem:
    """Every rule, with lost spaces repaired as ``lang`` (``None``: punctuation only)."""
    item = clean_layout(raw, markers=markers)
    for draft in item.drafts:
        repair_spacing(draft, lang)
    return item


def normalize(draft: Draft) -> None:
    """NFC, then every run of spaces, tabs and invisible characters to one space."""
    if not unicodedata.is_normalized("NFC", draft.text):
        draft.substitute(_CLUSTER, lambda match: unicodedata.normalize("NFC", match.group()), "normalize")
    # What the next two rules change is a second space or a character str.isprintable()
    # refuses (controls, format characters, separators other than the space): most
    # paragraphs have neither, and need no search.
    if "  " in draft.text or not draft.text.isprintable():
        draft.substitute(_CONTROL, _neutral, "control_character")
        draft.substitute(_SPACE_RUN, _unified_space, "whitespace")
    draft.strip()


def _neutral(match: re.Match[str]) -> str:
    """A run of control characters and noncharacters: a space if it separated lines, else
    what is left of it once C1 controls that are Windows-1252 punctuation decoded as Latin-1
    (U+0096 for "–", U+0092 for "’") are read as that punctuation."""
    if _SEPARATOR.search(match.group()):
        return " "
    return "".join(_CP1252_PUNCTUATION.get(char, "") for char in match.group())


def _unified_space(match: re.Match[str]) -> str:
    return "" if all(char in _INVISIBLE for char in match.group()) else " "


def cut_teaser(item: CleanedItem, raw: str, markers: Sequence[str], starts: Sequence[str] = ()) -> None:
    """Drop everything from a teaser paragraph (not the title) to the end.

    A paragraph begins the teaser when it is one of ``markers`` (alone, or with a
    separator and a link title) or starts with one of ``starts`` (as whole words).
    """
    patterns = []
    if markers:
        alternatives = "|".join(re.escape(marker) for marker in markers)
        patterns.append(rf"(?:{alternatives})(?:\s*[:.…»>›|]*\s*$|\s*[:>»›|–-]\s*\S)")
    if starts:
        patterns.append(rf"(?:{'|'.join(_whole_words(start) for start in starts)})")
    if not patterns:
        return
    pattern = re.compile(f"^(?:{'|'.join(patterns)})", re.IGNORECASE)
    for index, draft in enumerate(item.drafts[1:], start=1):
        if pattern.match(draft.text):
            end = item.drafts[-1].end
            item.removed.append(
                Change(kind="teaser_cut", before=raw[draft.start : end], after="", start=draft.start)
            )
            del item.drafts[index:]
            return


def _whole_words(start: str) -> str:
    """``start`` as a pattern that does not end inside a word ("Les escroqueries" is not
    "Les escroqueriesX"); inner spaces match any run of spaces, as cleaning leaves one."""
    words = [re.escape(word) for word in start.split()]
    return r"\s+".join(words) + (r"(?!\w)" if re.match(r"\w", start.strip()[-1:]) else "")


def take_stamp_or_caption(draft: Draft, item: CleanedItem, raw: str) -> bool:
    """Move date stamps and photo captions into metadata; True when nothing is left."""
    prefix = _DATE_PREFIX.match(draft.text)
    if prefix:
        item.date = item.date or prefix.group("date")
        item.removed.append(
            Change(kind="date_stamp", before=draft.raw_slice(0, prefix.end()), after="", start=draft.start)
        )
        draft.edit(0, prefix.end(), "")
    stamp = _DATE_LINE.match(draft.text)
    if stamp:
        item.date = item.date or stamp.group("date")
        item.removed.append(
            Change(kind="date_stamp", before=raw[draft.start : draft.end], after="", start=draft.start)
        )
        return True
    credit = _CREDIT.search(draft.text) if any(word in draft.text for word in _CREDIT_NEEDS) else None
    if credit is None:
        return False
    caption, credited = draft.text[: credit.start()].strip(), (credit.group("credit") or "").strip()
    if credited:
        item.credits.append(credited)
        item.urls.extend(_URL.findall(credited))
    if len(draft.text) > _CAPTION_AT_MOST:
        draft.replace(len(caption), len(draft.text), "", "caption")
        return False
    if caption:
        item.captions.append(caption)
    item.removed.append(
        Change(kind="caption", before=raw[draft.start : draft.end], after="", start=draft.start)
    )
    return True


def take_signoff_and_urls(draft: Draft, item: CleanedItem) -> None:
    """Agency sign-off and body URLs to metadata; a dateline's agency too (text kept)."""
    dateline = _DATELINE.match(draft.text)
    if dateline and item.agency is None:
        item.agency = dateline.group("agency")
    signoff = _SIGNOFF.search(draft.text) if draft.text.rstrip()[-1:] in _SIGNOFF_ENDS else None
    if signoff:
        item.agency = signoff.group("agency") or signoff.group("bracketed")
        draft.replace(signoff.start(), len(draft.text), "", "agency_signoff")
    urls = list(_URL.finditer(draft.text)) if "http" in draft.text or "www." in draft.text else []
    item.urls.extend(url.group() for url in urls)
    for url in reversed(urls):
        start, end = url.span()
        if draft.text[start - 1 : start] == "(" and draft.text[end : end + 1] == ")":
            start, end = start - 1, end + 1
        if draft.text[start - 1 : start] == " ":
            start -= 1
        elif draft.text[end : end + 1] == " ":
            end += 1
        draft.replace(start, end, "", "url")
    draft.strip()


def _comparison_key(text: str) -> str:
    """Letters and digits only, case-folded: copies that differ in spacing compare equal."""
    return _NOT_LETTER_OR_DIGIT.sub("", text.casefold())


def _is_near_duplicate(a: str, b: str) -> bool:
    if a == b:
        return True
    if min(len(a), len(b)) < 40 or abs(len(a) - len(b)) > 0.1 * max(len(a), len(b)):
        return False
    if 2.0 * (Counter(a) & Counter(b)).total() / (len(a) + len(b)) < 0.95:
        return False  # difflib's quick_ratio (shared characters, counted), without its Python loops
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.95


def drop_duplicates(drafts: list[Draft], item: CleanedItem, raw: str) -> list[Draft]:
    """Keep one copy of repeated paragraphs: at the first copy's place, the cleaner text.

    Copies are compared on letters and digits only, so a copy that lost its spaces
    is still a copy; near-duplicates (95 % similar) count too. The cleaner copy is
    the one with more spaces, since scraping loses spaces and never adds them.
    """
    kept: list[tuple[str, Draft]] = []
    for draft in drafts:
        key = _comparison_key(draft.text)
        position = next((i for i, (k, _) in enumerate(kept) if _is_near_duplicate(k, key)), None)
        if position is None:
            kept.append((key, draft))
            continue
        twin = kept[position][1]
        dropped = draft
        if draft.text.count(" ") > twin.text.count(" "):
            kept[position], dropped = (key, draft), twin
        item.removed.append(
            Change(
                kind="duplicate_paragraph",
                before=raw[dropped.start : dropped.end],
                after="",
                start=dropped.start,
            )
        )
    return [draft for _, draft in kept]

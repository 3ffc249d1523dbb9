"""Cleaning rules for scraped news items, applied paragraph by paragraph.

Each rule records what it changed as a :class:`~bitext.models.Change`, so a user can
audit the cleaning; ``start`` is the offset in the item's text as read from disk of
the paragraph concerned, plus the offset inside it at the time of the edit.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from bitext.ingest.glue import add_missing_spaces, repair_glued_words
from bitext.models import Change, ItemMetadata

DEFAULT_TEASER_MARKERS: tuple[str, ...] = (
    "Voir plus",
    "Lire aussi",
    "Lire la suite",
    "Read more",
    "See more",
)

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
_DATE_PREFIX = re.compile(r"^date\s+(\d{4}-\d{2}(?:-\d{2})?)\s*", re.IGNORECASE)
_DATE_ONLY = re.compile(r"^(\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4})$")
_CREDIT = re.compile(
    r"\s*\b(?:photo(?:\s+d['’]illustration)?|illustration\s+photo|cr[ée]dit\s+photo|photo\s+credit)\s*:\s*(.*)$",
    re.IGNORECASE,
)
_SIGNOFF = re.compile(r"(?<=[.!?»”\"])\s*-\s?([A-Z]{2,6})\s*$")
_DATELINE_AGENCY = re.compile(r"^[^\W\d_][^()]{0,40}\(([A-Z]{2,6})\)\s*[-–]")
_URL = re.compile(r"(?:https?://|www\.)[^\s<>«»\"]+[^\s<>«»\".,;:!?)]")


@dataclass
class CleanedItem:
    """The cleaned paragraphs of one item with the changes and metadata found."""

    paragraphs: list[str]
    changes: list[Change] = field(default_factory=list)
    date: str | None = None
    agency: str | None = None
    captions: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)

    def metadata(self) -> ItemMetadata:
        """The facts taken out of the text, as item metadata."""
        return ItemMetadata(
            date=self.date, agency=self.agency, captions=tuple(self.captions), urls=tuple(self.urls)
        )


@dataclass
class _Paragraph:
    text: str
    start: int


def split_lines(raw: str) -> list[_Paragraph]:
    """Each non-empty line is a paragraph (scraped items put one per line)."""
    paragraphs, offset = [], 0
    for line in raw.split("\n"):
        if line.strip():
            paragraphs.append(_Paragraph(line.strip(), offset + len(line) - len(line.lstrip())))
        offset += len(line) + 1
    return paragraphs


def clean_item(raw: str, lang: str | None, *, markers: Sequence[str] = DEFAULT_TEASER_MARKERS) -> CleanedItem:
    """Clean the text of one news item (see the module docstring for the rules)."""
    item = CleanedItem(paragraphs=[])
    paragraphs = [_normalize(p, item) for p in split_lines(raw)]
    paragraphs = _cut_teaser(paragraphs, markers, item)
    paragraphs = [p for p in paragraphs if not _take_stamp_or_caption(p, item)]
    for paragraph in paragraphs:
        _take_signoff_and_urls(paragraph, item)
    paragraphs = _drop_duplicates([p for p in paragraphs if p.text], item)
    for index, paragraph in enumerate(paragraphs):
        record = _recorder(item, paragraph.start, index)
        paragraph.text = add_missing_spaces(paragraph.text, record, index)
        paragraph.text = repair_glued_words(paragraph.text, lang or "", record, index)
    item.paragraphs = [p.text for p in paragraphs]
    return item


def _recorder(item: CleanedItem, base: int, index: int) -> Callable[[Change], None]:
    def record(change: Change) -> None:
        item.changes.append(change.model_copy(update={"start": base + change.start, "paragraph": index}))

    return record


def _normalize(paragraph: _Paragraph, item: CleanedItem) -> _Paragraph:
    nfc = unicodedata.normalize("NFC", paragraph.text)
    if nfc != paragraph.text:
        item.changes.append(Change(kind="normalize", before=paragraph.text, after=nfc, start=paragraph.start))
    spaced = _SPACES.sub(" ", _ZERO_WIDTH.sub("", nfc)).strip()
    if spaced != nfc:
        item.changes.append(Change(kind="whitespace", before=nfc, after=spaced, start=paragraph.start))
    return _Paragraph(spaced, paragraph.start)


def _cut_teaser(paragraphs: list[_Paragraph], markers: Sequence[str], item: CleanedItem) -> list[_Paragraph]:
    """Drop a teaser block: from a marker paragraph ("Voir plus") to the end."""
    if not markers:
        return paragraphs
    pattern = re.compile(
        r"^(?:" + "|".join(re.escape(m) for m in markers) + r")\b\s*[:.…»>]*\s*$", re.IGNORECASE
    )
    for index, paragraph in enumerate(paragraphs):
        if index > 0 and pattern.match(paragraph.text):
            cut = "\n".join(p.text for p in paragraphs[index:])
            item.changes.append(Change(kind="teaser_cut", before=cut, after="", start=paragraph.start))
            return paragraphs[:index]
    return paragraphs


def _take_stamp_or_caption(paragraph: _Paragraph, item: CleanedItem) -> bool:
    """Move date stamps and photo captions into metadata; True when nothing is left."""
    stamp = _DATE_PREFIX.match(paragraph.text)
    if stamp:
        item.date = item.date or stamp.group(1)
        item.changes.append(Change(kind="date_stamp", before=stamp.group(), after="", start=paragraph.start))
        paragraph.text = paragraph.text[stamp.end() :]
    if _DATE_ONLY.match(paragraph.text):
        item.date = item.date or paragraph.text
        item.changes.append(Change(kind="date_stamp", before=paragraph.text, after="", start=paragraph.start))
        return True
    credit = _CREDIT.search(paragraph.text)
    if credit:
        caption = paragraph.text[: credit.start()].strip()
        item.captions.append(caption or paragraph.text)
        item.urls.extend(_URL.findall(credit.group(1)))
        item.changes.append(Change(kind="caption", before=paragraph.text, after="", start=paragraph.start))
        return True
    return not paragraph.text


def _take_signoff_and_urls(paragraph: _Paragraph, item: CleanedItem) -> None:
    dateline = _DATELINE_AGENCY.match(paragraph.text)
    if dateline and item.agency is None:
        item.agency = dateline.group(1)
    signoff = _SIGNOFF.search(paragraph.text)
    if signoff:
        item.agency = signoff.group(1)
        item.changes.append(
            Change(
                kind="agency_signoff",
                before=signoff.group(),
                after="",
                start=paragraph.start + signoff.start(),
            )
        )
        paragraph.text = paragraph.text[: signoff.start()].rstrip()
    for url in reversed(list(_URL.finditer(paragraph.text))):
        item.urls.append(url.group())
        item.changes.append(
            Change(kind="url", before=url.group(), after="", start=paragraph.start + url.start())
        )
        paragraph.text = _SPACES.sub(" ", paragraph.text[: url.start()] + paragraph.text[url.end() :]).strip()


def _comparison_key(text: str) -> str:
    """Letters and digits only, case-folded: copies that differ in spacing compare equal."""
    return re.sub(r"[\W_]+", "", text.casefold())


def _is_near_duplicate(a: str, b: str) -> bool:
    if a == b:
        return True
    if min(len(a), len(b)) < 40 or abs(len(a) - len(b)) > 0.1 * max(len(a), len(b)):
        return False
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= 0.95


def _drop_duplicates(paragraphs: list[_Paragraph], item: CleanedItem) -> list[_Paragraph]:
    """Keep one copy of repeated paragraphs: the first position, the cleaner text.

    The cleaner copy is the one with more spaces, since scraping loses spaces.
    """
    kept: list[tuple[str, _Paragraph]] = []
    for paragraph in paragraphs:
        key = _comparison_key(paragraph.text)
        twin = next((p for k, p in kept if _is_near_duplicate(k, key)), None)
        if twin is None:
            kept.append((key, paragraph))
            continue
        dropped = paragraph.text
        if paragraph.text.count(" ") > twin.text.count(" "):
            dropped, twin.text = twin.text, paragraph.text
        item.changes.append(
            Change(kind="duplicate_paragraph", before=dropped, after="", start=paragraph.start)
        )
    return [p for _, p in kept]

"""Pydantic types that cross module boundaries.

Every model is frozen and rejects unknown fields, so a typo in a JSON file or a
keyword argument fails loudly instead of being dropped. Stages pass these types,
never raw dicts or tuples.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, computed_field


class Frozen(BaseModel):
    """Base for every bitext model: immutable, no unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


# --- ingest and clean -------------------------------------------------------

ChangeKind = Literal[
    "normalize",
    "duplicate_paragraph",
    "glued_words",
    "missing_space",
    "teaser_cut",
    "caption",
    "date_stamp",
    "agency_signoff",
    "url",
    "whitespace",
]


class Change(Frozen):
    """One edit the cleaner made, kept so a user can audit it.

    ``start`` is the character offset in the text as it was before this edit's
    cleaning step; ``paragraph`` the 0-based paragraph index, when it applies.
    """

    kind: ChangeKind
    before: str
    after: str
    start: int = Field(ge=0)
    paragraph: int | None = None


class ItemMetadata(Frozen):
    """Facts taken out of the body text rather than translated."""

    date: str | None = None
    agency: str | None = None
    captions: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()


class Paragraph(Frozen):
    """A paragraph of the cleaned text, as a character span, with its own language."""

    index: int = Field(ge=0)
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    lang: str | None = None


class Sentence(Frozen):
    """A sentence with its character span in the cleaned document text.

    ``id`` is ``"<doc_id>:<index>"`` and survives translation, so every output
    can be traced to its source.
    """

    id: str
    index: int = Field(ge=0)
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    paragraph: int = Field(ge=0)


class Document(Frozen):
    """A cleaned, language-tagged and segmented news item."""

    id: str
    path: str
    sha256: str
    lang: str | None
    lang_confidence: float | None = None
    title: str
    text: str
    paragraphs: tuple[Paragraph, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    changes: tuple[Change, ...] = ()
    metadata: ItemMetadata = ItemMetadata()


# --- translate -----------------------------------------------------------------


class EngineInfo(Frozen):
    """What produced a translation: recorded with every sentence and in the cache key."""

    name: str
    model: str | None = None
    model_version: str | None = None
    options: dict[str, str | int | float | bool] = Field(default_factory=dict)

    def label(self) -> str:
        """Short human label, e.g. ``argos:translate-fr_en@1.9``."""
        if self.model is None:
            return self.name
        version = f"@{self.model_version}" if self.model_version else ""
        return f"{self.name}:{self.model}{version}"


# --- glossary -------------------------------------------------------------------

TermType = Literal["title", "institution", "name", "acronym"]
TermStatus = Literal["ok", "repaired", "missing"]


class GlossaryEntry(Frozen):
    """One concept: its French forms and the one canonical English form."""

    id: str
    type: TermType
    sources: tuple[str, ...] = Field(min_length=1)
    target: str = Field(min_length=1)
    wrong: tuple[str, ...] = ()
    notes: str = ""
    origin: str = ""


class TermHit(Frozen):
    """A glossary term found in a source sentence, and how the output renders it."""

    entry_id: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    source: str
    target: str
    status: TermStatus


class Translation(Frozen):
    """The English for one source sentence, 1:1 with the input ``Sentence``."""

    segment_id: str
    source: str
    target: str
    engine: EngineInfo
    cached: bool = False
    terms: tuple[TermHit, ...] = ()


# --- align ------------------------------------------------------------------------


class Bead(Frozen):
    """A monotone alignment unit: source and target sentence indices and a confidence."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float

    @computed_field  # type: ignore[prop-decorator]
    @property
    def type(self) -> str:
        """Bead type such as ``1-1``, ``2-1`` or ``0-1``."""
        return f"{len(self.src)}-{len(self.tgt)}"


# --- export -----------------------------------------------------------------------


class SegmentPair(Frozen):
    """One line of the parallel corpus: aligned French and English text with provenance."""

    id: str
    doc_id: str
    fr: str
    en: str
    bead: Bead
    engine: str | None = None
    terms: tuple[str, ...] = ()

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

    ``start`` is the character offset, in the item's text as read (BOM dropped, line
    ends LF), where ``before`` begins; ``paragraph`` the 0-based index of the cleaned
    paragraph the edit is in, or ``None`` when the text was taken out of the body.
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
    credits: tuple[str, ...] = ()


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
    plural: str = ""


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


# --- glossary: loading notes and term QA ------------------------------------------


class GlossaryNote(Frozen):
    """A warning or an override conflict found while loading glossaries.

    ``kind`` is ``"conflict"`` when a later glossary overrode an earlier entry (the
    later one wins) and ``"warning"`` for anything else worth telling the user.
    """

    kind: Literal["conflict", "warning"]
    message: str
    path: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.path and self.line else (self.path or "")
        return f"{where}: {self.message}" if where else self.message


class TermAccuracy(Frozen):
    """Terms rendered canonically over terms found (the WMT terminology exact-match measure)."""

    found: int = Field(ge=0)
    canonical: int = Field(ge=0)
    repaired: int = Field(ge=0, default=0)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def accuracy(self) -> float | None:
        """``canonical / found``; ``None`` when no term was found."""
        return self.canonical / self.found if self.found else None


class EnglishCheck(Frozen):
    """Glossary terms in an English sentence: canonical forms and known-wrong variants.

    ``terms`` holds one hit per canonical form (``ok``) and per known-wrong variant
    (``missing``, or ``repaired`` when fixing); ``fixed`` is the text with the wrong
    variants replaced (equal to ``text`` when not fixing).
    """

    segment_id: str
    text: str
    fixed: str
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


# --- align: evaluation --------------------------------------------------------------


class PrecisionRecall(Frozen):
    """Precision, recall and F1 with the counts they come from.

    Precision is ``precision_hits`` test beads out of ``precision_total``; recall is
    ``recall_hits`` gold beads out of ``recall_total`` (deletions left out of recall).
    """

    precision: float = Field(ge=0.0, le=1.0)
    recall: float = Field(ge=0.0, le=1.0)
    f1: float = Field(ge=0.0, le=1.0)
    precision_hits: int = Field(ge=0)
    precision_total: int = Field(ge=0)
    recall_hits: int = Field(ge=0)
    recall_total: int = Field(ge=0)


class AlignScores(Frozen):
    """Strict and lax scores of an alignment against gold (vecalign/Bleualign definitions)."""

    strict: PrecisionRecall
    lax: PrecisionRecall
    gold_beads: int = Field(ge=0)
    test_beads: int = Field(ge=0)


class AlignmentResult(Frozen):
    """Two documents aligned: their sentences, the beads, and how they were made.

    ``warnings`` hold what a user should check (unequal lengths, a side that does not
    look like its declared language); ``timings`` are seconds per step (``mt``, ``align``).
    """

    src_path: str
    tgt_path: str
    src_lang: str
    tgt_lang: str
    src_sentences: tuple[str, ...]
    tgt_sentences: tuple[str, ...]
    beads: tuple[Bead, ...]
    engine: str | None = None
    warnings: tuple[str, ...] = ()
    timings: dict[str, float] = Field(default_factory=dict)
    params: dict[str, float | int] = Field(default_factory=dict)


# --- export -----------------------------------------------------------------------


class SegmentPair(Frozen):
    """One line of the parallel corpus: aligned French and English text with provenance.

    ``terms`` lists the glossary entry ids the English renders canonically and
    ``missing_terms`` those found in the French that it does not.
    """

    id: str
    doc_id: str
    fr: str
    en: str
    bead: Bead
    engine: str | None = None
    terms: tuple[str, ...] = ()
    missing_terms: tuple[str, ...] = ()


# --- translate: model packages ------------------------------------------------------


class ModelPackage(Frozen):
    """An installed Argos translation package, as ``bitext models list`` shows it."""

    name: str
    version: str
    from_code: str
    to_code: str
    from_name: str = ""
    to_name: str = ""
    tokenizer: Literal["sentencepiece", "bpe"]
    path: str


# --- glossary: check report -----------------------------------------------------


class ItemTermReport(Frozen):
    """Term QA of one news item: its accuracy and the terms not rendered canonically."""

    id: str
    path: str | None = None
    lang: str | None = None
    accuracy: TermAccuracy
    missing: tuple[TermHit, ...] = ()
    english_fixes: tuple[EnglishCheck, ...] = ()


class GlossaryReport(Frozen):
    """What ``bitext glossary check`` found: per item and overall term accuracy."""

    glossary_sha256: str
    engine: str | None = None
    enforced: bool = True
    items: tuple[ItemTermReport, ...] = ()
    overall: TermAccuracy


class DocumentTranslation(Frozen):
    """The translation of one news item: its sentences 1:1, with what produced them."""

    doc_id: str
    path: str
    lang: str | None
    engine: EngineInfo
    translations: tuple[Translation, ...] = ()


# --- export and pipeline (issue 6) -------------------------------------------------

ExportFormat = Literal["tmx", "json", "jsonl", "txt", "tsv"]


class Provenance(Frozen):
    """How a corpus was made; written into the TMX header and the JSON corpus.

    ``created`` is UTC in the TMX form ``YYYYMMDDThhmmssZ``.
    """

    bitext_version: str
    created: str
    srclang: str = "fr"
    tgtlang: str = "en"
    engine: str | None = None
    engine_model: str | None = None
    engine_model_version: str | None = None
    glossary_sha256: str | None = None
    aligner: dict[str, str | int | float | bool | None] = Field(default_factory=dict)


class RejectedPair(Frozen):
    """A pair left out of the corpus, kept in the rejects file with the reason."""

    pair: SegmentPair
    reason: str


class EnglishItemCheck(Frozen):
    """An English item: not translated, its sentences checked against the glossary."""

    id: str
    path: str
    accuracy: TermAccuracy
    wrong: tuple[TermHit, ...] = ()


class CorpusItem(Frozen):
    """One news item as ``corpus.json`` holds it: sentences, translations, pairs, term QA."""

    id: str
    path: str
    sha256: str
    lang: str | None
    lang_confidence: float | None = None
    title: str = ""
    changes: tuple[Change, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    translations: tuple[Translation, ...] = ()
    english_checks: tuple[EnglishCheck, ...] = ()
    pairs: tuple[SegmentPair, ...] = ()
    rejected: tuple[RejectedPair, ...] = ()
    terms: TermAccuracy | None = None


class InputFile(Frozen):
    """An input item as the manifest records it."""

    path: str
    sha256: str
    size: int = Field(ge=0)


class SkippedItem(Frozen):
    """An item ``--skip-bad`` left out, and why."""

    path: str
    reason: str


class RunOptions(Frozen):
    """The options of a ``bitext run``, as given (recorded in the manifest)."""

    inputs: tuple[str, ...]
    engine: str = "auto"
    glossaries: tuple[str, ...] = ()
    use_glossary: bool = True
    formats: tuple[ExportFormat, ...] = ("tmx", "jsonl", "json")
    min_score: float | None = None
    resume: bool = True
    skip_bad: bool = False
    cache: str | None = None
    teaser_markers: tuple[str, ...] | None = None


class RunManifest(Frozen):
    """``manifest.json``: everything needed to say how the corpus in OUTDIR was made.

    ``status`` is ``running`` from the moment OUTDIR is claimed until every output is
    in place, then ``complete``; ``run_key`` identifies the run (see
    :func:`bitext.pipeline.run_key`) so a re-run can tell its own OUTDIR from another's.
    """

    manifest_version: int = 1
    run_key: str
    status: Literal["running", "complete"]
    started: str
    finished: str | None = None
    bitext_version: str
    python_version: str
    packages: dict[str, str] = Field(default_factory=dict)
    engine: EngineInfo | None = None
    glossary_sha256: str | None = None
    glossary_files: tuple[str, ...] = ()
    aligner: dict[str, str | int | float | bool | None] = Field(default_factory=dict)
    options: RunOptions
    inputs: tuple[InputFile, ...] = ()
    outputs: tuple[str, ...] = ()


class RunReport(Frozen):
    """``report.json``: what a run did, in numbers, plus what needs a human look.

    ``sentences`` counts sentences per item language; ``cached_sentences`` those whose
    English came from the translation cache; ``mean_score`` is over kept pairs;
    ``items_with_missing_terms`` lists only French items with a term not rendered
    canonically (the report stays small on large runs); ``timings`` are seconds.
    """

    outdir: str
    engine: str
    glossary_sha256: str | None = None
    items: int = Field(ge=0)
    languages: dict[str, int] = Field(default_factory=dict)
    sentences: dict[str, int] = Field(default_factory=dict)
    translated_sentences: int = Field(ge=0, default=0)
    cached_sentences: int = Field(ge=0, default=0)
    pairs: int = Field(ge=0, default=0)
    bead_types: dict[str, int] = Field(default_factory=dict)
    mean_score: float | None = None
    rejected: int = Field(ge=0, default=0)
    reject_reasons: dict[str, int] = Field(default_factory=dict)
    cleaning_changes: dict[str, int] = Field(default_factory=dict)
    term_accuracy: TermAccuracy | None = None
    items_with_missing_terms: tuple[ItemTermReport, ...] = ()
    english_items: tuple[EnglishItemCheck, ...] = ()
    other_items: tuple[str, ...] = ()
    skipped: tuple[SkippedItem, ...] = ()
    tmx_stripped_chars: int = Field(ge=0, default=0)
    outputs: tuple[str, ...] = ()
    timings: dict[str, float] = Field(default_factory=dict)


class ConversionResult(Frozen):
    """What ``bitext export`` did: pairs copied from one format to another."""

    source: str
    source_format: ExportFormat
    format: ExportFormat
    outputs: tuple[str, ...]
    pairs: int = Field(ge=0)
    tmx_stripped_chars: int = Field(ge=0, default=0)


# --- match, mine and dedup (issue 10) ----------------------------------------------


class MatchText(Frozen):
    """An item as document matching and mining see it: its sentences and, for French, their MT.

    ``translation`` is 1:1 with ``sentences`` (the engine's English for a French item)
    and ``None`` for an English item.
    """

    id: str
    sentences: tuple[str, ...]
    translation: tuple[str, ...] | None = None


class DocumentMatch(Frozen):
    """An English item found to translate a French item; ``score`` is a probability."""

    fr: str
    en: str
    score: float = Field(ge=0.0, le=1.0)


UnmatchedReason = Literal["below_threshold", "partner_taken", "no_candidate"]


class UnmatchedItem(Frozen):
    """An item left without a partner: its best candidate, that candidate's score, and why."""

    id: str
    lang: str
    best: str | None = None
    score: float | None = None
    reason: UnmatchedReason


class MatchResult(Frozen):
    """What document matching found among French and English items.

    ``threshold`` is the probability a pair needed (0.5 unless the caller set one);
    ``prior`` the share of true pairs among the candidates, estimated on this
    collection; ``near_duplicates`` groups items of one language that are near-copies.
    """

    matches: tuple[DocumentMatch, ...] = ()
    unmatched: tuple[UnmatchedItem, ...] = ()
    near_duplicates: tuple[tuple[str, ...], ...] = ()
    threshold: float
    prior: float
    candidates: int = Field(ge=0, default=0)


class MatchReport(Frozen):
    """``bitext match``: the items read, how they were matched and what took how long.

    ``other_items`` are items in neither French nor English; ``timings`` hold ``mt``
    (translating the French items) apart from ``match`` (everything else but reading).
    """

    engine: str | None = None
    french: tuple[str, ...] = ()
    english: tuple[str, ...] = ()
    other_items: tuple[str, ...] = ()
    result: MatchResult
    warnings: tuple[str, ...] = ()
    timings: dict[str, float] = Field(default_factory=dict)


class MinedPair(Frozen):
    """A mined sentence pair: 0-based sentence (or line) numbers and a probability."""

    src: int = Field(ge=0)
    tgt: int = Field(ge=0)
    score: float = Field(ge=0.0, le=1.0)


class MiningResult(Frozen):
    """Parallel sentences found in two comparable texts, best first."""

    pairs: tuple[MinedPair, ...] = ()
    threshold: float
    prior: float
    candidates: int = Field(ge=0, default=0)


class MiningReport(Frozen):
    """``bitext mine``: both texts' sentences, the mined pairs and the timings (``mt``, ``mine``)."""

    src_path: str
    tgt_path: str
    src_sentences: tuple[str, ...]
    tgt_sentences: tuple[str, ...]
    result: MiningResult
    engine: str | None = None
    warnings: tuple[str, ...] = ()
    timings: dict[str, float] = Field(default_factory=dict)


class DedupCounts(Frozen):
    """What deduplication saw: pairs offered, kept, and dropped as exact or near duplicates."""

    seen: int = Field(ge=0, default=0)
    kept: int = Field(ge=0, default=0)
    exact: int = Field(ge=0, default=0)
    near: int = Field(ge=0, default=0)

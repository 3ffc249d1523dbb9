"""Pydantic types that cross module boundaries, in pipeline order.

Every model is frozen and rejects unknown fields, so a typo in a JSON file or a
keyword argument fails loudly instead of being dropped. Stages pass these types,
never raw dicts or tuples. Sections follow the stages: ingest and segment →
translate → glossary → align → pairing → export → run (which records them all).
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any, Literal, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    computed_field,
    field_validator,
    model_validator,
)

from bitext.defaults import DEFAULT_CHUNK_ITEMS, DEFAULT_ENGINE, DEFAULT_EXECUTOR, DEFAULT_FORMATS


class Frozen(BaseModel):
    """Base for every bitext model: immutable, no unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


# --- ingest and segment ------------------------------------------------------------

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
    "control_character",
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


class RawItem(Frozen):
    """One item as read, before cleaning: from a ``.txt`` file or a JSONL/Parquet collection.

    ``path`` is the file it came from; ``line`` the 1-based line (JSONL) or row
    (Parquet) inside a collection, ``None`` for a ``.txt`` item. ``data`` is the item's
    text as UTF-8 bytes (a ``.txt`` file's bytes as read), hashed into the document.
    """

    id: str = Field(min_length=1)
    path: str
    line: int | None = Field(default=None, ge=1)
    data: bytes

    @property
    def where(self) -> str:
        """``path`` for a file item, ``path:line`` for an item of a collection."""
        return self.path if self.line is None else f"{self.path}:{self.line}"


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


class SkippedItem(Frozen):
    """An item left out (unreadable or empty with ``--skip-bad``, or not French), and why."""

    path: str
    reason: str


class ItemOverview(Frozen):
    """What ``bitext inspect`` shows of one item (its ``--json`` record), before translation."""

    id: str
    path: str
    lang: str | None
    lang_confidence: float | None = None
    title: str
    paragraphs: int = Field(ge=0)
    paragraph_langs: tuple[str | None, ...] = ()
    text: str
    sentences: tuple[Sentence, ...] = ()
    changes: tuple[Change, ...] = ()
    metadata: ItemMetadata = ItemMetadata()

    @classmethod
    def of(cls, document: Document) -> ItemOverview:
        """The overview of a loaded ``document``."""
        return cls(
            id=document.id,
            path=document.path,
            lang=document.lang,
            lang_confidence=document.lang_confidence,
            title=document.title,
            paragraphs=len(document.paragraphs),
            paragraph_langs=tuple(paragraph.lang for paragraph in document.paragraphs),
            text=document.text,
            sentences=document.sentences,
            changes=document.changes,
            metadata=document.metadata,
        )


# --- translate ---------------------------------------------------------------------

EngineName = Literal["auto", "argos", "apertium"]


class EngineOptions(Frozen):
    """How to build an engine; ``None`` leaves a setting to the engine's own default.

    Apertium takes none of them; ``auto`` passes them to Argos when it picks Argos
    (see :func:`bitext.translate.get_engine`, which documents each one).
    """

    models_dir: Path | None = None
    package_path: Path | None = None
    beam_size: int | None = Field(default=None, ge=1)
    compute_type: str | None = None
    device: str | None = None
    inter_threads: int | None = Field(default=None, ge=1)
    intra_threads: int | None = Field(default=None, ge=1)
    max_batch_tokens: int | None = Field(default=None, ge=1)
    max_decoding_length: int | None = Field(default=None, ge=1)
    max_input_tokens: int | None = Field(default=None, ge=1)


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


TermStatus = Literal["ok", "repaired", "missing"]


class TermHit(Frozen):
    """A glossary term found in a source sentence, and how the output renders it."""

    entry_id: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    source: str
    target: str
    status: TermStatus


# --- translate: protected names, places and numbers --------------------------------

SpanKind = Literal["term", "name", "place", "number", "title"]
SpanStatus = Literal["kept", "repaired", "lost"]


class ProtectedSpan(Frozen):
    """A span of a French sentence to keep verbatim or render a fixed way through any engine.

    Producers (the glossary, the name finder, the number reader) say what the span is and
    its English; :mod:`bitext.protect` decides how to get it through the engine.
    ``masked`` spans are replaced by an engine token where the engine copies tokens
    through; the others are left to the engine and checked afterwards (countries, which
    the engines know with their articles). ``variants`` are English renderings known to
    be wrong, replaced when found; ``parts`` are (French, English) fragments of a number
    fixed one by one when the whole rendering is not there. ``reorder`` lets a following
    nationality adjective move before the rendering ("the Iraqi Prime Minister").
    """

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    source: str
    rendering: str
    kind: SpanKind
    masked: bool = True
    variants: tuple[str, ...] = ()
    parts: tuple[tuple[str, str], ...] = ()
    nationality: str | None = None
    reorder: bool = False
    label: str = ""


class SpanHit(Frozen):
    """A protected name, place or number of a source sentence and what became of it.

    ``kept``: the output has it as it should be; ``repaired``: bitext put it there;
    ``lost``: nothing could place it (a quality signal).
    """

    kind: SpanKind
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    source: str
    target: str
    status: SpanStatus


class Translation(Frozen):
    """The English for one source sentence, 1:1 with the input ``Sentence``.

    ``quality`` is the reference-free quality estimate in [0, 1] (:mod:`bitext.quality`)
    the sentence-level step adds.
    """

    segment_id: str
    source: str
    target: str
    engine: EngineInfo
    cached: bool = False
    terms: tuple[TermHit, ...] = ()
    spans: tuple[SpanHit, ...] = ()
    quality: float | None = Field(default=None, ge=0.0, le=1.0)


class DocumentTranslation(Frozen):
    """The translation of one news item: its sentences 1:1, with what produced them."""

    doc_id: str
    path: str
    lang: str | None
    engine: EngineInfo
    translations: tuple[Translation, ...] = ()


class TranslatedDocument(Frozen):
    """A document as the document-translation path yields it.

    ``translation`` is ``None`` for a document not in the source language (it was
    not sent to the engine).
    """

    document: Document
    translation: DocumentTranslation | None = None


# --- glossary ----------------------------------------------------------------------

TermType = Literal["title", "institution", "name", "acronym"]


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
    countries: tuple[str, ...] = ()


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


class GlossarySummary(Frozen):
    """What ``bitext glossary validate`` reports: files, entry counts, fingerprint, notes."""

    files: tuple[str, ...]
    entries: int = Field(ge=0)
    types: dict[str, int] = Field(default_factory=dict)
    sha256: str
    notes: tuple[GlossaryNote, ...] = ()


class TermAccuracy(Frozen):
    """Terms rendered canonically over terms found (the WMT terminology exact-match measure)."""

    found: int = Field(ge=0)
    canonical: int = Field(ge=0)
    repaired: int = Field(ge=0, default=0)

    @model_validator(mode="before")
    @classmethod
    def _accept_own_dump(cls, data: Any) -> Any:
        """Read back what ``model_dump`` wrote: ``accuracy`` is computed, so it is dropped."""
        if isinstance(data, dict) and "accuracy" in data:
            return {key: value for key, value in data.items() if key != "accuracy"}
        return data

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


class ItemTermReport(Frozen):
    """Term QA of one news item: its accuracy and the terms not rendered canonically."""

    id: str
    path: str | None = None
    lang: str | None = None
    accuracy: TermAccuracy
    missing: tuple[TermHit, ...] = ()
    english_fixes: tuple[EnglishCheck, ...] = ()


class TranslationSummary(Frozen):
    """What ``bitext translate`` did: segments (lines or sentences) and items translated.

    ``skipped`` lists the items left alone (not French); ``terms`` is the term
    accuracy over every translation, ``None`` without a glossary.
    """

    segments: int = Field(ge=0)
    items: int = Field(ge=0, default=0)
    skipped: tuple[SkippedItem, ...] = ()
    terms: TermAccuracy | None = None


class GlossaryReport(Frozen):
    """What ``bitext glossary check`` found: per item and overall term accuracy."""

    glossary_sha256: str
    engine: str | None = None
    enforced: bool = True
    items: tuple[ItemTermReport, ...] = ()
    overall: TermAccuracy


# --- align -------------------------------------------------------------------------


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


# --- match, mine and dedup -----------------------------------------------------------


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


# --- pairing: the corpus a run builds ----------------------------------------------


PairOrigin = Literal["mt", "human", "post-edited"]


class SegmentPair(Frozen):
    """One line of the parallel corpus: aligned French and English text with provenance.

    ``terms`` lists the glossary entry ids the English renders canonically and
    ``missing_terms`` those found in the French that it does not. ``origin`` says who
    wrote the English (the engine, a human translator, or a translator who corrected the
    engine); ``quality`` is a reference-free estimate in [0, 1] when one was made.
    """

    id: str
    doc_id: str
    fr: str
    en: str
    bead: Bead
    engine: str | None = None
    terms: tuple[str, ...] = ()
    missing_terms: tuple[str, ...] = ()
    origin: PairOrigin = "mt"
    quality: float | None = Field(default=None, ge=0.0, le=1.0)


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
    # A French item whose English version was found in the run (issue 10):
    match: ItemMatch | None = Field(default=None, exclude_if=lambda value: value is None)


# --- export ------------------------------------------------------------------------

ExportFormat = Literal["tmx", "json", "jsonl", "txt", "tsv", "xliff", "parquet"]


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


class ConversionResult(Frozen):
    """What ``bitext export`` did: pairs copied from one format to another."""

    source: str
    source_format: ExportFormat
    format: ExportFormat
    outputs: tuple[str, ...]
    pairs: int = Field(ge=0)
    tmx_stripped_chars: int = Field(ge=0, default=0)


# --- run ---------------------------------------------------------------------------

ExecutorName = Literal["local", "ray"]
DeviceName = Literal["cpu", "cuda"]
_RAY_ADDRESS = re.compile(r"auto|(?:ray://)?(?:\[[0-9A-Fa-f:.]+\]|[^\s:/\[\]]+):\d{1,5}")


class InputFile(Frozen):
    """An input item as the manifest records it."""

    path: str
    sha256: str
    size: int = Field(ge=0)


def _paths_as_text(value: Any) -> Any:
    """Accept ``Path`` objects where a path is recorded as text."""
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, list | tuple):
        return tuple(str(item) if isinstance(item, Path) else item for item in value)
    return value


class RunOptions(Frozen):
    """Every setting of ``bitext run``, with its default: the one place they are written.

    The CLI builds it once (see :func:`bitext.run.options.run_options`, which turns a
    validation failure into a usage error) and passes it down; the manifest records
    the part that says what was asked (:class:`RecordedOptions`). Each check is a
    validator here, so no caller repeats it.
    """

    inputs: tuple[str, ...] = Field(min_length=1)
    outdir: str
    engine: EngineName = DEFAULT_ENGINE
    engine_options: EngineOptions = EngineOptions()
    glossaries: tuple[str, ...] = ()
    use_glossary: bool = True
    formats: tuple[ExportFormat, ...] = DEFAULT_FORMATS
    min_score: float | None = None
    min_quality: float | None = None
    resume: bool = True
    force: bool = False
    skip_bad: bool = False
    cache: str | None = None
    use_cache: bool = True
    chunk_items: int = DEFAULT_CHUNK_ITEMS
    teaser_markers: tuple[str, ...] = ()
    default_teasers: bool = True
    review: bool = True
    match: bool | None = None
    mine: bool = False
    deduplicate: bool = True
    executor: ExecutorName = DEFAULT_EXECUTOR
    ray_address: str | None = None
    workers: int | None = Field(default=None, ge=1)
    gpus_per_worker: float | None = Field(default=None, gt=0, allow_inf_nan=False)
    shard_items: int | None = Field(default=None, ge=1)

    _text_paths = field_validator("inputs", "outdir", "glossaries", "cache", mode="before")(_paths_as_text)

    @field_validator("engine", mode="before")
    @classmethod
    def _known_engine(cls, value: Any) -> Any:
        names = get_args(EngineName)
        if value not in names:
            raise ValueError(f"unknown engine {value!r}; choose one of: {', '.join(names)}")
        return value

    @field_validator("formats", mode="before")
    @classmethod
    def _known_formats(cls, value: Any) -> Any:
        names = get_args(ExportFormat)
        given = [value] if isinstance(value, str) else list(value)
        unknown = [str(name) for name in given if name not in names]
        if unknown or not given:
            raise ValueError(
                f"unknown format {', '.join(unknown) or '(none)'}; choose from: {', '.join(names)}"
            )
        return tuple(dict.fromkeys(given))

    @field_validator("min_score", "min_quality")
    @classmethod
    def _score_between_0_and_1(cls, value: float | None, info: ValidationInfo) -> float | None:
        if value is not None and (math.isnan(value) or not 0.0 <= value <= 1.0):
            flag = "--" + str(info.field_name).replace("_", "-")
            raise ValueError(f"{flag} must be a number from 0 to 1, not {value}")
        return value

    @field_validator("chunk_items")
    @classmethod
    def _chunk_at_least_one(cls, value: int) -> int:
        if value < 1:
            raise ValueError("the chunk size must be at least 1 item")
        return value

    @field_validator("teaser_markers")
    @classmethod
    def _markers_have_text(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if any(not marker.strip() for marker in value):
            raise ValueError("a --teaser-marker must have some text (an empty one would cut every item)")
        return value

    @field_validator("executor", mode="before")
    @classmethod
    def _known_executor(cls, value: Any) -> Any:
        names = get_args(ExecutorName)
        if value not in names:
            raise ValueError(f"unknown executor {value!r}; choose one of: {', '.join(names)}")
        return value

    @field_validator("ray_address")
    @classmethod
    def _address_form(cls, value: str | None) -> str | None:
        if value is not None and not _RAY_ADDRESS.fullmatch(value):
            raise ValueError(f"--ray-address {value!r}: expected auto, HOST:PORT or ray://HOST:PORT")
        return value

    @model_validator(mode="after")
    def _cluster_settings(self) -> RunOptions:
        device = self.engine_options.device
        if device is not None and device not in get_args(DeviceName):
            raise ValueError(f"unknown device {device!r}; choose one of: {', '.join(get_args(DeviceName))}")
        if device == "cuda" and self.engine == "apertium":
            raise ValueError("--device cuda is for the Argos engine; Apertium runs on CPUs only")
        ray_only = {
            "--ray-address": self.ray_address,
            "--workers": self.workers,
            "--gpus-per-worker": self.gpus_per_worker,
            "--shard-items": self.shard_items,
        }
        given = [flag for flag, value in ray_only.items() if value is not None]
        if self.executor == "local" and given:
            verb = "apply" if len(given) > 1 else "applies"
            raise ValueError(f"{', '.join(given)} {verb} only with --executor ray")
        if self.gpus_per_worker is not None and device != "cuda":
            raise ValueError("--gpus-per-worker reserves GPUs for --device cuda; add --device cuda")
        if self.mine and self.match is False:
            raise ValueError("--mine needs matching; drop --no-match")
        if self.shard_items is not None and self.shard_items % self.chunk_items:
            raise ValueError(
                f"--shard-items ({self.shard_items}) must be a multiple of --chunk-items "
                f"({self.chunk_items}), so each engine batch is the one a local run makes"
            )
        return self

    @model_validator(mode="after")
    def _consistent(self) -> RunOptions:
        if self.glossaries and not self.use_glossary:
            raise ValueError("--glossary and --no-glossary contradict each other")
        if self.cache is not None and not self.resume:
            raise ValueError("--no-resume empties OUTDIR's own cache; it cannot be combined with --cache")
        if self.cache is not None and not self.use_cache:
            raise ValueError("--cache and --no-cache contradict each other")
        return self


class RecordedOptions(Frozen):
    """The options of a ``bitext run`` as its manifest records them (what was asked).

    No defaults here: they live in :class:`RunOptions`; this is a record of one run.
    (A field added later has the value older runs behaved by, so their manifests still
    read.) ``teaser_markers`` are the paragraph starts the user added; ``default_teasers``
    whether bitext's own markers were used too.
    """

    inputs: tuple[str, ...]
    engine: str
    glossaries: tuple[str, ...]
    use_glossary: bool
    formats: tuple[ExportFormat, ...]
    min_score: float | None
    min_quality: float | None = None
    resume: bool
    skip_bad: bool
    cache: str | None
    teaser_markers: tuple[str, ...] | None
    default_teasers: bool = True
    match: bool = False
    mine: bool = False
    deduplicate: bool = False


class RunManifest(Frozen):
    """``manifest.json``: everything needed to say how the corpus in OUTDIR was made.

    ``status`` is ``running`` while a run may be replacing OUTDIR's files (a re-run
    leaves a finished run's manifest as it is until then), then ``complete``;
    ``outputs`` lists the files the run writes there, the only ones a later run may
    replace or delete; ``run_key`` identifies the run (see
    :func:`bitext.run.outdir.run_key`) so a re-run can tell its own OUTDIR from another's.
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
    options: RecordedOptions
    inputs: tuple[InputFile, ...] = ()
    outputs: tuple[str, ...] = ()
    # A run that matched French with English items only (issue 10):
    matching: dict[str, str | int | float | bool | None] | None = Field(
        default=None, exclude_if=lambda value: value is None
    )
    # A run on Ray only (absent from a local run's manifest, which stays as it was):
    cluster: ClusterRecord | None = Field(default=None, exclude_if=lambda value: value is None)
    shards: tuple[ShardRecord, ...] = Field(default=(), exclude_if=lambda value: not value)


class ShardRecord(Frozen):
    """One finished output shard of a distributed run, for the manifest and the merge.

    ``sha256`` and ``size`` are of the shard file as written; ``items`` counts the
    corpus items it holds.
    """

    index: int = Field(ge=0)
    path: str
    items: int = Field(ge=0)
    sha256: str
    size: int = Field(ge=0)


class RunReport(Frozen):
    """``report.json``: what a run did, in numbers, plus what needs a human look.

    ``sentences`` counts sentences per item language; ``cached_sentences`` those whose
    English came from the translation cache; ``mean_score`` is over kept pairs;
    ``items_with_missing_terms`` lists only French items with a term not rendered
    canonically (the report stays small on large runs); ``timings`` are seconds;
    ``quality`` is the distribution of the kept pairs' quality estimates.
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
    pair_origins: dict[str, int] = Field(default_factory=dict)
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
    quality: QualitySummary | None = None
    matching: RunMatching | None = None
    duplicates: DedupCounts | None = None


# --- review page -------------------------------------------------------------------


class ReviewTerm(Frozen):
    """A glossary term of a pair as the review page shows it.

    ``fr`` and ``en`` are ``[start, end)`` spans in the pair's French and English counted
    in UTF-16 code units, as JavaScript indexes strings, so the page can highlight them
    without re-searching; ``None`` where the term is not in that text (``en`` of a
    ``missing`` term).
    """

    id: str
    status: TermStatus
    source: str
    target: str
    fr: tuple[int, int] | None = None
    en: tuple[int, int] | None = None


class ReviewPair(Frozen):
    """One pair of the review page: the text, its scores and where it came from.

    ``item`` indexes the page's item list. ``quality`` (a quality estimate) and
    ``origin`` are optional so the page shows what a run has: a pair without them
    sorts and colours by its alignment ``score``. ``rejected`` is the reason a pair was
    left out of the corpus, ``None`` for kept pairs.
    """

    id: str
    item: int = Field(ge=0)
    fr: str
    en: str
    bead: str
    score: float
    quality: float | None = None
    origin: PairOrigin | None = None
    terms: tuple[ReviewTerm, ...] = ()
    rejected: str | None = None


class ReviewItem(Frozen):
    """One news item on the review page: counts, term accuracy, cleaning changes.

    ``wrong_terms`` are the non-canonical English terms of an English item (not
    translated, so it has no pairs).
    """

    id: str
    title: str = ""
    lang: str | None = None
    path: str = ""
    sentences: int = Field(ge=0, default=0)
    pairs: int = Field(ge=0, default=0)
    rejected: int = Field(ge=0, default=0)
    terms: TermAccuracy | None = None
    changes: tuple[Change, ...] = ()
    wrong_terms: tuple[TermHit, ...] = ()


class ChartBar(Frozen):
    """One bar of a review chart: its label, value, share of the axis (0–1) and colour class."""

    label: str
    value: float
    share: float = Field(ge=0.0, le=1.0)
    tone: Literal["low", "mid", "high", "plain"] = "plain"
    note: str = ""


class Chart(Frozen):
    """A small bar chart the review page draws as inline SVG."""

    title: str
    bars: tuple[ChartBar, ...] = ()
    caption: str = ""
    vertical: bool = False


class ReviewAttention(Frozen):
    """What a reviewer should look at first.

    Scores and terms are counted over the pairs kept in the corpus; ``rejected`` counts
    the pairs left out; ``wrong_english_terms`` the non-canonical terms of English items.
    """

    low_score: int = Field(ge=0, default=0)
    missing_terms: int = Field(ge=0, default=0)
    rejected: int = Field(ge=0, default=0)
    repaired_terms: int = Field(ge=0, default=0)
    wrong_english_terms: int = Field(ge=0, default=0)


class ReviewSummary(Frozen):
    """What ``bitext review`` wrote: the page and the counts it shows."""

    path: str
    outdir: str
    items: int = Field(ge=0)
    pairs: int = Field(ge=0)
    size_bytes: int = Field(ge=0)
    attention: ReviewAttention


# --- interchange formats: XLIFF, TBX/CSV, Parquet ------------------------------------


class XliffUnit(Frozen):
    """One ``trans-unit`` as an XLIFF file holds it (ours, or edited by a CAT tool).

    ``file`` is the ``original`` of its ``<file>``; ``target`` is ``None`` when the unit
    has none; ``notes`` are the ``<note from="bitext">`` texts; ``line`` its line.
    """

    id: str
    file: str = ""
    source: str
    target: str | None = None
    state: str | None = None
    notes: tuple[str, ...] = ()
    line: int = Field(ge=0, default=0)


class XliffImport(Frozen):
    """What ``bitext import-xliff`` did to a run's output folder.

    ``changed`` units had a target a translator edited: their pairs now read the new
    English with origin ``post-edited`` and the translation memory holds it;
    ``unchanged`` kept the English they had; ``empty`` had no usable target and were
    left alone. ``outputs`` are the files rewritten; ``terms_checked`` tells whether the
    post-edits' glossary statuses were checked with the run's glossary;
    ``review_rewritten`` whether ``review.html`` was rebuilt.
    """

    outdir: str
    files: tuple[str, ...]
    units: int = Field(ge=0)
    changed: int = Field(ge=0)
    unchanged: int = Field(ge=0)
    empty: int = Field(ge=0)
    changed_ids: tuple[str, ...] = ()
    outputs: tuple[str, ...] = ()
    memory: str
    terms_checked: bool = False
    review_rewritten: bool = False


GlossaryFileFormat = Literal["yaml", "tbx", "csv"]


class GlossaryConversion(Frozen):
    """A glossary written in another format (``bitext glossary import|export|add``).

    ``output`` is ``None`` when the text went to stdout; ``notes`` are the warnings
    and override conflicts found while loading.
    """

    source: tuple[str, ...]
    source_format: GlossaryFileFormat
    format: GlossaryFileFormat
    output: str | None = None
    entries: int = Field(ge=0)
    entry_ids: tuple[str, ...] = ()
    notes: tuple[GlossaryNote, ...] = ()


class HumanTranslation(Frozen):
    """English a person wrote or corrected for one French text, as the translation memory keeps it.

    ``terms`` and ``missing_terms`` are the glossary statuses of ``target`` (ids found
    canonical, and not), or ``None`` when they could not be checked (the run's glossary
    was not at hand); ``reference`` says where the correction came from.
    """

    source: str
    target: str
    reference: str = ""
    terms: tuple[str, ...] | None = None
    missing_terms: tuple[str, ...] | None = None


# --- run on a cluster (issue 11) ---------------------------------------------------


class ClusterRecord(Frozen):
    """How a run on Ray was spread, as its manifest records it (``ray_address`` as given;
    ``None``: Ray started embedded on the driver's machine; ``workers`` ``None``: as many
    as the cluster holds, not known yet, or no worker ran because every shard was kept)."""

    executor: ExecutorName
    ray_address: str | None
    workers: int | None = Field(default=None, ge=1)
    device: str
    gpus_per_worker: float = Field(ge=0)
    shard_items: int = Field(ge=1)


class ShardPiece(Frozen):
    """The items one input gives to a shard: a whole ``.txt`` item, or a range of a collection.

    ``path`` is the input as given (items are named by it, as in a local run);
    ``location`` is where a worker opens it (absolute). In a JSONL collection ``start``
    and ``stop`` are byte offsets and ``first_line`` the line number at ``start``; in a
    Parquet collection they are 0-based rows and ``first_line`` is ``start + 1``.
    ``stop`` ``None``: to the end.
    """

    path: str
    location: str
    start: int = Field(default=0, ge=0)
    stop: int | None = Field(default=None, ge=0)
    first_line: int = Field(default=1, ge=1)
    items: int = Field(ge=0)


class ItemShard(Frozen):
    """A small descriptor of one shard of a run's items, sent to the worker that reads them.

    ``key`` says what the shard is made from (its pieces, their inputs' checksums and
    every setting that shapes an item), so a resumed run reuses a finished shard only
    when nothing it depends on changed.
    """

    pieces: tuple[ShardPiece, ...]
    key: str

    @property
    def items(self) -> int:
        """The number of items (good or bad) the shard reads."""
        return sum(piece.items for piece in self.pieces)


class ShardLine(Frozen):
    """One line of a run's shard file: exactly one field is set.

    A shard file starts with the ``engine`` that made it and the worker's ``timings``
    (seconds per stage), then holds each item in input order, or the item ``skipped``.
    """

    engine: EngineInfo | None = Field(default=None, exclude_if=lambda value: value is None)
    timings: dict[str, float] | None = Field(default=None, exclude_if=lambda value: value is None)
    item: CorpusItem | None = Field(default=None, exclude_if=lambda value: value is None)
    skipped: SkippedItem | None = Field(default=None, exclude_if=lambda value: value is None)


class FinishedShard(Frozen):
    """A line of a run's shard journal: a shard written, and the key it was made for."""

    key: str
    record: ShardRecord


# --- run: human translations matched into the corpus (issue 10) ----------------------


class ItemMatch(Frozen):
    """The English item found to translate a French item of the run, and the match's probability.

    The French item's pairs are then its sentences aligned with that item's (origin ``human``).
    """

    en: str
    path: str
    score: float = Field(ge=0.0, le=1.0)


class RunMatching(Frozen):
    """What matching found among a run's items, for ``report.json``.

    ``matches`` lists every French item paired with its English version; ``unmatched``
    counts the items left without a partner by language and reason (``fr:below_threshold``;
    not listed, so the report stays small on large runs: ``bitext match`` names them);
    ``threshold`` and ``prior`` are the matcher's (see :class:`MatchResult`);
    ``mined_items`` the unmatched French items mined against their best candidate
    (``--mine``) and ``mined_pairs`` the pairs that gave.
    """

    french: int = Field(ge=0)
    english: int = Field(ge=0)
    matches: tuple[DocumentMatch, ...] = ()
    unmatched: dict[str, int] = Field(default_factory=dict)
    near_duplicates: tuple[tuple[str, ...], ...] = ()
    threshold: float
    prior: float
    mined_items: int = Field(ge=0, default=0)
    mined_pairs: int = Field(ge=0, default=0)


RunManifest.model_rebuild()


# --- quality estimate (issue 9) ----------------------------------------------------


class QualityFit(Frozen):
    """How the quality estimate's weights were fitted: the provenance shipped with them."""

    script: str
    date: str
    engine: str
    fit_data: str
    held_out_data: str
    target: str
    model: str
    fit_spearman_cv: float
    held_out_spearman: dict[str, float]
    notes: tuple[str, ...] = ()


class QualityWeights(Frozen):
    """The quality estimate's combiner, as ``bitext/quality/weights.json`` stores it.

    A score is ``intercept + Σ linear·z + Σ squared·z²`` over the standardised features
    ``z = clip((x - mean) / scale, ±clip)``; it becomes a value in [0, 1] as its rank
    among the fitting data's scores (``quantiles``, ascending), then each ``penalties``
    feature multiplies it by ``1 - weight · feature`` clamped to [0, 1].
    """

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    linear: tuple[float, ...]
    squared: tuple[float, ...]
    intercept: float
    clip: float = Field(gt=0)
    quantiles: tuple[float, ...] = Field(min_length=2)
    penalties: dict[str, float]
    fit: QualityFit

    @model_validator(mode="after")
    def _consistent(self) -> QualityWeights:
        count = len(self.features)
        if not len(self.mean) == len(self.scale) == len(self.linear) == len(self.squared) == count:
            raise ValueError("mean, scale, linear and squared need one value per feature")
        if any(name not in self.features for name in self.penalties):
            raise ValueError("every penalty must name a feature")
        if list(self.quantiles) != sorted(self.quantiles):
            raise ValueError("quantiles must be ascending")
        return self


class LowQualityPair(Frozen):
    """A kept pair among the run's lowest quality estimates (the report names them for a look)."""

    id: str
    doc_id: str
    quality: float
    fr: str
    en: str
    origin: PairOrigin = "mt"


class QualitySummary(Frozen):
    """The distribution of the kept pairs' quality estimates in a run's report.

    ``histogram`` counts pairs in ten bins of 0.1 (the last one includes 1.0); the
    quartiles are read from a histogram of 0.01 bins, so they are exact to 0.01.
    """

    pairs: int = Field(ge=0)
    mean: float | None = None
    quartiles: tuple[float, float, float] | None = None
    histogram: tuple[int, ...] = ()
    lowest: tuple[LowQualityPair, ...] = ()


CorpusItem.model_rebuild()
RunReport.model_rebuild()


# --- mining routes (issue 10) ------------------------------------------------------


class RouteTexts(Frozen):
    """Mining's extra Apertium routes for one input (see :mod:`bitext.match.routes`).

    ``second_mt`` is the Catalan route's English for each French sentence, 1:1;
    ``back`` the reverse route's French for each English sentence, 1:1.
    """

    second_mt: tuple[str, ...]
    back: tuple[str, ...]

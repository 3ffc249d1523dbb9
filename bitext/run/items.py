"""Corpus items from a chunk of documents: translation, pairs, rejects and term QA.

:func:`build_items` is a plain function over one batch: everything it needs comes in as
arguments and it does no I/O besides the engine and the cache, so an executor can run
it wherever it likes. All French sentences of the chunk go to the engine in one call
(through :func:`bitext.translate.documents.translate_documents`); then French items get
their pairs (see :mod:`bitext.run.pairing`) split into kept and rejected, English items
their glossary check, and other items go through untouched.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, MutableMapping, Sequence

from bitext.export.rewrite import apply_human_translations
from bitext.glossary import check_english, term_accuracy
from bitext.models import CorpusItem, Document, HumanTranslation, RejectedPair, SegmentPair, Translation
from bitext.progress import ProgressCallback
from bitext.quality import pair_quality
from bitext.run.pairing import pair_beads
from bitext.translate.documents import Translator, translate_documents


def build_items(
    chunk: Sequence[Document],
    translator: Translator,
    min_score: float | None,
    *,
    min_quality: float | None = None,
    human: Mapping[str, HumanTranslation] | None = None,
    timings: MutableMapping[str, float] | None = None,
    progress: ProgressCallback | None = None,
) -> list[CorpusItem]:
    """Translate a chunk's French sentences in one engine call, then build each item.

    Args:
        chunk: The documents, in order.
        translator: Engine, cache and glossary (``None`` glossary: no term QA).
        min_score: Pairs scoring below are rejected.
        min_quality: Pairs whose quality estimate is below are rejected.
        human: Translations people made (post-edits), by French text: a kept pair with
            that French takes them (origin ``post-edited``).
        timings: Seconds spent translating (``translate``) and pairing (``align``) are
            added here.
        progress: Called with the number of sentences just translated.

    Returns:
        One item per document, in order.
    """
    spent = timings if timings is not None else {}
    began = time.perf_counter()
    translated = list(
        translate_documents(chunk, translator, chunk_items=max(1, len(chunk)), progress=progress)
    )
    spent["translate"] = spent.get("translate", 0.0) + time.perf_counter() - began
    items = []
    for done in translated:
        document, base = done.document, _item(done.document)
        if done.translation is not None:
            began = time.perf_counter()
            translations = done.translation.translations
            item = _french_item(base, document, translations, translator, min_score)
            items.append(reject_low_quality(apply_human_translations(item, human or {}), min_quality))
            spent["align"] = spent.get("align", 0.0) + time.perf_counter() - began
        elif document.lang == "en":
            items.append(_english_item(base, document, translator))
        else:
            items.append(base)
    return items


def reject_reason(pair: SegmentPair, min_score: float | None, min_quality: float | None = None) -> str | None:
    """Why ``pair`` stays out of the corpus (one side missing, a low score or a low quality
    estimate); ``None`` to keep it."""
    if not pair.bead.src:
        return "unaligned: English without French (0-1 bead)"
    if not pair.bead.tgt:
        return "unaligned: French without English (1-0 bead)"
    if min_score is not None and pair.bead.score < min_score:
        return f"low score: {pair.bead.score} < {min_score}"
    if min_quality is not None and pair.quality is not None and pair.quality < min_quality:
        return f"low quality: {pair.quality} < {min_quality}"
    return None


def reject_low_quality(item: CorpusItem, min_quality: float | None) -> CorpusItem:
    """Kept pairs below ``min_quality`` go to the rejects.

    Checked once post-edits are in, so a pair a person corrected is judged by its new
    English, not by the machine's.
    """
    low = [pair for pair in item.pairs if reject_reason(pair, None, min_quality)]
    if not low:
        return item
    return item.model_copy(
        update={
            "pairs": tuple(pair for pair in item.pairs if pair not in low),
            "rejected": item.rejected
            + tuple(
                RejectedPair(pair=pair, reason=str(reject_reason(pair, None, min_quality))) for pair in low
            ),
        }
    )


def _item(document: Document) -> CorpusItem:
    return CorpusItem(
        id=document.id,
        path=document.path,
        sha256=document.sha256,
        lang=document.lang,
        lang_confidence=document.lang_confidence,
        title=document.title,
        changes=document.changes,
        sentences=document.sentences,
    )


def _french_item(
    base: CorpusItem,
    document: Document,
    translations: Sequence[Translation],
    translator: Translator,
    min_score: float | None,
) -> CorpusItem:
    french = [sentence.text for sentence in document.sentences]
    english = [translation.target for translation in translations]
    label = translator.engine.info.label()
    pairs: list[SegmentPair] = []
    rejected: list[RejectedPair] = []
    for index, bead in enumerate(pair_beads(french, english)):
        hits = [hit for i in bead.src for hit in translations[i].terms]
        pair = SegmentPair(
            id=f"{document.id}:{index}",
            doc_id=document.id,
            fr=" ".join(french[i] for i in bead.src),
            en=" ".join(english[i] for i in bead.tgt),
            bead=bead,
            engine=label,
            terms=tuple(dict.fromkeys(h.entry_id for h in hits if h.status != "missing")),
            missing_terms=tuple(dict.fromkeys(h.entry_id for h in hits if h.status == "missing")),
        )
        pair = pair.model_copy(update={"quality": bead_quality(pair, translations)})
        reason = reject_reason(pair, min_score)
        if reason is None:
            pairs.append(pair)
        else:
            rejected.append(RejectedPair(pair=pair, reason=reason))
    return base.model_copy(
        update={
            "translations": tuple(translations),
            "pairs": tuple(pairs),
            "rejected": tuple(rejected),
            "terms": term_accuracy(translations) if translator.glossary is not None else None,
        }
    )


def bead_quality(pair: SegmentPair, translations: Sequence[Translation] | None) -> float:
    """A bead's quality: 0 with one side empty, else the estimate of its text (see
    ``pair_quality``; ``translations`` is ``None`` for English a person wrote)."""
    if not pair.bead.src or not pair.bead.tgt:
        return 0.0
    return pair_quality(pair, None if translations is None else [translations[i] for i in pair.bead.src])


def _english_item(base: CorpusItem, document: Document, translator: Translator) -> CorpusItem:
    glossary = translator.glossary
    if glossary is None:
        return base
    checks = check_english(list(document.sentences), glossary)
    return base.model_copy(update={"english_checks": tuple(checks), "terms": term_accuracy(checks)})

"""Corpus items from documents: translation, pairs, rejects and term QA of one chunk.

All French sentences of a chunk go to the engine in one call (with the glossary
enforced), then each item is built: French items get their pairs (see
:mod:`bitext.pairing`) split into kept and rejected, English items their glossary
check, other items go through untouched.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from bitext.models import (
    CorpusItem,
    Document,
    EnglishItemCheck,
    RejectedPair,
    SegmentPair,
    Translation,
)
from bitext.report import RunStats

if TYPE_CHECKING:
    from bitext.glossary import Glossary
    from bitext.pipeline import RunProgress
    from bitext.translate.base import Engine
    from bitext.translate.cache import TranslationCache


def build_items(
    chunk: list[Document],
    engine: Engine,
    glossary: Glossary | None,
    cache: TranslationCache,
    min_score: float | None,
    stats: RunStats,
    progress: RunProgress | None,
) -> Iterator[tuple[CorpusItem, EnglishItemCheck | None]]:
    """Translate a chunk's French sentences in one engine call, then build each item.

    Yields:
        Each document's item, with its English check when it is an English item.
    """
    french = [document for document in chunk if document.lang == "fr"]
    began = time.perf_counter()
    translations = _translate([s for d in french for s in d.sentences], engine, glossary, cache, progress)
    stats.timings["translate"] += time.perf_counter() - began
    position = 0
    for document in chunk:
        base = _item(document)
        if document.lang == "fr":
            mine = translations[position : position + len(document.sentences)]
            position += len(document.sentences)
            began = time.perf_counter()
            yield _french_item(base, document, mine, engine, glossary, min_score), None
            stats.timings["align"] += time.perf_counter() - began
        elif document.lang == "en":
            yield _english_item(base, document, glossary)
        else:
            yield base, None


def _translate(
    sentences: list[Any],
    engine: Engine,
    glossary: Glossary | None,
    cache: TranslationCache,
    progress: RunProgress | None,
) -> list[Translation]:
    if not sentences:
        return []
    report = progress.sentences_done if progress is not None else None
    if glossary is None:
        from bitext.protect import translate_protected

        return translate_protected(engine, sentences, None, cache=cache, progress=report)
    from bitext.glossary import translate_with_glossary

    return translate_with_glossary(engine, sentences, glossary, cache=cache, progress=report)


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
    engine: Engine,
    glossary: Glossary | None,
    min_score: float | None,
) -> CorpusItem:
    from bitext.glossary import term_accuracy
    from bitext.pairing import pair_beads

    french = [sentence.text for sentence in document.sentences]
    english = [translation.target for translation in translations]
    label = engine.info.label()
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
        reason = _reject_reason(pair, min_score)
        if reason is None:
            pairs.append(pair)
        else:
            rejected.append(RejectedPair(pair=pair, reason=reason))
    return base.model_copy(
        update={
            "translations": tuple(translations),
            "pairs": tuple(pairs),
            "rejected": tuple(rejected),
            "terms": term_accuracy(translations) if glossary is not None else None,
        }
    )


def _reject_reason(pair: SegmentPair, min_score: float | None) -> str | None:
    if not pair.bead.src:
        return "unaligned: English without French (0-1 bead)"
    if not pair.bead.tgt:
        return "unaligned: French without English (1-0 bead)"
    if min_score is not None and pair.bead.score < min_score:
        return f"low score: {pair.bead.score} < {min_score}"
    return None


def _english_item(
    base: CorpusItem, document: Document, glossary: Glossary | None
) -> tuple[CorpusItem, EnglishItemCheck]:
    from bitext.glossary import check_english, term_accuracy

    checks = check_english(list(document.sentences), glossary) if glossary is not None else []
    accuracy = term_accuracy(checks)
    wrong = tuple(hit for check in checks for hit in check.terms if hit.status == "missing")
    summary = EnglishItemCheck(id=document.id, path=document.path, accuracy=accuracy, wrong=wrong)
    item = base.model_copy(
        update={"english_checks": tuple(checks), "terms": accuracy if glossary is not None else None}
    )
    return item, summary

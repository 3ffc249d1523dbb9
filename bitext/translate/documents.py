"""Translate the French items of a set of documents in one batched run.

All sentences of all items go to the engine together (that is what makes the Argos
engine fast); results are then regrouped per item. The sentence-level function is a
parameter so a caller can put glossary enforcement in its place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from bitext.models import Document, DocumentTranslation, Sentence, Translation
from bitext.translate.base import Engine
from bitext.translate.cache import TranslationCache
from bitext.translate.runner import Progress, translate_sentences

SentenceTranslator = Callable[..., list[Translation]]
"""``f(engine, sentences, *, cache=None, progress=None) -> list[Translation]``."""


def translate_documents(
    engine: Engine,
    documents: Iterable[Document],
    *,
    source_lang: str = "fr",
    cache: TranslationCache | None = None,
    progress: Progress | None = None,
    translate: SentenceTranslator = translate_sentences,
) -> tuple[list[DocumentTranslation], list[Document]]:
    """Translate every ``source_lang`` document; return (translated, skipped) documents.

    Args:
        engine: The engine to run.
        documents: Cleaned, segmented documents (see ``bitext.ingest``).
        source_lang: Only documents detected in this language are translated.
        cache: Translation memory, or None.
        progress: Called with the number of sentences just done.
        translate: The sentence-level function (default :func:`translate_sentences`).
    """
    chosen: list[Document] = []
    skipped: list[Document] = []
    for document in documents:
        (chosen if document.lang == source_lang else skipped).append(document)
    sentences: list[Sentence] = [s for d in chosen for s in d.sentences]
    translations = translate(engine, sentences, cache=cache, progress=progress)
    return _regroup(engine, chosen, translations), skipped


def _regroup(
    engine: Engine, documents: Sequence[Document], translations: Sequence[Translation]
) -> list[DocumentTranslation]:
    results, position = [], 0
    info = engine.info
    for document in documents:
        count = len(document.sentences)
        results.append(
            DocumentTranslation(
                doc_id=document.id,
                path=document.path,
                lang=document.lang,
                engine=info,
                translations=tuple(translations[position : position + count]),
            )
        )
        position += count
    return results

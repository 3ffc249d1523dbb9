"""The one document-translation path: every command that translates goes through here.

:func:`translate_documents` streams documents in chunks and sends all source-language
sentences of a chunk to the engine together (that is what makes the Argos engine fast),
then yields each document with its translation; :func:`translate_lines` does the same
for one segment per line (``bitext translate -``). Both call
:meth:`Translator.sentences`, the single sentence-level step: names, places and numbers
are protected there (:mod:`bitext.protect`), whether the glossary is enforced, only
checked or not used is decided there, and each sentence gets its quality estimate there
(:mod:`bitext.quality`), so every command and executor has it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

from bitext.defaults import DEFAULT_CHUNK_ITEMS
from bitext.glossary import Glossary, check_translations
from bitext.models import Document, DocumentTranslation, Sentence, TranslatedDocument, Translation
from bitext.progress import ProgressCallback
from bitext.protect import translate_protected
from bitext.quality import with_quality
from bitext.segment import line_sentences
from bitext.translate.base import Engine
from bitext.translate.cache import TranslationCache
from bitext.translate.memo import TranslationMemo
from bitext.translate.runner import DEFAULT_BATCH_SIZE, clean_source

EngineFactory = Callable[[], Engine]
_Item = TypeVar("_Item")


class Translator:
    """How sentences become English: the engine, its cache and the glossary.

    Args:
        engine: The engine, or a function that builds it on first use (a term check
            of English items needs none, so none is built).
        glossary: Terms to handle; ``None`` translates without a glossary.
        enforce: With a glossary: ``True`` puts every term in its canonical English;
            ``False`` translates plainly and only records which terms came out
            canonical (to measure the bare engine).
        cache: The translation memory, or ``None``.
    """

    def __init__(
        self,
        engine: Engine | EngineFactory,
        *,
        glossary: Glossary | None = None,
        enforce: bool = True,
        cache: TranslationCache | None = None,
    ) -> None:
        self._engine = engine
        self._glossary = glossary
        self._enforce = enforce
        self._cache = cache
        self._memo = TranslationMemo()

    @property
    def glossary(self) -> Glossary | None:
        """The glossary (setting another forgets the translations kept so far)."""
        return self._glossary

    @glossary.setter
    def glossary(self, glossary: Glossary | None) -> None:
        self._glossary = glossary
        self._memo.clear()

    @property
    def enforce(self) -> bool:
        """Whether glossary terms are enforced (setting it forgets the translations kept so far)."""
        return self._enforce

    @enforce.setter
    def enforce(self, enforce: bool) -> None:
        self._enforce = enforce
        self._memo.clear()

    @property
    def cache(self) -> TranslationCache | None:
        """The translation memory (setting another forgets the translations kept so far)."""
        return self._cache

    @cache.setter
    def cache(self, cache: TranslationCache | None) -> None:
        self._cache = cache
        self._memo.clear()

    @property
    def engine(self) -> Engine:
        """The engine, built now if only its factory was given."""
        if not isinstance(self._engine, Engine):
            self._engine = self._engine()
        return self._engine

    @property
    def engine_built(self) -> bool:
        """Whether the engine exists (it is built only when a sentence needs it)."""
        return isinstance(self._engine, Engine)

    def sentences(
        self, sentences: Sequence[Sentence], progress: ProgressCallback | None = None
    ) -> list[Translation]:
        """Translate ``sentences`` 1:1: the one sentence-level step of every command.

        A sentence seen before (earlier in ``sentences`` or in an earlier call) is not
        done again: it gets the same translation under its own id
        (:mod:`bitext.translate.memo`), marked ``cached`` as the translation cache would
        have marked it.

        Returns:
            One ``Translation`` per sentence with its quality estimate
            (:mod:`bitext.quality`); with a glossary, ``terms`` holds each term's status.
        """
        if not sentences:
            return []
        done: dict[str, Translation] = {}
        new: dict[str, Sentence] = {}
        for sentence in sentences:
            if sentence.text in done or sentence.text in new:
                continue
            remembered = self._memo.get(sentence.text)
            if remembered is None:
                new[sentence.text] = sentence
            else:  # in the translation cache since its first call, when there is one
                cached = self.cache is not None and bool(clean_source(sentence.text))
                done[sentence.text] = remembered.model_copy(update={"cached": cached})
        if progress is not None and len(sentences) > len(new):
            progress(len(sentences) - len(new))
        if new:
            for text, translation in zip(new, self._translate(list(new.values()), progress), strict=True):
                self._memo.put(text, translation)
                done[text] = translation
        return [done[s.text].model_copy(update={"segment_id": s.id}) for s in sentences]

    def _translate(self, sentences: list[Sentence], progress: ProgressCallback | None) -> list[Translation]:
        """The sentence-level step itself: protect, translate, check the terms, estimate."""
        enforced = self.glossary if self.enforce else None
        translations = translate_protected(
            self.engine, sentences, enforced, cache=self.cache, progress=progress
        )
        if self.glossary is not None and not self.enforce:
            translations = check_translations(translations, self.glossary)
        return with_quality(translations)


def translate_documents(
    documents: Iterable[Document],
    translator: Translator,
    *,
    chunk_items: int = DEFAULT_CHUNK_ITEMS,
    source_lang: str = "fr",
    progress: ProgressCallback | None = None,
) -> Iterator[TranslatedDocument]:
    """Translate the ``source_lang`` documents of a stream, ``chunk_items`` at a time.

    Args:
        documents: Cleaned, segmented documents (see :mod:`bitext.ingest`), read lazily.
        translator: The engine, cache and glossary.
        chunk_items: Documents whose sentences go to the engine together; memory
            holds one chunk.
        source_lang: Only documents detected in this language are translated.
        progress: Called with the number of sentences just translated.

    Yields:
        Every document in input order, with its translation (``None`` when it is not
        in ``source_lang``).
    """
    for chunk in chunked(documents, chunk_items):
        chosen = [document for document in chunk if document.lang == source_lang]
        translations = translator.sentences([s for d in chosen for s in d.sentences], progress)
        grouped = iter(_regroup(translator, chosen, translations))
        for document in chunk:
            translation = next(grouped) if document.lang == source_lang else None
            yield TranslatedDocument(document=document, translation=translation)


def translate_lines(
    lines: Iterable[str],
    translator: Translator,
    *,
    doc_id: str = "stdin",
    batch_lines: int = DEFAULT_BATCH_SIZE,
    progress: ProgressCallback | None = None,
) -> Iterator[Translation]:
    """Translate one segment per line, ``batch_lines`` at a time, as the lines arrive.

    Memory holds one batch, so a stream of any length translates in flat memory.

    Yields:
        One ``Translation`` per line, ids ``<doc_id>:<line index>`` (an empty line gives
        an empty translation).
    """
    first = offset = 0
    for batch in chunked(lines, batch_lines):
        sentences = line_sentences(doc_id, batch, first_index=first, first_offset=offset)
        yield from translator.sentences(sentences, progress)
        first += len(batch)
        offset = sentences[-1].end + 1


def chunked(items: Iterable[_Item], size: int) -> Iterator[list[_Item]]:
    """Lists of ``size`` consecutive items (the last one shorter), read lazily."""
    chunk: list[_Item] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _regroup(
    translator: Translator, documents: Sequence[Document], translations: Sequence[Translation]
) -> Iterator[DocumentTranslation]:
    if not documents:
        return
    position, info = 0, translator.engine.info
    for document in documents:
        count = len(document.sentences)
        yield DocumentTranslation(
            doc_id=document.id,
            path=document.path,
            lang=document.lang,
            engine=info,
            translations=tuple(translations[position : position + count]),
        )
        position += count

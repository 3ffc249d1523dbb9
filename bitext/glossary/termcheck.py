"""Term QA over whole news items: translate the French ones, check the English ones.

This is what ``bitext glossary check`` runs; it returns a report and prints nothing.
French items go through the one document-translation path
(:func:`bitext.translate.documents.translate_documents`), with the glossary enforced or
only checked.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from bitext.errors import TermCheckFailed
from bitext.glossary.io import Glossary
from bitext.glossary.qa import check_english, term_accuracy
from bitext.ingest import collect_inputs, load_documents
from bitext.models import (
    Document,
    EnglishCheck,
    GlossaryReport,
    ItemTermReport,
    Sentence,
    TermAccuracy,
    Translation,
)
from bitext.progress import ProgressCallback
from bitext.segment import line_sentences
from bitext.translate.base import Engine
from bitext.translate.cache import TranslationCache
from bitext.translate.documents import EngineFactory, Translator, translate_documents


def check_terms(
    inputs: Sequence[str | Path],
    glossary: Glossary,
    engine: Engine | EngineFactory,
    *,
    enforce: bool = True,
    fix_english: bool = False,
    cache: TranslationCache | None = None,
    progress: ProgressCallback | None = None,
) -> GlossaryReport:
    """Term accuracy of news items, or, with no ``inputs``, of every glossary form alone.

    Args:
        inputs: News files or folders; none translates each glossary form as a sentence
            of its own (a self-test of the engine, one item per entry).
        glossary: The glossary.
        engine: The engine, or a function that builds it (called only if a French
            sentence needs it).
        enforce: Apply the glossary while translating (``False`` measures the bare engine).
        fix_english: Repair known-wrong variants in English items; the repaired
            sentences are in each item's ``english_fixes``.
        cache: A translation cache, or ``None``.
        progress: Called with the number of French sentences just translated.

    Raises:
        UsageError, InputError: An input cannot be read.
        ModelError: A French sentence needs an engine and none can run.
    """
    translator = Translator(engine, glossary=glossary, enforce=enforce, cache=cache)
    if not inputs:
        items = _form_items(glossary, translator, progress)
    else:
        documents = load_documents(collect_inputs(inputs))
        items = _document_items(documents, translator, fix_english, progress)
    reports = tuple(items)
    return GlossaryReport(
        glossary_sha256=glossary.sha256,
        engine=translator.engine.info.label() if translator.engine_built else None,
        enforced=enforce,
        items=reports,
        overall=_sum(report.accuracy for report in reports),
    )


def require_canonical(report: GlossaryReport) -> None:
    """Fail when a term found is not rendered canonically (``glossary check --strict``).

    Raises:
        TermCheckFailed: Some term is missing (exit 1).
    """
    overall = report.overall
    if overall.found != overall.canonical:
        raise TermCheckFailed(
            f"{overall.found - overall.canonical} of {overall.found} term(s) not rendered canonically"
        )


def glossary_sentences(glossary: Glossary) -> list[Sentence]:
    """Every source form of the glossary as a sentence of its own (a self-test of the engine)."""
    return [sentence for entry in glossary.entries for sentence in line_sentences(entry.id, entry.sources)]


def _document_items(
    documents: Iterable[Document],
    translator: Translator,
    fix_english: bool,
    progress: ProgressCallback | None,
) -> Iterator[ItemTermReport]:
    """French items translated (one engine call per chunk), English items checked, others listed."""
    glossary = translator.glossary
    assert glossary is not None, "a term check always has a glossary"
    for done in translate_documents(documents, translator, progress=progress):
        document = done.document
        results: Sequence[Translation | EnglishCheck] = ()
        fixes: list[EnglishCheck] = []
        if done.translation is not None:
            results = done.translation.translations
        elif document.lang == "en":
            checks = check_english(list(document.sentences), glossary, fix=fix_english)
            results, fixes = checks, [check for check in checks if check.fixed != check.text]
        yield _item_report(document.id, document.path, document.lang, results, fixes)


def _form_items(
    glossary: Glossary, translator: Translator, progress: ProgressCallback | None
) -> Iterator[ItemTermReport]:
    """One French item per entry: every form of every entry translated alone, in one engine call."""
    sentences = glossary_sentences(glossary)
    by_entry: dict[str, list[Translation]] = {}
    for translation in translator.sentences(sentences, progress):
        by_entry.setdefault(translation.segment_id.rpartition(":")[0], []).append(translation)
    for entry_id, translations in by_entry.items():
        yield _item_report(entry_id, None, "fr", translations, [])


def _item_report(
    item: str,
    path: str | None,
    lang: str | None,
    results: Sequence[Translation | EnglishCheck],
    fixes: Sequence[EnglishCheck],
) -> ItemTermReport:
    return ItemTermReport(
        id=item,
        path=path,
        lang=lang,
        accuracy=term_accuracy(results),
        missing=tuple(hit for result in results for hit in result.terms if hit.status == "missing"),
        english_fixes=tuple(fixes),
    )


def _sum(accuracies: Iterable[TermAccuracy]) -> TermAccuracy:
    found = canonical = repaired = 0
    for accuracy in accuracies:
        found += accuracy.found
        canonical += accuracy.canonical
        repaired += accuracy.repaired
    return TermAccuracy(found=found, canonical=canonical, repaired=repaired)

"""Term QA over whole news items: translate the French ones, check the English ones.

This is what ``bitext glossary check`` runs; it returns a report and prints nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from bitext.glossary.io import Glossary
from bitext.glossary.qa import check_english, check_translations, term_accuracy
from bitext.models import (
    Document,
    EnglishCheck,
    GlossaryReport,
    ItemTermReport,
    Sentence,
    Translation,
)


def glossary_sentences(glossary: Glossary) -> list[Sentence]:
    """Every source form of the glossary as a sentence of its own (a self-test of the engine)."""
    from bitext.segment import line_sentences

    return [sentence for entry in glossary.entries for sentence in line_sentences(entry.id, entry.sources)]


def check_documents(
    documents: Iterable[Document],
    glossary: Glossary,
    engine_factory: Callable[[], Any],
    *,
    enforce: bool = True,
    fix_english: bool = False,
    cache: Any = None,
    progress: Callable[[int], None] | None = None,
) -> GlossaryReport:
    """Term accuracy of each item: French items translated (with or without enforcement), English checked.

    Args:
        documents: Loaded items; French and English ones are checked, others listed with no terms.
        glossary: The glossary.
        engine_factory: Builds the engine, called only if a French item is present.
        enforce: Apply the glossary while translating (``False`` measures the bare engine).
        fix_english: Repair known-wrong variants in English items; the repaired sentences
            are in each item's ``english_fixes``.
        cache: A translation cache for the engine, or ``None``.
        progress: Called with the number of French sentences just translated.
    """
    documents = list(documents)
    french = [s for d in documents if d.lang == "fr" for s in d.sentences]
    return _report(
        [(d.id, d.path, d.lang, list(d.sentences)) for d in documents],
        french,
        glossary,
        engine_factory,
        enforce=enforce,
        fix_english=fix_english,
        cache=cache,
        progress=progress,
    )


def check_glossary_forms(
    glossary: Glossary,
    engine_factory: Callable[[], Any],
    *,
    enforce: bool = True,
    cache: Any = None,
    progress: Callable[[int], None] | None = None,
) -> GlossaryReport:
    """Translate every source form alone and report how each entry comes out (one item per entry)."""
    sentences = glossary_sentences(glossary)
    by_entry: dict[str, list[Sentence]] = {}
    for sentence in sentences:
        by_entry.setdefault(sentence.id.rpartition(":")[0], []).append(sentence)
    items = [(entry_id, None, "fr", group) for entry_id, group in by_entry.items()]
    return _report(
        items, sentences, glossary, engine_factory, enforce=enforce, cache=cache, progress=progress
    )


def _report(
    items: Sequence[tuple[str, str | None, str | None, list[Sentence]]],
    french: list[Sentence],
    glossary: Glossary,
    engine_factory: Callable[[], Any],
    *,
    enforce: bool,
    cache: Any,
    progress: Callable[[int], None] | None,
    fix_english: bool = False,
) -> GlossaryReport:
    engine_label = None
    results: dict[str, Translation | EnglishCheck] = {}
    if french:
        engine = engine_factory()
        engine_label = engine.info.label()
        for translation in _translate(engine, french, glossary, enforce, cache, progress):
            results[translation.segment_id] = translation
    reports = []
    for item, path, lang, sentences in items:
        fixes: list[EnglishCheck] = []
        if lang == "en":
            for check in check_english(sentences, glossary, fix=fix_english):
                results[check.segment_id] = check
                if check.fixed != check.text:
                    fixes.append(check)
        checked = [results[s.id] for s in sentences if s.id in results]
        reports.append(
            ItemTermReport(
                id=item,
                path=path,
                lang=lang,
                accuracy=term_accuracy(checked),
                missing=tuple(hit for result in checked for hit in result.terms if hit.status == "missing"),
                english_fixes=tuple(fixes),
            )
        )
    return GlossaryReport(
        glossary_sha256=glossary.sha256,
        engine=engine_label,
        enforced=enforce,
        items=tuple(reports),
        overall=term_accuracy(results.values()),
    )


def _translate(
    engine: Any,
    sentences: list[Sentence],
    glossary: Glossary,
    enforce: bool,
    cache: Any,
    progress: Callable[[int], None] | None,
) -> list[Translation]:
    if enforce:
        from bitext.glossary.enforce import translate_with_glossary

        return translate_with_glossary(engine, sentences, glossary, cache=cache, progress=progress)
    from bitext.protect import translate_protected

    return check_translations(
        translate_protected(engine, sentences, None, cache=cache, progress=progress), glossary
    )

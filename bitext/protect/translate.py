"""The one sentence-level entry point: protect, translate, restore, post-edit.

:func:`translate_protected` finds every span to protect in each sentence (glossary terms
when a glossary is given, then names, places and numbers; terms win over anything they
overlap, else the longest span wins), gets them through the engine the strongest way it
allows (tokens for placeholder-safe engines, check-and-repair for the others and for
soft spans) and records what became of each: ``Translation.terms`` for glossary terms,
``Translation.spans`` for names, places and numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bitext.collector import collector_paused
from bitext.glossary.qa import term_hits
from bitext.glossary.spans import term_spans
from bitext.models import ProtectedSpan, Sentence, Translation
from bitext.names import find_names, find_numbers, locative_places
from bitext.progress import ProgressCallback
from bitext.protect.casing import headline_case
from bitext.protect.locate import attention_locator, engine_renderings, rendering_locator
from bitext.protect.mask import mask, unmask
from bitext.protect.repair import post_edit
from bitext.protect.spans import Status, resolve, span_hits
from bitext.translate.base import AligningEngine, Engine, PlaceholderSafeEngine
from bitext.translate.cache import TranslationCache
from bitext.translate.runner import translate_sentences

if TYPE_CHECKING:
    from bitext.glossary.io import Glossary
    from bitext.glossary.matcher import TermMatch


@dataclass(frozen=True)
class Plan:
    """The protected spans of one sentence; the first ``len(matches)`` come from the glossary."""

    spans: tuple[ProtectedSpan, ...]
    matches: tuple[TermMatch, ...]
    term_positions: tuple[int, ...]


def plan_sentence(text: str, glossary: Glossary | None) -> Plan:
    """Every span of ``text`` to protect: glossary terms, names, places, numbers."""

    matches = tuple(glossary.matcher.find(text)) if glossary is not None else ()
    terms = term_spans(matches)
    spans = resolve(terms, [*locative_places(text, find_names(text)), *find_numbers(text)])
    by_start = {id(span): position for position, span in enumerate(spans)}
    return Plan(tuple(spans), matches, tuple(by_start[id(term)] for term in terms))


def translate_protected(
    engine: Engine,
    sentences: Sequence[Sentence],
    glossary: Glossary | None = None,
    *,
    cache: TranslationCache | None = None,
    progress: ProgressCallback | None = None,
) -> list[Translation]:
    """Translate ``sentences`` 1:1 with names, places, numbers (and glossary terms) right.

    Args:
        engine: Any engine; placeholder-safe and aligning engines get stronger methods.
        sentences: Source sentences (French).
        glossary: The glossary to enforce, or ``None`` for names, places and numbers only.
        cache: A ``TranslationCache`` used for every engine call, or ``None``.
        progress: Called with the number of sentences just translated.

    Returns:
        One ``Translation`` per sentence; ``terms`` holds each glossary term's status and
        ``spans`` each protected name, place and number.

    The cycle collector is paused for the call (see :mod:`bitext.collector`): the plans,
    spans and models it makes hold no cycles, and its passes cost about a tenth of the
    Python time of a 2,000-sentence call.
    """

    sentences = list(sentences)
    with collector_paused():
        plans = [plan_sentence(sentence.text, glossary) for sentence in sentences]
        if isinstance(engine, PlaceholderSafeEngine):
            return _with_placeholders(engine, sentences, plans, cache, progress)
        raw = translate_sentences(engine, sentences, cache=cache, progress=progress)
        return _post_edited(engine, raw, plans, cache)


def _finish(translation: Translation, text: str, plan: Plan, statuses: Sequence[Status]) -> Translation:

    terms = [statuses[position] for position in plan.term_positions]
    positions = set(plan.term_positions)
    others = [i for i in range(len(plan.spans)) if i not in positions]
    return translation.model_copy(
        update={
            "target": headline_case(translation.source, text),
            "terms": term_hits(plan.matches, terms),  # type: ignore[arg-type]
            "spans": span_hits([plan.spans[i] for i in others], [statuses[i] for i in others]),
        }
    )


def _post_edited(
    engine: Engine, raw: list[Translation], plans: list[Plan], cache: TranslationCache | None
) -> list[Translation]:
    """Post-edit every translation; ask the engine where unplaced spans went."""

    results: list[Translation | None] = []
    unplaced: list[int] = []
    for index, translation in enumerate(raw):
        text, statuses = post_edit(translation.target, plans[index].spans)
        if "missing" in statuses:
            unplaced.append(index)
            results.append(None)
        else:
            results.append(_finish(translation, text, plans[index], statuses))
    if unplaced and isinstance(engine, AligningEngine):
        aligned = engine.translate_aligned([raw[i].source for i in unplaced])
        for index, output in zip(unplaced, aligned, strict=True):
            spans = plans[index].spans
            text, statuses = post_edit(output.target, spans, attention_locator(output, spans))
            results[index] = _finish(raw[index], text, plans[index], statuses)
    elif unplaced:
        renderings = engine_renderings(engine, [s for i in unplaced for s in plans[i].spans], cache)
        for index in unplaced:
            spans = plans[index].spans
            locate = rendering_locator(raw[index].target, spans, renderings)
            text, statuses = post_edit(raw[index].target, spans, locate)
            results[index] = _finish(raw[index], text, plans[index], statuses)
    return [result for result in results if result is not None]


def _with_placeholders(
    engine: PlaceholderSafeEngine,
    sentences: list[Sentence],
    plans: list[Plan],
    cache: TranslationCache | None,
    progress: ProgressCallback | None,
) -> list[Translation]:

    masked: list[Sentence] = []
    tokens: list[list[str]] = []
    for sentence, plan in zip(sentences, plans, strict=True):
        hard = [span for span in plan.spans if span.masked]
        text, used = mask(engine, sentence.text, hard) if hard else (sentence.text, [])
        masked.append(sentence.model_copy(update={"text": text}) if hard else sentence)
        tokens.append(used)
    raw = translate_sentences(engine, masked, cache=cache, progress=progress)
    results: list[Translation | None] = []
    lost: list[int] = []
    for index, translation in enumerate(raw):
        plan, sentence = plans[index], sentences[index]
        translation = translation.model_copy(update={"source": sentence.text})
        hard = [span for span in plan.spans if span.masked]
        text, counts = unmask(translation.target, tokens[index], hard, sentence.text)
        if 0 in counts:
            lost.append(index)
            results.append(None)
            continue
        results.append(_finish(translation, *_soft_checked(text, plan)))
    if lost:
        retry = translate_sentences(engine, [sentences[i] for i in lost], cache=cache)
        for index, translation in zip(
            lost, _post_edited(engine, retry, [plans[i] for i in lost], cache), strict=True
        ):
            results[index] = translation
    return [result for result in results if result is not None]


def _soft_checked(text: str, plan: Plan) -> tuple[str, Plan, list[Status]]:
    """Masked spans are placed; spans the engine translated itself are checked and repaired."""
    soft = [span for span in plan.spans if not span.masked]
    edited, soft_statuses = post_edit(text, soft) if soft else (text, [])
    checked = iter(soft_statuses)
    terms = set(plan.term_positions)
    statuses: list[Status] = []
    for position, span in enumerate(plan.spans):
        if not span.masked:
            statuses.append(next(checked))
        else:  # a glossary term is put there by bitext; a name or number was kept as it is
            statuses.append("repaired" if position in terms else "ok")
    return edited, plan, statuses

"""Term QA: which glossary terms a sentence holds and whether the English renders them.

Term accuracy is the WMT terminology task's exact-match measure: terms rendered with
their canonical English form over terms found in the source. ``repaired`` terms count
as rendered (bitext put the canonical form there); ``missing`` ones do not.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

from bitext.glossary.english import phrase_spans
from bitext.glossary.io import Glossary
from bitext.glossary.matcher import TermMatch
from bitext.models import EnglishCheck, Sentence, TermAccuracy, TermHit, TermStatus, Translation

Span = tuple[int, int]


def overlaps(span: Span, taken: Iterable[Span]) -> bool:
    """True when ``span`` shares a character with any span in ``taken``."""
    return any(span[0] < end and start < span[1] for start, end in taken)


def canonical_slots(target: str, matches: Sequence[TermMatch]) -> list[Span | None]:
    """Give each term the span of ``target`` that renders it canonically, or ``None``.

    Longer renderings claim their spans first, so "Deputy Minister of Health" is not
    also counted as the "Minister" of another term; each span serves one term.
    """
    slots: list[Span | None] = [None] * len(matches)
    by_rendering: dict[str, list[int]] = defaultdict(list)
    for index, match in enumerate(matches):
        by_rendering[match.render()].append(index)
    taken: list[Span] = []
    for rendering in sorted(by_rendering, key=lambda text: (-len(text), text)):
        free = [span for span in phrase_spans(target, rendering, exact=True) if not overlaps(span, taken)]
        for index, span in zip(by_rendering[rendering], free, strict=False):
            slots[index] = span
            taken.append(span)
    return slots


def term_hits(matches: Sequence[TermMatch], statuses: Sequence[TermStatus]) -> tuple[TermHit, ...]:
    """The ``TermHit`` records of a sentence's matches."""
    return tuple(
        TermHit(
            entry_id=match.entry.id,
            start=match.start,
            end=match.end,
            source=match.source,
            target=match.render(),
            status=status,
        )
        for match, status in zip(matches, statuses, strict=True)
    )


def check_translations(translations: Sequence[Translation], glossary: Glossary) -> list[Translation]:
    """Record, without changing any output, which source terms each translation renders canonically."""
    checked = []
    for translation in translations:
        matches = glossary.matcher.find(translation.source)
        slots = canonical_slots(translation.target, matches)
        statuses: list[TermStatus] = ["ok" if slot else "missing" for slot in slots]
        checked.append(translation.model_copy(update={"terms": term_hits(matches, statuses)}))
    return checked


def check_english(
    sentences: Sequence[Sentence], glossary: Glossary, *, fix: bool = False
) -> list[EnglishCheck]:
    """Report canonical forms (``ok``) and known-wrong variants in English sentences.

    Args:
        sentences: English sentences (from English items).
        glossary: The glossary whose English forms are checked.
        fix: Replace each known-wrong variant with the canonical form (status
            ``repaired``); otherwise wrong variants are ``missing`` and the text is kept.
    """
    checks = []
    for sentence in sentences:
        found = glossary.english.scan(sentence.text)
        hits = []
        pieces = []
        previous = 0
        for match in found:
            status: TermStatus = "ok" if match.canonical else ("repaired" if fix else "missing")
            hits.append(
                TermHit(
                    entry_id=match.entry.id,
                    start=match.start,
                    end=match.end,
                    source=match.text,
                    target=match.replacement,
                    status=status,
                )
            )
            if fix and not match.canonical:
                pieces += [sentence.text[previous : match.start], match.replacement]
                previous = match.end
        fixed = "".join([*pieces, sentence.text[previous:]]) if fix else sentence.text
        checks.append(
            EnglishCheck(segment_id=sentence.id, text=sentence.text, fixed=fixed, terms=tuple(hits))
        )
    return checks


def term_accuracy(items: Iterable[Translation | EnglishCheck]) -> TermAccuracy:
    """Overall term accuracy of translations or English checks."""
    found = canonical = repaired = 0
    for item in items:
        for hit in item.terms:
            found += 1
            canonical += hit.status != "missing"
            repaired += hit.status == "repaired"
    return TermAccuracy(found=found, canonical=canonical, repaired=repaired)


def item_id(segment_id: str) -> str:
    """The document part of a ``"<doc_id>:<index>"`` segment id."""
    head, separator, _ = segment_id.rpartition(":")
    return head if separator else segment_id


def term_accuracy_by_item(items: Iterable[Translation | EnglishCheck]) -> dict[str, TermAccuracy]:
    """Term accuracy per document (segments grouped by the ``doc_id`` of their id), in first-seen order."""
    groups: dict[str, list[Translation | EnglishCheck]] = defaultdict(list)
    for item in items:
        groups[item_id(item.segment_id)].append(item)
    return {doc: term_accuracy(group) for doc, group in groups.items()}

"""Check-and-repair: make an engine's English render each protected span, for any engine.

Used for engines that cannot carry tokens (Argos / CTranslate2), for spans that are not
masked (countries), and for sentences whose tokens the engine lost:

* a rendering already there is ``ok``;
* else a known-wrong rendering (``variants``: the glossary's ``wrong`` list, the French
  form, "the Vietnam") is replaced;
* else a number's fragments are fixed one by one ("1,6" → "1.6", "milliard" → "billion");
* else the ``locate`` callback finds the span's English: the attention of an aligning
  engine, or the engine's own translation of the span on its own.

A span nothing can place is ``missing``, never invented.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence

from bitext.glossary.english import phrase_spans
from bitext.models import ProtectedSpan
from bitext.protect.spans import Span, Status, fit, overlaps

Locator = Callable[[int, list[Span]], Span | None]


def canonical_slots(target: str, spans: Sequence[ProtectedSpan]) -> list[Span | None]:
    """Give each span the part of ``target`` that renders it exactly, or ``None``.

    Longer renderings claim their text first, so "Deputy Minister of Health" is not also
    counted as the "Minister" of another span; each part of the text serves one span.
    """
    slots: list[Span | None] = [None] * len(spans)
    by_rendering: dict[str, list[int]] = defaultdict(list)
    for index, span in enumerate(spans):
        by_rendering[span.rendering].append(index)
    taken: list[Span] = []
    for rendering in sorted(by_rendering, key=lambda text: (-len(text), text)):
        free = [s for s in phrase_spans(target, rendering, exact=True) if not overlaps(s, taken)]
        for index, found in zip(by_rendering[rendering], free, strict=False):
            slots[index] = found
            taken.append(found)
    return slots


def post_edit(
    target: str, spans: Sequence[ProtectedSpan], locate: Locator | None = None
) -> tuple[str, list[Status]]:
    """Make ``target`` render each of ``spans`` where it can.

    Args:
        target: The engine's English.
        spans: The protected spans of the source sentence.
        locate: Finds the output span of span ``i`` (avoiding the given spans) when no
            known rendering is there; ``None`` to stop at known renderings.

    Returns:
        The edited English and one status per span (``ok``, ``repaired``, ``missing``).
    """
    target = _drop_wrong_articles(target, spans)
    edited, statuses = _post_edit(target, spans, locate, locate_first=False)
    if locate is not None and "missing" in statuses:
        # A known rendering can straddle two spans' renderings ("... security public |
        # security ministry ..." holds "Public Security Ministry") and take the place of
        # both; then the located spans, tried first, may place more of them.
        retry = _post_edit(target, spans, locate, locate_first=True)
        if retry[1].count("missing") < statuses.count("missing"):
            return retry
    return edited, statuses


def _post_edit(
    target: str, spans: Sequence[ProtectedSpan], locate: Locator | None, *, locate_first: bool
) -> tuple[str, list[Status]]:
    slots = canonical_slots(target, spans)
    statuses: list[Status] = ["ok" if slot else "missing" for slot in slots]
    taken: list[Span] = [slot for slot in slots if slot]
    edits: list[tuple[Span, str]] = []
    for index, span in enumerate(spans):
        if statuses[index] == "ok":
            continue
        located = locate(index, taken) if locate is not None and locate_first else None
        found = located or _known_rendering(target, span, taken)
        if found is None and span.parts:
            found_parts = _number_parts(target, span, taken)
            if found_parts:
                edits += found_parts
                taken += [part for part, _ in found_parts]
                statuses[index] = "repaired"
            continue
        if found is None and locate is not None and not locate_first:
            found = locate(index, taken)
        if found is None:
            continue
        widened = _widen(target, found, span)
        found = found if overlaps(widened, taken) else widened  # that word may end another span
        if overlaps(found, taken):
            continue
        taken.append(found)
        edits.append((found, span.rendering))
        statuses[index] = "repaired"
    return apply_edits(target, edits), statuses


def _drop_wrong_articles(target: str, spans: Sequence[ProtectedSpan]) -> str:
    """ "the Vietnam" → "Vietnam": a variant that holds the rendering is replaced first."""
    for span in spans:
        if span.kind != "place":
            continue
        for variant in span.variants:
            if span.rendering in variant and variant != span.rendering:
                for start, end in reversed(phrase_spans(target, variant, exact=False)):
                    target = target[:start] + fit(target[:start], span.rendering) + target[end:]
    return target


def _known_rendering(target: str, span: ProtectedSpan, taken: list[Span]) -> Span | None:
    """The longest, then leftmost, free occurrence of a wrong rendering of the span."""
    spans = [
        found
        for variant in (span.rendering, *span.variants)
        if variant
        for found in phrase_spans(target, variant, exact=False)
        if not overlaps(found, taken)
    ]
    return min(spans, key=lambda s: (s[0] - s[1], s[0])) if spans else None


def _number_parts(target: str, span: ProtectedSpan, taken: list[Span]) -> list[tuple[Span, str]]:
    """Replace each French fragment of a number the English still writes the French way."""
    edits: list[tuple[Span, str]] = []
    for french, english in span.parts:
        if french == english or phrase_spans(target, english, exact=True):
            continue
        free = [found for found in phrase_spans(target, french, exact=False) if not overlaps(found, taken)]
        if free:
            edits.append((free[0], english))
    return edits


def _widen(target: str, span: Span, protected: ProtectedSpan) -> Span:
    """Take in a nationality word the engine put before the span, so it is not doubled."""
    if protected.nationality:
        before = target[: span[0]]
        word = protected.nationality
        if before.rstrip().lower().endswith(word.lower()) and before.endswith(" "):
            start = len(before.rstrip()) - len(word)
            if start == 0 or not target[start - 1].isalnum():
                return start, span[1]
    return span


def apply_edits(target: str, edits: list[tuple[Span, str]]) -> str:
    """Replace each span of ``target`` with its text, keeping words apart."""
    out = ""
    previous = 0
    for (start, end), text in sorted(edits):
        out += target[previous:start]
        text = fit(out, text)
        if out[-1:].isalnum() and text[:1].isalnum():
            text = " " + text
        if target[end : end + 1].isalnum() and text[-1:].isalnum():
            text += " "
        out += text
        previous = end
    return out + target[previous:]

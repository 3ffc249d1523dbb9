"""Choosing among protected spans, and fitting a rendering into the English around it."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from bitext.models import ProtectedSpan, SpanHit, SpanStatus

Span = tuple[int, int]
Status = str  # "ok" | "repaired" | "missing" (the glossary's TermStatus)
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_HIT_STATUS: dict[str, SpanStatus] = {"ok": "kept", "repaired": "repaired", "missing": "lost"}


def overlaps(span: Span, taken: Iterable[Span]) -> bool:
    """True when ``span`` shares a character with any span in ``taken``."""
    return any(span[0] < end and start < span[1] for start, end in taken)


def resolve(first: Sequence[ProtectedSpan], others: Sequence[ProtectedSpan]) -> list[ProtectedSpan]:
    """``first`` (glossary terms) wins over anything it overlaps; among ``others`` the longest wins.

    Args:
        first: Spans that must be kept as they are (non-overlapping among themselves).
        others: Candidate spans from the name, place and number producers.

    Returns:
        Non-overlapping spans in text order.
    """
    chosen = list(first)
    taken = [(span.start, span.end) for span in first]
    for span in sorted(others, key=lambda s: (s.start - s.end, s.start)):
        if not overlaps((span.start, span.end), taken):
            chosen.append(span)
            taken.append((span.start, span.end))
    return sorted(chosen, key=lambda span: span.start)


def fit(before: str, text: str) -> str:
    """Adjust a rendering to what precedes it: no "the the", a capital at sentence start."""
    if _LEADING_ARTICLE.match(text) and re.search(r"\bthe\s+$", before, re.IGNORECASE):
        text = _LEADING_ARTICLE.sub("", text, count=1)
    if not any(char.isalnum() for char in before) and text[:1].islower():
        text = text[:1].upper() + text[1:]
    return text


def strip_article(text: str) -> str:
    """A rendering without its leading article ("the Constitutional Council" → "Constitutional Council")."""
    return _LEADING_ARTICLE.sub("", text)


def span_hits(spans: Sequence[ProtectedSpan], statuses: Sequence[Status]) -> tuple[SpanHit, ...]:
    """The ``SpanHit`` records of a sentence's protected names, places and numbers."""
    return tuple(
        SpanHit(
            kind=span.kind,
            start=span.start,
            end=span.end,
            source=span.source,
            target=span.rendering,
            status=_HIT_STATUS[status],
        )
        for span, status in zip(spans, statuses, strict=True)
    )

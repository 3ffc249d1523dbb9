"""Where did the engine put a span's English? Attention for aligning engines, else the
engine's own translation of the span on its own."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from bitext.glossary.english import phrase_spans
from bitext.models import ProtectedSpan
from bitext.protect.repair import Locator
from bitext.protect.spans import Span, overlaps, strip_article

if TYPE_CHECKING:
    from bitext.translate.base import AlignedOutput, Engine


def engine_renderings(engine: Engine, spans: Sequence[ProtectedSpan], cache: Any) -> dict[str, str]:
    """The engine's own English for each span's source on its own, article stripped."""
    from bitext.translate.runner import translate_texts

    sources = sorted({span.source for span in spans})
    outputs = translate_texts(engine, sources, cache=cache)
    return {
        source: strip_article(out.strip().rstrip(".")) for source, out in zip(sources, outputs, strict=True)
    }


def rendering_locator(target: str, spans: Sequence[ProtectedSpan], renderings: dict[str, str]) -> Locator:
    """Locate span ``i`` as the first free occurrence of the engine's own rendering of it."""

    def locate(index: int, taken: list[Span]) -> Span | None:
        rendering = renderings.get(spans[index].source, "")
        if not rendering or not re.search(r"\w", rendering):
            return None
        free = [span for span in phrase_spans(target, rendering, exact=False) if not overlaps(span, taken)]
        return free[0] if free else None

    return locate


def attention_locator(output: AlignedOutput, spans: Sequence[ProtectedSpan]) -> Locator:
    """Locate a span's English as the target tokens the attention aligns with its source tokens."""

    def locate(index: int, taken: list[Span]) -> Span | None:
        span = spans[index]
        source_tokens = {
            s for s, (start, end) in enumerate(output.source_spans) if start < span.end and end > span.start
        }
        rows = list(output.attention[: len(output.target_spans)])
        if not source_tokens or not rows:
            return None
        free = [t for t in range(len(rows)) if not overlaps(output.target_spans[t], taken) and rows[t]]
        aligned = [t for t in free if max(range(len(rows[t])), key=rows[t].__getitem__) in source_tokens]
        if not aligned and free:
            aligned = [max(free, key=lambda t: sum(rows[t][s] for s in source_tokens if s < len(rows[t])))]
        return _run_span(output, aligned, taken)

    return locate


def _run_span(output: AlignedOutput, tokens: list[int], taken: list[Span]) -> Span | None:
    """The largest run of ``tokens`` whose hull crosses no taken span, as a character span."""
    best: Span | None = None
    best_size = 0
    run: list[int] = []
    for token in [*sorted(tokens), -1]:
        if run and token != -1:
            hull = (output.target_spans[run[0]][0], output.target_spans[token][1])
            if not overlaps(hull, taken):
                run.append(token)
                continue
        if len(run) > best_size:
            best_size = len(run)
            best = (output.target_spans[run[0]][0], output.target_spans[run[-1]][1])
        run = [token] if token != -1 else []
    if best is None:
        return None
    text = output.target[best[0] : best[1]]
    start = best[0] + len(text) - len(text.lstrip())
    end = best[1] - (len(text) - len(text.rstrip()))
    return (start, end) if end > start else None

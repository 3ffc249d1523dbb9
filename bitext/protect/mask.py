"""Masking for engines that copy opaque tokens through (Apertium): one token per span.

Each masked span is replaced by one of the engine's tokens (``engine.placeholder(i,
width)``), all of one width so none contains another, none already in the sentence;
after translation each token is replaced by the span's rendering. A title or
institution the engine left a nationality adjective behind ("the ZXQ0 Iraqi") gets it in
front ("the Iraqi Prime Minister"): French puts the adjective after, English before, and a
token hides the noun the engine would have moved it around.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from bitext.models import ProtectedSpan
from bitext.protect.spans import fit

_FOLLOWING_WORD = re.compile(r"[ \u00a0]+([A-Z][a-z]+(?:-[A-Z]?[a-z]+)*)\b(?![\w-])")
_SOURCE_ADJECTIVE = re.compile(r"[ \u00a0]+([a-zà-ÿ]+(?:-[a-zà-ÿ]+)*)\b(?![\w'’-])")


def placeholder_tokens(engine: Any, text: str, count: int) -> list[str]:
    """``count`` engine tokens of one width that do not occur in ``text``.

    Tokens of one width cannot contain each other (``ZXQ1`` nests in ``ZXQ10``; ``ZXQ01``
    does not), and the search is bounded: a position of ``text`` can block at most one
    token, so ``count + len(text)`` candidates always hold ``count`` free ones.
    """
    lowered = text.lower()
    candidates = count + len(text)
    width = len(str(candidates))
    tokens: list[str] = []
    for index in range(candidates):
        token = engine.placeholder(index, width)
        if token.lower() not in lowered:
            tokens.append(token)
            if len(tokens) == count:
                return tokens
    raise AssertionError("unreachable: more candidate tokens than the text can block")


def mask(engine: Any, text: str, spans: Sequence[ProtectedSpan]) -> tuple[str, list[str]]:
    """Replace each span of ``text`` with a token that does not already occur in it."""
    tokens = placeholder_tokens(engine, text, len(spans))
    pieces: list[str] = []
    previous = 0
    for span, token in zip(spans, tokens, strict=True):
        before = text[previous : span.start]
        pieces += [before, " " if before[-1:].isalnum() else "", token]
        if text[span.end : span.end + 1].isalnum():  # "9 millions d'|habitants": keep the words apart
            pieces.append(" ")
        previous = span.end
    pieces.append(text[previous:])
    return "".join(pieces), tokens


def unmask(
    target: str, tokens: Sequence[str], spans: Sequence[ProtectedSpan], source: str
) -> tuple[str, list[int]]:
    """Put each span's rendering where its token came back; count each token's returns.

    Args:
        target: The engine's output for the masked sentence.
        tokens: The tokens, one per span.
        spans: The masked spans.
        source: The original sentence (to see which word followed a span).

    Returns:
        The English and how many times each token was found.
    """
    counts = [0] * len(tokens)
    if not tokens:
        return target, counts
    by_token = {token.lower(): i for i, token in enumerate(tokens)}
    pattern = re.compile("|".join(re.escape(t) for t in tokens), re.IGNORECASE)
    out = ""
    previous = 0
    for found in pattern.finditer(target):
        index = by_token[found.group().lower()]
        counts[index] += 1
        out += target[previous : found.start()]
        rendering = spans[index].rendering
        previous = found.end()
        adjective = _moved_adjective(target, previous, spans[index], source) if spans[index].reorder else None
        if adjective is not None:
            word, previous = adjective
            rendering = f"{word} {_without_article(rendering)}"
        out += fit(out, rendering)
    return out + target[previous:], counts


def _moved_adjective(target: str, after: int, span: ProtectedSpan, source: str) -> tuple[str, int] | None:
    """The capitalised English adjective right after the token, when the French had a
    lower-case word right after the span: a nationality ("irakien" → "Iraqi")."""
    english = _FOLLOWING_WORD.match(target, after)
    french = _SOURCE_ADJECTIVE.match(source, span.end)
    if english is None or french is None or english.group(1).lower() == french.group(1).lower():
        return None
    return english.group(1), english.end()


def _without_article(rendering: str) -> str:
    return re.sub(r"^(?:the)\s+", "", rendering, flags=re.IGNORECASE)

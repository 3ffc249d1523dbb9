"""Run an engine over many sentences: clean, dedupe, cache, chunk, keep 1:1 order.

Every sentence of a run goes through one place so that the engine sees each distinct
sentence once, in large length-sorted calls, and the cache is consulted before and
filled after each call. Empty input gives empty output without reaching the engine.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from bitext.errors import ModelError
from bitext.models import Sentence, Translation
from bitext.progress import ProgressCallback
from bitext.translate.base import BatchSizedEngine, Engine, LengthLimitedEngine
from bitext.translate.cache import TranslationCache

DEFAULT_BATCH_SIZE = 2048
_INVISIBLE = {"\u00ad", "\u200b", "\u2060", "\ufeff"}
_SPACES = re.compile(r"\s+")
_SOFT_BREAK = re.compile(r"(?<=[,;:)\]»”])\s+|\s+(?=[(«“\u2014\u2013-]\s)")


def clean_source(text: str) -> str:
    """The text an engine should see: no control or invisible format characters.

    Line breaks, tabs and other control characters become spaces (a sentence is one
    line for every engine); zero-width characters, soft hyphens and bidi controls are
    dropped; runs of whitespace collapse. The caller keeps the original text.
    """
    if text.isprintable():  # no control, format or line/paragraph separator characters
        return _SPACES.sub(" ", text).strip()
    chars = []
    for char in text:
        category = unicodedata.category(char)
        if char in _INVISIBLE or (category == "Cf" and char not in "\u200c\u200d"):
            continue
        chars.append(" " if category in {"Cc", "Zl", "Zp"} else char)
    return _SPACES.sub(" ", "".join(chars)).strip()


def translate_texts(
    engine: Engine,
    texts: Sequence[str],
    *,
    cache: TranslationCache | None = None,
    progress: ProgressCallback | None = None,
) -> list[str]:
    """Translate ``texts`` 1:1; empty or whitespace-only texts give ``""``.

    Raises:
        ModelError: The engine failed or broke the 1:1 contract.
        CacheError: The cache could not be read or written.
    """
    targets, _ = _translate(engine, texts, cache, progress)
    return targets


def translate_sentences(
    engine: Engine,
    sentences: Iterable[Sentence],
    *,
    cache: TranslationCache | None = None,
    progress: ProgressCallback | None = None,
) -> list[Translation]:
    """Translate sentences 1:1; each result keeps the sentence id and says what made it."""
    sentences = list(sentences)
    targets, cached = _translate(engine, [s.text for s in sentences], cache, progress)
    info = engine.info
    return [
        Translation(segment_id=s.id, source=s.text, target=target, engine=info, cached=hit)
        for s, target, hit in zip(sentences, targets, cached, strict=True)
    ]


def _translate(
    engine: Engine, texts: Sequence[str], cache: TranslationCache | None, progress: ProgressCallback | None
) -> tuple[list[str], list[bool]]:
    report = progress or (lambda done: None)
    cleaned = [clean_source(text) for text in texts]
    uses: dict[str, int] = {}
    for source in cleaned:
        if source:
            uses[source] = uses.get(source, 0) + 1
    done: dict[str, str] = cache.get_many(engine.info, uses) if cache is not None and uses else {}
    from_cache = set(done)
    report(len(texts) - sum(uses.values()) + sum(uses[s] for s in from_cache))
    todo = sorted((s for s in uses if s not in done), key=len)
    size = engine.batch_size if isinstance(engine, BatchSizedEngine) else DEFAULT_BATCH_SIZE
    for start in range(0, len(todo), size):
        batch = todo[start : start + size]
        targets = _translate_chunked(engine, batch)
        if cache is not None:
            cache.put_many(engine.info, list(zip(batch, targets, strict=True)))
        done.update(zip(batch, targets, strict=True))
        report(sum(uses[s] for s in batch))
    targets = [done[s] if s else "" for s in cleaned]
    return targets, [bool(s) and s in from_cache for s in cleaned]


def _translate_chunked(engine: Engine, batch: list[str]) -> list[str]:
    """Call the engine once, with over-long inputs split into pieces and joined back."""
    pieces_per_text = [[text] for text in batch]
    if isinstance(engine, LengthLimitedEngine):
        lengths = engine.input_lengths(batch)
        for i, length in enumerate(lengths):
            if length > engine.max_input_tokens:
                pieces_per_text[i] = split_long_text(batch[i], engine)
    flat = [piece for pieces in pieces_per_text for piece in pieces]
    outputs = engine.translate(flat)
    if len(outputs) != len(flat):
        raise ModelError(
            f"engine {engine.info.label()} returned {len(outputs)} translations for {len(flat)} inputs"
        )
    joined, position = [], 0
    for pieces in pieces_per_text:
        parts = [part.strip() for part in outputs[position : position + len(pieces)]]
        joined.append(" ".join(part for part in parts if part))
        position += len(pieces)
    return joined


def split_long_text(text: str, engine: LengthLimitedEngine) -> list[str]:
    """Split ``text`` into pieces the engine accepts, preferring punctuation, then spaces.

    Text without any break point is cut at a character position; nothing is dropped:
    the pieces joined with single spaces give ``text`` back (up to whitespace).
    """
    length = engine.input_lengths([text])[0]
    if length <= engine.max_input_tokens or len(text) < 2:
        return [text]
    target = max(1, int(len(text) * engine.max_input_tokens / length * 0.9))
    cut = _best_cut(text, target)
    head, tail = text[:cut].strip(), text[cut:].strip()
    if not head or not tail:
        head, tail = text[:target], text[target:]
    return [*split_long_text(head, engine), *split_long_text(tail, engine)]


def _best_cut(text: str, target: int) -> int:
    """The last punctuation break before ``target``, else the last space, else ``target``."""
    for pattern in (_SOFT_BREAK, _SPACES):
        cuts = [m.start() for m in pattern.finditer(text, 0, target + 1) if m.start() > target // 3]
        if cuts:
            return cuts[-1]
    return target

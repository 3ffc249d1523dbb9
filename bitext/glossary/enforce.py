"""Put the canonical English of every glossary term into machine translations, for any engine.

Three methods, chosen by what the engine can do:

* :class:`~bitext.translate.base.PlaceholderSafeEngine` (Apertium): each term is replaced
  by one of the engine's opaque tokens before translation and the token by the canonical
  English after, so the engine translates the sentence around it. Tokens already in the
  sentence are never reused; a sentence whose tokens do not all come back is translated
  again without them and repaired like any other.
* every engine: a *post-edit* that keeps canonical forms already there and replaces a
  known-wrong rendering (the entry's ``wrong`` list, or its target in the wrong case);
* then, for what is still missing, :class:`~bitext.translate.base.AligningEngine` (Argos /
  CTranslate2) replaces the output span the attention aligns with the source term, and
  any other engine the span that reads as the engine's own translation of the term.

A term nothing can place is reported ``missing``, never invented. No token survives into
the output, and post-editing an enforced output changes nothing (idempotent).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from bitext.glossary.english import phrase_spans
from bitext.glossary.io import Glossary
from bitext.glossary.matcher import TermMatch
from bitext.glossary.qa import Span, canonical_slots, overlaps, term_hits
from bitext.models import Sentence, TermStatus, Translation

if TYPE_CHECKING:
    from bitext.translate.base import AlignedOutput, Engine

Locator = Callable[[int, list[Span]], Span | None]
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)


def post_edit(
    target: str, matches: Sequence[TermMatch], locate: Locator | None = None
) -> tuple[str, list[TermStatus]]:
    """Make ``target`` render each of ``matches`` canonically where it can.

    Args:
        target: The engine's English.
        matches: The glossary terms of the source sentence.
        locate: Finds the output span of term ``i`` (avoiding the given spans) when no
            known rendering is there; ``None`` to stop at known renderings.

    Returns:
        The edited English and one status per match (``ok``, ``repaired``, ``missing``).
    """
    edited, statuses = _post_edit(target, matches, locate, locate_first=False)
    if locate is not None and "missing" in statuses:
        # A known rendering can straddle two terms' renderings ("... security public |
        # security ministry ..." holds "Public Security Ministry") and take the place of
        # both; then the located spans, tried first, may place more terms.
        retry = _post_edit(target, matches, locate, locate_first=True)
        if retry[1].count("missing") < statuses.count("missing"):
            return retry
    return edited, statuses


def _post_edit(
    target: str, matches: Sequence[TermMatch], locate: Locator | None, *, locate_first: bool
) -> tuple[str, list[TermStatus]]:
    slots = canonical_slots(target, matches)
    statuses: list[TermStatus] = ["ok" if slot else "missing" for slot in slots]
    taken: list[Span] = [slot for slot in slots if slot]
    edits: list[tuple[Span, str]] = []
    for index, match in enumerate(matches):
        if statuses[index] == "ok":
            continue
        located = locate(index, taken) if locate is not None and locate_first else None
        span = located or _known_rendering(target, match, taken)
        if span is None and locate is not None and not locate_first:
            span = locate(index, taken)
        if span is None:
            continue
        span = _widen(target, span, match)
        if overlaps(span, taken):
            continue
        taken.append(span)
        edits.append((span, match.render()))
        statuses[index] = "repaired"
    return _apply(target, edits), statuses


def _known_rendering(target: str, match: TermMatch, taken: list[Span]) -> Span | None:
    """The longest, then leftmost, free occurrence of a wrong rendering of the term."""
    entry = match.entry
    variants = [entry.target, entry.plural, *entry.wrong]
    spans = [
        span
        for variant in variants
        if variant
        for span in phrase_spans(target, variant, exact=False)
        if not overlaps(span, taken)
    ]
    return min(spans, key=lambda s: (s[0] - s[1], s[0])) if spans else None


def _widen(target: str, span: Span, match: TermMatch) -> Span:
    """Take in a nationality word the engine put before the span, so it is not doubled."""
    if match.nationality:
        before = target[: span[0]]
        word = match.nationality
        if before.rstrip().lower().endswith(word.lower()) and before.endswith(" "):
            start = len(before.rstrip()) - len(word)
            if start == 0 or not target[start - 1].isalnum():
                return start, span[1]
    return span


def _apply(target: str, edits: list[tuple[Span, str]]) -> str:
    out = ""
    previous = 0
    for (start, end), text in sorted(edits):
        out += target[previous:start]
        text = _fit(out, text)
        if out[-1:].isalnum() and text[:1].isalnum():
            text = " " + text
        if target[end : end + 1].isalnum() and text[-1:].isalnum():
            text += " "
        out += text
        previous = end
    return out + target[previous:]


def _fit(before: str, text: str) -> str:
    """Adjust a canonical form to what precedes it: no "the the", a capital at sentence start."""
    if _LEADING_ARTICLE.match(text) and re.search(r"\bthe\s+$", before, re.IGNORECASE):
        text = _LEADING_ARTICLE.sub("", text, count=1)
    if not any(char.isalnum() for char in before) and text[:1].islower():
        text = text[:1].upper() + text[1:]
    return text


def translate_with_glossary(
    engine: Engine,
    sentences: Sequence[Sentence],
    glossary: Glossary,
    *,
    cache: Any = None,
    progress: Callable[[int], None] | None = None,
) -> list[Translation]:
    """Translate ``sentences`` 1:1 with every glossary term in its canonical English form.

    Args:
        engine: Any engine; placeholder-safe and aligning engines get stronger methods.
        sentences: Source sentences (French).
        glossary: The glossary to enforce.
        cache: A ``TranslationCache`` used for every engine call, or ``None``.
        progress: Called with the number of sentences just translated.

    Returns:
        One ``Translation`` per sentence, ``terms`` holding each term's status.
    """
    from bitext.translate.base import PlaceholderSafeEngine

    sentences = list(sentences)
    matches = [glossary.matcher.find(sentence.text) for sentence in sentences]
    if isinstance(engine, PlaceholderSafeEngine):
        return _with_placeholders(engine, sentences, matches, cache, progress)
    from bitext.translate.runner import translate_sentences

    raw = translate_sentences(engine, sentences, cache=cache, progress=progress)
    return _post_edited(engine, raw, matches, cache)


def _post_edited(
    engine: Engine, raw: list[Translation], matches: list[list[TermMatch]], cache: Any
) -> list[Translation]:
    """Post-edit every translation; ask the engine where unplaced terms went."""
    from bitext.translate.base import AligningEngine

    results: list[Translation | None] = []
    unplaced: list[int] = []
    for index, translation in enumerate(raw):
        text, statuses = post_edit(translation.target, matches[index])
        if "missing" in statuses:
            unplaced.append(index)
            results.append(None)
        else:
            results.append(_finish(translation, text, matches[index], statuses))
    if unplaced:
        if isinstance(engine, AligningEngine):
            aligned = engine.translate_aligned([raw[i].source for i in unplaced])
            for index, output in zip(unplaced, aligned, strict=True):
                locate = _attention_locator(output, matches[index])
                text, statuses = post_edit(output.target, matches[index], locate)
                results[index] = _finish(raw[index], text, matches[index], statuses)
        else:
            renderings = _engine_renderings(engine, [m for i in unplaced for m in matches[i]], cache)
            for index in unplaced:
                locate = _rendering_locator(raw[index].target, matches[index], renderings)
                text, statuses = post_edit(raw[index].target, matches[index], locate)
                results[index] = _finish(raw[index], text, matches[index], statuses)
    return [result for result in results if result is not None]


def _finish(
    translation: Translation, text: str, matches: Sequence[TermMatch], statuses: list[TermStatus]
) -> Translation:
    return translation.model_copy(update={"target": text, "terms": term_hits(matches, statuses)})


def _engine_renderings(engine: Engine, matches: list[TermMatch], cache: Any) -> dict[str, str]:
    """The engine's own English for each term on its own, article stripped."""
    from bitext.translate.runner import translate_texts

    sources = sorted({match.source for match in matches})
    outputs = translate_texts(engine, sources, cache=cache)
    return {
        source: _LEADING_ARTICLE.sub("", out.strip().rstrip("."))
        for source, out in zip(sources, outputs, strict=True)
    }


def _rendering_locator(target: str, matches: Sequence[TermMatch], renderings: dict[str, str]) -> Locator:
    def locate(index: int, taken: list[Span]) -> Span | None:
        rendering = renderings.get(matches[index].source, "")
        if not rendering:
            return None
        free = [span for span in phrase_spans(target, rendering, exact=False) if not overlaps(span, taken)]
        return free[0] if free else None

    return locate


def _attention_locator(output: AlignedOutput, matches: Sequence[TermMatch]) -> Locator:
    """Locate a term's English as the target tokens the attention aligns with its source tokens."""

    def locate(index: int, taken: list[Span]) -> Span | None:
        match = matches[index]
        source_tokens = {
            s for s, (start, end) in enumerate(output.source_spans) if start < match.end and end > match.start
        }
        rows = [row for row in output.attention[: len(output.target_spans)]]
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


def _placeholder_pattern(tokens: Sequence[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(t) for t in tokens), re.IGNORECASE)


def _placeholder_tokens(engine: Any, text: str, count: int) -> list[str]:
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


def _mask(engine: Any, text: str, matches: Sequence[TermMatch]) -> tuple[str, list[str]]:
    """Replace each term with a placeholder token that does not already occur in ``text``."""
    tokens = _placeholder_tokens(engine, text, len(matches))
    pieces: list[str] = []
    previous = 0
    for match, token in zip(matches, tokens, strict=True):
        pieces += [text[previous : match.start], token]
        previous = match.end
    pieces.append(text[previous:])
    return "".join(pieces), tokens


def _unmask(target: str, tokens: list[str], matches: Sequence[TermMatch]) -> tuple[str, list[int]]:
    """Put the canonical English where the tokens came back; count each token's returns."""
    counts = [0] * len(tokens)
    by_token = {token.lower(): i for i, token in enumerate(tokens)}
    out = ""
    previous = 0
    for found in _placeholder_pattern(tokens).finditer(target):
        index = by_token[found.group().lower()]
        counts[index] += 1
        out += target[previous : found.start()]
        out += _fit(out, matches[index].render())
        previous = found.end()
    return out + target[previous:], counts


def _with_placeholders(
    engine: Any,
    sentences: list[Sentence],
    matches: list[list[TermMatch]],
    cache: Any,
    progress: Callable[[int], None] | None,
) -> list[Translation]:
    from bitext.translate.runner import translate_sentences

    masked: list[Sentence] = []
    tokens: list[list[str]] = []
    for sentence, found in zip(sentences, matches, strict=True):
        text, used = _mask(engine, sentence.text, found) if found else (sentence.text, [])
        masked.append(sentence.model_copy(update={"text": text}) if found else sentence)
        tokens.append(used)
    raw = translate_sentences(engine, masked, cache=cache, progress=progress)
    results: list[Translation | None] = []
    lost: list[int] = []
    for index, translation in enumerate(raw):
        translation = translation.model_copy(update={"source": sentences[index].text})
        if not tokens[index]:
            results.append(_finish(translation, translation.target, [], []))
            continue
        text, counts = _unmask(translation.target, tokens[index], matches[index])
        if 0 in counts:
            lost.append(index)
            results.append(None)
            continue
        results.append(_finish(translation, text, matches[index], ["repaired"] * len(counts)))
    if lost:
        retry = translate_sentences(engine, [sentences[i] for i in lost], cache=cache)
        for index, translation in zip(
            lost, _post_edited(engine, retry, [matches[i] for i in lost], cache), strict=True
        ):
            results[index] = translation
    return [result for result in results if result is not None]

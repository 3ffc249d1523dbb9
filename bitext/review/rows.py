"""What the review page shows of one item: its summary and its pairs, with term spans.

Pure functions over :class:`~bitext.models.CorpusItem`. Term spans are located here,
once, so the page only draws them: French spans come from the glossary's own hits
(offsets in each source sentence, shifted into the pair's joined French), English
spans from the canonical form's whole-word occurrences, longest terms first, as the
term QA counts them. Spans are given in UTF-16 code units, JavaScript's string index.

A pair's ``origin`` is ``mt`` when an engine produced its English and ``human``
otherwise; ``quality`` is the pair's quality estimate (:mod:`bitext.quality`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from bitext.models import CorpusItem, ReviewItem, ReviewPair, ReviewTerm, SegmentPair, TermHit

Span = tuple[int, int]


def review_item(item: CorpusItem) -> ReviewItem:
    """The page's summary of one item."""
    wrong = tuple(hit for check in item.english_checks for hit in check.terms if hit.status != "ok")
    return ReviewItem(
        id=item.id,
        title=item.title,
        lang=item.lang,
        path=item.path,
        sentences=len(item.sentences),
        pairs=len(item.pairs),
        rejected=len(item.rejected),
        terms=item.terms,
        changes=item.changes,
        wrong_terms=wrong,
    )


def review_pairs(item: CorpusItem, index: int) -> Iterator[ReviewPair]:
    """The item's kept pairs, then its rejected ones, as the page shows them.

    Args:
        item: A corpus item (French items have pairs; others yield nothing).
        index: The item's position in the page's item list.
    """
    french = [sentence.text for sentence in item.sentences]
    hits = {translation.segment_id: translation.terms for translation in item.translations}
    hits_of = [hits.get(sentence.id, ()) for sentence in item.sentences]
    kept = [(pair, None) for pair in item.pairs]
    rejected = [(rejected.pair, rejected.reason) for rejected in item.rejected]
    for pair, reason in kept + rejected:
        yield ReviewPair(
            id=pair.id,
            item=index,
            fr=pair.fr,
            en=pair.en,
            bead=pair.bead.type,
            score=pair.bead.score,
            origin="mt" if pair.engine else "human",
            quality=pair.quality,
            terms=pair_terms(pair, french, hits_of),
            rejected=reason,
        )


def pair_terms(
    pair: SegmentPair, french: Sequence[str], hits_of: Sequence[Sequence[TermHit]]
) -> tuple[ReviewTerm, ...]:
    """The glossary terms of a pair's source sentences, with their spans in the pair."""
    located: list[tuple[TermHit, Span | None]] = []
    cursor = 0
    for position, sentence in enumerate(pair.bead.src):
        if sentence >= len(french):
            continue
        base = _sentence_start(pair.fr, french[sentence], cursor if position else 0)
        for hit in hits_of[sentence]:
            located.append((hit, _french_span(pair.fr, hit, base)))
        cursor = (base if base is not None else cursor) + len(french[sentence])
    english = english_spans(pair.en, [hit for hit, _ in located])
    return tuple(
        ReviewTerm(
            id=hit.entry_id,
            status=hit.status,
            source=hit.source,
            target=hit.target,
            fr=utf16_span(pair.fr, span) if span else None,
            en=utf16_span(pair.en, english_span) if english_span else None,
        )
        for (hit, span), english_span in zip(located, english, strict=True)
    )


def english_spans(english: str, hits: Sequence[TermHit]) -> list[Span | None]:
    """Where each term's canonical English is in ``english`` (``None`` for missing terms).

    Longer forms claim their spans first so "Deputy Minister" is not also the
    "Minister" of another term; each span serves one term.
    """
    from bitext.glossary.english import phrase_spans
    from bitext.glossary.qa import overlaps

    spans: list[Span | None] = [None] * len(hits)
    taken: list[Span] = []
    for number in sorted(range(len(hits)), key=lambda n: -len(hits[n].target)):
        hit = hits[number]
        if hit.status == "missing" or not hit.target:
            continue
        free = [span for span in phrase_spans(english, hit.target, exact=True) if not overlaps(span, taken)]
        if free:
            spans[number] = free[0]
            taken.append(free[0])
    return spans


def utf16_span(text: str, span: Span) -> Span:
    """``span`` (code points) as UTF-16 code units: characters beyond U+FFFF count twice."""
    if text.isascii() or len(text.encode("utf-16-le")) == 2 * len(text):
        return span
    start, end = span
    return _utf16_length(text[:start]), _utf16_length(text[:end])


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _sentence_start(joined: str, sentence: str, cursor: int) -> int | None:
    """Where ``sentence`` begins in the pair's French (``None`` if it is not there)."""
    start = joined.find(sentence, cursor)
    return start if start != -1 else None


def _french_span(joined: str, hit: TermHit, base: int | None) -> Span | None:
    """The hit's span in the joined French, checked against the text it names."""
    if base is None:
        return None
    start, end = base + hit.start, base + hit.end
    return (start, end) if joined[start:end] == hit.source else None

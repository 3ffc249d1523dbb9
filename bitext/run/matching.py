"""Human translations in a run: find the English items that translate French items, then pair them.

A run matches in two passes over its items. The first pass (:func:`find_matches`) reads
the items chunk by chunk, translates the French ones through the run's
:class:`~bitext.translate.documents.Translator` (so every translation lands in the
run's cache, and the write pass finds it there instead of calling the engine again),
and hands French items with their MT and the English items to
:func:`bitext.match.match_documents`. The streaming write pass then builds items as
before (:func:`bitext.run.items.build_items`) and :func:`use_matches` turns each matched
French item into human pairs: its sentences aligned with its English version's by the
aligner, our MT as the bridge (``origin: "human"``, no engine, the aligner's bead type
and score). Its MT pairs are dropped: the English a person wrote for the same sentences
makes them redundant, and a translation memory with two English versions of one
French sentence forces a choice on its user. The item keeps its ``translations`` (the
MT stays visible in ``corpus.json`` and the review page). Beads the aligner leaves
1-0 or 0-1 are rejects with their reason, as for MT pairs, and so are beads scoring below
:data:`HUMAN_MIN_SCORE` (or ``--min-score`` when higher): the matcher also pairs a French
story with an English one that tells it more loosely (a few sentences translated, the
rest written apart), and the aligner then pairs unrelated sentences 1-1 with a score
near 0. On newstest2011/2012 (``bench/human_floor.py``; fitted on 2009/2010) the floor
kept 97% of true 1-1 beads and 0.5% of beads pairing unrelated sentences.

With ``mine``, a French item left unmatched is mined against its best English candidate
instead (see :mod:`bitext.run.mining`).

Scale: the engine sees each French sentence once (the write pass reads the cache);
matching itself compares only candidate pairs from sparse top-k searches and grows
about as fast as the number of items (``bench/docmatch.py``: 10× the items, 10.4× the
CPU on a quiet machine, MT apart). The first pass keeps no item's text: each chunk is
counted (token ids in flat integer arrays, a few bytes per token) and dropped; once
matching has scored the candidates, the run's documents are read again (from its
spill, :mod:`bitext.run.spill`) for the items the aligner must arbitrate between (rare;
their MT from the cache) and for the matched (or mined) English items, whose sentences
the write pass pairs. Kept for the
write pass besides: those English items' sentences and one byte per French sentence
(whether its MT came from the cache before this run, so the report and ``corpus.json``
say what they would say without matching). ``bench/match_memory.py`` measures the
matcher's peak memory per item at 1k and 10k items.
"""

from __future__ import annotations

import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from bitext.align import align_sentences
from bitext.glossary import Glossary, check_english
from bitext.match import MatchParams
from bitext.models import (
    CorpusItem,
    Document,
    ItemMatch,
    MatchResult,
    MatchText,
    RejectedPair,
    RunMatching,
    SegmentPair,
    Sentence,
)
from bitext.progress import ProgressCallback
from bitext.run.items import bead_quality, reject_reason
from bitext.run.mining import mined_item, mining_partners
from bitext.translate.cache import TranslationCache, open_cache
from bitext.translate.documents import Translator, chunked, translate_documents

if TYPE_CHECKING:
    from bitext.match.linking import ItemTexts

HUMAN_MIN_SCORE = 0.1
"""The least alignment score a human pair needs (see the module docstring)."""


@dataclass
class RunMatches:
    """What the write pass needs from the first pass.

    Attributes:
        by_french: The match of each matched French item, by item id.
        mined: The English item each unmatched French item is mined against (``--mine``).
        english: The sentences of each matched (or mined) English item, by item id.
        cached: For each French item, one byte per sentence: 1 when its MT came from
            the cache before this run's first pass.
        summary: What matching found, for the report.
    """

    by_french: dict[str, ItemMatch] = field(default_factory=dict)
    mined: dict[str, str] = field(default_factory=dict)
    english: dict[str, tuple[Sentence, ...]] = field(default_factory=dict)
    cached: dict[str, bytes] = field(default_factory=dict)
    summary: RunMatching | None = None


def matching_settings(params: MatchParams | None = None) -> dict[str, str | int | float | bool | None]:
    """The matcher's settings as the manifest records them."""
    settings = (params or MatchParams()).model_dump(mode="json")
    return {"method": "bitext.match.match_documents", "human_min_score": HUMAN_MIN_SCORE, **settings}


@contextmanager
def first_pass_cache(cache: TranslationCache | None, matching: bool) -> Iterator[TranslationCache | None]:
    """The run's cache; with matching but ``--no-cache``, a temporary one that hands the first
    pass's translations to the write pass and is deleted after the run."""
    if cache is not None or not matching:
        yield cache
        return
    with (
        tempfile.TemporaryDirectory(prefix="bitext-match-") as folder,
        open_cache(Path(folder) / "translations.sqlite3") as temporary,
    ):
        yield temporary


def find_matches(
    documents: Callable[[], Iterable[Document]],
    translator: Translator,
    *,
    chunk_items: int,
    params: MatchParams | None = None,
    mine: bool = False,
    timings: MutableMapping[str, float] | None = None,
    progress: ProgressCallback | None = None,
) -> RunMatches:
    """First pass: translate the French items into the cache and match them with English items.

    Each chunk is counted for matching (:class:`~bitext.match.itemcounts.ItemCounter`)
    and dropped, so no item's text outlives its chunk. The items the matcher must see
    again (rival candidates, for the aligner) and the English items the write pass
    pairs are read again afterwards: at most two more reading passes, the French ones
    among them translated from the cache.

    Args:
        documents: Reads the run's documents, lazily, from the start each call (the
            pipeline replays what the first read ingested, see :mod:`bitext.run.spill`).
        translator: The run's engine, glossary and cache.
        chunk_items: Documents whose French sentences go to the engine together.
        params: Matching settings (the defaults when ``None``).
        mine: Also pick the English item each unmatched French item is mined against.
        timings: Seconds spent translating (``translate``) and matching (``match``) are
            added here.
        progress: Called with the number of sentences just translated.

    Raises:
        InputError: A bad item (as when the write pass reads it).
    """
    spent = timings if timings is not None else {}
    cached: dict[str, bytes] = {}
    paths: dict[str, str] = {}

    def chunks() -> Iterator[TextChunk]:
        for chunk in chunked(documents(), chunk_items):
            began = time.perf_counter()
            texts = _chunk_texts(chunk, translator, cached, paths, progress)
            spent["translate"] = spent.get("translate", 0.0) + time.perf_counter() - began
            yield texts

    def english(kept: set[str]) -> dict[str, tuple[Sentence, ...]]:
        return {d.id: d.sentences for d in documents() if d.lang == "en" and d.id in kept}

    found = match_chunks(
        chunks(),
        lambda wanted: _read_again(documents, translator, wanted),
        english,
        paths,
        params=params,
        mine=mine,
        timings=spent,
    )
    found.cached = cached
    return found


TextChunk = tuple[list[MatchText], list[MatchText]]
"""A chunk's French items (with their MT) and English items, as matching reads them."""
WantedItems = tuple[dict[str, int], dict[str, int]]
"""French and English item ids → their indices in matching."""


def match_chunks(
    chunks: Iterable[TextChunk],
    read_again: Callable[[WantedItems], ItemTexts],
    english: Callable[[set[str]], dict[str, tuple[Sentence, ...]]],
    paths: Mapping[str, str],
    *,
    params: MatchParams | None = None,
    mine: bool = False,
    timings: MutableMapping[str, float],
) -> RunMatches:
    """Count the items chunk by chunk, match them, and read back what the write pass needs.

    Shared by a local run (items read from the spill, French ones translated) and a run on
    Ray (items read from the workers' shard files, :mod:`bitext.run.shard_matching`), so
    both find the same matches from the same items in the same chunks.

    Args:
        chunks: The run's items, in input order, chunk by chunk.
        read_again: The wanted items again (the rivals the aligner arbitrates).
        english: The sentences of the English items of the given ids.
        paths: Each English item's path, by id (complete once ``chunks`` is consumed).
        params: Matching settings (the defaults when ``None``).
        mine: Also pick the English item each unmatched French item is mined against.
        timings: Seconds spent matching are added under ``match``.
    """
    from bitext.match.documents import match_counted
    from bitext.match.itemcounts import ItemCounter

    params = params or MatchParams()
    items = ItemCounter(params.char_size)
    for french, english_items in chunks:
        began = time.perf_counter()
        items.add_french(french)
        items.add_english(english_items)
        timings["match"] = timings.get("match", 0.0) + time.perf_counter() - began
    began = time.perf_counter()

    def texts(rows: Sequence[int], cols: Sequence[int]) -> ItemTexts:
        return read_again(({items.french[i]: i for i in rows}, {items.english[j]: j for j in cols}))

    result = match_counted(items, texts, params=params)
    timings["match"] = timings.get("match", 0.0) + time.perf_counter() - began
    matched = {m.fr: ItemMatch(en=m.en, path=paths[m.en], score=m.score) for m in result.matches}
    mined = mining_partners(result) if mine else {}
    kept = {m.en for m in result.matches} | set(mined.values())
    return RunMatches(
        by_french=matched,
        mined=mined,
        english=english(kept) if kept else {},
        summary=_summary(result, len(items.french), len(items.english)).model_copy(
            update={"mined_items": len(mined)}
        ),
    )


def _chunk_texts(
    chunk: Sequence[Document],
    translator: Translator,
    cached: dict[str, bytes],
    paths: dict[str, str],
    progress: ProgressCallback | None,
) -> tuple[list[MatchText], list[MatchText]]:
    """A chunk's French items with their MT and its English items (those with sentences);
    each French item's cache flags and each English item's path are recorded."""
    french: list[MatchText] = []
    english: list[MatchText] = []
    for done in translate_documents(chunk, translator, chunk_items=len(chunk), progress=progress):
        document = done.document
        if done.translation is not None:
            translations = done.translation.translations
            cached[document.id] = bytes(translation.cached for translation in translations)
            if document.sentences:
                target = tuple(translation.target for translation in translations)
                french.append(
                    MatchText(id=document.id, sentences=_texts(document.sentences), translation=target)
                )
        elif document.lang == "en" and document.sentences:
            english.append(MatchText(id=document.id, sentences=_texts(document.sentences)))
            paths[document.id] = document.path
    return french, english


def _read_again(
    documents: Callable[[], Iterable[Document]], translator: Translator, wanted: WantedItems
) -> ItemTexts:
    """The wanted French items (their MT from the cache) and English items, read again from
    the run's inputs; ``wanted`` and the result map item ids and items to matching's indices."""
    french_ids, english_ids = wanted
    found = [d for d in documents() if (french_ids if d.lang == "fr" else english_ids).get(d.id) is not None]
    french, english = _chunk_texts(found, translator, {}, {}, None)
    return (
        {french_ids[item.id]: item for item in french},
        {english_ids[item.id]: item for item in english},
    )


def use_matches(
    items: Sequence[CorpusItem],
    matches: RunMatches,
    glossary: Glossary | None,
    min_score: float | None,
) -> list[CorpusItem]:
    """Write pass: each French item's cache flags as before the first pass, and human pairs
    for the matched ones (see the module docstring).

    Human pairs carry the quality estimate too (one schema for every pair) but are never
    rejected by ``--min-quality``: the estimate is fitted on machine English and reads a
    free human translation as worse than a literal one (on the test stories, human
    pairs score a median 0.42 where the MT of the same sentences scores 0.50). The
    alignment floor judges them instead.
    """
    out = []
    for item in items:
        flags = matches.cached.get(item.id)
        if flags is not None and len(flags) == len(item.translations):
            item = _restore_cached(item, flags)
        match = matches.by_french.get(item.id)
        partner = matches.mined.get(item.id)
        if match is not None and item.lang == "fr":
            item = human_item(item, match, matches.english[match.en], glossary, min_score)
        elif partner is not None and item.lang == "fr":
            english = matches.english[partner]
            item = mined_item(item, partner, english, canonical_terms(english, glossary))
        out.append(item)
    return out


def human_item(
    item: CorpusItem,
    match: ItemMatch,
    english: Sequence[Sentence],
    glossary: Glossary | None,
    min_score: float | None,
) -> CorpusItem:
    """``item`` (a French item with its MT) paired with the English version a person wrote.

    Each bead of the aligner (``src_mt`` = our MT, the bridge between the languages)
    becomes a pair with ``origin: "human"``; its ``terms`` are the glossary entries
    found in the French that the human English renders canonically, its
    ``missing_terms`` the others.
    """
    french = [sentence.text for sentence in item.sentences]
    targets = [sentence.text for sentence in english]
    mt = [translation.target for translation in item.translations]
    beads = align_sentences(french, targets, src_mt=mt) if french and targets else []
    canonical = canonical_terms(english, glossary)
    floor = max(min_score or 0.0, HUMAN_MIN_SCORE)
    pairs: list[SegmentPair] = []
    rejected: list[RejectedPair] = []
    for index, bead in enumerate(beads):
        found = dict.fromkeys(hit.entry_id for i in bead.src for hit in item.translations[i].terms)
        rendered = {entry for j in bead.tgt for entry in canonical[j]}
        pair = SegmentPair(
            id=f"{item.id}:{index}",
            doc_id=item.id,
            fr=" ".join(french[i] for i in bead.src),
            en=" ".join(targets[j] for j in bead.tgt),
            bead=bead,
            terms=tuple(entry for entry in found if entry in rendered),
            missing_terms=tuple(entry for entry in found if entry not in rendered),
            origin="human",
        )
        pair = pair.model_copy(update={"quality": bead_quality(pair, None)})
        reason = reject_reason(pair, floor)
        if reason is None:
            pairs.append(pair)
        else:
            rejected.append(RejectedPair(pair=pair, reason=reason))
    return item.model_copy(update={"pairs": tuple(pairs), "rejected": tuple(rejected), "match": match})


def canonical_terms(english: Sequence[Sentence], glossary: Glossary | None) -> list[set[str]]:
    """For each English sentence, the glossary entries it renders canonically (none without a glossary)."""
    if glossary is None:
        return [set() for _ in english]
    checks = check_english(list(english), glossary)
    return [{hit.entry_id for hit in check.terms if hit.status == "ok"} for check in checks]


def _restore_cached(item: CorpusItem, flags: bytes) -> CorpusItem:
    if bytes(translation.cached for translation in item.translations) == flags:
        return item
    translations = tuple(
        translation.model_copy(update={"cached": bool(flag)})
        for translation, flag in zip(item.translations, flags, strict=True)
    )
    return item.model_copy(update={"translations": translations})


def _summary(result: MatchResult, french: int, english: int) -> RunMatching:
    return RunMatching(
        french=french,
        english=english,
        matches=result.matches,
        unmatched=dict(sorted(Counter(f"{item.lang}:{item.reason}" for item in result.unmatched).items())),
        near_duplicates=result.near_duplicates,
        threshold=result.threshold,
        prior=round(result.prior, 6),
    )


def _texts(sentences: Sequence[Sentence]) -> tuple[str, ...]:
    return tuple(sentence.text for sentence in sentences)

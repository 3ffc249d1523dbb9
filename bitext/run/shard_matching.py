"""Matching in a run on Ray: the driver matches from the workers' shard files.

On Ray the driver may have no engine, so it cannot translate French items as a local
run's first pass does. It does not need to: every worker writes each French item with
its machine translation into the shard file. Once every shard is done, the driver reads
the shard files in shard order, chunk by chunk as a local run reads its items, and hands
the same texts to the same matcher (:func:`bitext.run.matching.match_chunks`), so a run
on Ray finds the matches a local run finds, and the merge then pairs matched items with
their English versions as a local write pass does (:func:`bitext.run.matching.use_matches`).

Nothing is kept in memory but matching's counts: the items the aligner must arbitrate
and the English partners are read from the shard files again. The price is that the
merge waits for the last shard, where a run without matching merges while workers run.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, MutableMapping, Sequence

from bitext.executors.shards import merge_in_order
from bitext.match import MatchParams
from bitext.match.linking import ItemTexts
from bitext.models import CorpusItem, MatchText, Sentence, ShardLine, ShardRecord
from bitext.run.matching import RunMatches, TextChunk, WantedItems, match_chunks
from bitext.translate.documents import chunked


def match_shards(
    records: Sequence[ShardRecord],
    *,
    chunk_items: int,
    params: MatchParams | None = None,
    mine: bool = False,
    timings: MutableMapping[str, float],
) -> RunMatches:
    """Match the French and English items of finished shards (every shard of the run, in order).

    Args:
        records: Every shard's record, in index order.
        chunk_items: The run's chunk: items are counted in the chunks a local run counts.
        params: Matching settings (the defaults when ``None``).
        mine: Also pick the English item each unmatched French item is mined against.
        timings: Seconds spent reading shards and matching are added under ``match``.

    Raises:
        ExportError: A shard file does not match its record.
    """
    paths: dict[str, str] = {}

    def chunks() -> Iterator[TextChunk]:
        for chunk in chunked(_items(records), chunk_items):
            yield _texts(chunk, paths)

    def read_again(wanted: WantedItems) -> ItemTexts:
        french_ids, english_ids = wanted
        found = [i for i in _items(records) if i.id in (french_ids if i.lang == "fr" else english_ids)]
        french, english = _texts(found, {})
        return {french_ids[t.id]: t for t in french}, {english_ids[t.id]: t for t in english}

    def english(kept: set[str]) -> dict[str, tuple[Sentence, ...]]:
        return {item.id: item.sentences for item in _items(records) if item.lang == "en" and item.id in kept}

    return match_chunks(chunks(), read_again, english, paths, params=params, mine=mine, timings=timings)


def _items(records: Iterable[ShardRecord]) -> Iterator[CorpusItem]:
    """The shards' corpus items in input order (skipped items left out, as a local run reads)."""
    for line in merge_in_order(records, ShardLine):
        if line.item is not None:
            yield line.item


def _texts(items: Sequence[CorpusItem], paths: dict[str, str]) -> TextChunk:
    """Items as matching reads them: French ones with their MT, English ones (those with
    sentences); each English item's path is recorded."""
    french: list[MatchText] = []
    english: list[MatchText] = []
    for item in items:
        if not item.sentences:
            continue
        sentences = tuple(sentence.text for sentence in item.sentences)
        if item.lang == "fr":
            target = tuple(translation.target for translation in item.translations)
            french.append(MatchText(id=item.id, sentences=sentences, translation=target))
        elif item.lang == "en":
            english.append(MatchText(id=item.id, sentences=sentences))
            paths[item.id] = item.path
    return french, english

"""``bitext run --mine``: human sentence pairs from items that tell the same story without translating it.

A French item the matcher left unmatched, whose best English candidate scored below the
match threshold, may still share sentences with it (an English news digest that
translates one paragraph of a French report). :func:`mining_partners` picks those
candidates; in the write pass :func:`mined_item` mines the two items' sentences
(:func:`bitext.match.mine_pairs`, our MT as the bridge, margin-scored and calibrated on
the input) and each mined pair replaces the MT pair of its French sentence.

Schema: a mined pair is an ordinary :class:`~bitext.models.SegmentPair` with
``origin: "human"`` (a person wrote its English), no engine, a 1-1 bead whose target
index is the sentence's index in the English item and whose score is the mining
probability; what marks it as mined is its id, ``<fr item>:<sentence>:mined:<en item>:<sentence>``
(see :func:`is_mined`). The item's other sentences keep their MT pairs.
"""

from __future__ import annotations

from collections.abc import Sequence

from bitext.match import MineParams, mine_pairs
from bitext.models import Bead, CorpusItem, MatchResult, RejectedPair, SegmentPair, Sentence
from bitext.run.items import bead_quality

MINED = ":mined:"
"""What the id of a mined pair holds."""


def is_mined(pair: SegmentPair) -> bool:
    """Whether ``pair`` was mined from an English item that is not the French item's translation."""
    return MINED in pair.id


def mining_settings(params: MineParams | None = None) -> dict[str, str | int | float | bool | None]:
    """The miner's settings as the manifest records them (prefixed ``mine_``)."""
    dumped = (params or MineParams()).model_dump(mode="json")
    return {"mine": True, **{f"mine_{name}": value for name, value in dumped.items()}}


def mining_partners(result: MatchResult) -> dict[str, str]:
    """Each unmatched French item's best English candidate when it scored below the threshold."""
    return {
        item.id: item.best
        for item in result.unmatched
        if item.lang == "fr" and item.best is not None and item.reason == "below_threshold"
    }


def mined_item(
    item: CorpusItem,
    english_id: str,
    english: Sequence[Sentence],
    canonical: Sequence[set[str]],
    params: MineParams | None = None,
) -> CorpusItem:
    """``item`` with the pairs mined against ``english`` in place of its sentences' MT pairs.

    Args:
        item: A French item with its MT pairs.
        english_id: The English item's id (recorded in the mined pairs' ids).
        english: The English item's sentences.
        canonical: For each English sentence, the glossary entries it renders canonically.
        params: Mining settings.
    """
    french = [sentence.text for sentence in item.sentences]
    mt = [translation.target for translation in item.translations]
    if not french or not english or len(mt) != len(french):
        return item
    result = mine_pairs(french, [sentence.text for sentence in english], src_mt=mt, params=params)
    mined = {
        found.src: _pair(item, english_id, found.src, found.tgt, found.score, english, canonical)
        for found in result.pairs
    }
    if not mined:
        return item
    pairs = [mined.pop(pair.bead.src[0]) if _replaced(pair, mined) else pair for pair in item.pairs]
    rejected: list[RejectedPair] = []
    for reject in item.rejected:
        if _replaced(reject.pair, mined):
            pairs.append(mined.pop(reject.pair.bead.src[0]))
        else:
            rejected.append(reject)
    pairs += mined.values()
    pairs.sort(key=lambda pair: pair.bead.src[0] if pair.bead.src else len(french))
    return item.model_copy(update={"pairs": tuple(pairs), "rejected": tuple(rejected)})


def _replaced(pair: SegmentPair, mined: dict[int, SegmentPair]) -> bool:
    return len(pair.bead.src) == 1 and pair.bead.src[0] in mined


def _pair(
    item: CorpusItem,
    english_id: str,
    src: int,
    tgt: int,
    score: float,
    english: Sequence[Sentence],
    canonical: Sequence[set[str]],
) -> SegmentPair:
    found = dict.fromkeys(hit.entry_id for hit in item.translations[src].terms)
    pair = SegmentPair(
        id=f"{item.id}:{src}{MINED}{english_id}:{tgt}",
        doc_id=item.id,
        fr=item.sentences[src].text,
        en=english[tgt].text,
        bead=Bead(src=(src,), tgt=(tgt,), score=score),
        terms=tuple(entry for entry in found if entry in canonical[tgt]),
        missing_terms=tuple(entry for entry in found if entry not in canonical[tgt]),
        origin="human",
    )
    return pair.model_copy(update={"quality": bead_quality(pair, None)})

"""Document matching on the test stories, with Apertium as the bridge (the real pipeline)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest

from bitext.errors import InputError
from bitext.match import MatchParams, match_documents
from bitext.models import Document, MatchResult, MatchText

Translate = Callable[[Sequence[str]], list[str]]
TRUE_PAIRS = {
    ("pont-cyclable", "bike-bridge"),
    ("lavande", "lavender"),
    ("comete", "comet"),
    ("greve-aerienne", "air-strike"),
}
FRENCH = ["pont-cyclable", "lavande", "comete", "greve-aerienne", "apiculteurs"]
ENGLISH = ["bike-bridge", "lavender", "comet", "air-strike", "dublin-library"]


def _texts(
    documents: dict[str, Document], ids: Sequence[str], translate: Translate | None
) -> list[MatchText]:
    texts = []
    for item_id in ids:
        sentences = tuple(s.text for s in documents[item_id].sentences)
        translation = tuple(translate(sentences)) if translate is not None else None
        texts.append(MatchText(id=item_id, sentences=sentences, translation=translation))
    return texts


def _match(
    documents: dict[str, Document], translate: Translate, french: Sequence[str], english: Sequence[str]
) -> MatchResult:
    return match_documents(_texts(documents, french, translate), _texts(documents, english, None))


def _pairs(result: MatchResult) -> set[tuple[str, str]]:
    return {(m.fr, m.en) for m in result.matches}


def test_translations_are_found_and_unpaired_items_stay_unpaired(
    match_documents_by_id: dict[str, Document], apertium_translate: Translate
) -> None:
    result = _match(match_documents_by_id, apertium_translate, FRENCH, ENGLISH)
    assert _pairs(result) == TRUE_PAIRS
    assert all(m.score >= result.threshold for m in result.matches)
    unmatched = {item.id: item for item in result.unmatched}
    assert set(unmatched) == {"apiculteurs", "dublin-library"}
    # The beekeepers' story shares its region and drought with "lavender" but is no translation.
    assert unmatched["apiculteurs"].reason in ("below_threshold", "no_candidate")


def test_a_near_copy_of_the_english_does_not_steal_the_match(
    match_documents_by_id: dict[str, Document], apertium_translate: Translate
) -> None:
    result = _match(match_documents_by_id, apertium_translate, FRENCH, [*ENGLISH, "comet-edited"])
    assert _pairs(result) == TRUE_PAIRS
    assert ("comet", "comet-edited") in result.near_duplicates
    copy = next(item for item in result.unmatched if item.id == "comet-edited")
    assert copy.best == "comete" and copy.reason == "partner_taken"


def test_the_copy_alone_is_matched(
    match_documents_by_id: dict[str, Document], apertium_translate: Translate
) -> None:
    english = [e for e in ENGLISH if e != "comet"] + ["comet-edited"]
    result = _match(match_documents_by_id, apertium_translate, FRENCH, english)
    assert ("comete", "comet-edited") in _pairs(result)


def test_a_shortened_english_version_loses_to_the_full_one_and_is_matched_alone(
    match_documents_by_id: dict[str, Document], apertium_translate: Translate
) -> None:
    both = _match(match_documents_by_id, apertium_translate, FRENCH, [*ENGLISH, "air-strike-short"])
    assert _pairs(both) == TRUE_PAIRS
    alone = _match(
        match_documents_by_id,
        apertium_translate,
        FRENCH,
        [e for e in ENGLISH if e != "air-strike"] + ["air-strike-short"],
    )
    assert ("greve-aerienne", "air-strike-short") in _pairs(alone)


def test_an_english_item_wanted_by_two_french_versions_goes_to_the_complete_one(
    match_documents_by_id: dict[str, Document], apertium_translate: Translate
) -> None:
    result = _match(match_documents_by_id, apertium_translate, [*FRENCH, "pont-cyclable-bis"], ENGLISH)
    assert _pairs(result) == TRUE_PAIRS
    loser = next(item for item in result.unmatched if item.id == "pont-cyclable-bis")
    assert loser.best == "bike-bridge" and loser.reason == "partner_taken"


def test_one_side_empty_gives_no_match(match_documents_by_id: dict[str, Document]) -> None:
    only_english = match_documents([], _texts(match_documents_by_id, ENGLISH, None))
    assert only_english.matches == ()
    assert {item.reason for item in only_english.unmatched} == {"no_candidate"}
    assert match_documents([], []).matches == ()


def test_a_threshold_of_one_keeps_only_certain_pairs(
    match_documents_by_id: dict[str, Document], apertium_translate: Translate
) -> None:
    french = _texts(match_documents_by_id, FRENCH, apertium_translate)
    english = _texts(match_documents_by_id, ENGLISH, None)
    strict = match_documents(french, english, params=MatchParams(threshold=1.0))
    assert all(m.score == 1.0 for m in strict.matches)
    assert strict.threshold == 1.0


def test_french_without_translation_is_refused(match_documents_by_id: dict[str, Document]) -> None:
    french = _texts(match_documents_by_id, ["lavande"], None)
    with pytest.raises(InputError, match="lavande"):
        match_documents(french, _texts(match_documents_by_id, ["lavender"], None))


def test_perfect_translation_matches_without_an_engine(match_documents_by_id: dict[str, Document]) -> None:
    """The core needs no engine: give the English itself as the French items' translation."""
    documents = match_documents_by_id
    french = [
        MatchText(
            id=fr,
            sentences=tuple(s.text for s in documents[fr].sentences),
            translation=tuple(s.text for s in documents[en].sentences),
        )
        for fr, en in sorted(TRUE_PAIRS)
        if len(documents[fr].sentences) == len(documents[en].sentences)
    ]
    assert len(french) >= 3
    result = match_documents(french, _texts(documents, ENGLISH, None))
    assert _pairs(result) == {pair for pair in TRUE_PAIRS if pair[0] in {t.id for t in french}}

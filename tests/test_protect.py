"""The span-protection mechanism with test engines: masking, restoring, checking, repairing."""

from __future__ import annotations

import gc
import re
from collections.abc import Sequence

import pytest
from conftest import make_sentences
from fakes import AligningWordEngine, LosingPlaceholderEngine, PlaceholderWordEngine, WordEngine

from bitext.glossary import load_glossary
from bitext.models import ProtectedSpan, Translation
from bitext.protect import plan_sentence, post_edit, translate_protected
from bitext.protect.mask import mask, unmask
from bitext.protect.spans import resolve
from bitext.translate.apertium import _guard_opening_token, _unguard

ENGINES = [PlaceholderWordEngine, AligningWordEngine, WordEngine, LosingPlaceholderEngine]
TOKEN = re.compile(r"zxq\d+", re.IGNORECASE)


def span(
    start: int, end: int, source: str, rendering: str, kind: str = "name", **extra: object
) -> ProtectedSpan:
    return ProtectedSpan(start=start, end=end, source=source, rendering=rendering, kind=kind, **extra)  # type: ignore[arg-type]


@pytest.mark.parametrize("engine_class", ENGINES)
def test_names_places_and_numbers_come_out_right_with_every_engine(engine_class: type) -> None:
    text = "Nguyen Van Binh a rencontré Tran Hong Ha à Hué et a dépensé 1,6 milliard d'euros."
    [result] = translate_protected(engine_class(), make_sentences(text))
    for expected in ("Nguyen Van Binh", "Tran Hong Ha", "Hue", "1.6 billion"):
        assert expected in result.target
    assert not TOKEN.search(result.target)
    assert {hit.kind for hit in result.spans} == {"name", "place", "number"}
    assert all(hit.status in ("kept", "repaired") for hit in result.spans)


def test_placeholder_engine_output_is_exact() -> None:
    [result] = translate_protected(
        PlaceholderWordEngine(), make_sentences("Nguyen Van Binh a rencontré Pékin.")
    )
    assert result.target == "Nguyen Van Binh has met Beijing."
    assert [(h.source, h.target, h.status) for h in result.spans] == [
        ("Nguyen Van Binh", "Nguyen Van Binh", "kept"),
        ("Pékin", "Beijing", "kept"),
    ]


def test_glossary_terms_win_over_names_inside_them() -> None:
    glossary = load_glossary()
    plan = plan_sentence("Le vice-ministre Hoang Xuan Chien a visité Pékin.", glossary)
    assert [(s.kind, s.source) for s in plan.spans] == [
        ("term", "vice-ministre"),
        ("term", "Hoang Xuan Chien"),  # the glossary's name entry, not the finder's
        ("place", "Pékin"),
    ]
    assert [plan.spans[i].label for i in plan.term_positions] == ["deputy-minister", "hoang-xuan-chien"]


def test_longest_span_wins_among_producers() -> None:
    short, long = span(0, 5, "Hô Ch", "x"), span(0, 17, "Hô Chi Minh-Ville", "Ho Chi Minh City", "place")
    assert resolve([], [short, long]) == [long]
    term = span(3, 8, "Chi M", "t", "term")
    assert resolve([term], [long]) == [term]


def test_tokens_stay_apart_from_the_words_around() -> None:
    text = "9 millions d'habitants"
    masked, tokens = mask(
        PlaceholderWordEngine(), text, [span(0, 13, "9 millions d'", "9 million", "number")]
    )
    assert masked == f"{tokens[0]} habitants"


def test_a_nationality_adjective_left_after_a_title_goes_before_it() -> None:
    title = span(3, 19, "Premier ministre", "Prime Minister", "term", reorder=True)
    english, counts = unmask(
        "the ZXQ0 Iraqi has arrived.", ["ZXQ0"], [title], "le Premier ministre irakien est arrivé."
    )
    assert english == "the Iraqi Prime Minister has arrived." and counts == [1]


def test_no_reordering_for_a_word_that_is_no_adjective() -> None:
    first = span(0, 5, "A", "Ministry", "term", reorder=True)
    english, _ = unmask("ZXQ0 ZXQ1 met.", ["ZXQ0", "ZXQ1"], [first, span(6, 10, "B", "B")], "AAAAA BBBB a.")
    assert english == "Ministry B met."


def test_soft_country_spans_are_checked_and_their_article_dropped() -> None:
    vietnam = span(3, 10, "Vietnam", "Vietnam", "place", masked=False, variants=("the Vietnam",))
    text, statuses = post_edit("The president of the Vietnam spoke.", [vietnam])
    assert text == "The president of Vietnam spoke." and statuses == ["ok"]


def test_number_parts_are_fixed_where_the_engine_kept_french() -> None:
    amount = span(
        0,
        20,
        "1,6 milliard d'euros",
        "1.6 billion euros",
        "number",
        parts=(("1,6", "1.6"), ("milliard", "billion")),
    )
    text, statuses = post_edit("it cost 1,6 milliard of euros", [amount])
    assert text == "it cost 1.6 billion of euros" and statuses == ["repaired"]


def test_placeholder_shaped_text_in_the_input_survives() -> None:
    text = "Le code ZXQ0 et zxq01 et ⟦0⟧ concernent Nguyen Van Binh."
    [result] = translate_protected(PlaceholderWordEngine(), make_sentences(text))
    assert "ZXQ0" in result.target and "zxq01" in result.target and "⟦0⟧" in result.target
    assert "Nguyen Van Binh" in result.target
    assert len(TOKEN.findall(result.target)) == 2


def test_spans_at_the_very_start_and_end() -> None:
    [result] = translate_protected(PlaceholderWordEngine(), make_sentences("Hué a rencontré Nguyen Van Binh"))
    assert result.target.startswith("Hue") and result.target.endswith("Nguyen Van Binh")


def test_two_hundred_names_in_one_sentence() -> None:
    names = [f"Nguyen Van {given}" for given in ("Binh", "Anh", "Long", "Minh", "Hai")] * 40
    text = "Étaient présents " + ", ".join(names) + "."
    [result] = translate_protected(PlaceholderWordEngine(), make_sentences(text))
    assert result.target.count("Nguyen Van") == 200
    assert not TOKEN.search(result.target)
    assert [hit.status for hit in result.spans] == ["kept"] * 200


def test_old_translations_without_spans_still_load() -> None:
    payload = '{"segment_id": "a:0", "source": "x", "target": "y", "engine": {"name": "e"}}'
    assert Translation.model_validate_json(payload).spans == ()


@pytest.mark.parametrize(
    ("line", "guarded"),
    [
        ("ZXQ0 a dit.", "Et ZXQ0 a dit."),
        ("« ZXQ0 a dit »", "« Et ZXQ0 a dit »"),
        ("Le ZXQ0 a dit.", "Le ZXQ0 a dit."),
    ],
)
def test_apertium_guard_before_an_opening_token(line: str, guarded: str) -> None:
    assert _guard_opening_token(line) == guarded


def test_apertium_guard_is_removed_once() -> None:
    assert _unguard("And ZXQ0 and ZXQ1 have said.") == "ZXQ0 and ZXQ1 have said."


class _CollectorWatchingEngine(WordEngine):
    """Records whether the cycle collector ran while it translated."""

    def __init__(self, fail: bool = False) -> None:
        super().__init__()
        self.collector_enabled: list[bool] = []
        self._fail = fail

    def translate(self, texts: Sequence[str]) -> list[str]:
        self.collector_enabled.append(gc.isenabled())
        if self._fail:
            raise RuntimeError("engine down")
        return super().translate(texts)


def test_the_collector_is_paused_for_the_call_and_restored_even_on_error() -> None:
    gc.enable()
    engine = _CollectorWatchingEngine()
    translate_protected(engine, make_sentences("Nguyen Van Binh a rencontré Tran Hong Ha."))
    assert engine.collector_enabled == [False]
    assert gc.isenabled()
    failing = _CollectorWatchingEngine(fail=True)
    with pytest.raises(RuntimeError):
        translate_protected(failing, make_sentences("Le ministre est arrivé."))
    assert failing.collector_enabled == [False]
    assert gc.isenabled()

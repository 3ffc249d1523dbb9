"""Leak repairs sent in blocks while the pivot runs, with fake repair pipes."""

from __future__ import annotations

import re
from typing import Any

import pytest
from apertium_fakes import ANALYSED, ENGLISH, FRENCH, SPANISH, fake_run

from bitext.errors import ModelError
from bitext.translate import apertium_repair
from bitext.translate.apertium_repair import StreamingRepair, repair_phrases


class FakePipes:
    """Answers each block of phrases the way Apertium's stream comes back."""

    def __init__(self, table: dict[str, str], fail: bool = False) -> None:
        self.table, self.fail, self.blocks = table, fail, []

    def run(self, stream: str) -> str:
        if self.fail:
            raise ModelError("apertium repair pipes stopped: test")
        phrases = re.findall(r"(.*?)\.\[\]\[\n\n\]", stream)
        self.blocks.append(phrases)
        return "".join(f"{self.table.get(phrase, '*' + phrase)}.[][\n\n]" for phrase in phrases)


def fake(pipes: FakePipes) -> Any:
    return pipes


def opener(pipes: FakePipes) -> Any:
    """What the engine passes to a repair: a function that gives the pipes."""
    return lambda: pipes


def test_phrases_come_back_one_to_one_and_unknown_words_are_refused() -> None:
    pipes = FakePipes({"gazoduc": "pipeline", "milliards": "billions"})
    repairs = repair_phrases(fake(pipes), ["gazoduc", "milliards", "qwertz"])
    assert repairs == {"gazoduc": "pipeline", "milliards": "billions", "qwertz": None}


def test_a_repair_that_loses_a_line_is_an_error() -> None:
    class Short(FakePipes):
        def run(self, stream: str) -> str:
            return "pipeline.[][\n\n]"

    with pytest.raises(ModelError, match="1 lines for 2 phrases"):
        repair_phrases(fake(Short({})), ["gazoduc", "milliards"])


def test_sentences_are_repaired_in_blocks_as_they_come(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(apertium_repair, "BLOCK", 2)
    pipes = FakePipes(
        {"milliards": "billions", "combattants": "combatants", "gazoduc": "pipeline", "Mines": "Mines"}
    )
    mines = ("]^Mines/mine<n>$^./.<sent>$[][\n", "][[12]]Minas[[/]][[13]].[[/]][][\n", "*Minas.\n")
    run = fake_run((ANALYSED, SPANISH, ENGLISH), mines)
    repair = StreamingRepair(opener(pipes), [FRENCH, "Mines."])
    repair.see(run, 0)
    assert len(pipes.blocks) in (0, 1), "a full block leaves at once, answered in the background"
    repair.see(run, 1)
    english = repair.finish()
    assert english == ["The 7 billions of combatants and the pipeline of Nguyen.", "Mines."]
    assert pipes.blocks == [["milliards", "combattants", "gazoduc"], ["Mines"]]


def test_a_failing_repair_is_raised_to_the_caller() -> None:
    run = fake_run((ANALYSED, SPANISH, ENGLISH))
    repair = StreamingRepair(opener(FakePipes({}, fail=True)), [FRENCH])
    repair.see(run, 0)
    with pytest.raises(ModelError, match="stopped"):
        repair.finish()


def test_a_sentence_the_pivot_never_gave_is_an_error() -> None:
    repair = StreamingRepair(None, [FRENCH, FRENCH])
    repair.see(fake_run((ANALYSED, SPANISH, ENGLISH)), 0)
    with pytest.raises(ModelError, match="no translation for 1 sentence"):
        repair.finish()


def test_without_pipes_spanish_becomes_the_french_word() -> None:
    repair = StreamingRepair(None, [FRENCH])
    repair.see(fake_run((ANALYSED, SPANISH, ENGLISH)), 0)
    assert repair.finish() == ["The 7 milliards of combattants and the gazoduc of Nguyen."]


def test_repairs_are_kept_for_the_next_call() -> None:
    pipes = FakePipes({"milliards": "billions", "combattants": "combatants", "gazoduc": "pipeline"})
    known: dict[str, str | None] = {}
    for _ in range(2):
        repair = StreamingRepair(opener(pipes), [FRENCH], known=known)
        repair.see(fake_run((ANALYSED, SPANISH, ENGLISH)), 0)
        assert repair.finish() == ["The 7 billions of combatants and the pipeline of Nguyen."]
    assert pipes.blocks == [["milliards", "combattants", "gazoduc"]], "the second call asks nothing"


def test_with_a_stride_only_every_other_pivot_sentence_is_read() -> None:
    reset = ("^Il/il<prn>$^./.<sent>$[][\n", "[[20]]Él[[/]][[21]].[[/]][][\n", "He.\n")
    yes = ("^Oui/oui<adv>$^./.<sent>$[][\n", "[[22]]Sí[[/]][[23]].[[/]][][\n", "Yes.\n")
    run = fake_run((ANALYSED, SPANISH, ENGLISH), reset, yes)
    repair = StreamingRepair(None, [FRENCH, "Oui."], stride=2)
    for index in range(3):
        repair.see(run, index)
    assert repair.finish() == ["The 7 milliards of combattants and the gazoduc of Nguyen.", "Yes."]


def test_the_pipes_are_opened_at_the_first_phrase_to_repair_only() -> None:
    opened: list[FakePipes] = []

    def open_pipes() -> FakePipes:
        opened.append(FakePipes({"milliards": "billions"}))
        return opened[-1]

    yes = ("^Oui/oui<adv>$^./.<sent>$[][\n", "[[22]]Sí[[/]][[23]].[[/]][][\n", "Yes.\n")
    clean = StreamingRepair(open_pipes, ["Oui."])  # type: ignore[arg-type]
    clean.see(fake_run(yes), 0)
    assert clean.finish() == ["Yes."]
    assert opened == [], "no leak, no Catalan"
    leaky = StreamingRepair(open_pipes, [FRENCH, "Oui."])  # type: ignore[arg-type]
    leaky.see(fake_run((ANALYSED, SPANISH, ENGLISH), yes), 0)
    leaky.see(fake_run((ANALYSED, SPANISH, ENGLISH), yes), 1)
    assert leaky.finish()[0].startswith("The 7 billions of")
    assert len(opened) == 1


def test_pipes_that_cannot_open_are_an_error_in_the_caller() -> None:
    def broken() -> FakePipes:
        raise ModelError("cannot start apertium (fra-cat, cat-eng): test")

    repair = StreamingRepair(broken, [FRENCH])  # type: ignore[arg-type]
    repair.see(fake_run((ANALYSED, SPANISH, ENGLISH)), 0)
    with pytest.raises(ModelError, match="cannot start"):
        repair.finish()

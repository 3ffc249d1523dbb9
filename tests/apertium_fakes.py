"""Apertium streams written by hand, with the shapes Apertium 3.8 prints (shared by tests)."""

from __future__ import annotations

from bitext.translate.apertium_pipes import PivotRun
from bitext.translate.apertium_stream import UnitCounter

FRENCH = "Les 7 milliards de combattants et le gazoduc de Nguyen."
ANALYSED = (
    "^Les/le<det><def><mf><pl>$ ^7/7<num>$ ^milliards/milliard<n><m><pl>$ ^de/de<pr>$ "
    "^combattants/combattant<n><m><pl>$ ^et/et<cnjcoo>$ ^le/le<det><def><m><sg>$ ^gazoduc/*gazoduc$ "
    "^de/de<pr>$ ^Nguyen/*Nguyen$^./.<sent>$[][\n"
)
SPANISH = (
    "[[1]]Los[[/]] [[2]]7[[/]] [[3]]millardos[[/]] [[4]]de[[/]] [[5]]combatientes[[/]] [[6]]y[[/]] "
    "[[7]]el[[/]] [[8]]*gazoduc[[/]] [[9]]de[[/]] [[10]]*Nguyen[[/]][[11]].[[/]][[12]].[[/]][][\n"
)
ENGLISH = "The 7 *millardos of *combatientes and the *gazoduc of *Nguyen.\n"


def fake_run(*sentences: tuple[str, str, str]) -> PivotRun:
    """A run whose sentence k is line 2k of each stream, as Apertium prints them."""
    counter = UnitCounter()
    run = PivotRun([], [], [])
    for analysed, spanish, english in sentences:
        run.source.extend([counter.number(analysed), "\n"])
        run.pivot.extend([spanish, "\n"])
        run.target.extend([english, "\n"])
    return run

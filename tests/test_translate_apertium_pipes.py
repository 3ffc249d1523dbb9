"""The pivot's pipes on real Apertium: a run left early ends at once, its processes reaped."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from bitext.errors import ModelError
from bitext.translate import apertium_pipes
from bitext.translate.apertium import STAGES
from bitext.translate.apertium_pipes import Pivot


class Interrupted(Exception):
    """Stands in for Ctrl-C arriving while the pivot streams its output."""


@pytest.mark.parametrize("where", ["before reading", "at the first sentence"])
def test_a_run_left_early_ends_at_once_and_reaps_every_pipeline(
    apertium_engine: Any, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    """Ctrl-C can land while the output is read or just before: with enough text every pipe
    is full, and the relay threads are blocked on stages nobody drains (this hung)."""
    text = "\n\n".join(f"Le conseil municipal a voté le budget numéro {n} hier soir." for n in range(20_000))
    pivot = Pivot(*STAGES)
    started = [process for _, process, _ in pivot._processes._started]
    outcome: list[BaseException] = []

    def interrupt(*_: object) -> None:
        raise Interrupted

    if where == "before reading":
        monkeypatch.setattr(apertium_pipes, "_read_target", interrupt)

    def run() -> None:
        try:
            pivot.run(text + "\n", on_sentence=interrupt)
        except BaseException as exc:
            outcome.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout=60)
    assert not thread.is_alive(), "the pivot did not end after its reader stopped"
    assert len(outcome) == 1 and isinstance(outcome[0], Interrupted)
    assert all(process.returncode is not None for process in started), "every pipeline is reaped"


def test_modes_run_in_turn_and_a_failing_mode_is_named(apertium_engine: Any) -> None:
    assert apertium_pipes.run_modes(STAGES, "Le chat dort.\n").strip() == "The cat sleeps."
    with pytest.raises(ModelError, match=r"apertium failed .*no-such-mode"):
        apertium_pipes.run_modes(("fr-es", "no-such-mode"), "Le chat dort.\n")

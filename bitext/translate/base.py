"""The engine contract every translation engine implements.

Engines are plain objects chosen by name (see :mod:`bitext.translate`); they load
their models lazily, on the first call, so building one is cheap and import-free.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from bitext.models import EngineInfo


@runtime_checkable
class Engine(Protocol):
    """Translates source strings into target strings, one output per input.

    ``translate`` gets every sentence of a run at once (or large chunks of it) so
    an engine can batch across documents; it must return exactly ``len(texts)``
    strings in input order, and ``""`` for empty or whitespace-only input.
    """

    @property
    def info(self) -> EngineInfo:
        """Name, model package and options: recorded with each translation."""
        ...

    def translate(self, texts: Sequence[str]) -> list[str]:
        """Translate ``texts`` 1:1."""
        ...


@dataclass(frozen=True)
class AlignedOutput:
    """A translation with the engine's own source↔target token alignment.

    Offsets are character spans: ``source_spans`` into the source string,
    ``target_spans`` into ``target``. ``attention[t][s]`` is the weight of source
    token ``s`` for target token ``t``.
    """

    target: str
    source_spans: tuple[tuple[int, int], ...]
    target_spans: tuple[tuple[int, int], ...]
    attention: tuple[tuple[float, ...], ...]


@runtime_checkable
class AligningEngine(Engine, Protocol):
    """An engine that can also report which source tokens each target token came from."""

    def translate_aligned(self, texts: Sequence[str]) -> list[AlignedOutput]:
        """Translate ``texts`` 1:1 and return attention-based token alignments."""
        ...


@runtime_checkable
class PlaceholderSafeEngine(Engine, Protocol):
    """An engine that copies opaque tokens such as ``ZXQ00`` through unchanged.

    ``placeholder(i, width)`` returns the i-th token with its number written in ``width``
    digits; the glossary uses them to protect terms and names, and restores the canonical
    English after translation. Tokens of one width never contain each other.
    """

    def placeholder(self, index: int, width: int) -> str:
        """Return the ``index``-th protected token, its number zero-padded to ``width``."""
        ...


@runtime_checkable
class LengthLimitedEngine(Engine, Protocol):
    """An engine whose model has a longest useful input.

    The runner measures inputs with ``input_lengths`` and splits those longer than
    ``max_input_tokens`` at punctuation or spaces, translates the pieces and joins
    them, so nothing is truncated silently.
    """

    max_input_tokens: int

    def input_lengths(self, texts: Sequence[str]) -> list[int]:
        """Length of each text in the unit of ``max_input_tokens``."""
        ...


@runtime_checkable
class BatchSizedEngine(Engine, Protocol):
    """An engine that says how many sentences it wants per ``translate`` call.

    The runner sends work in calls of ``batch_size`` unique sentences (and commits the
    cache after each); engines with a fixed start-up cost ask for large calls.
    """

    batch_size: int

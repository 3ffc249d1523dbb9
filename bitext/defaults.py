"""Default settings that both the library and the command line show.

Plain constants (typing only), so the CLI can print them in ``--help`` without loading
pydantic or any stage; :class:`bitext.models.RunOptions` and the stages take their
defaults from here, so each is written once.
"""

from __future__ import annotations

from typing import Final, Literal

DEFAULT_ENGINE: Final = "auto"
"""Argos when a fr→en package is installed, else Apertium (see :func:`bitext.translate.get_engine`)."""

DEFAULT_FORMATS: Final[tuple[Literal["tmx", "jsonl", "json"], ...]] = ("tmx", "jsonl", "json")
"""Corpus formats ``bitext run`` writes unless told otherwise."""

DEFAULT_EXECUTOR: Final = "local"
"""Where ``bitext run`` works: in this process (``ray``: on a Ray cluster)."""

DEFAULT_CHUNK_ITEMS: Final = 200
"""Items whose sentences go to the engine together in a run (memory vs. batching)."""

DEFAULT_TEASER_MARKERS: tuple[str, ...] = (
    "Voir plus",
    "Lire aussi",
    "Lire la suite",
    "Read more",
    "See more",
)
"""Paragraph starts that begin a teaser block the cleaner cuts (see :mod:`bitext.ingest.clean`)."""

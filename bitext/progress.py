"""How long library calls tell their caller what is done (the library itself draws nothing).

Below every user: the translation runner, the document-translation path and the run
call these; the CLI implements them with rich progress bars.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

ProgressCallback = Callable[[int], None]
"""Called with the number of units (sentences, lines) just done."""


class RunProgress(Protocol):
    """What a run reports while it works."""

    def items_total(self, total: int) -> None:
        """The number of items the run will write."""

    def items_done(self, count: int) -> None:
        """``count`` more items written."""

    def sentences_done(self, count: int) -> None:
        """``count`` more French sentences translated."""

"""Pausing Python's cycle collector around allocation-heavy work that makes no cycles."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector for the block; restore it as it was, even on error.

    Aligning documents and counting items' words allocate millions of short-lived token
    lists and tuples, none of them in a reference cycle. The collector's passes over
    that growing live set cost about a tenth of the time on 100,000-sentence documents,
    and made counting 10,000 items more than ten times slower than 1,000.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()

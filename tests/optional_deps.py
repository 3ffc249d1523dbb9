"""Skip marks for tests that need the package of an optional extra (``bitext[parquet]``)."""

from __future__ import annotations

import importlib

import pytest


def importable(name: str) -> bool:
    """Whether ``import name`` works here."""
    try:
        importlib.import_module(name)
    except ImportError:
        return False
    return True


needs_pyarrow = pytest.mark.skipif(
    not importable("pyarrow"), reason="pyarrow is not installed: pip install 'bitext[parquet]'"
)

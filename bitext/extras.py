"""Optional packages: features the core install leaves out, and the error when one is missing.

pyarrow is 170 MB, most of a fresh venv, and only Parquet needs it; so it is the
``parquet`` extra (``pip install 'bitext[parquet]'``). Every path that reads or writes
Parquet imports pyarrow through :func:`import_pyarrow`, and commands check the formats
they were asked for with :func:`check_formats` before they write anything, so a missing
pyarrow is a clear exit 69 naming the install line, never a traceback or a partial OUTDIR.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from bitext.errors import ModelError

PARQUET_INSTALL_HINT = "scripts/setup.sh --with parquet (or pip install 'bitext[parquet]')"


def import_pyarrow(*, path: str | Path | None = None) -> Any:
    """The ``pyarrow`` module with ``pyarrow.parquet`` loaded.

    Args:
        path: The Parquet file that needs it, named in the error.

    Raises:
        ModelError: pyarrow is not installed (exit 69), with the line that installs it.
    """
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as exc:
        raise ModelError(
            f"Parquet needs pyarrow, which is not installed here: {PARQUET_INSTALL_HINT}", path=path
        ) from exc
    return pyarrow


def check_formats(formats: Iterable[str], *, path: str | Path | None = None) -> None:
    """Check that every format in ``formats`` can be read and written here.

    Args:
        formats: Format names (``parquet``, ``tmx``, ...).
        path: The file the formats are for, named in the error.

    Raises:
        ModelError: ``parquet`` is among them and pyarrow is not installed (exit 69).
    """
    if "parquet" in formats:
        import_pyarrow(path=path)

"""Checks on where a command will write, made before it does any work.

A command that translates for minutes and then finds that ``-o`` names a folder (or,
for a folder of outputs, a file) has wasted the user's time and, before these checks,
ended in a traceback. Every command that writes checks its outputs first with
:func:`check_output_file` or :func:`check_output_folder`; the write itself still goes
through :func:`bitext.textio.atomic_write`.
"""

from __future__ import annotations

import os
from pathlib import Path

from bitext.errors import ExportError, UsageError


def check_output_file(path: str | Path) -> None:
    """``path`` can receive a file: not a folder, in an existing, writable folder.

    Raises:
        UsageError: ``path`` is a folder, or its folder does not exist (exit 2).
        ExportError: Its folder cannot be written (exit 73).
    """
    path = Path(path)
    if path.is_dir():
        raise UsageError("is a folder; give a file name for the output", path=path)
    folder = path.parent
    if not folder.exists():
        raise UsageError("the output folder does not exist", path=folder)
    if not folder.is_dir():
        raise UsageError("is a file, so no output can be written in it", path=folder)
    _check_writable(folder)


def check_output_folder(path: str | Path) -> None:
    """``path`` can receive files: a folder, or a path where one can be created.

    Raises:
        UsageError: ``path`` (or a parent it would be created in) is a file (exit 2).
        ExportError: The folder, or the nearest existing parent, cannot be written (exit 73).
    """
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise UsageError("exists and is not a folder; give a folder for the outputs", path=path)
    existing = path
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise UsageError("is a file, so the output folder cannot be created in it", path=existing)
    _check_writable(existing)


def _check_writable(folder: Path) -> None:
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ExportError("cannot write in this folder (permission denied)", path=folder)

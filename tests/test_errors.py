"""The error family: exit codes and messages that name the place."""

from __future__ import annotations

import pytest

from bitext.errors import (
    AlignmentError,
    BitextError,
    CacheError,
    EmptyItemError,
    ExportError,
    GlossaryError,
    InputError,
    ModelError,
    TermCheckFailed,
    UsageError,
)


@pytest.mark.parametrize(
    ("cls", "code"),
    [
        (BitextError, 1),
        (TermCheckFailed, 1),
        (UsageError, 2),
        (InputError, 65),
        (GlossaryError, 65),
        (AlignmentError, 65),
        (EmptyItemError, 65),
        (ModelError, 69),
        (ExportError, 73),
        (CacheError, 74),
    ],
)
def test_exit_codes(cls: type[BitextError], code: int) -> None:
    assert cls("x").exit_code == code
    assert issubclass(cls, BitextError)


def test_message_names_file_line_and_offset() -> None:
    error = InputError("not UTF-8", path="a/b.txt", line=3, offset=17)
    assert str(error) == "a/b.txt:3 (offset 17): not UTF-8"


def test_message_without_location() -> None:
    assert str(ModelError("no engine")) == "no engine"

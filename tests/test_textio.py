"""Strict reading and atomic writing."""

from __future__ import annotations

from pathlib import Path

import pytest

from bitext.errors import InputError, UsageError
from bitext.textio import atomic_write, read_text


def test_bom_and_crlf_are_handled(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffLigne un\r\nLigne deux\r".encode())
    assert read_text(path) == "Ligne un\nLigne deux\n"


def test_non_utf8_names_line_and_byte(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("premiere ligne\nd\xe9j\xe0".encode("latin-1"))
    with pytest.raises(InputError) as info:
        read_text(path)
    assert info.value.line == 2
    assert info.value.offset == len("premiere ligne\nd".encode("latin-1"))
    assert "latin1.txt:2" in str(info.value)


def test_binary_file_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(b"PK\x03\x04\x00\x00binary")
    with pytest.raises(InputError, match="binary"):
        read_text(path)


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError) as info:
        read_text(tmp_path / "nope.txt")
    assert info.value.exit_code == 2


def test_atomic_write_keeps_old_content_on_failure(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    path.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_write(path) as handle:
        handle.write("half")
        raise RuntimeError("crash")
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_atomic_write_replaces_on_success(tmp_path: Path) -> None:
    path = tmp_path / "out.txt"
    with atomic_write(path) as handle:
        handle.write("new")
    assert path.read_text(encoding="utf-8") == "new"

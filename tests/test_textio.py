"""Strict reading and atomic writing."""

from __future__ import annotations

import errno
import os
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from bitext.errors import ExportError, InputError, UsageError
from bitext.textio import MAX_INPUT_ENV, atomic_write, max_input_bytes, read_text, spool_file


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


@pytest.fixture
def failing_os(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str, int], None]:
    """Make ``os.write`` or ``os.fsync`` fail with an errno for files under ``tmp_path``."""

    def fail(call: str, code: int) -> None:
        real = getattr(os, call)

        def faulty(fd: int, *args: object) -> object:
            if os.readlink(f"/proc/self/fd/{fd}").startswith(str(tmp_path)):
                raise OSError(code, os.strerror(code))
            return real(fd, *args)

        monkeypatch.setattr(os, call, faulty)

    return fail


@pytest.mark.parametrize(
    ("call", "code"), [("write", errno.ENOSPC), ("write", errno.EIO), ("fsync", errno.EIO)]
)
@pytest.mark.parametrize("binary", [False, True])
def test_a_failing_write_or_fsync_is_an_export_error_and_keeps_the_old_file(
    tmp_path: Path, failing_os: Callable[[str, int], None], call: str, code: int, binary: bool
) -> None:
    path = tmp_path / "out.txt"
    path.write_text("old", encoding="utf-8")
    failing_os(call, code)
    with pytest.raises(ExportError) as info, atomic_write(path, binary=binary) as handle:  # type: ignore[call-overload]
        for _ in range(1000):
            handle.write(b"x" * 100 if binary else "x" * 100)
    assert info.value.path == path and info.value.exit_code == 73
    assert os.strerror(code) in str(info.value)
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_a_full_disk_under_a_spool_file_names_the_output(
    tmp_path: Path, failing_os: Callable[[str, int], None]
) -> None:
    target = tmp_path / "corpus.json"
    failing_os("write", errno.ENOSPC)
    with pytest.raises(ExportError, match="No space left on device") as info, spool_file(target) as spool:
        spool.write("x" * 100_000)
        spool.flush()
    assert info.value.path == target
    assert list(tmp_path.iterdir()) == []


def test_a_spool_file_reads_back_and_leaves_nothing(tmp_path: Path) -> None:
    with spool_file(tmp_path / "corpus.json") as spool:
        spool.write("un\ndeux\n")
        spool.seek(0)
        assert list(spool) == ["un\n", "deux\n"]
        assert list(tmp_path.iterdir()) == []


def test_the_file_size_limit_is_an_export_error_in_a_real_process(tmp_path: Path) -> None:
    """EFBIG for real: a child process under RLIMIT_FSIZE (Python ignores SIGXFSZ)."""
    path = tmp_path / "out.txt"
    path.write_text("old", encoding="utf-8")
    code = (
        "import sys\nfrom bitext.textio import atomic_write\nfrom bitext.errors import ExportError\n"
        "try:\n    with atomic_write(sys.argv[1]) as handle:\n        handle.write('x' * 1_000_000)\n"
        "except ExportError as error:\n    print(error.exit_code, error)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        capture_output=True,
        text=True,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000)),
        check=True,
    )
    assert result.stdout.strip() == f"73 {path}: cannot write: File too large"
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_a_device_is_refused_without_reading_it() -> None:
    """Regression: ``/dev/zero`` was read until MemoryError."""
    with pytest.raises(InputError, match=r"not a regular file \(a character device\)") as info:
        read_text("/dev/zero")
    assert info.value.exit_code == 65


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    """Regression: reading a FIFO blocked forever. A child process, so a hang fails the test."""
    fifo = tmp_path / "item.txt"
    os.mkfifo(fifo)
    code = "import sys\nfrom bitext.textio import read_bytes\nread_bytes(sys.argv[1])\n"
    result = subprocess.run(
        [sys.executable, "-c", code, str(fifo)], capture_output=True, text=True, timeout=60
    )
    assert "InputError" in result.stderr and "not a regular file (a FIFO)" in result.stderr


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.txt"
    path.write_text("x" * 2048, encoding="utf-8")
    assert read_text(path, limit=2048) == "x" * 2048
    with pytest.raises(InputError, match="larger than the 2047 bytes limit"):
        read_text(path, limit=2047)
    monkeypatch.setenv(MAX_INPUT_ENV, "1K")
    assert max_input_bytes() == 1024
    with pytest.raises(
        InputError, match=f"larger than the 1 KiB limit for one input file; raise it with {MAX_INPUT_ENV}"
    ):
        read_text(path)


@pytest.mark.parametrize("value", ["lots", "0", "-5", "12Q", "M"])
def test_a_bad_size_limit_is_a_usage_error(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv(MAX_INPUT_ENV, value)
    with pytest.raises(UsageError, match="is not a size"):
        max_input_bytes()


def test_the_default_size_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(MAX_INPUT_ENV, raising=False)
    assert max_input_bytes() == 16 << 20


def test_symbolic_link_loops_and_dangling_links_say_so(tmp_path: Path) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    dangling = tmp_path / "gone.txt"
    dangling.symlink_to(tmp_path / "nothing")
    with pytest.raises(UsageError, match="symbolic link loop"):
        read_text(loop)
    with pytest.raises(UsageError, match="broken symbolic link"):
        read_text(dangling)

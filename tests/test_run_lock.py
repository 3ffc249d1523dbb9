"""OUTDIR's lock: one bitext process at a time, released by the OS when its holder dies."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable
from pathlib import Path

import pytest
from fakes import WordEngine

from bitext.errors import ExportError, UsageError
from bitext.run import run_options, run_pipeline
from bitext.run.lock import LOCK_NAME, outdir_lock


def test_a_second_holder_is_refused_with_the_first_ones_pid(
    tmp_path: Path, lock_held_elsewhere: Callable[[Path], int]
) -> None:
    pid = lock_held_elsewhere(tmp_path)
    refused = rf"in use by another bitext process \(pid {pid}\)"
    with pytest.raises(UsageError, match=refused) as caught, outdir_lock(tmp_path):
        pass
    assert caught.value.exit_code == 2 and caught.value.path == tmp_path


def test_the_lock_is_released_when_its_holder_dies(
    tmp_path: Path, lock_held_elsewhere: Callable[[Path], int]
) -> None:
    pid = lock_held_elsewhere(tmp_path)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    with outdir_lock(tmp_path):
        assert (tmp_path / LOCK_NAME).read_text(encoding="ascii").strip() == str(os.getpid())


def test_the_lock_is_reentrant_within_a_process_and_released_after(tmp_path: Path) -> None:
    with outdir_lock(tmp_path), outdir_lock(tmp_path):
        pass
    with outdir_lock(tmp_path):
        pass


def test_a_run_is_refused_while_another_process_holds_outdir(
    tmp_path: Path, lock_held_elsewhere: Callable[[Path], int]
) -> None:
    """Regression (hardening 4): a second run deleted the first one's temporary files."""
    items, outdir = tmp_path / "items", tmp_path / "out"
    items.mkdir()
    (items / "a.txt").write_text("Le ministre est arrivé à Paris hier soir.\n", encoding="utf-8")
    outdir.mkdir()
    (outdir / ".corpus.tmx.abc123.tmp").write_text("the other run's work", encoding="utf-8")
    pid = lock_held_elsewhere(outdir)
    engine = WordEngine()
    with pytest.raises(UsageError, match=rf"pid {pid}") as caught:
        run_pipeline(run_options(inputs=[items], outdir=outdir, use_glossary=False), engine=engine)
    assert caught.value.exit_code == 2
    assert (outdir / ".corpus.tmx.abc123.tmp").read_text(encoding="utf-8") == "the other run's work"
    assert not (outdir / "manifest.json").exists() and engine.calls == []


def test_a_read_only_caller_goes_on_without_a_lock_file_it_cannot_create(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(path: str, flags: int, mode: int = 0o777) -> int:
        raise PermissionError(13, "Permission denied", path)

    monkeypatch.setattr(os, "open", refuse)
    with outdir_lock(tmp_path, writes=False):
        pass
    with pytest.raises(ExportError, match="cannot create the lock file") as caught, outdir_lock(tmp_path):
        pass
    assert caught.value.exit_code == 73

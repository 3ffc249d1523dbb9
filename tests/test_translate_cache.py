"""The SQLite translation memory: re-runs, keys, concurrency, unusable files."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bitext.cli import app
from bitext.errors import CacheError
from bitext.models import EngineInfo, Sentence
from bitext.translate.cache import TranslationCache, open_cache
from bitext.translate.runner import translate_sentences, translate_texts


class CountingEngine:
    def __init__(self, beam: int = 4) -> None:
        self.seen: list[str] = []
        self.beam = beam

    @property
    def info(self) -> EngineInfo:
        return EngineInfo(name="counting", model="m", model_version="1", options={"beam_size": self.beam})

    def translate(self, texts: Sequence[str]) -> list[str]:
        self.seen.extend(texts)
        return [f"{text}/{self.beam}" for text in texts]


def test_rerun_translates_only_new_sentences(tmp_path: Path) -> None:
    path = tmp_path / "tm.sqlite3"
    with TranslationCache(path) as cache:
        first = CountingEngine()
        assert translate_texts(first, ["a", "b"], cache=cache) == ["a/4", "b/4"]
    with TranslationCache(path) as cache:
        second = CountingEngine()
        result = translate_sentences(second, _sentences(["a", "c", "b"]), cache=cache)
    assert second.seen == ["c"]
    assert [(t.target, t.cached) for t in result] == [("a/4", True), ("c/4", False), ("b/4", True)]


def test_options_are_part_of_the_key(tmp_path: Path) -> None:
    with TranslationCache(tmp_path / "tm.sqlite3") as cache:
        translate_texts(CountingEngine(beam=4), ["a"], cache=cache)
        other = CountingEngine(beam=2)
        assert translate_texts(other, ["a"], cache=cache) == ["a/2"]
        assert other.seen == ["a"]
        assert len(cache) == 2


def test_an_interrupted_run_keeps_finished_batches(tmp_path: Path) -> None:
    class FailsSecondBatch(CountingEngine):
        batch_size = 2

        def translate(self, texts: Sequence[str]) -> list[str]:
            if self.seen:
                raise KeyboardInterrupt
            return super().translate(texts)

    with TranslationCache(tmp_path / "tm.sqlite3") as cache:
        with pytest.raises(KeyboardInterrupt):
            translate_texts(FailsSecondBatch(), ["a", "b", "c", "d"], cache=cache)
        assert len(cache) == 2


def test_concurrent_writers_do_not_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "tm.sqlite3"
    TranslationCache(path).close()

    def write(worker: int) -> None:
        with TranslationCache(path) as cache:
            for batch in range(20):
                pairs = [(f"{worker}-{batch}-{i}", "x") for i in range(25)]
                cache.put_many(EngineInfo(name="w"), pairs)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with TranslationCache(path) as cache:
        assert len(cache) == 3 * 20 * 25


def test_not_sqlite_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("this is not a database\n" * 100)
    with pytest.raises(CacheError, match="not an SQLite translation cache") as caught:
        TranslationCache(path)
    assert caught.value.exit_code == 74 and caught.value.path == path


@contextmanager
def read_only(path: Path) -> Iterator[None]:
    """Make ``path`` read-only, also for root (immutable attribute)."""
    path.chmod(0o444)
    immutable = os.geteuid() == 0
    if immutable and (
        shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(path)]).returncode
    ):
        pytest.skip("running as root and chattr +i is unavailable: cannot make a read-only file")
    try:
        yield
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(path)], check=True)
        path.chmod(0o644)


def test_read_only_cache_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "tm.sqlite3"
    TranslationCache(path).close()
    with read_only(path), pytest.raises(CacheError, match="read-only"):
        TranslationCache(path)


def test_cli_explicit_bad_cache_exits_74_default_bad_cache_runs_without(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "bad.sqlite3"
    bad.write_text("plain text, not SQLite\n" * 50)
    runner = CliRunner()
    args = ["translate", "--engine", "apertium", "-"]
    explicit = runner.invoke(app, [*args, "--cache", str(bad)], input="Bonjour.\n")
    assert explicit.exit_code == 74
    assert "not an SQLite translation cache" in explicit.output
    monkeypatch.setenv("BITEXT_CACHE", str(bad))
    fallback = runner.invoke(app, args, input="Bonjour.\n")
    if fallback.exit_code == 69:
        pytest.skip("Apertium not installed")
    assert fallback.exit_code == 0, fallback.output
    assert "running without the translation cache" in fallback.stderr
    assert fallback.stdout.strip()
    assert bad.read_text().startswith("plain text"), "the bad file is left untouched"


def _sentences(texts: list[str]) -> list[Sentence]:
    return [
        Sentence(id=f"t:{i}", index=i, text=t, start=0, end=len(t), paragraph=0) for i, t in enumerate(texts)
    ]


def test_open_cache_policy(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sqlite3"
    bad.write_text("plain text, not SQLite\n" * 50)
    warnings: list[CacheError] = []
    with open_cache(enabled=False, default=tmp_path / "d.sqlite3") as none:
        assert none is None
    with open_cache() as no_default:
        assert no_default is None
    with open_cache(default=tmp_path / "d.sqlite3") as default:
        assert isinstance(default, TranslationCache) and default.path == tmp_path / "d.sqlite3"
    with pytest.raises(CacheError, match="not an SQLite"), open_cache(bad, default=tmp_path / "d.sqlite3"):
        pass
    with pytest.raises(CacheError, match="not an SQLite"), open_cache(default=bad):
        pass
    with open_cache(default=bad, on_unusable_default=warnings.append) as skipped:
        assert skipped is None
    assert len(warnings) == 1 and "not an SQLite" in str(warnings[0])


def test_a_full_disk_is_a_cache_error_naming_the_file(tmp_path: Path) -> None:
    """A real child process under RLIMIT_FSIZE: SQLite's failed write is reported, not a traceback."""
    path = tmp_path / "cache.sqlite"
    code = (
        "import sys\nfrom bitext.translate.cache import TranslationCache\n"
        "from bitext.models import EngineInfo\nfrom bitext.errors import CacheError\n"
        "cache = TranslationCache(sys.argv[1])\n"
        "rows = [(f'phrase {i} ' * 20, 'y' * 200) for i in range(5000)]\n"
        "try:\n    cache.put_many(EngineInfo(name='x'), rows)\n"
        "except CacheError as error:\n    print(error.exit_code, error)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        capture_output=True,
        text=True,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000)),
        check=True,
    )
    assert result.stdout.startswith(f"74 {path}: cannot write the translation cache")
    assert "disk full or file too large" in result.stdout

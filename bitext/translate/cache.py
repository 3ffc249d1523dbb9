"""The translation memory: an SQLite cache of sentences already translated.

A row is keyed by the engine's fingerprint (engine name, model package, version and the
options that change the output) and the exact source sentence, so a re-run translates
only new sentences and a changed model or beam never serves stale English. Writes go
in one transaction per batch under WAL, so concurrent runs do not corrupt the file
and an interrupted run keeps every batch it finished.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from bitext.errors import CacheError
from bitext.models import EngineInfo

CACHE_ENV = "BITEXT_CACHE"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS translations (
    engine_key TEXT NOT NULL,
    source TEXT NOT NULL,
    target TEXT NOT NULL,
    engine TEXT NOT NULL,
    created REAL NOT NULL,
    PRIMARY KEY (engine_key, source)
) WITHOUT ROWID
"""
_LOOKUP_CHUNK = 500


def default_cache_path() -> Path:
    """``$BITEXT_CACHE``, else ``$XDG_CACHE_HOME/bitext/translations.sqlite3``."""
    from_env = os.environ.get(CACHE_ENV)
    if from_env:
        return Path(from_env).expanduser()
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "bitext" / "translations.sqlite3"


def engine_key(info: EngineInfo) -> str:
    """A stable fingerprint of what produced a translation."""
    payload = json.dumps(
        {"name": info.name, "model": info.model, "version": info.model_version, "options": info.options},
        sort_keys=True,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class TranslationCache:
    """An SQLite translation memory at ``path`` (created if missing).

    Raises:
        CacheError: The file is not an SQLite database, is not ours, or cannot be
            written (read-only file or folder).
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        _check_writable(self.path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise CacheError(f"cannot open the translation cache: {exc}", path=self.path) from exc
        try:
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute(_SCHEMA)
            self._db.execute("BEGIN IMMEDIATE")
            self._db.execute("ROLLBACK")
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise CacheError(_explain(exc), path=self.path) from exc

    def get_many(self, info: EngineInfo, sources: Iterable[str]) -> dict[str, str]:
        """Cached translations of ``sources`` by ``info``'s engine: source → target."""
        key = engine_key(info)
        wanted = list(dict.fromkeys(sources))
        found: dict[str, str] = {}
        try:
            for start in range(0, len(wanted), _LOOKUP_CHUNK):
                chunk = wanted[start : start + _LOOKUP_CHUNK]
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    f"SELECT source, target FROM translations WHERE engine_key = ? AND source IN ({marks})",
                    [key, *chunk],
                )
                found.update(rows)
        except sqlite3.DatabaseError as exc:
            raise CacheError(_explain(exc), path=self.path) from exc
        return found

    def put_many(self, info: EngineInfo, pairs: Sequence[tuple[str, str]]) -> None:
        """Store ``(source, target)`` pairs in one transaction."""
        key, label, now = engine_key(info), info.label(), time.time()
        try:
            with self._db:
                self._db.execute("BEGIN IMMEDIATE")
                self._db.executemany(
                    "INSERT OR REPLACE INTO translations VALUES (?, ?, ?, ?, ?)",
                    [(key, source, target, label, now) for source, target in pairs],
                )
        except sqlite3.DatabaseError as exc:
            raise CacheError(_explain(exc), path=self.path) from exc

    def forget_engine_output(self) -> None:
        """Drop every engine translation; translations people made (other tables) stay."""
        try:
            with self._db:
                self._db.execute("BEGIN IMMEDIATE")
                self._db.execute("DELETE FROM translations")
        except sqlite3.DatabaseError as exc:
            raise CacheError(_explain(exc), path=self.path) from exc

    def __len__(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM translations").fetchone()[0])

    def close(self) -> None:
        """Close the connection (the WAL is checkpointed by SQLite)."""
        self._db.close()

    def __enter__(self) -> TranslationCache:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


@contextmanager
def open_cache(
    path: str | Path | None = None,
    *,
    default: Path | None = None,
    enabled: bool = True,
    on_unusable_default: Callable[[CacheError], None] | None = None,
) -> Iterator[TranslationCache | None]:
    """The translation memory a command uses, closed when the ``with`` block ends.

    The one policy of every command: nothing when disabled; a ``path`` the user gave
    must open (its :class:`CacheError` stops the command); otherwise the command's
    ``default``, which, when it cannot be used and ``on_unusable_default`` is given, is
    skipped after telling that callback (a cache only saves work); no default, no cache.

    Raises:
        CacheError: The given path, or the default without ``on_unusable_default``,
            cannot be used.
    """
    chosen = Path(path) if path is not None else default
    if not enabled or chosen is None:
        yield None
        return
    try:
        cache = TranslationCache(chosen)
    except CacheError as error:
        if path is not None or on_unusable_default is None:
            raise
        on_unusable_default(error)
        yield None
        return
    with cache:
        yield cache


def _check_writable(path: Path) -> None:
    """Fail early on a read-only file: SQLite would accept it and fail at the first write."""
    if not path.exists() or path.is_dir():
        return
    try:
        with path.open("r+b"):
            pass
    except OSError as exc:
        raise CacheError(
            f"the translation cache is read-only ({exc.strerror}); use --no-cache or another --cache path",
            path=path,
        ) from exc


def _explain(exc: sqlite3.DatabaseError) -> str:
    text = str(exc)
    if "not a database" in text or "malformed" in text:
        return f"not an SQLite translation cache ({text}); remove it or choose another --cache path"
    if "disk is full" in text or "disk I/O error" in text:
        return (
            f"cannot write the translation cache ({text}: disk full or file too large?); "
            "use --no-cache or another --cache path"
        )
    if "readonly" in text or "read-only" in text:
        return f"the translation cache is read-only ({text}); use --no-cache or another --cache path"
    return f"translation cache error: {text}"

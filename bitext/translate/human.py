"""Translations a person wrote or corrected, kept in the translation memory file.

They live in their own table, ``human_translations``, beside the engine cache's
``translations`` in the same SQLite file (``OUT/.bitext-cache.sqlite`` for a run). The
engine cache is keyed by the engine's fingerprint and looked up only for that engine,
so a human translation is never served as engine output, and no engine output ever
replaces a human one: a re-run translates as before, then every pair whose French
has a human translation takes it (origin ``post-edited``), with the glossary statuses
checked on the human English when it was stored.

Rows are keyed by the pair's exact French text (one sentence, or several for a 2-1
bead) and record where the correction came from (``reference``: XLIFF file and unit).
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from bitext.errors import CacheError
from bitext.models import HumanTranslation

_SCHEMA = """
CREATE TABLE IF NOT EXISTS human_translations (
    source TEXT PRIMARY KEY,
    target TEXT NOT NULL,
    origin TEXT NOT NULL,
    reference TEXT NOT NULL,
    terms TEXT,
    missing_terms TEXT,
    created REAL NOT NULL
) WITHOUT ROWID
"""


def store_human_translations(path: Path, rows: Sequence[HumanTranslation]) -> None:
    """Store post-edits in one transaction; a later one for the same French replaces the earlier.

    Raises:
        CacheError: The file is not an SQLite database or cannot be written.
    """
    now = time.time()
    with _connect(path) as db:
        try:
            db.execute(_SCHEMA)
            db.executemany(
                "INSERT OR REPLACE INTO human_translations VALUES (?, ?, 'post-edited', ?, ?, ?, ?)",
                [
                    (row.source, row.target, row.reference, _ids(row.terms), _ids(row.missing_terms), now)
                    for row in rows
                ],
            )
        except sqlite3.DatabaseError as exc:
            raise CacheError(f"cannot store human translations: {exc}", path=path) from exc


def read_human_translations(path: Path) -> dict[str, HumanTranslation]:
    """Every human translation in the memory at ``path``, by French text (empty if none).

    Raises:
        CacheError: The file exists but is not a readable SQLite database.
    """
    if not path.is_file():
        return {}
    with _connect(path) as db:
        try:
            found = db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'human_translations'"
            ).fetchone()
            if found is None:
                return {}
            rows = db.execute(
                "SELECT source, target, reference, terms, missing_terms FROM human_translations"
            )
            return {
                source: HumanTranslation(
                    source=source,
                    target=target,
                    reference=reference,
                    terms=_tuple(terms),
                    missing_terms=_tuple(missing),
                )
                for source, target, reference, terms, missing in rows
            }
        except sqlite3.DatabaseError as exc:
            raise CacheError(f"cannot read human translations: {exc}", path=path) from exc


def _ids(ids: tuple[str, ...] | None) -> str | None:
    return None if ids is None else json.dumps(list(ids), ensure_ascii=False)


def _tuple(text: str | None) -> tuple[str, ...] | None:
    return None if text is None else tuple(json.loads(text))


@contextmanager
def _connect(path: Path) -> Iterator[sqlite3.Connection]:
    """An SQLite connection committed on success, rolled back on error, always closed."""
    try:
        db = sqlite3.connect(path, timeout=30)
    except sqlite3.Error as exc:
        raise CacheError(f"cannot open the translation memory: {exc}", path=path) from exc
    try:
        yield db
        db.commit()
    except BaseException:
        db.rollback()
        raise
    finally:
        db.close()

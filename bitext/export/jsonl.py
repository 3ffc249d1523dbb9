"""``corpus.jsonl``: one pair per line in the Hugging Face translation layout.

Each line reads ``{"id", "translation": {"fr", "en"}, "doc_id", "align": {"type", "src",
"tgt", "score"}, "meta": {"engine", "origin", "terms", "missing_terms"}}`` (plus
``meta.quality`` on the pairs that have a quality estimate and ``meta.reason`` in
``rejects.jsonl``) so ``datasets``' JSON loader gives a ``translation`` column
directly, while the rest keeps the provenance.

Every field of a line has the same JSON type in every file. ``datasets`` fixes a
column's type from the first 10 MB of the first file it reads and casts every later
file to it; a column that is ``null``, an empty list ``[]`` or absent throughout that
first chunk gets the type ``null``, to which no string or list of strings can be cast,
so two runs loaded together failed when the first had, say, no missing term. JSON has
no typed empty list, so on a line the term id lists are ``|``-joined strings (``""``
for none) and a missing engine is ``""``; typed lists are in ``corpus.parquet``.
``corpus.json``, one document rather than lines, keeps them as lists (:func:`pair_record`).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any

from pydantic import ValidationError

from bitext.errors import ExportError, InputError
from bitext.models import Bead, SegmentPair
from bitext.textio import atomic_write

# JSON allows these raw only inside strings, so escaping them is always safe.
_LINE_ESCAPES = (("\x85", "\\u0085"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))
ID_SEPARATOR = "|"
_SURROGATE = re.compile("[\ud800-\udfff]")


def pair_record(pair: SegmentPair, *, reason: str | None = None) -> dict[str, Any]:
    """The JSON-ready record of ``pair`` as ``corpus.json`` holds it (term ids as lists).

    ``reason`` goes into ``meta`` for rejects; ``meta.quality`` is there only when the
    pair has an estimate.
    """
    meta: dict[str, Any] = {
        "engine": pair.engine,
        "origin": pair.origin,
        "terms": list(pair.terms),
        "missing_terms": list(pair.missing_terms),
    }
    if pair.quality is not None:
        meta["quality"] = pair.quality
    if reason is not None:
        meta["reason"] = reason
    return {
        "id": pair.id,
        "translation": {"fr": pair.fr, "en": pair.en},
        "doc_id": pair.doc_id,
        "align": {
            "type": pair.bead.type,
            "src": list(pair.bead.src),
            "tgt": list(pair.bead.tgt),
            "score": pair.bead.score,
        },
        "meta": meta,
    }


def line_record(pair: SegmentPair, *, reason: str | None = None) -> dict[str, Any]:
    """The record of ``pair`` as a JSONL line holds it: no field ever ``null`` or ``[]``.

    Raises:
        ExportError: A term id holds ``|``, the separator of the joined lists.
    """
    record = pair_record(pair, reason=reason)
    meta = record["meta"]
    meta["engine"] = pair.engine or ""
    meta["terms"] = _joined(pair.terms)
    meta["missing_terms"] = _joined(pair.missing_terms)
    return record


def _joined(ids: Sequence[str]) -> str:
    for term in ids:
        if ID_SEPARATOR in term:
            raise ExportError(f"glossary id {term!r} holds {ID_SEPARATOR!r}, the JSONL list separator")
    return ID_SEPARATOR.join(ids)


def _ids(value: Any) -> tuple[str, ...]:
    """Term ids from a list (``corpus.json``, older JSONL) or a ``|``-joined string."""
    if isinstance(value, str):
        return tuple(value.split(ID_SEPARATOR)) if value else ()
    return tuple(value)


def pair_from_record(record: Any) -> SegmentPair:
    """Rebuild a pair from :func:`pair_record`'s or :func:`line_record`'s shape.

    Raises:
        ValueError: The record does not have that shape (the message says what is wrong).
    """
    if not isinstance(record, dict):
        raise ValueError("expected a JSON object")
    try:
        translation, align = record["translation"], record["align"]
        meta = record.get("meta") or {}
        bead = Bead(src=tuple(align["src"]), tgt=tuple(align["tgt"]), score=align["score"])
        if "type" in align and align["type"] != bead.type:
            raise ValueError(f"align.type {align['type']!r} does not match src/tgt ({bead.type})")
        return checked_pair(
            SegmentPair(
                id=record["id"],
                doc_id=record.get("doc_id", ""),
                fr=translation["fr"],
                en=translation["en"],
                bead=bead,
                engine=meta.get("engine") or None,
                terms=_ids(meta.get("terms", ())),
                missing_terms=_ids(meta.get("missing_terms", ())),
                origin=meta.get("origin", "mt"),
                quality=meta.get("quality"),
            )
        )
    except KeyError as exc:
        raise ValueError(f"missing key {exc.args[0]!r}") from exc
    except (TypeError, ValidationError) as exc:
        raise ValueError(f"malformed pair record: {_first_line(exc)}") from exc


def checked_pair(pair: SegmentPair) -> SegmentPair:
    """``pair`` if every writer can write it: a finite score, text without lone surrogates.

    JSON accepts ``NaN`` and ``"\\ud800"`` and TMX any ``x-score``; written back they make
    invalid JSON or a failed UTF-8 encode, so a reader refuses them.

    Raises:
        ValueError: A value no writer can write (the message says which).
    """
    if not math.isfinite(pair.bead.score):
        raise ValueError(f"the score {pair.bead.score!r} is not a finite number")
    texts = (pair.id, pair.doc_id, pair.fr, pair.en, pair.engine or "", *pair.terms, *pair.missing_terms)
    for text in texts:
        surrogate = _SURROGATE.search(text)
        if surrogate:
            raise ValueError(f"{text[: surrogate.start()][-30:]!r} is followed by a lone surrogate, not text")
    return pair


def dumps_record(record: dict[str, Any]) -> str:
    """One compact JSON line, UTF-8 kept as it is except the characters a line splitter breaks on.

    ``json.dumps`` escapes the C0 controls but leaves U+0085, U+2028 and U+2029 raw,
    and Python's ``str.splitlines``, JavaScript and many editors end a line there; as
    ``\\u`` escapes they decode to the same text and every reader sees one record per line.
    """
    line = json.dumps(record, ensure_ascii=False, separators=(", ", ": "), allow_nan=False)
    for char, escape in _LINE_ESCAPES:  # str.replace: ~60x faster than str.translate here
        line = line.replace(char, escape)
    return line


class JsonlWriter:
    """Write pairs to ``path`` one per line; the file appears only when the writer closes cleanly."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.count = 0
        self._stack = ExitStack()
        self._handle: IO[str] | None = None

    def __enter__(self) -> JsonlWriter:
        self._handle = self._stack.enter_context(atomic_write(self.path))
        return self

    def write(self, pair: SegmentPair, *, reason: str | None = None) -> None:
        """Append one pair (with the reason it was rejected, for a rejects file)."""
        assert self._handle is not None, "use JsonlWriter as a context manager"
        self._handle.write(dumps_record(line_record(pair, reason=reason)) + "\n")
        self.count += 1

    def __exit__(self, *exc_info: Any) -> bool:
        return bool(self._stack.__exit__(*exc_info))


def read_jsonl(path: str | Path) -> Iterator[SegmentPair]:
    """Stream the pairs of a JSONL corpus (or rejects file), line by line.

    Raises:
        InputError: A line is not JSON or not a pair record (the error names the line).
    """
    path = Path(path)
    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    yield pair_from_record(json.loads(line))
                except ValueError as exc:
                    raise InputError(f"not a bitext pair record: {exc}", path=path, line=number) from exc
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=path) from exc
    except UnicodeDecodeError as exc:
        raise InputError("not valid UTF-8", path=path, offset=exc.start) from exc


def _first_line(exc: Exception) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__

"""Read a run's OUTDIR for the review page: manifest, report, provenance and items.

The page is built from the files ``bitext run`` leaves, validated through the same
pydantic models that wrote them, so a folder that is not a finished run, a missing
``corpus.json`` or a corrupt file is refused with the file named. ``corpus.json``
items are streamed one at a time.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from bitext.errors import ExportError, InputError, UsageError
from bitext.models import CorpusItem, EngineInfo, Provenance, RejectedPair, RunManifest, RunReport

MANIFEST = "manifest.json"
REPORT = "report.json"
CORPUS = "corpus.json"

Model = TypeVar("Model", bound=BaseModel)


def check_outdir(outdir: Path) -> None:
    """Make sure ``outdir`` is the output folder of a bitext run.

    Raises:
        UsageError: It does not exist, is not a folder, or holds no ``manifest.json``.
    """
    if not outdir.exists():
        raise UsageError("no such folder; give the output folder of a bitext run", path=outdir)
    if not outdir.is_dir():
        raise UsageError("not a folder; give the output folder of a bitext run", path=outdir)
    if not (outdir / MANIFEST).is_file():
        raise UsageError("not the output folder of a bitext run (no manifest.json)", path=outdir)


def read_manifest(outdir: Path, *, require_complete: bool = True) -> RunManifest:
    """The run's ``manifest.json``.

    Raises:
        InputError: It is not a bitext manifest, or the run has not finished and
            ``require_complete`` is set.
    """
    path = outdir / MANIFEST
    manifest = _read_model(path, RunManifest, "a bitext manifest")
    if require_complete and manifest.status != "complete":
        raise InputError(
            f"the run has not finished (status {manifest.status!r}); run bitext run to the end first",
            path=path,
        )
    return manifest


def read_report(outdir: Path) -> RunReport:
    """The run's ``report.json``.

    Raises:
        InputError: It is missing or not a bitext run report.
    """
    return _read_model(outdir / REPORT, RunReport, "a bitext run report")


def read_provenance(outdir: Path) -> Provenance:
    """The provenance recorded at the top of ``corpus.json``.

    Raises:
        InputError: ``corpus.json`` is missing, corrupt, or records no provenance.
    """
    from bitext.export.json_doc import read_json_provenance

    path = _corpus_path(outdir)
    try:
        provenance = read_json_provenance(path)
    except ExportError as error:
        raise InputError(error.message, path=path, line=error.line) from error
    except ValidationError as exc:
        raise InputError(f"not a bitext corpus.json: provenance: {_first_error(exc)}", path=path) from exc
    if provenance is None:
        raise InputError("not a bitext corpus.json (no provenance)", path=path)
    return provenance


def read_items(outdir: Path, engine: EngineInfo | None) -> Iterator[CorpusItem]:
    """Stream the items of ``corpus.json`` as :class:`CorpusItem`.

    Args:
        outdir: The run's folder.
        engine: The run's engine, given back to each translation (``corpus.json``
            records it once, in the provenance, not per sentence).

    Raises:
        InputError: ``corpus.json`` is missing, not JSON, or an item does not validate
            (the message gives the item's number).
    """
    from bitext.export.json_doc import read_json_items

    path = _corpus_path(outdir)
    engine = engine or EngineInfo(name="unknown")
    records = read_json_items(path)
    number = 0
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except ExportError as error:
            raise InputError(error.message, path=path, line=error.line) from error
        try:
            yield item_from_record(record, engine)
        except ValueError as exc:
            raise InputError(f"item {number}: not a bitext corpus item: {exc}", path=path) from exc
        number += 1


def item_from_record(record: Any, engine: EngineInfo) -> CorpusItem:
    """Rebuild a :class:`CorpusItem` from its ``corpus.json`` record.

    ``corpus.json`` leaves out each translation's source text (it is the sentence's)
    and engine (it is the run's) and stores pairs in the JSONL record shape; both are
    put back here.

    Raises:
        ValueError: The record does not have the item shape (the message says where).
    """
    from bitext.export.jsonl import pair_from_record

    if not isinstance(record, dict):
        raise ValueError("expected a JSON object")
    sentences = {s.get("id"): s.get("text") for s in _objects(record, "sentences")}
    translations = [
        {**t, "source": sentences.get(t.get("segment_id"), ""), "engine": engine}
        for t in _objects(record, "translations")
    ]
    pairs = [pair_from_record(p) for p in _objects(record, "pairs")]
    rejected = [
        RejectedPair(pair=pair_from_record(p), reason=str((p.get("meta") or {}).get("reason", "")))
        for p in _objects(record, "rejected")
    ]
    try:
        return CorpusItem.model_validate(
            {**record, "translations": translations, "pairs": pairs, "rejected": rejected}
        )
    except ValidationError as exc:
        raise ValueError(_first_error(exc)) from exc


def _objects(record: dict[str, Any], key: str) -> list[dict[str, Any]]:
    values = record.get(key, [])
    if not isinstance(values, list) or not all(isinstance(value, dict) for value in values):
        raise ValueError(f"{key}: expected a list of JSON objects")
    return values


def _corpus_path(outdir: Path) -> Path:
    path = outdir / CORPUS
    if not path.is_file():
        raise InputError(
            "missing: the review page is built from corpus.json; run bitext run with json among --formats",
            path=path,
        )
    return path


def _read_model(path: Path, model: type[Model], what: str) -> Model:
    if not path.is_file():
        raise InputError(f"missing: a finished bitext run writes {path.name}", path=path)
    try:
        return model.model_validate_json(path.read_bytes())
    except ValidationError as exc:
        line = _json_error_line(path, exc)
        raise InputError(f"not {what}: {_first_error(exc)}", path=path, line=line) from exc
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=path) from exc


def _json_error_line(path: Path, exc: ValidationError) -> int | None:
    """The line of a JSON syntax error (pydantic reports only the character position)."""
    if exc.errors()[0]["type"] != "json_invalid":
        return None
    try:
        json.loads(path.read_bytes())
    except json.JSONDecodeError as error:
        return error.lineno
    except (UnicodeDecodeError, ValueError):
        return None
    return None


def _first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error["loc"])
    more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    return f"{where + ': ' if where else ''}{error['msg']}{more}"

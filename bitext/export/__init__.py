"""Exporters and readers for the parallel corpus: TMX 1.4b, JSONL, JSON, XLIFF 1.2, Parquet,
Moses text, TSV.

One module per format (``tmx``, ``jsonl``, ``json_doc``, ``xliff``, ``parquet``, ``text``), each with a
streaming writer (a context manager with ``write(pair)``; the output appears only when
it closes cleanly) and, for the lossless formats, a streaming reader. This module picks
them by name and converts between formats; format modules are imported only when used
(``tmx`` and ``xliff`` need lxml, ``parquet`` pyarrow: the ``parquet`` extra, see
:mod:`bitext.extras`).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol, cast, get_args

from bitext.errors import UsageError
from bitext.models import ConversionResult, ExportFormat, Provenance, SegmentPair

FORMATS: tuple[ExportFormat, ...] = get_args(ExportFormat)
READABLE_FORMATS: tuple[ExportFormat, ...] = ("tmx", "jsonl", "json", "xliff", "parquet")
OUTPUT_NAMES: dict[ExportFormat, tuple[str, ...]] = {
    "tmx": ("corpus.tmx",),
    "jsonl": ("corpus.jsonl",),
    "json": ("corpus.json",),
    "txt": ("corpus.fr", "corpus.en"),
    "tsv": ("corpus.tsv",),
    "xliff": ("corpus.xlf",),
    "parquet": ("corpus.parquet",),
}
"""The corpus files each format writes (``txt`` writes a pair)."""
REJECTS_NAME = "rejects.jsonl"
REPORT_NAME = "report.json"
MANIFEST_NAME = "manifest.json"
REVIEW_NAME = "review.html"
RUN_OUTPUTS: tuple[str, ...] = (
    *(name for names in OUTPUT_NAMES.values() for name in names),
    REJECTS_NAME,
    REPORT_NAME,
    MANIFEST_NAME,
    REVIEW_NAME,
)
"""Every file a run may write in OUTDIR (the translation cache aside)."""
_SUFFIXES: dict[str, ExportFormat] = {
    ".tmx": "tmx",
    ".jsonl": "jsonl",
    ".json": "json",
    ".txt": "txt",
    ".fr": "txt",
    ".en": "txt",
    ".tsv": "tsv",
    ".xlf": "xliff",
    ".xliff": "xliff",
    ".parquet": "parquet",
}


class PairWriter(Protocol):
    """A streaming writer: ``with writer: writer.write(pair)``; ``count`` pairs written."""

    count: int

    def __enter__(self) -> Any: ...

    def __exit__(self, *exc_info: Any) -> bool: ...

    def write(self, pair: SegmentPair) -> None: ...


def parse_formats(text: str | None) -> tuple[ExportFormat, ...]:
    """``"tmx,jsonl"`` → ``("tmx", "jsonl")``, in the order given, without repeats.

    Raises:
        UsageError: An unknown format name (the message lists the formats).
    """
    names = [name.strip().lower() for name in (text or "").split(",") if name.strip()]
    unknown = [name for name in names if name not in FORMATS]
    if unknown or not names:
        raise UsageError(
            f"unknown format {', '.join(unknown) or '(none)'}; choose from: {', '.join(FORMATS)}"
        )
    return tuple(cast(ExportFormat, name) for name in dict.fromkeys(names))


def guess_format(path: str | Path) -> ExportFormat:
    """The format a file name suggests.

    Raises:
        UsageError: The suffix is not one of ours.
    """
    suffix = Path(path).suffix.lower()
    if suffix not in _SUFFIXES:
        raise UsageError(
            f"cannot tell the format from {suffix or 'no suffix'}; give --from/--format", path=path
        )
    return _SUFFIXES[suffix]


def now_tmx() -> str:
    """The current UTC time as TMX writes dates: ``YYYYMMDDThhmmssZ``."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def default_provenance() -> Provenance:
    """Provenance for a corpus whose source recorded none: bitext's version and now."""
    from bitext import __version__

    return Provenance(bitext_version=__version__, created=now_tmx())


def open_writer(fmt: ExportFormat, path: str | Path, provenance: Provenance) -> PairWriter:
    """A writer of ``fmt`` at ``path`` (for ``txt``, ``path`` is the base of the ``.fr``/``.en`` pair)."""
    if fmt == "tmx":
        from bitext.export.tmx import TmxWriter

        return TmxWriter(path, provenance)
    if fmt == "jsonl":
        from bitext.export.jsonl import JsonlWriter

        return JsonlWriter(path)
    if fmt == "json":
        from bitext.export.json_doc import JsonDocWriter

        return JsonDocWriter(path, provenance)
    if fmt == "txt":
        from bitext.export.text import MosesWriter

        return MosesWriter(path)
    if fmt == "xliff":
        from bitext.export.xliff import XliffWriter

        return XliffWriter(path, provenance)
    if fmt == "parquet":
        from bitext.export.parquet import ParquetWriter

        return ParquetWriter(path, provenance)
    from bitext.export.text import TsvWriter

    return TsvWriter(path)


def read_pairs(path: str | Path, fmt: ExportFormat | None = None) -> Iterator[SegmentPair]:
    """Stream the pairs of a corpus file written by bitext.

    Raises:
        UsageError: The format cannot be read back (plain text and TSV lose the bead data).
        InputError: The file is malformed or holds a value no writer can write, such as
            a score that is not a finite number (the error names the line where it can).
    """
    fmt = fmt or guess_format(path)
    if fmt == "tmx":
        from bitext.export.tmx import read_tmx

        return read_tmx(path)
    if fmt == "jsonl":
        from bitext.export.jsonl import read_jsonl

        return read_jsonl(path)
    if fmt == "json":
        from bitext.export.json_doc import read_json

        return read_json(path)
    if fmt == "xliff":
        from bitext.export.xliff import read_xliff

        return read_xliff(path)
    if fmt == "parquet":
        from bitext.export.parquet import read_parquet

        return read_parquet(path)
    raise UsageError(
        f"{fmt} cannot be read back (it does not keep ids and beads); read from one of: "
        f"{', '.join(READABLE_FORMATS)}",
        path=path,
    )


def read_provenance(path: str | Path, fmt: ExportFormat) -> Provenance | None:
    """The provenance a TMX, JSON, XLIFF or Parquet corpus records; ``None`` for other formats."""
    if fmt == "tmx":
        from bitext.export.tmx import read_tmx_provenance

        return read_tmx_provenance(path)
    if fmt == "json":
        from bitext.export.json_doc import read_json_provenance

        return read_json_provenance(path)
    if fmt == "xliff":
        from bitext.export.xliff import read_xliff_provenance

        return read_xliff_provenance(path)
    if fmt == "parquet":
        from bitext.export.parquet import read_parquet_provenance

        return read_parquet_provenance(path)
    return None


def convert(
    source: str | Path,
    target: str | Path,
    *,
    to_format: ExportFormat | None = None,
    from_format: ExportFormat | None = None,
) -> ConversionResult:
    """Copy every pair of ``source`` into ``target`` in another format, streaming.

    The provenance recorded in the source (TMX header, JSON) is carried over; sources
    without one get bitext's version and the current time.

    Raises:
        UsageError: Unknown or unreadable format, ``target`` is ``source``, is a folder
            or is in a folder that does not exist (checked before reading).
        InputError: The source is malformed (exit 65).
        ModelError: Parquet in or out, and pyarrow is not installed (exit 69).
        ExportError: The target cannot be written (exit 73).
    """
    from bitext.extras import check_formats

    source, target = Path(source), Path(target)
    from_format = from_format or guess_format(source)
    to_format = to_format or guess_format(target)
    if not source.is_file():
        raise UsageError("no such file", path=source)
    if source.resolve() == target.resolve():
        raise UsageError("the output would overwrite the input; choose another -o", path=target)
    check_formats((from_format,), path=source)
    check_formats((to_format,), path=target)
    outputs = _output_files(target, to_format)
    provenance = read_provenance(source, from_format) or default_provenance()
    pairs = read_pairs(source, from_format)
    writer = open_writer(to_format, target, provenance)
    with writer:
        for pair in pairs:
            writer.write(pair)
    return ConversionResult(
        source=str(source),
        source_format=from_format,
        format=to_format,
        outputs=outputs,
        pairs=writer.count,
        tmx_stripped_chars=getattr(writer, "stripped", 0),
    )


def _output_files(target: Path, fmt: ExportFormat) -> tuple[str, ...]:
    """The files ``convert`` writes (``txt``: the ``.fr``/``.en`` pair), each checked writable.

    Raises:
        UsageError: One is a folder, or its folder does not exist (exit 2).
        ExportError: Its folder cannot be written (exit 73).
    """
    from bitext.outpaths import check_output_file

    if fmt == "txt":
        from bitext.export.text import moses_paths

        paths: tuple[Path, ...] = moses_paths(target)
    else:
        paths = (target,)
    for path in paths:
        check_output_file(path)
    return tuple(str(path) for path in paths)

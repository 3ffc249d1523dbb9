"""Bring a translator's XLIFF back into a run: ``bitext import-xliff FILE.xlf... --into OUT``.

Each unit of the XLIFF files is checked against OUT before anything is written: its id
must name a pair of OUT and its source must be that pair's French (whitespace aside),
or the whole import is refused (an XLIFF of another run, a source a tool edited). A
unit whose target differs from the pair's English is a post-edit: the English is
replaced and the pair's origin becomes ``post-edited``; a unit with the same English,
or none, leaves its pair as it was.

A post-edited pair's glossary statuses are checked again on the new English with the
run's glossary (when its files still hold the glossary the run used): a term the
translator wrote canonically is no longer missing, one they dropped is. The post-edits
go into the run's translation memory (see :mod:`bitext.translate.human`) so a re-run
keeps them, then every corpus file of OUT is rewritten from the most complete one
bitext can read back (``corpus.json``, else JSONL, Parquet, TMX, XLIFF), each
atomically, and ``review.html`` is rebuilt when there is one.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bitext.errors import InputError, UsageError
from bitext.export import OUTPUT_NAMES, read_pairs
from bitext.export.rewrite import rewrite_outputs
from bitext.export.tmx import xml_safe
from bitext.extras import check_formats
from bitext.models import ExportFormat, HumanTranslation, RunManifest, SegmentPair, XliffImport, XliffUnit
from bitext.translate.human import store_human_translations

if TYPE_CHECKING:
    from bitext.glossary import Glossary

SOURCE_PREFERENCE: tuple[ExportFormat, ...] = ("json", "jsonl", "parquet", "tmx", "xliff")
REVIEW_PAGE = "review.html"
MEMORY_NAME = ".bitext-cache.sqlite"


def run_glossary(manifest: RunManifest) -> Glossary | None:
    """The glossary the run used, if its files still hold it (same SHA-256); else ``None``."""
    from bitext.errors import BitextError
    from bitext.glossary import load_glossary

    if not manifest.glossary_sha256 or not manifest.glossary_files:
        return None
    try:
        glossary = load_glossary(list(manifest.glossary_files))
    except BitextError:
        return None
    return glossary if glossary.sha256 == manifest.glossary_sha256 else None


def human_translation(
    pair: SegmentPair, english: str, reference: str, glossary: Glossary | None
) -> HumanTranslation:
    """The memory row of a post-edit, with the pair's terms checked on ``english`` when possible."""
    if glossary is None:
        return HumanTranslation(source=pair.fr, target=english, reference=reference)
    canonical = {match.entry.id for match in glossary.english.scan(english) if match.canonical}
    ids = list(dict.fromkeys((*pair.terms, *pair.missing_terms)))
    return HumanTranslation(
        source=pair.fr,
        target=english,
        reference=reference,
        terms=tuple(i for i in ids if i in canonical),
        missing_terms=tuple(i for i in ids if i not in canonical),
    )


def memory_path(outdir: Path, manifest: RunManifest) -> Path:
    """The translation memory the run in ``outdir`` used (``--cache`` or its own)."""
    return Path(manifest.options.cache) if manifest.options.cache else outdir / MEMORY_NAME


def import_xliff(files: Sequence[str | Path], outdir: str | Path) -> XliffImport:
    """Apply the targets translators changed in ``files`` to the run in ``outdir``.

    Returns:
        What changed and which files were rewritten.

    Raises:
        UsageError: ``outdir`` is not a finished bitext run, has no corpus file bitext
            can read back, or another bitext process is at work there (exit 2).
        InputError: A unit names no pair of OUT, or its source is not that pair's
            French, or two files disagree on a unit (the unit id, file and line; exit 65).
        ModelError: The run wrote Parquet and pyarrow is not installed (exit 69); checked
            before anything changes.
        CacheError: The translation memory cannot be written (exit 74).
        ExportError: A corpus file cannot be rewritten (exit 73).
    """
    from bitext.run.lock import outdir_lock

    outdir = Path(outdir)
    for file in files:
        if not Path(file).is_file():
            raise UsageError("no such XLIFF file", path=file)
    if not outdir.is_dir():
        raise UsageError("not a finished bitext run (no such folder)", path=outdir)
    with outdir_lock(outdir):
        return _import_units(files, outdir)


def _import_units(files: Sequence[str | Path], outdir: Path) -> XliffImport:
    """:func:`import_xliff` once OUTDIR is locked."""
    from bitext.export.xliff import read_units
    from bitext.run.manifest import read_manifest

    manifest = read_manifest(outdir)
    if manifest is None or manifest.status != "complete":
        raise UsageError("not a finished bitext run (no complete manifest.json)", path=outdir)
    # Every corpus file is rewritten, a Parquet one too: check before the memory changes.
    check_formats(manifest.options.formats)
    source_format = _source_format(outdir, manifest.options.formats)
    units = _collect_units((Path(file), read_units(file)) for file in files)
    glossary = run_glossary(manifest)
    pairs = read_pairs(outdir / OUTPUT_NAMES[source_format][0], source_format)
    changes, unchanged, empty = _match(units, pairs, glossary)
    memory = memory_path(outdir, manifest)
    outputs: tuple[str, ...] = ()
    if changes:
        store_human_translations(memory, list(changes.values()))
        outputs = rewrite_outputs(outdir, manifest.options.formats, source_format, changes)
    return XliffImport(
        outdir=str(outdir),
        files=tuple(str(file) for file in files),
        units=len(units),
        changed=len(changes),
        unchanged=unchanged,
        empty=empty,
        changed_ids=tuple(changes),
        outputs=outputs,
        memory=str(memory),
        terms_checked=glossary is not None,
        review_rewritten=bool(changes) and refresh_review_page(outdir),
    )


def _source_format(outdir: Path, formats: Sequence[ExportFormat]) -> ExportFormat:
    for fmt in SOURCE_PREFERENCE:
        if fmt in formats and (outdir / OUTPUT_NAMES[fmt][0]).is_file():
            return fmt
    raise UsageError(
        f"the run wrote no corpus bitext can read back ({', '.join(SOURCE_PREFERENCE)}); "
        "re-run it with one of them in --formats",
        path=outdir,
    )


def _collect_units(sources: Iterator[tuple[Path, Iterator[XliffUnit]]]) -> dict[str, tuple[XliffUnit, Path]]:
    """Units by id across files; the same unit twice must carry the same target."""
    units: dict[str, tuple[XliffUnit, Path]] = {}
    for path, file_units in sources:
        for unit in file_units:
            earlier = units.get(unit.id)
            if earlier is not None and _norm(earlier[0].target or "") != _norm(unit.target or ""):
                raise InputError(
                    f"unit {unit.id!r} has another target in {earlier[1]} (line {earlier[0].line})",
                    path=path,
                    line=unit.line,
                )
            units[unit.id] = (unit, path)
    return units


def _match(
    units: Mapping[str, tuple[XliffUnit, Path]], pairs: Iterator[SegmentPair], glossary: Glossary | None
) -> tuple[dict[str, HumanTranslation], int, int]:
    """Check every unit against OUT's pairs; return the changes and the other counts.

    Returns:
        The post-edits by pair id, the units unchanged, the units without a target.
    """
    changes: dict[str, HumanTranslation] = {}
    seen: set[str] = set()
    unchanged = empty = 0
    for pair in pairs:
        if pair.id not in units:
            continue
        unit, path = units[pair.id]
        seen.add(pair.id)
        if _norm(unit.source) != _norm(xml_safe(pair.fr)[0]):
            raise InputError(
                f"unit {unit.id!r}: its source is not the French of that pair in the run "
                "(an XLIFF of another run, or a source edited by a tool); nothing was imported",
                path=path,
                line=unit.line,
            )
        target = " ".join((unit.target or "").split())
        if not target:
            empty += 1
        elif _norm(target) == _norm(xml_safe(pair.en)[0]):
            unchanged += 1
        else:
            changes[pair.id] = human_translation(pair, target, f"{path}#{unit.id}", glossary)
    for unit_id, (unit, path) in units.items():
        if unit_id not in seen:
            raise InputError(
                f"unit {unit_id!r} is no pair of this run (an XLIFF of another run?); nothing was imported",
                path=path,
                line=unit.line,
            )
    return changes, unchanged, empty


def _norm(text: str) -> str:
    return " ".join(text.split())


def refresh_review_page(outdir: Path) -> bool:
    """Rebuild ``OUT/review.html`` after the corpus changed; ``False`` when there is none.

    Hook for the review page: it calls ``bitext.review.write_review(outdir)`` once that
    module exists; until then an existing page is left as it was.
    """
    if not (outdir / REVIEW_PAGE).is_file():
        return False
    try:
        from bitext.review import write_review
    except ImportError:
        return False
    write_review(outdir)
    return True

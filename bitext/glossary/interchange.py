"""Glossaries in and out of bitext: TBX-Basic and CSV to YAML, YAML to TBX and CSV, one entry added.

``bitext glossary import|export|add`` call these. Imports are validated twice: each
entry as it is read (with the line of the TBX or CSV file), then the whole YAML that
will be written, loaded back exactly as ``bitext`` loads glossaries, so an imported
file is as valid as a hand-written one. The field mapping is in
:mod:`bitext.glossary.fields`, the formats in :mod:`bitext.glossary.tbx` and
:mod:`bitext.glossary.csvfile`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import cast

from bitext.errors import GlossaryError, UsageError
from bitext.models import GlossaryConversion, GlossaryEntry, GlossaryFileFormat, TermType
from bitext.textio import atomic_write

_SUFFIXES: dict[str, GlossaryFileFormat] = {
    ".tbx": "tbx",
    ".xml": "tbx",
    ".csv": "csv",
    ".yaml": "yaml",
    ".yml": "yaml",
}


def guess_glossary_format(path: Path) -> GlossaryFileFormat:
    """The glossary format a file name suggests (``.tbx``/``.xml``, ``.csv``, ``.yaml``/``.yml``).

    Raises:
        UsageError: Another suffix.
    """
    suffix = path.suffix.lower()
    if suffix not in _SUFFIXES:
        raise UsageError(
            f"cannot tell the glossary format from {suffix or 'no suffix'}; use .tbx or .csv", path=path
        )
    return _SUFFIXES[suffix]


def read_entries(path: Path, *, default_type: TermType | None = None) -> list[GlossaryEntry]:
    """The entries of a TBX or CSV glossary.

    Raises:
        UsageError: No such file, or not a TBX or CSV file name.
        InputError, GlossaryError: The file is malformed (with the line; exit 65).
    """
    if not path.is_file():
        raise UsageError("no such glossary file", path=path)
    fmt = guess_glossary_format(path)
    if fmt == "tbx":
        from bitext.glossary.tbx import read_tbx

        return read_tbx(path, default_type=default_type)
    if fmt == "csv":
        from bitext.glossary.csvfile import read_csv

        return read_csv(path)
    raise UsageError("already a YAML glossary; import reads TBX or CSV", path=path)


def render(entries: Sequence[GlossaryEntry], fmt: GlossaryFileFormat, *, source: str = "") -> str:
    """``entries`` as the text of a TBX, CSV or YAML glossary file."""
    if fmt == "tbx":
        from bitext.glossary.tbx import write_tbx

        return write_tbx(entries, description=f"Exported by bitext from {source}" if source else "")
    if fmt == "csv":
        from bitext.glossary.csvfile import write_csv

        return write_csv(entries)
    from bitext.glossary.yamlfile import dump_yaml

    return dump_yaml(
        entries, comment=f"Imported from {source} by bitext glossary import. Format: glossary/README.md."
    )


def import_glossary(
    source: Path, output: Path | None = None, *, default_type: TermType | None = None, force: bool = False
) -> tuple[GlossaryConversion, str]:
    """Turn a TBX or CSV glossary into bitext YAML, written to ``output`` or returned.

    Returns:
        What was done, and the YAML text (empty when it went to ``output``).

    Raises:
        UsageError: Bad paths, or ``output`` exists and ``force`` is off (exit 2).
        InputError, GlossaryError: A malformed entry (file and line; exit 65).
    """
    from bitext.glossary.yamlfile import validate_yaml

    _check_target(output, force=force)
    entries = read_entries(source, default_type=default_type)
    text = render(entries, "yaml", source=source.name)
    target = output or source.with_suffix(".yaml")
    try:
        glossary = validate_yaml(text, target)
    except GlossaryError as error:
        raise GlossaryError(f"after import: {error.message}", path=source) from error
    result = GlossaryConversion(
        source=(str(source),),
        source_format=guess_glossary_format(source),
        format="yaml",
        output=str(output) if output else None,
        entries=len(entries),
        entry_ids=tuple(entry.id for entry in entries),
        notes=glossary.notes,
    )
    if output is None:
        return result, text
    _write(output, text)
    return result, ""


def export_glossary(
    paths: Sequence[Path] | None, fmt: GlossaryFileFormat, output: Path | None = None, *, force: bool = False
) -> tuple[GlossaryConversion, str]:
    """Write the effective glossary (the project's, or ``paths`` combined) as TBX or CSV.

    Returns:
        What was done, and the text (empty when it went to ``output``).

    Raises:
        UsageError: Bad paths, a YAML target, or ``output`` exists and ``force`` is off.
        GlossaryError: A glossary does not validate.
    """
    from bitext.glossary.io import load_glossary

    if fmt == "yaml":
        raise UsageError("export writes tbx or csv (the YAML files are the glossary itself)")
    _check_target(output, force=force)
    glossary = load_glossary(list(paths) if paths else None)
    text = render(glossary.entries, fmt, source=", ".join(path.name for path in glossary.paths))
    result = GlossaryConversion(
        source=tuple(str(path) for path in glossary.paths),
        source_format="yaml",
        format=fmt,
        output=str(output) if output else None,
        entries=len(glossary.entries),
        entry_ids=tuple(entry.id for entry in glossary.entries),
        notes=glossary.notes,
    )
    if output is None:
        return result, text
    _write(output, text)
    return result, ""


def add_entry(path: Path, entry: GlossaryEntry) -> GlossaryConversion:
    """Append ``entry`` to the YAML glossary ``path`` (created if missing), atomically.

    The file is checked before (its own errors are its own) and after the entry is
    added (a duplicate id or a French form already mapped to another target is the
    new entry's fault); nothing is written unless both pass.

    Raises:
        UsageError: ``path`` is not a ``.yaml``/``.yml`` file, or its folder is missing.
        GlossaryError: The file, or the file with the entry, does not validate (exit 65).
    """
    from bitext.glossary.yamlfile import append_entry, validate_yaml
    from bitext.textio import read_text

    if guess_glossary_format(path) != "yaml":
        raise UsageError("entries are added to a YAML glossary (.yaml or .yml)", path=path)
    if not path.parent.is_dir():
        raise UsageError("the glossary's folder does not exist", path=path.parent)
    before = read_text(path) if path.exists() else ""
    if before.strip():
        validate_yaml(before, path)
    text = append_entry(before, entry)
    try:
        glossary = validate_yaml(text, path)
    except GlossaryError as error:
        raise GlossaryError(f"entry '{entry.id}' cannot be added: {error.message}", path=path) from error
    with atomic_write(path) as handle:
        handle.write(text)
    return GlossaryConversion(
        source=(str(path),),
        source_format="yaml",
        format="yaml",
        output=str(path),
        entries=len(glossary.entries),
        entry_ids=(entry.id,),
        notes=glossary.notes,
    )


def _check_target(output: Path | None, *, force: bool) -> None:
    """Before any work: ``output`` is a file name in a writable folder, new unless ``force``."""
    from bitext.outpaths import check_output_file

    if output is None:
        return
    check_output_file(output)
    if output.exists() and not force:
        raise UsageError("exists; use --force to replace it", path=output)


def _write(output: Path, text: str) -> None:
    with atomic_write(output) as handle:
        handle.write(text)


def term_type(value: str | None) -> TermType | None:
    """A ``--type`` option checked against the entry types.

    Raises:
        UsageError: Not one of title, institution, name, acronym.
    """
    from typing import get_args

    if value is None:
        return None
    if value not in get_args(TermType):
        raise UsageError(f"unknown type {value!r}; choose from: {', '.join(get_args(TermType))}")
    return cast(TermType, value)


def entry_from_options(fields: Mapping[str, object], extra: Sequence[str]) -> GlossaryEntry:
    """The entry ``bitext glossary add`` describes; ``extra`` holds ``FIELD=VALUE`` texts.

    Raises:
        UsageError: A malformed ``FIELD=VALUE``, or a field given twice.
        GlossaryError: The entry does not validate (as a YAML entry would not).
    """
    from bitext.glossary.fields import MAPPED_FIELDS, build_entry, extra_fields, is_list_field

    data = dict(fields)
    for item in extra:
        name, sign, value = item.partition("=")
        name = name.strip()
        if not sign or not name:
            raise UsageError(f"--set takes FIELD=VALUE, not {item!r}")
        if name in data or name in MAPPED_FIELDS:
            raise UsageError(
                f"--set {name}: use the option of its own" if name in MAPPED_FIELDS else f"{name} given twice"
            )
        if name not in extra_fields():
            raise UsageError(f"--set {name}: unknown field (known: {', '.join(extra_fields())})")
        data[name] = [part.strip() for part in value.split("|")] if is_list_field(name) else value
    return build_entry(data, Path("<command line>"), None)

"""Glossaries as CSV, the spreadsheet a terminologist edits.

The header row is ``id,type,fr,en,wrong,origin`` followed by one column per other
entry field (``plural``, ``notes``, and any field added to the model later); French
forms and wrong renderings are ``|``-separated in one cell. The file is UTF-8 (a BOM,
as spreadsheets write it, is accepted), quoted as RFC 4180 describes, so a cell may
hold commas, quotes or line breaks.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from bitext.errors import GlossaryError
from bitext.glossary.fields import (
    FORM_SEPARATOR,
    build_entry,
    check_entries,
    extra_fields,
    field_values,
    is_list_field,
)
from bitext.models import GlossaryEntry
from bitext.textio import read_text

CSV_COLUMNS = ("id", "type", "fr", "en", "wrong", "origin")
_FIELD_OF_COLUMN = {"fr": "sources", "en": "target"}
_REQUIRED = ("id", "fr", "en")


def csv_columns() -> tuple[str, ...]:
    """The header: the six fixed columns, then every other entry field by name."""
    rest = [name for name in ("plural", "notes", *extra_fields()) if name not in CSV_COLUMNS]
    return (*CSV_COLUMNS, *dict.fromkeys(rest))


def write_csv(entries: Sequence[GlossaryEntry]) -> str:
    """The CSV text of ``entries`` (LF line ends, fields quoted only where needed).

    Raises:
        GlossaryError: A form holds ``|``, which would split it in two on reading.
    """
    columns = csv_columns()
    out = io.StringIO()
    rows = csv.writer(out, lineterminator="\n")
    rows.writerow(columns)
    for entry in entries:
        rows.writerow([_cell(entry, _FIELD_OF_COLUMN.get(column, column)) for column in columns])
    return out.getvalue()


def _cell(entry: GlossaryEntry, name: str) -> str:
    values = field_values(entry, name)
    if is_list_field(name):
        for value in values:
            if FORM_SEPARATOR in value:
                raise GlossaryError(
                    f"entry '{entry.id}': {name} '{value}' holds '{FORM_SEPARATOR}', the CSV form separator"
                )
        return FORM_SEPARATOR.join(values)
    return values[0] if values else ""


def read_csv(path: Path) -> list[GlossaryEntry]:
    """The entries of a glossary CSV, validated as the YAML loader validates them.

    Raises:
        InputError: The file is not UTF-8 (with the line).
        GlossaryError: A missing or unknown column, an empty term, a bad type or a
            duplicate id (with the line).
    """
    text = read_text(path)
    rows = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(rows, None)
    except csv.Error as exc:
        raise GlossaryError(f"malformed CSV: {exc}", path=path, line=1) from exc
    if header is None:
        raise GlossaryError("empty file; expected a header row (id,type,fr,en,...)", path=path, line=1)
    columns = _check_header([name.strip() for name in header], path)
    entries: list[tuple[GlossaryEntry, int | None]] = []
    line = rows.line_num
    try:
        for row in rows:
            first_line, line = line + 1, rows.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(columns):
                raise GlossaryError(
                    f"{len(row)} cells where the header has {len(columns)}", path=path, line=first_line
                )
            data = {
                _FIELD_OF_COLUMN.get(column, column): _values(column, cell)
                for column, cell in zip(columns, row, strict=True)
            }
            entries.append((build_entry(data, path, first_line), first_line))
    except csv.Error as exc:
        raise GlossaryError(f"malformed CSV: {exc}", path=path, line=rows.line_num) from exc
    check_entries(entries, path)
    return [entry for entry, _ in entries]


def _check_header(columns: list[str], path: Path) -> list[str]:
    known = set(csv_columns())
    for column in columns:
        if column not in known:
            raise GlossaryError(
                f"unknown column '{column}' (allowed: {', '.join(csv_columns())})", path=path, line=1
            )
    for column in _REQUIRED:
        if column not in columns:
            raise GlossaryError(f"missing column '{column}' (header must have id,fr,en)", path=path, line=1)
    if len(set(columns)) != len(columns):
        raise GlossaryError("a column is named twice in the header", path=path, line=1)
    return columns


def _values(column: str, cell: str) -> str | list[str]:
    name = _FIELD_OF_COLUMN.get(column, column)
    if is_list_field(name):
        # A blank form between separators is kept, so validation reports it as an empty term.
        return [form.strip() for form in cell.split(FORM_SEPARATOR)] if cell.strip() else []
    return cell.strip()

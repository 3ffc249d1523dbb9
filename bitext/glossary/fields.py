"""How glossary entry fields travel through the interchange formats (TBX, CSV).

The fields every format knows a place for (``id``, French ``sources``, English
``target``, ``wrong``, ``plural``, ``origin``, ``notes``) are mapped by hand in each
format. Every other field of :class:`~bitext.models.GlossaryEntry` — ``type`` today,
and whatever optional field is added later — is an *extra* field: a CSV column of its
own name, a TBX ``<note>bitext-NAME: value</note>``. A tuple field holds several
values (``|``-separated in CSV, one note per value in TBX). So a new optional field on
the model is carried by both formats without touching them.
"""

from __future__ import annotations

import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from bitext.errors import GlossaryError
from bitext.glossary.french import pattern_key
from bitext.models import GlossaryEntry

MAPPED_FIELDS = ("id", "sources", "target", "wrong", "plural", "origin", "notes")
FORM_SEPARATOR = "|"


def extra_fields() -> tuple[str, ...]:
    """Entry fields without a place of their own in TBX and CSV, in model order."""
    return tuple(name for name in GlossaryEntry.model_fields if name not in MAPPED_FIELDS)


def is_list_field(name: str) -> bool:
    """Whether the entry field ``name`` holds several values (a tuple)."""
    return typing.get_origin(GlossaryEntry.model_fields[name].annotation) is tuple


def field_values(entry: GlossaryEntry, name: str) -> list[str]:
    """The values of a field as texts: one per item for tuples, none when empty."""
    value = getattr(entry, name)
    if isinstance(value, tuple):
        return [str(item) for item in value]
    if value is None or value == "":
        return []
    return [str(value)]


def build_entry(data: Mapping[str, Any], path: Path, line: int | None) -> GlossaryEntry:
    """Validate one imported entry as the YAML loader would, naming ``path:line``.

    Args:
        data: Field name → text or list of texts; empty values are left out so
            the model's defaults apply.
        path: The file the entry comes from.
        line: The entry's line in ``path``.

    Raises:
        GlossaryError: A missing or empty required field, a bad type, an empty
            French form, a ``wrong`` form equal to the target, or an unknown field.
    """
    fields = {name: value for name, value in data.items() if value not in ("", [], (), None)}
    label = f"entry '{fields['id']}'" if fields.get("id") else "entry"
    for required in ("id", "target", "sources"):
        if required not in fields:
            what = {"sources": "no French term", "target": "no English term"}.get(required, "no id")
            raise GlossaryError(f"{label} has {what}", path=path, line=line)
    try:
        entry = GlossaryEntry.model_validate(fields)
    except ValidationError as exc:
        error = exc.errors()[0]
        name = ".".join(str(part) for part in error["loc"])
        raise GlossaryError(f"{label}: {name}: {error['msg']}", path=path, line=line) from exc
    for form in (*entry.sources, entry.target, *entry.wrong):
        if not form.strip() or not pattern_key(form):
            raise GlossaryError(f"{label} has an empty term", path=path, line=line)
    for wrong in entry.wrong:
        if wrong in (entry.target, entry.plural):
            raise GlossaryError(
                f"{label}: wrong rendering '{wrong}' is the target itself", path=path, line=line
            )
    return entry


def form_key(source: str, entry: GlossaryEntry) -> str:
    """A French form as the matcher compares it, with the countries it is for: a form may
    have one target per set of countries ("ministère de la défense": France's, Vietnam's)."""
    return pattern_key(source) + "|" + ",".join(sorted(entry.countries))


def check_entries(entries: list[tuple[GlossaryEntry, int | None]], path: Path) -> None:
    """Checks across entries, as the YAML loader makes them within one file, naming lines.

    Raises:
        GlossaryError: Two entries with one id, or one French form (as the matcher
            compares forms) given two English targets for the same countries.
    """
    ids: dict[str, int | None] = {}
    forms: dict[str, tuple[str, str, int | None]] = {}
    for entry, line in entries:
        if entry.id in ids:
            raise GlossaryError(
                f"duplicate id '{entry.id}' (first on line {ids[entry.id]})", path=path, line=line
            )
        ids[entry.id] = line
        for source in entry.sources:
            first = forms.setdefault(form_key(source, entry), (source, entry.target, line))
            if first[1] != entry.target:
                raise GlossaryError(
                    f"conflict: '{source}' → '{entry.target}' here but '{first[0]}' → '{first[1]}' "
                    f"on line {first[2]}",
                    path=path,
                    line=line,
                )

"""Glossaries as TBX-Basic (ISO 30042, the ``martif`` dialect CAT tools exchange).

One ``termEntry`` per entry (its ``id`` is the entry id), a French ``langSet`` with one
``tig`` per source form and an English ``langSet`` whose first ``tig`` is the target
(``administrativeStatus`` ``preferredTerm-admn-sts``), then the plural (admitted, with
the note ``bitext-form: plural``) and the known-wrong renderings (deprecated). The
entry's ``origin`` is its TBX ``source`` (``<admin type="source">``), its ``notes`` a
plain ``<note>``; every other field is a ``<note>bitext-NAME: value</note>`` (see
:mod:`bitext.glossary.fields`), so fields added later travel without a change here.

Reading accepts what other tools write: ``tig`` or ``ntig``/``termGrp``, language tags
such as ``fr-FR``, other languages ignored, entries without an id (one is made from
the English term); an entry's type comes from its ``bitext-type`` note or a default.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from lxml import etree

from bitext import __version__
from bitext.errors import GlossaryError, InputError
from bitext.glossary.fields import build_entry, check_entries, extra_fields, field_values, is_list_field
from bitext.models import GlossaryEntry, TermType
from bitext.xmlsafe import XML_LANG, parse_safely

STATUS = "administrativeStatus"
PREFERRED = "preferredTerm-admn-sts"
ADMITTED = "admittedTerm-admn-sts"
DEPRECATED = {"deprecatedTerm-admn-sts", "supersededTerm-admn-sts"}
NOTE_PREFIX = "bitext-"
PLURAL_NOTE = "bitext-form: plural"
_SLUG = re.compile(r"[^\w]+")


def write_tbx(entries: Sequence[GlossaryEntry], *, description: str = "") -> str:
    """The TBX-Basic document of ``entries`` (UTF-8 XML text, pretty-printed).

    Raises:
        GlossaryError: A field holds a character XML 1.0 forbids.
    """
    martif = etree.Element("martif", {"type": "TBX-Basic", XML_LANG: "en"})
    header = etree.SubElement(martif, "martifHeader")
    file_desc = etree.SubElement(header, "fileDesc")
    etree.SubElement(etree.SubElement(file_desc, "titleStmt"), "title").text = "bitext glossary"
    source_desc = etree.SubElement(etree.SubElement(file_desc, "sourceDesc"), "p")
    source_desc.text = description or f"Exported by bitext {__version__}"
    encoding = etree.SubElement(etree.SubElement(header, "encodingDesc"), "p", type="XCSURI")
    encoding.text = "TBXBasicXCSV02.xcs"
    body = etree.SubElement(etree.SubElement(martif, "text"), "body")
    for entry in entries:
        try:
            body.append(_term_entry(entry))
        except ValueError as exc:
            raise GlossaryError(f"entry '{entry.id}' cannot be written as XML: {exc}") from exc
    xml = str(etree.tostring(martif, encoding="unicode", pretty_print=True))
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml


def _term_entry(entry: GlossaryEntry) -> etree._Element:
    element = etree.Element("termEntry", id=entry.id)
    for name in extra_fields():
        for value in field_values(entry, name):
            etree.SubElement(element, "note").text = f"{NOTE_PREFIX}{name}: {value}"
    if entry.origin:
        etree.SubElement(element, "admin", type="source").text = entry.origin
    if entry.notes:
        etree.SubElement(element, "note").text = entry.notes
    french = etree.SubElement(element, "langSet", {XML_LANG: "fr"})
    for form in entry.sources:
        _tig(french, form)
    english = etree.SubElement(element, "langSet", {XML_LANG: "en"})
    _tig(english, entry.target, PREFERRED)
    if entry.plural:
        _tig(english, entry.plural, ADMITTED, note=PLURAL_NOTE)
    for wrong in entry.wrong:
        _tig(english, wrong, "deprecatedTerm-admn-sts")
    return element


def _tig(parent: etree._Element, term: str, status: str | None = None, note: str | None = None) -> None:
    tig = etree.SubElement(parent, "tig")
    etree.SubElement(tig, "term").text = term
    if status:
        etree.SubElement(tig, "termNote", type=STATUS).text = status
    if note:
        etree.SubElement(tig, "note").text = note


def read_tbx(path: Path, *, default_type: TermType | None = None) -> list[GlossaryEntry]:
    """The entries of a TBX file, validated as the YAML loader validates them.

    Args:
        path: A TBX (``martif``) file.
        default_type: The type of entries that carry no ``bitext-type`` note.

    Raises:
        InputError: Not well-formed XML, entity declarations, or not TBX (with the line).
        GlossaryError: An entry without a French or an English term, an empty term, no
            type, a duplicate id (with the line).
    """
    root = parse_safely(path).getroot()
    if _local(root) not in {"martif", "tbx"}:
        raise InputError(f"not a TBX file: the root element is <{_local(root)}>, not <martif>", path=path)
    entries: list[tuple[GlossaryEntry, int | None]] = []
    for element in root.iter():
        if isinstance(element.tag, str) and _local(element) in {"termEntry", "conceptEntry"}:
            data = _entry_data(element, path, default_type)
            entries.append((build_entry(data, path, element.sourceline), element.sourceline))
    check_entries(entries, path)
    return [entry for entry, _ in entries]


def _entry_data(element: etree._Element, path: Path, default_type: TermType | None) -> dict[str, Any]:
    data: dict[str, Any] = {"sources": [], "wrong": [], "id": element.get("id", "")}
    notes: list[str] = []
    english: list[tuple[str, str | None]] = []
    for child in element:
        name = _local(child)
        text = (child.text or "").strip()
        if name == "note" and text.startswith(NOTE_PREFIX) and ": " in text:
            field, _, value = text.removeprefix(NOTE_PREFIX).partition(": ")
            _add_extra(data, field, value, path, child.sourceline)
        elif name == "note" and text:
            notes.append(child.text or "")
        elif name == "admin" and child.get("type") == "source":
            data["origin"] = text
        elif name in {"langSet", "langSec"}:
            _read_lang_set(child, data, english, path)
    data["notes"] = "\n".join(notes)
    where = {"path": path, "line": element.sourceline}
    if not data["sources"]:
        raise GlossaryError(f"{_label(data)} has no French term (langSet xml:lang='fr')", **where)
    preferred = [term for term, status in english if status == PREFERRED] or [term for term, _ in english]
    if not preferred:
        raise GlossaryError(f"{_label(data)} has no English term (langSet xml:lang='en')", **where)
    data["target"] = preferred[0]
    data["id"] = data["id"] or _SLUG.sub("-", data["target"].lower()).strip("-")
    if "type" not in data:
        if default_type is None:
            raise GlossaryError(
                f"{_label(data)} has no type (a 'bitext-type: …' note); give a default type", **where
            )
        data["type"] = default_type
    return data


def _add_extra(data: dict[str, Any], field: str, value: str, path: Path, line: int | None) -> None:
    if field not in extra_fields():
        raise GlossaryError(
            f"unknown field note '{NOTE_PREFIX}{field}' (known: {', '.join(extra_fields())})",
            path=path,
            line=line,
        )
    if is_list_field(field):
        data.setdefault(field, []).append(value)
    else:
        data[field] = value


def _read_lang_set(
    lang_set: etree._Element, data: dict[str, Any], english: list[tuple[str, str | None]], path: Path
) -> None:
    """French terms become sources; English ones the plural, wrong forms or target candidates."""
    lang = (lang_set.get(XML_LANG) or lang_set.get("lang") or "").lower().replace("_", "-").split("-")[0]
    if not lang:
        raise GlossaryError("langSet without xml:lang", path=path, line=lang_set.sourceline)
    if lang not in {"fr", "en"}:
        return
    for group in lang_set:
        if not isinstance(group.tag, str) or _local(group) not in {"tig", "ntig", "termSec"}:
            continue
        term, status, notes = _term(group, path)
        if lang == "fr":
            data["sources"].append(term)
        elif PLURAL_NOTE in notes:
            data["plural"] = term
        elif status in DEPRECATED:
            data["wrong"].append(term)
        else:
            english.append((term, status))


def _term(group: etree._Element, path: Path) -> tuple[str, str | None, list[str]]:
    term_element = next((e for e in group.iter() if isinstance(e.tag, str) and _local(e) == "term"), None)
    if term_element is None:
        raise GlossaryError("term group without a <term>", path=path, line=group.sourceline)
    term = "".join(term_element.itertext()).strip()
    if not term:
        raise GlossaryError("empty term", path=path, line=term_element.sourceline)
    status = None
    notes = []
    for element in group.iter():
        if not isinstance(element.tag, str):
            continue
        if _local(element) == "termNote" and element.get("type") == STATUS:
            status = (element.text or "").strip()
        elif _local(element) == "note":
            notes.append((element.text or "").strip())
    return term, status, notes


def _label(data: dict[str, Any]) -> str:
    return f"entry '{data['id']}'" if data.get("id") else "entry"


def _local(element: etree._Element) -> str:
    return str(etree.QName(element).localname)

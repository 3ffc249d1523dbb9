"""``corpus.xlf``: XLIFF 1.2 for post-editing in a CAT tool, written and read as a stream.

One ``<file>`` per news item (``original`` is the item id), one ``<trans-unit>`` per
pair (``id`` is the pair id). Machine translation is a ``<target>`` in state
``needs-review-translation`` (qualified ``leveraged-mt``), so CAT tools show it as a
draft to review; English written or corrected by a person is ``translated``. What a
reviewer needs beside the text rides in ``<note from="bitext">`` lines that CAT tools
display and :func:`read_xliff` parses back: ``origin: mt``, ``quality: 0.82``,
``alignment: 1-1 score=0.91 src=3 tgt=3``, ``engine: …``, ``term: ID`` and
``term missing: ID`` (priority 1, so a reviewer sees it first). The file validates
against the OASIS XLIFF 1.2 strict schema.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from lxml import etree

from bitext.errors import ExportError, InputError
from bitext.export.tmx import xml_safe
from bitext.models import Bead, PairOrigin, Provenance, SegmentPair, XliffUnit
from bitext.textio import atomic_write
from bitext.xmlsafe import XML_LANG, XML_SPACE, iterparse_safely

XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"
MT_STATE = "needs-review-translation"
HUMAN_STATE = "translated"
NOTE_FROM = "bitext"
_ORIGINS: tuple[PairOrigin, ...] = ("mt", "human", "post-edited")
_TMX_DATE = re.compile(r"(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z")
_ALIGNMENT = re.compile(r"(\d+)-(\d+) score=(\S+) src=([\d,]*) tgt=([\d,]*)")
# Inline codes whose content is native markup, not text (XLIFF 1.2 §2.5.4).
_CODE_TAGS = frozenset({"bpt", "ept", "it", "ph"})


def q(name: str) -> str:
    """The qualified name of an XLIFF 1.2 element."""
    return f"{{{XLIFF_NS}}}{name}"


def _plain(name: str, attributes: dict[str, str] | None = None) -> etree._Element:
    """An element written inside ``<xliff xmlns=…>``, built without a namespace on purpose.

    ``xmlfile.write`` serialises an element on its own, so a namespaced one would
    repeat the namespace declaration on every unit; a plain one inherits the default
    namespace of the ``<xliff>`` element around it and reads back as XLIFF.
    """
    return etree.Element(name, attributes or {})


class XliffWriter:
    """Stream pairs into an XLIFF 1.2 file; it appears at ``path`` only when complete.

    Pairs of one document must come together (a new ``doc_id`` opens a new ``<file>``).

    Attributes:
        count: ``trans-unit`` elements written.
        files: ``<file>`` elements written.
        xml_stripped: Characters dropped because XML 1.0 forbids them.
    """

    def __init__(self, path: str | Path, provenance: Provenance) -> None:
        self.path = Path(path)
        self.provenance = provenance
        self.count = 0
        self.files = 0
        self.xml_stripped = 0
        self._stack = ExitStack()
        self._file: ExitStack | None = None
        self._doc_id: str | None = None
        self._xf: Any = None

    def __enter__(self) -> XliffWriter:
        handle = self._stack.enter_context(atomic_write(self.path, binary=True))
        self._xf = self._stack.enter_context(etree.xmlfile(handle, encoding="utf-8"))
        self._xf.write_declaration()
        self._stack.enter_context(self._xf.element(q("xliff"), {"version": "1.2"}, nsmap={None: XLIFF_NS}))
        return self

    def write(self, pair: SegmentPair) -> None:
        """Append one ``trans-unit`` (opening the ``<file>`` of its document if needed)."""
        if self._file is None or pair.doc_id != self._doc_id:
            self._open_file(pair.doc_id)
        self._xf.write("\n      ")
        self._xf.write(self._unit(pair))
        self.count += 1

    def __exit__(self, *exc_info: Any) -> bool:
        if exc_info[0] is None and self._file is None:
            self._open_file("")  # the schema wants at least one <file>
        if self._file is not None:
            self._xf.write("\n    ")
            self._file.__exit__(*exc_info)
            self._file = None
        if exc_info[0] is None:
            self._xf.write("\n")
        return bool(self._stack.__exit__(*exc_info))

    def _open_file(self, doc_id: str) -> None:
        if self._file is not None:
            self._xf.write("\n    ")
            self._file.close()
        prov = self.provenance
        attributes = {
            "original": self._clean(doc_id),
            "source-language": prov.srclang,
            "target-language": prov.tgtlang,
            "datatype": "plaintext",
            "tool-id": "bitext",
        }
        date = _iso_date(prov.created)
        if date:
            attributes["date"] = date
        self._file = ExitStack()
        self._xf.write("\n  ")
        self._file.enter_context(self._xf.element(q("file"), attributes))
        self._xf.write("\n    ")
        self._xf.write(self._header())
        self._xf.write("\n    ")
        self._file.enter_context(self._xf.element(q("body")))
        self._doc_id = doc_id
        self.files += 1

    def _header(self) -> etree._Element:
        prov = self.provenance
        header = _plain("header")
        etree.SubElement(
            header, "tool", {"tool-id": "bitext", "tool-name": "bitext", "tool-version": prov.bitext_version}
        )
        note = etree.SubElement(header, "note", {"from": NOTE_FROM})
        note.text = "provenance: " + self._clean(prov.model_dump_json(exclude_defaults=True))
        return header

    def _unit(self, pair: SegmentPair) -> etree._Element:
        unit = _plain("trans-unit", {"id": self._clean(pair.id), XML_SPACE: "preserve"})
        source = etree.SubElement(unit, "source", {XML_LANG: self.provenance.srclang})
        source.text = self._clean(pair.fr)
        target_attributes = {XML_LANG: self.provenance.tgtlang}
        if pair.origin == "mt":
            target_attributes.update({"state": MT_STATE, "state-qualifier": "leveraged-mt"})
        else:
            target_attributes["state"] = HUMAN_STATE
        etree.SubElement(unit, "target", target_attributes).text = self._clean(pair.en)
        for text, priority in _notes(pair):
            note = etree.SubElement(unit, "note", {"from": NOTE_FROM})
            if priority != 1:
                note.set("priority", str(priority))
            note.text = self._clean(text)
        return unit

    def _clean(self, text: str) -> str:
        cleaned, count = xml_safe(text)
        self.xml_stripped += count
        return cleaned


def _notes(pair: SegmentPair) -> list[tuple[str, int]]:
    """The unit's notes as ``(text, priority)``: missing terms first, then the facts."""
    bead = pair.bead
    notes = [(f"term missing: {term}", 1) for term in pair.missing_terms]
    notes.append((f"origin: {pair.origin}", 5))
    if pair.quality is not None:
        notes.append((f"quality: {pair.quality!r}", 5))
    src, tgt = ",".join(map(str, bead.src)), ",".join(map(str, bead.tgt))
    notes.append((f"alignment: {bead.type} score={bead.score!r} src={src} tgt={tgt}", 5))
    if pair.engine:
        notes.append((f"engine: {pair.engine}", 5))
    notes += [(f"term: {term}", 5) for term in pair.terms]
    return notes


def _iso_date(created: str) -> str | None:
    """``20261122T120000Z`` → ``2026-11-22T12:00:00Z`` (XLIFF dates are xsd:dateTime)."""
    match = _TMX_DATE.fullmatch(created)
    if match is None:
        return None
    year, month, day, hour, minute, second = match.groups()
    return f"{year}-{month}-{day}T{hour}:{minute}:{second}Z"


def read_units(path: str | Path) -> Iterator[XliffUnit]:
    """Stream the ``trans-unit``s of any XLIFF 1.2 file (each freed once read).

    Raises:
        InputError: Not well-formed XML, entity declarations, not XLIFF 1.2, or a unit
            without an id or a source (the error gives the line).
    """
    path = Path(path)
    original = ""
    for event, element in iterparse_safely(path, ("start", "end"), (q("xliff"), q("file"), q("trans-unit"))):
        if element.tag == q("xliff") and event == "start" and element.get("version") != "1.2":
            raise InputError(f"XLIFF version {element.get('version')!r}; bitext reads 1.2", path=path)
        if element.tag == q("file") and event == "start":
            original = element.get("original", "")
        if element.tag == q("trans-unit") and event == "end":
            yield _read_unit(element, original, path)
            element.clear(keep_tail=False)
            parent = element.getparent()
            while parent is not None and element.getprevious() is not None:
                del parent[0]


def _read_unit(unit: etree._Element, original: str, path: Path) -> XliffUnit:
    unit_id = unit.get("id")
    source = unit.find(q("source"))
    if not unit_id or source is None:
        raise InputError("trans-unit without an id or a source", path=path, line=unit.sourceline)
    target = unit.find(q("target"))
    notes = [
        note.text or ""
        for note in unit.iterfind(q("note"))
        if note.get("from") == NOTE_FROM and note.text is not None
    ]
    return XliffUnit(
        id=unit_id,
        file=original,
        source=inline_text(source),
        target=inline_text(target) if target is not None else None,
        state=target.get("state") if target is not None else None,
        notes=tuple(notes),
        line=unit.sourceline or 0,
    )


def inline_text(element: etree._Element) -> str:
    """The text of a ``source``/``target``: marked-up text kept, native codes left out."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and etree.QName(child).localname not in _CODE_TAGS:
            parts.append(inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def read_xliff(path: str | Path) -> Iterator[SegmentPair]:
    """Stream the pairs of an XLIFF that bitext wrote (its notes hold the bead data).

    Raises:
        ExportError: A unit lacks a target or bitext's alignment note (with the line), or
            the file is not well-formed XLIFF.
    """
    path = Path(path)
    try:
        for unit in read_units(path):
            try:
                yield pair_from_unit(unit)
            except ValueError as exc:
                raise ExportError(f"not a bitext trans-unit: {exc}", path=path, line=unit.line) from exc
    except InputError as error:
        raise ExportError(error.message, path=path, line=error.line) from error


def pair_from_unit(unit: XliffUnit) -> SegmentPair:
    """Rebuild the pair a bitext unit was written from.

    Raises:
        ValueError: The unit has no target or no bitext alignment note.
    """
    if unit.target is None:
        raise ValueError("no target")
    fields: dict[str, Any] = {"terms": [], "missing_terms": []}
    for note in unit.notes:
        key, _, value = note.partition(": ")
        if key == "term":
            fields["terms"].append(value)
        elif key == "term missing":
            fields["missing_terms"].append(value)
        elif key in {"origin", "quality", "alignment", "engine"}:
            fields[key] = value
    if "alignment" not in fields:
        raise ValueError("no 'alignment:' note")
    origin = fields.get("origin", "mt")
    if origin not in _ORIGINS:
        raise ValueError(f"unknown origin {origin!r}")
    return SegmentPair(
        id=unit.id,
        doc_id=unit.file,
        fr=unit.source,
        en=unit.target,
        bead=_bead(fields["alignment"]),
        engine=fields.get("engine"),
        terms=tuple(fields["terms"]),
        missing_terms=tuple(fields["missing_terms"]),
        origin=origin,
        quality=float(fields["quality"]) if "quality" in fields else None,
    )


def _bead(note: str) -> Bead:
    match = _ALIGNMENT.fullmatch(note)
    if match is None:
        raise ValueError(f"malformed alignment note {note!r}")
    src = tuple(int(i) for i in match.group(4).split(",") if i)
    tgt = tuple(int(i) for i in match.group(5).split(",") if i)
    return Bead(src=src, tgt=tgt, score=float(match.group(3)))


def read_xliff_provenance(path: str | Path) -> Provenance | None:
    """The provenance in the first ``<file>`` header of a bitext XLIFF; ``None`` if absent."""
    path = Path(path)
    for _, header in iterparse_safely(path, ("end",), q("header")):
        for note in header.iterfind(q("note")):
            text = note.text or ""
            if note.get("from") == NOTE_FROM and text.startswith("provenance: "):
                try:
                    return Provenance.model_validate(json.loads(text.removeprefix("provenance: ")))
                except ValueError:
                    return None
        return None
    return None

"""``corpus.tmx``: TMX 1.4b written and read as a stream with lxml.

The writer emits one ``tu`` at a time through ``lxml.etree.xmlfile``, so memory does not
grow with the corpus; lxml does all escaping. Characters XML 1.0 forbids (most C0
controls, lone surrogates, U+FFFE/U+FFFF) are dropped and counted, because lxml
refuses them and a CAT tool would refuse the file. The header carries the provenance
as ``x-`` props; each ``tu`` carries the pair's document, bead and score, and its
``x-origin`` (``human``, ``post-edited``; none for machine translation) and
``x-quality`` when it has them.

The ``tuid`` is the pair id percent-encoded (spaces and ``%`` escaped), which keeps it
deterministic, space-free and unique whenever pair ids are, and decodes back exactly.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from lxml import etree
from pydantic import ValidationError

from bitext.errors import ExportError, InputError
from bitext.export.jsonl import checked_pair
from bitext.models import Bead, Provenance, SegmentPair
from bitext.textio import atomic_write

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'
_ILLEGAL_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_TUID_SAFE = "-_.:/@+=,;!~*'()"


def xml_safe(text: str) -> tuple[str, int]:
    """``text`` without the characters XML 1.0 forbids, and how many were dropped."""
    cleaned, count = _ILLEGAL_XML.subn("", text)
    return cleaned, count


def tuid(pair_id: str) -> str:
    """The TMX ``tuid`` of a pair: its id with whitespace, ``%`` and odd characters percent-encoded."""
    return quote(pair_id, safe=_TUID_SAFE)


class TmxWriter:
    """Stream pairs into a TMX 1.4b file; it appears at ``path`` only when complete.

    Attributes:
        count: ``tu`` elements written.
        stripped: Characters dropped because XML 1.0 forbids them.

    Args:
        path: The TMX file to write.
        provenance: What made the corpus; goes into the header.
        unique_ids: Check that no two pairs share an id (costs memory per pair; a
            caller that guarantees unique ids may turn it off).

    Raises:
        ExportError: Two pairs share an id (their tuids would collide).
    """

    def __init__(self, path: str | Path, provenance: Provenance, *, unique_ids: bool = True) -> None:
        self.path = Path(path)
        self.unique_ids = unique_ids
        self.provenance = provenance
        self.count = 0
        self.stripped = 0
        self._tuids: set[str] = set()
        self._stack = ExitStack()
        self._xf: Any = None

    def __enter__(self) -> TmxWriter:
        handle = self._stack.enter_context(atomic_write(self.path, binary=True))
        self._xf = self._stack.enter_context(etree.xmlfile(handle, encoding="utf-8"))
        self._xf.write_declaration()
        self._xf.write_doctype(DOCTYPE)
        self._stack.enter_context(self._xf.element("tmx", version="1.4"))
        self._xf.write("\n")
        self._xf.write(self._header(), pretty_print=True)
        self._stack.enter_context(self._xf.element("body"))
        self._xf.write("\n")
        return self

    def __exit__(self, *exc_info: Any) -> bool:
        if exc_info[0] is None:
            self._xf.write("\n")
        return bool(self._stack.__exit__(*exc_info))

    def write(self, pair: SegmentPair) -> None:
        """Append one ``tu``."""
        unit_id = tuid(pair.id)
        if self.unique_ids:
            if unit_id in self._tuids:
                raise ExportError(
                    f"two pairs have the id {pair.id!r}; TMX tuids must be unique", path=self.path
                )
            self._tuids.add(unit_id)
        unit = etree.Element("tu", tuid=unit_id)
        props: list[tuple[str, str]] = [
            ("x-doc-id", pair.doc_id),
            ("x-bead-type", pair.bead.type),
            ("x-bead-src", _indices(pair.bead.src)),
            ("x-bead-tgt", _indices(pair.bead.tgt)),
            ("x-score", repr(pair.bead.score)),
        ]
        if pair.engine:
            props.append(("x-engine", pair.engine))
        if pair.origin != "mt":
            props.append(("x-origin", pair.origin))
        if pair.quality is not None:
            props.append(("x-quality", repr(pair.quality)))
        props += [("x-term", term) for term in pair.terms]
        props += [("x-term-missing", term) for term in pair.missing_terms]
        for kind, value in props:
            self._prop(unit, kind, value)
        for lang, text in ((self.provenance.srclang, pair.fr), (self.provenance.tgtlang, pair.en)):
            variant = etree.SubElement(unit, "tuv", {XML_LANG: lang})
            etree.SubElement(variant, "seg").text = self._clean(text)
        self._xf.write(unit, pretty_print=True)
        self.count += 1

    def _header(self) -> etree._Element:
        prov = self.provenance
        header = etree.Element(
            "header",
            creationtool="bitext",
            creationtoolversion=prov.bitext_version,
            segtype="sentence",
            adminlang="en",
            srclang=prov.srclang,
            datatype="plaintext",
            creationdate=prov.created,
            **{"o-tmf": "bitext", "o-encoding": "UTF-8"},
        )
        props = {
            "x-bitext-version": prov.bitext_version,
            "x-target-lang": prov.tgtlang,
            "x-engine": prov.engine,
            "x-engine-model": prov.engine_model,
            "x-engine-model-version": prov.engine_model_version,
            "x-glossary-sha256": prov.glossary_sha256,
            "x-aligner": json.dumps(prov.aligner, sort_keys=True) if prov.aligner else None,
        }
        for kind, value in props.items():
            if value is not None:
                self._prop(header, kind, value)
        return header

    def _prop(self, parent: etree._Element, kind: str, value: str) -> None:
        etree.SubElement(parent, "prop", type=kind).text = self._clean(value)

    def _clean(self, text: str) -> str:
        cleaned, count = xml_safe(text)
        self.stripped += count
        return cleaned


def _indices(indices: tuple[int, ...]) -> str:
    return ",".join(str(i) for i in indices)


def _parse_indices(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(",") if part)


def _parser_options() -> dict[str, Any]:
    return {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": True}


def read_tmx_provenance(path: str | Path) -> Provenance | None:
    """The provenance recorded in a bitext TMX header; ``None`` for a TMX bitext did not write."""
    path = Path(path)
    for _, header in _iterparse(path, "header"):
        props = {prop.get("type"): prop.text or "" for prop in header.iterfind("prop")}
        if "x-bitext-version" not in props:
            return None
        try:
            return Provenance(
                bitext_version=props["x-bitext-version"],
                created=header.get("creationdate", ""),
                srclang=header.get("srclang", "fr"),
                tgtlang=props.get("x-target-lang", "en"),
                engine=props.get("x-engine"),
                engine_model=props.get("x-engine-model"),
                engine_model_version=props.get("x-engine-model-version"),
                glossary_sha256=props.get("x-glossary-sha256"),
                aligner=json.loads(props["x-aligner"]) if "x-aligner" in props else {},
            )
        except (ValueError, ValidationError) as exc:
            message = str(exc).splitlines()[0]
            raise InputError(
                f"bad provenance in the header: {message}", path=path, line=header.sourceline
            ) from exc
    return None


def read_tmx(path: str | Path, *, srclang: str = "fr", tgtlang: str = "en") -> Iterator[SegmentPair]:
    """Stream the pairs of a TMX that bitext wrote (each ``tu`` freed once read).

    Raises:
        InputError: Not well-formed XML, or a ``tu`` without the two languages or the
            bead props bitext writes, or with values no writer can write (a score that
            is not a finite number); the error gives the line.
    """
    path = Path(path)
    for _, unit in _iterparse(path, "tu"):
        try:
            yield checked_pair(_pair(unit, srclang, tgtlang))
        except (KeyError, ValueError) as exc:
            raise InputError(f"not a bitext tu: {exc}", path=path, line=unit.sourceline) from exc
        unit.clear(keep_tail=False)
        parent = unit.getparent()
        while parent is not None and unit.getprevious() is not None:
            del parent[0]


def _iterparse(path: Path, tag: str) -> Iterator[tuple[str, etree._Element]]:
    try:
        yield from etree.iterparse(str(path), events=("end",), tag=tag, **_parser_options())
    except etree.XMLSyntaxError as exc:
        raise InputError(f"not well-formed XML: {exc.msg}", path=path, line=exc.lineno) from exc
    except OSError as exc:
        raise InputError(f"cannot read: {exc}", path=path) from exc


def _pair(unit: etree._Element, srclang: str, tgtlang: str) -> SegmentPair:
    props: dict[str, list[str]] = {}
    for prop in unit.iterfind("prop"):
        props.setdefault(prop.get("type", ""), []).append(prop.text or "")
    texts: dict[str, str] = {}
    for variant in unit.iterfind("tuv"):
        lang = (variant.get(XML_LANG) or variant.get("lang") or "").lower()
        seg = variant.find("seg")
        texts[lang.split("-")[0]] = _seg_text(seg) if seg is not None else ""
    for lang in (srclang, tgtlang):
        if lang not in texts:
            raise ValueError(f"no tuv for {lang!r}")
    if "x-score" not in props:
        raise ValueError("no x-score prop")
    bead = Bead(
        src=_parse_indices(props["x-bead-src"][0]),
        tgt=_parse_indices(props["x-bead-tgt"][0]),
        score=float(props["x-score"][0]),
    )
    return SegmentPair(
        id=unquote(unit.get("tuid") or ""),
        doc_id=props.get("x-doc-id", [""])[0],
        fr=texts[srclang],
        en=texts[tgtlang],
        bead=bead,
        engine=props.get("x-engine", [None])[0],
        terms=tuple(props.get("x-term", ())),
        missing_terms=tuple(props.get("x-term-missing", ())),
        origin=props.get("x-origin", ["mt"])[0],
        quality=float(props["x-quality"][0]) if "x-quality" in props else None,
    )


def _seg_text(seg: etree._Element) -> str:
    """The text of a ``seg``; inline codes (bpt, ept, ph, it, ut) are markup, not text."""
    parts = [seg.text or ""]
    for child in seg:
        if child.tag == "hi":
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return "".join(parts)

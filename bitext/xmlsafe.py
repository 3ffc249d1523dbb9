"""Parsing XML that came from outside bitext (XLIFF from a CAT tool, TBX from a term base).

Such files may declare entities: an external one reads local files or the network
(XXE), nested internal ones expand into gigabytes ("billion laughs"). bitext's formats
need neither, so the parser never loads a DTD, never resolves an entity and never
touches the network, and a file whose DOCTYPE declares any entity is refused outright
with its line, rather than read with the entity silently left out.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lxml import etree

from bitext.errors import InputError

XML_NS = "http://www.w3.org/XML/1998/namespace"
XML_LANG = f"{{{XML_NS}}}lang"
XML_SPACE = f"{{{XML_NS}}}space"


def parser_options() -> dict[str, Any]:
    """lxml parser settings for untrusted input: no DTD, no entities, no network."""
    return {"resolve_entities": False, "no_network": True, "load_dtd": False, "huge_tree": False}


def iterparse_safely(
    path: Path, events: tuple[str, ...], tag: str | tuple[str, ...] | None = None
) -> Iterator[tuple[str, etree._Element]]:
    """``lxml.etree.iterparse`` over ``path`` that refuses entity declarations.

    Raises:
        InputError: The file declares entities, is not well-formed XML (with the line),
            or cannot be read.
    """
    checked = False
    try:
        for event, element in etree.iterparse(
            str(path), events=("start", *events), tag=tag, **parser_options()
        ):
            if not checked:
                refuse_entities(element.getroottree(), path)
                checked = True
            if event in events:
                yield event, element
    except etree.XMLSyntaxError as exc:
        raise InputError(f"not well-formed XML: {exc.msg}", path=path, line=exc.lineno) from exc
    except OSError as exc:
        raise InputError(f"cannot read: {exc}", path=path) from exc


def parse_safely(path: Path) -> etree._ElementTree:
    """The whole document at ``path`` (for small files such as term bases).

    Raises:
        InputError: As :func:`iterparse_safely`.
    """
    try:
        # From bytes: lxml reports a bad encoding of a named file as an IOError without a line.
        data = path.read_bytes()
        tree = etree.fromstring(data, etree.XMLParser(**parser_options()), base_url=str(path)).getroottree()
    except etree.XMLSyntaxError as exc:
        raise InputError(f"not well-formed XML: {exc.msg}", path=path, line=exc.lineno) from exc
    except OSError as exc:
        raise InputError(f"cannot read: {exc}", path=path) from exc
    refuse_entities(tree, path)
    return tree


def refuse_entities(tree: etree._ElementTree, path: Path) -> None:
    """Raise if the document's DOCTYPE declares an entity (XXE, entity expansion bombs).

    Raises:
        InputError: Naming the first declared entity and the line of the DOCTYPE.
    """
    dtd = tree.docinfo.internalDTD
    if dtd is None:
        return
    names = [entity.name for entity in dtd.iterentities()]
    if names:
        raise InputError(
            f"the DOCTYPE declares entities ({', '.join(names[:3])}); bitext does not expand entities "
            "(they can read local files or explode in size), remove the declarations",
            path=path,
            line=_line_of(path, b"<!ENTITY"),
        )


def _line_of(path: Path, needle: bytes) -> int | None:
    """1-based line of the first ``needle`` in the file's first megabyte (``None`` if absent)."""
    with path.open("rb") as handle:
        head = handle.read(1 << 20)
    found = head.find(needle)
    return head.count(b"\n", 0, found) + 1 if found != -1 else None

"""Sample pairs and the TMX checks shared by the export, pipeline and CLI tests."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from lxml import etree

from bitext.models import Bead, SegmentPair

DTD_PATH = Path(__file__).resolve().parent / "data" / "tmx14.dtd"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

AWKWARD = [
    ("Le ministre a dit « oui » & <b>non</b>.", 'The minister said "yes" & <b>no</b>.'),
    ("L'ONU salue l'accord 🇫🇷 — enfin !", "The UN welcomes the agreement 🇫🇷 — at last!"),
    ("Prix : 5 € < 10 € > 1 €", "Price: 5 € < 10 € > 1 €"),
    ("Texte ]]> et &amp; littéral", "Text ]]> and &amp; literal"),
]


def sample_pairs(doc_id: str = "001 news", texts: list[tuple[str, str]] | None = None) -> list[SegmentPair]:
    """Pairs of one document with awkward characters, two bead types and terms."""
    pairs = []
    for index, (french, english) in enumerate(texts or AWKWARD):
        src = (index, index + 1) if index == 1 else (index,)
        pairs.append(
            SegmentPair(
                id=f"{doc_id}:{index}",
                doc_id=doc_id,
                fr=french,
                en=english,
                bead=Bead(src=src, tgt=(index,), score=round(0.9 - index / 10, 4)),
                engine="apertium:fr-es+spa-eng@1.0",
                terms=("minister-of-public-security",) if index == 0 else (),
                missing_terms=("un",) if index == 1 else (),
            )
        )
    return pairs


def check_tmx(path: str | Path) -> etree._ElementTree:
    """Validate ``path`` against the TMX 1.4 DTD and check what the DTD cannot.

    Asserts: DTD-valid; UTF-8 without BOM; unique, space-free tuids; exactly two
    ``tuv`` per ``tu`` with distinct languages; the header's srclang is the language
    of one ``tuv`` in every ``tu``; creationdate in ``YYYYMMDDThhmmssZ``.
    """
    raw = Path(path).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), "TMX must not start with a BOM"
    assert raw.startswith(b"<?xml version='1.0' encoding='utf-8'?>") or raw.startswith(
        b'<?xml version="1.0" encoding="UTF-8"?>'
    )
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    tree = etree.parse(str(path), parser)
    with DTD_PATH.open("rb") as handle:
        dtd = etree.DTD(handle)
    assert dtd.validate(tree), dtd.error_log.filter_from_errors()
    header = tree.find("header")
    assert header is not None
    srclang = header.get("srclang")
    assert re.fullmatch(r"\d{8}T\d{6}Z", header.get("creationdate", ""))
    tuids = [unit.get("tuid") for unit in tree.iterfind("body/tu")]
    assert all(tuid and not re.search(r"\s", tuid) for tuid in tuids)
    assert len(tuids) == len(set(tuids)), "duplicate tuid"
    for unit in tree.iterfind("body/tu"):
        langs = [variant.get(XML_LANG) for variant in unit.iterfind("tuv")]
        assert len(langs) == 2 and len(set(langs)) == 2, langs
        assert srclang in langs
        assert all(prop.get("type", "").startswith("x-") for prop in unit.iterfind("prop"))
    return tree


def toolkit_pairs(path: str | Path) -> list[tuple[str, str]]:
    """(source, target) of every unit, as translate-toolkit reads the TMX."""
    from translate.storage.tmx import tmxfile

    with Path(path).open("rb") as handle:
        store = tmxfile(handle)
    return [(unit.source, unit.target) for unit in store.units]


XLIFF_XSD = Path(__file__).resolve().parent / "data" / "xliff-core-1.2-strict.xsd"


def xliff_schema() -> etree.XMLSchema:
    """The OASIS XLIFF 1.2 strict schema, its import of ``xml.xsd`` pointed at the local copy."""
    text = XLIFF_XSD.read_bytes().replace(
        b'schemaLocation="http://www.w3.org/2001/xml.xsd"', b'schemaLocation="xml.xsd"'
    )
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.XMLSchema(etree.fromstring(text, parser, base_url=str(XLIFF_XSD)))


def check_xliff(path: str | Path) -> etree._ElementTree:
    """Validate ``path`` against the XLIFF 1.2 strict schema (assert, with the schema's errors)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    tree = etree.parse(str(path), parser)
    schema = xliff_schema()
    assert schema.validate(tree), schema.error_log.filter_from_errors()
    return tree


def load_with_datasets(builder: str, files: list[Path], cache: Path) -> Any:
    """``datasets.load_dataset(builder, data_files=files)``'s train split, cached under ``cache``.

    The conftest turns every Hugging Face hub access off, so only the local files are read.
    """
    import datasets

    datasets.disable_progress_bars()
    return datasets.load_dataset(
        builder, data_files=[str(f) for f in files], split="train", cache_dir=str(cache)
    )

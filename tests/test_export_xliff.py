"""XLIFF 1.2 export: strict-schema validity, translate-toolkit reads it, our reader round-trips."""

from __future__ import annotations

from pathlib import Path

import pytest
from export_samples import check_xliff, sample_pairs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from bitext.cli import app
from bitext.errors import ExportError, InputError
from bitext.export import convert, read_pairs
from bitext.export.tmx import xml_safe
from bitext.export.xliff import XLIFF_NS, XliffWriter, read_units, read_xliff, read_xliff_provenance
from bitext.models import Bead, Provenance, SegmentPair

PROVENANCE = Provenance(
    bitext_version="0.1.0",
    created="20261122T120000Z",
    engine="apertium:fr-es+spa-eng@1.0",
    glossary_sha256="ab" * 32,
)
NS = {"x": XLIFF_NS}


def write_xliff(path: Path, pairs: list[SegmentPair]) -> XliffWriter:
    with XliffWriter(path, PROVENANCE) as writer:
        for pair in pairs:
            writer.write(pair)
    return writer


def mixed_pairs() -> list[SegmentPair]:
    """Two documents; one human pair, one post-edited pair with a quality estimate."""
    pairs = sample_pairs("001 news") + sample_pairs("003")
    pairs[1] = pairs[1].model_copy(update={"origin": "human", "engine": None})
    pairs[2] = pairs[2].model_copy(update={"origin": "post-edited", "quality": 0.42})
    return pairs


def test_xliff_validates_against_the_strict_schema_and_translate_toolkit_reads_it(tmp_path: Path) -> None:
    from translate.storage.xliff import xlifffile

    pairs = mixed_pairs()
    path = tmp_path / "corpus.xlf"
    writer = write_xliff(path, pairs)

    check_xliff(path)
    assert (writer.count, writer.files) == (8, 2)
    store = xlifffile.parsefile(str(path))
    assert [(unit.source, unit.target) for unit in store.units] == [(p.fr, p.en) for p in pairs]
    notes = store.units[2].getnotes()
    assert "origin: post-edited" in notes and "quality: 0.42" in notes
    assert "term missing: un" in store.units[1].getnotes()


def test_one_file_per_item_and_states_by_origin(tmp_path: Path) -> None:
    path = tmp_path / "corpus.xlf"
    write_xliff(path, mixed_pairs())

    tree = check_xliff(path)
    files = tree.findall("x:file", NS)
    assert [f.get("original") for f in files] == ["001 news", "003"]
    assert files[0].get("date") == "2026-11-22T12:00:00Z"
    assert (files[0].get("source-language"), files[0].get("target-language")) == ("fr", "en")
    states = [t.get("state") for t in tree.iterfind(".//x:target", NS)]
    assert states[:3] == ["needs-review-translation", "translated", "translated"]
    assert tree.find(".//x:target", NS).get("state-qualifier") == "leveraged-mt"
    assert tree.find(".//x:trans-unit", NS).get("id") == "001 news:0"


def test_an_empty_corpus_is_still_a_valid_xliff(tmp_path: Path) -> None:
    path = tmp_path / "corpus.xlf"
    assert write_xliff(path, []).count == 0
    check_xliff(path)
    assert list(read_xliff(path)) == []


def test_our_reader_gets_every_field_back_and_the_provenance(tmp_path: Path) -> None:
    pairs = mixed_pairs()
    path = tmp_path / "corpus.xlf"
    write_xliff(path, pairs)

    assert list(read_xliff(path)) == pairs
    assert read_xliff_provenance(path) == PROVENANCE


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fr=st.text(), en=st.text(), score=st.floats(0, 1), doc=st.text(min_size=1))
def test_round_trip_property(tmp_path: Path, fr: str, en: str, score: float, doc: str) -> None:
    pair = SegmentPair(id=f"{doc}:0", doc_id=doc, fr=fr, en=en, bead=Bead(src=(0,), tgt=(0,), score=score))
    path = tmp_path / "p.xlf"
    writer = write_xliff(path, [pair])

    check_xliff(path)
    expected = pair.model_copy(
        update={name: xml_safe(getattr(pair, name))[0] for name in ("fr", "en", "id", "doc_id")}
    )
    assert list(read_xliff(path)) == [expected]
    assert writer.xml_stripped == sum(xml_safe(text)[1] for text in (fr, en, doc, doc))


def test_units_edited_in_a_cat_tool_keep_their_text_without_the_codes(tmp_path: Path) -> None:
    path = tmp_path / "edited.xlf"
    path.write_text(
        f"""<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="{XLIFF_NS}">
  <file original="a" source-language="fr" datatype="plaintext"><body>
    <trans-unit id="a:0"><source>Le <g id="1">ministre</g> a dit<x id="2"/>.</source>
      <target state="translated">The <g id="1">minister</g> <mrk mtype="term">said</mrk><ph
        id="3">&lt;br/&gt;</ph>.</target>
    </trans-unit>
    <trans-unit id="a:1"><source>Seul</source></trans-unit>
  </body></file>
</xliff>
""",
        encoding="utf-8",
    )
    first, second = read_units(path)
    assert (first.id, first.file, first.source, first.target) == (
        "a:0",
        "a",
        "Le ministre a dit.",
        "The minister said.",
    )
    assert (second.target, second.line) == (None, 8)
    with pytest.raises(ExportError, match="no 'alignment:' note") as caught:
        list(read_xliff(path))
    assert caught.value.line == 4


@pytest.mark.parametrize(
    ("doctype", "message"),
    [
        ('<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', "declares entities"),
        (
            '<!DOCTYPE xliff [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
            '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>',
            "declares entities",
        ),
    ],
)
def test_entity_declarations_are_refused_with_the_line(tmp_path: Path, doctype: str, message: str) -> None:
    path = tmp_path / "evil.xlf"
    path.write_text(
        f'<?xml version="1.0"?>\n{doctype}\n<xliff version="1.2" xmlns="{XLIFF_NS}"><file original="a" '
        'source-language="fr" datatype="plaintext"><body><trans-unit id="1"><source>&c;</source>'
        "</trans-unit></body></file></xliff>",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match=message) as caught:
        list(read_units(path))
    assert caught.value.line == 2 and caught.value.exit_code == 65


def test_malformed_xml_gives_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlf"
    path.write_text(f'<xliff version="1.2" xmlns="{XLIFF_NS}">\n<file>\n</xliff>\n', encoding="utf-8")
    with pytest.raises(InputError, match="not well-formed") as caught:
        list(read_units(path))
    assert caught.value.line == 3


def test_xliff_2_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "v2.xlf"
    path.write_text(f'<xliff version="2.0" xmlns="{XLIFF_NS}"/>', encoding="utf-8")
    with pytest.raises(InputError, match=r"bitext reads 1\.2"):
        list(read_units(path))


def test_bitext_export_converts_to_and_from_xliff(tmp_path: Path) -> None:
    pairs = mixed_pairs()
    jsonl = tmp_path / "c.jsonl"
    convert(_tmx(tmp_path, pairs), jsonl)
    result = CliRunner().invoke(app, ["export", str(jsonl), "-o", str(tmp_path / "c.xlf")])
    assert result.exit_code == 0, result.output
    check_xliff(tmp_path / "c.xlf")
    convert(tmp_path / "c.xlf", tmp_path / "back.jsonl")
    assert list(read_pairs(tmp_path / "back.jsonl")) == pairs


def _tmx(folder: Path, pairs: list[SegmentPair]) -> Path:
    from bitext.export.tmx import TmxWriter

    path = folder / "c.tmx"
    with TmxWriter(path, PROVENANCE) as writer:
        for pair in pairs:
            writer.write(pair)
    return path

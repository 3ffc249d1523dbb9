"""TMX 1.4b export: DTD validity, translate-toolkit reads it back, our reader round-trips."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from export_samples import check_tmx, sample_pairs, toolkit_pairs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bitext.errors import ExportError, InputError
from bitext.export import default_provenance
from bitext.export.tmx import TmxWriter, read_tmx, read_tmx_provenance, tuid, xml_safe
from bitext.models import Bead, Provenance, SegmentPair

PROVENANCE = Provenance(
    bitext_version="0.1.0",
    created="20261122T120000Z",
    engine="apertium:fr-es+spa-eng@1.0",
    engine_model="fr-es+spa-eng",
    engine_model_version="1.0",
    glossary_sha256="ab" * 32,
    aligner={"mode": "1-1", "max_cost": 3.5},
)


def write_tmx(path: Path, pairs: list[SegmentPair], provenance: Provenance = PROVENANCE) -> TmxWriter:
    with TmxWriter(path, provenance) as writer:
        for pair in pairs:
            writer.write(pair)
    return writer


def test_tmx_validates_and_translate_toolkit_reads_the_same_pairs(tmp_path: Path) -> None:
    pairs = sample_pairs()
    path = tmp_path / "corpus.tmx"
    writer = write_tmx(path, pairs)

    check_tmx(path)
    assert writer.count == len(pairs)
    assert toolkit_pairs(path) == [(pair.fr, pair.en) for pair in pairs]


def test_header_has_every_required_attribute_and_the_provenance(tmp_path: Path) -> None:
    path = tmp_path / "corpus.tmx"
    write_tmx(path, sample_pairs())

    header = check_tmx(path).find("header")
    assert header is not None
    assert header.attrib["creationtool"] == "bitext"
    assert header.attrib["creationtoolversion"] == "0.1.0"
    assert header.attrib["segtype"] == "sentence"
    assert header.attrib["adminlang"] == "en"
    assert header.attrib["srclang"] == "fr"
    assert header.attrib["datatype"] == "plaintext"
    assert header.attrib["o-tmf"]
    assert header.attrib["creationdate"] == "20261122T120000Z"
    props = {prop.get("type"): prop.text for prop in header.iterfind("prop")}
    assert props["x-glossary-sha256"] == "ab" * 32
    assert props["x-engine-model"] == "fr-es+spa-eng"
    assert json.loads(props["x-aligner"]) == {"mode": "1-1", "max_cost": 3.5}
    assert read_tmx_provenance(path) == PROVENANCE


def test_tu_props_carry_document_bead_score_engine_and_terms(tmp_path: Path) -> None:
    path = tmp_path / "corpus.tmx"
    pairs = sample_pairs()
    write_tmx(path, pairs)

    units = check_tmx(path).findall("body/tu")
    first = {prop.get("type"): prop.text for prop in units[0].iterfind("prop")}
    assert first["x-doc-id"] == "001 news"
    assert first["x-bead-type"] == "1-1"
    assert float(first["x-score"]) == pairs[0].bead.score
    assert first["x-term"] == "minister-of-public-security"
    second = {prop.get("type"): prop.text for prop in units[1].iterfind("prop")}
    assert second["x-bead-type"] == "2-1"
    assert second["x-term-missing"] == "un"
    assert units[0].get("tuid") == "001%20news:0"


def test_origin_and_quality_props_only_where_a_pair_has_them(tmp_path: Path) -> None:
    path = tmp_path / "corpus.tmx"
    pairs = sample_pairs()
    pairs[1] = pairs[1].model_copy(update={"origin": "post-edited", "quality": 0.375})
    pairs[2] = pairs[2].model_copy(update={"origin": "human"})
    write_tmx(path, pairs)

    props = [
        {p.get("type"): p.text for p in unit.iterfind("prop")} for unit in check_tmx(path).findall("body/tu")
    ]
    assert "x-origin" not in props[0] and "x-quality" not in props[0], "machine translation: as before"
    assert (props[1]["x-origin"], props[1]["x-quality"]) == ("post-edited", "0.375")
    assert props[2]["x-origin"] == "human" and "x-quality" not in props[2]
    assert list(read_tmx(path)) == pairs


def test_reader_gives_back_the_pairs(tmp_path: Path) -> None:
    pairs = sample_pairs() + sample_pairs("002")
    path = tmp_path / "corpus.tmx"
    write_tmx(path, pairs)

    assert list(read_tmx(path)) == pairs


def test_illegal_xml_characters_are_stripped_and_counted(tmp_path: Path) -> None:
    pair = sample_pairs(texts=[("Bonjour\x00 le\x1b monde\ufffe", "Hello\x08 world\x0c")])[0]
    path = tmp_path / "corpus.tmx"
    writer = write_tmx(path, [pair])

    check_tmx(path)
    assert writer.stripped == 5
    assert toolkit_pairs(path) == [("Bonjour le monde", "Hello world")]


def test_no_bom_and_utf8_bytes(tmp_path: Path) -> None:
    path = tmp_path / "corpus.tmx"
    write_tmx(path, sample_pairs())

    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert "🇫🇷".encode() in raw


def test_duplicate_pair_ids_are_refused_and_nothing_is_left(tmp_path: Path) -> None:
    pair = sample_pairs()[0]
    path = tmp_path / "corpus.tmx"
    with pytest.raises(ExportError, match="tuids must be unique"):
        write_tmx(path, [pair, pair])
    assert list(tmp_path.iterdir()) == []


def test_failure_midway_keeps_the_previous_file(tmp_path: Path) -> None:
    path = tmp_path / "corpus.tmx"
    write_tmx(path, sample_pairs())
    before = path.read_bytes()

    with pytest.raises(RuntimeError), TmxWriter(path, PROVENANCE) as writer:
        writer.write(sample_pairs("other")[0])
        raise RuntimeError("crash while writing")
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus.tmx"]


def test_tuid_is_space_free_and_injective() -> None:
    ids = ["a b:1", "a%20b:1", "a\tb:1", "a_b:1", "é:1"]
    tuids = [tuid(pair_id) for pair_id in ids]
    assert len(set(tuids)) == len(ids)
    assert all(" " not in t and "\t" not in t for t in tuids)


def test_a_tu_without_bead_props_is_reported_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "foreign.tmx"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="x" '
        'creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="fr" '
        'datatype="plaintext"/>\n<body>\n<tu><tuv xml:lang="fr"><seg>a</seg></tuv>'
        '<tuv xml:lang="en"><seg>b</seg></tuv></tu></body></tmx>',
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="x-score") as caught:
        list(read_tmx(path))
    assert caught.value.line == 4
    assert read_tmx_provenance(path) is None


def test_malformed_xml_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.tmx"
    path.write_text("<tmx><body><tu>", encoding="utf-8")
    with pytest.raises(InputError, match="well-formed"):
        list(read_tmx(path))


segment_text = st.text(max_size=40)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.tuples(segment_text, segment_text), min_size=1, max_size=6))
def test_round_trip_property(tmp_path: Path, texts: list[tuple[str, str]]) -> None:
    pairs = [
        SegmentPair(id=f"d {i}", doc_id="d", fr=fr, en=en, bead=Bead(src=(i,), tgt=(i,), score=i / 7))
        for i, (fr, en) in enumerate(texts)
    ]
    path = tmp_path / "prop.tmx"
    writer = write_tmx(path, pairs, default_provenance())

    expected = [(xml_safe(fr)[0], xml_safe(en)[0]) for fr, en in texts]
    assert [(p.fr, p.en) for p in read_tmx(path)] == expected
    assert toolkit_pairs(path) == expected
    assert [p.bead for p in read_tmx(path)] == [p.bead for p in pairs]
    assert writer.stripped == sum(len(fr) + len(en) for fr, en in texts) - sum(
        len(fr) + len(en) for fr, en in expected
    )
    check_tmx(path)

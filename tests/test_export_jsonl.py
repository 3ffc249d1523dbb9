"""JSONL export: the Hugging Face translation layout, one pair per line, round trip."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from export_samples import load_with_datasets, sample_pairs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bitext.errors import InputError
from bitext.export.jsonl import JsonlWriter, pair_from_record, pair_record, read_jsonl
from bitext.models import Bead, SegmentPair


def test_lines_have_the_translation_layout(tmp_path: Path) -> None:
    pairs = sample_pairs()
    path = tmp_path / "corpus.jsonl"
    with JsonlWriter(path) as writer:
        for pair in pairs:
            writer.write(pair)

    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(pairs) == writer.count
    first = json.loads(lines[0])
    assert set(first) == {"id", "translation", "doc_id", "align", "meta"}
    assert first["translation"] == {"fr": pairs[0].fr, "en": pairs[0].en}
    assert first["align"] == {"type": "1-1", "src": [0], "tgt": [0], "score": pairs[0].bead.score}
    assert first["meta"] == {
        "engine": "apertium:fr-es+spa-eng@1.0",
        "origin": "mt",
        "terms": "minister-of-public-security",
        "missing_terms": "",
    }
    assert json.loads(lines[1])["align"]["type"] == "2-1"
    assert "🇫🇷" in lines[1] and "\\u" not in lines[1], "ensure_ascii=False keeps UTF-8 as is"
    assert list(read_jsonl(path)) == pairs


def test_rejects_keep_their_reason_and_still_read_as_pairs(tmp_path: Path) -> None:
    pair = sample_pairs()[2]
    path = tmp_path / "rejects.jsonl"
    with JsonlWriter(path) as writer:
        writer.write(pair, reason="score 0.7 < 0.8")

    assert json.loads(path.read_text(encoding="utf-8"))["meta"]["reason"] == "score 0.7 < 0.8"
    assert list(read_jsonl(path)) == [pair]


def test_a_bad_line_is_reported_with_its_number(tmp_path: Path) -> None:
    path = tmp_path / "corpus.jsonl"
    good = json.dumps(pair_record(sample_pairs()[0]), ensure_ascii=False)
    path.write_text(good + "\n" + '{"id": "x", "translation": {"fr": "a"}}\n', encoding="utf-8")
    with pytest.raises(InputError, match="missing key 'align'") as caught:
        list(read_jsonl(path))
    assert caught.value.line == 2


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ([], "expected a JSON object"),
        ({"id": "a", "translation": {"fr": "a", "en": "b"}, "align": {"src": [0], "tgt": [0]}}, "score"),
        (
            {
                "id": "a",
                "translation": {"fr": "a", "en": "b"},
                "align": {"type": "2-1", "src": [0], "tgt": [0], "score": 1},
            },
            "does not match",
        ),
        (
            {"id": "a", "translation": {"fr": 3, "en": "b"}, "align": {"src": [0], "tgt": [0], "score": 1}},
            "malformed",
        ),
    ],
)
def test_malformed_records_are_refused(record: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        pair_from_record(record)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fr=st.text(), en=st.text(), score=st.floats(0, 1))
def test_round_trip_property(tmp_path: Path, fr: str, en: str, score: float) -> None:
    pair = SegmentPair(id="x:0", doc_id="x", fr=fr, en=en, bead=Bead(src=(0,), tgt=(0,), score=score))
    path = tmp_path / "p.jsonl"
    with JsonlWriter(path) as writer:
        writer.write(pair)
    assert list(read_jsonl(path)) == [pair]


def test_outputs_get_the_usual_file_mode_not_mkstemps_0600(tmp_path: Path) -> None:
    import os

    mask = os.umask(0o022)
    try:
        with JsonlWriter(tmp_path / "corpus.jsonl") as writer:
            writer.write(sample_pairs()[0])
    finally:
        os.umask(mask)
    assert (tmp_path / "corpus.jsonl").stat().st_mode & 0o777 == 0o644


def write_jsonl(path: Path, pairs: list[SegmentPair]) -> Path:
    with JsonlWriter(path) as writer:
        for pair in pairs:
            writer.write(pair)
    return path


def test_line_and_paragraph_separators_are_escaped_so_every_splitter_sees_one_record(tmp_path: Path) -> None:
    pairs = sample_pairs(texts=[("Un\u2028deux\u2029trois\x85quatre", "One\u2028two"), ("Bon.", "Good.")])
    path = write_jsonl(tmp_path / "corpus.jsonl", pairs)

    text = path.read_text(encoding="utf-8")
    assert "\u2028" not in text and "\u2029" not in text and "\x85" not in text
    assert "\\u2028" in text and "\\u2029" in text and "\\u0085" in text
    assert len(text.splitlines()) == len(pairs), "str.splitlines breaks on U+2028, U+2029 and U+0085"
    assert list(read_jsonl(path)) == pairs


def test_origin_and_quality_round_trip(tmp_path: Path) -> None:
    pairs = [
        sample_pairs()[0].model_copy(update={"origin": "post-edited", "quality": 0.25}),
        sample_pairs()[1].model_copy(update={"origin": "human", "engine": None}),
    ]
    path = write_jsonl(tmp_path / "corpus.jsonl", pairs)

    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [r["meta"]["origin"] for r in records] == ["post-edited", "human"]
    assert records[0]["meta"]["quality"] == 0.25 and "quality" not in records[1]["meta"]
    assert records[1]["meta"]["engine"] == "", "never null: a null column types as null in datasets"
    assert list(read_jsonl(path)) == pairs


def test_records_of_earlier_versions_still_read() -> None:
    record = {
        "id": "a:0",
        "translation": {"fr": "a", "en": "b"},
        "doc_id": "a",
        "align": {"type": "1-1", "src": [0], "tgt": [0], "score": 0.5},
        "meta": {"engine": None, "terms": ["x", "y"], "missing_terms": []},
    }
    pair = pair_from_record(record)
    assert (pair.terms, pair.missing_terms, pair.origin, pair.engine) == (("x", "y"), (), "mt", None)


@pytest.mark.parametrize("empty_first", [True, False])
def test_datasets_loads_a_run_without_terms_together_with_one_with_terms(
    tmp_path: Path, empty_first: bool
) -> None:
    with_terms = write_jsonl(tmp_path / "with.jsonl", sample_pairs("a"))
    bare = [
        pair.model_copy(update={"terms": (), "missing_terms": (), "engine": None})
        for pair in sample_pairs("b")
    ]
    without_terms = write_jsonl(tmp_path / "without.jsonl", bare)
    files = [without_terms, with_terms] if empty_first else [with_terms, without_terms]

    dataset = load_with_datasets("json", files, tmp_path / "hf-cache")

    assert len(dataset) == 8
    meta = dataset.features["meta"]
    assert {name: meta[name].dtype for name in ("engine", "origin", "terms", "missing_terms")} == {
        "engine": "string",
        "origin": "string",
        "terms": "string",
        "missing_terms": "string",
    }
    assert dataset.features["translation"]["fr"].dtype == "string"
    rows = {row["id"]: row for row in dataset}
    assert rows["a:0"]["meta"]["terms"] == "minister-of-public-security"
    assert rows["b:0"]["meta"]["terms"] == ""

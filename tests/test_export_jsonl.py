"""JSONL export: the Hugging Face translation layout, one pair per line, round trip."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from export_samples import sample_pairs
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
    assert first["meta"]["terms"] == ["minister-of-public-security"]
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

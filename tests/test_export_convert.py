"""Format conversion, in the library and through ``bitext export``."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from export_samples import check_tmx, sample_pairs, toolkit_pairs
from typer.testing import CliRunner

from bitext.cli import app
from bitext.errors import UsageError
from bitext.export import convert, guess_format, parse_formats, read_pairs
from bitext.export.jsonl import JsonlWriter, pair_record
from bitext.export.tmx import TmxWriter, read_tmx_provenance
from bitext.models import Provenance

PROVENANCE = Provenance(
    bitext_version="0.1.0", created="20260101T000000Z", engine="apertium", glossary_sha256="f" * 64
)


@pytest.fixture
def tmx_corpus(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.tmx"
    with TmxWriter(path, PROVENANCE) as writer:
        for pair in sample_pairs("a") + sample_pairs("b"):
            writer.write(pair)
    return path


def test_tmx_to_jsonl_to_json_to_tmx_keeps_pairs_and_provenance(tmp_path: Path, tmx_corpus: Path) -> None:
    expected = sample_pairs("a") + sample_pairs("b")
    jsonl = tmp_path / "c.jsonl"
    result = convert(tmx_corpus, jsonl)
    assert result.pairs == len(expected) and result.format == "jsonl"
    assert list(read_pairs(jsonl)) == expected

    as_json = tmp_path / "c.json"
    convert(jsonl, as_json)
    assert list(read_pairs(as_json)) == expected

    back = tmp_path / "back.tmx"
    convert(tmx_corpus, tmp_path / "c2.json")
    convert(tmp_path / "c2.json", back)
    check_tmx(back)
    assert list(read_pairs(back)) == expected
    provenance = read_tmx_provenance(back)
    assert provenance is not None and provenance.glossary_sha256 == "f" * 64


def test_cli_export_to_txt_and_tsv(tmp_path: Path, tmx_corpus: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        app, ["export", str(tmx_corpus), "-o", str(tmp_path / "corpus"), "--format", "txt"]
    )
    assert result.exit_code == 0, result.output
    assert len((tmp_path / "corpus.fr").read_text(encoding="utf-8").splitlines()) == 8
    result = runner.invoke(app, ["export", str(tmx_corpus), "-o", str(tmp_path / "c.tsv"), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["pairs"] == 8


def test_cli_export_jsonl_to_tmx_is_valid_and_readable(tmp_path: Path, tmx_corpus: Path) -> None:
    convert(tmx_corpus, tmp_path / "c.jsonl")
    result = CliRunner().invoke(app, ["export", str(tmp_path / "c.jsonl"), "-o", str(tmp_path / "out.tmx")])
    assert result.exit_code == 0, result.output
    check_tmx(tmp_path / "out.tmx")
    assert toolkit_pairs(tmp_path / "out.tmx") == [
        (p.fr, p.en) for p in sample_pairs("a") + sample_pairs("b")
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-o", "{tmp}/x.tmx", "--format", "xml"], "unknown format xml"),
        (["-o", "{tmp}/x.bin"], "cannot tell the format"),
        (["-o", "{tmp}/corpus.tmx"], "overwrite the input"),
        (["-o", "{tmp}/missing/x.jsonl"], "output folder does not exist"),
    ],
)
def test_cli_export_usage_errors_exit_2(
    tmp_path: Path, tmx_corpus: Path, args: list[str], message: str
) -> None:
    args = [arg.replace("{tmp}", str(tmp_path)) for arg in args]
    result = CliRunner().invoke(app, ["export", str(tmx_corpus), *args])
    assert result.exit_code == 2
    assert message in result.stderr


def test_reading_back_lossy_formats_is_refused(tmp_path: Path, tmx_corpus: Path) -> None:
    convert(tmx_corpus, tmp_path / "c.tsv")
    with pytest.raises(UsageError, match="cannot be read back"):
        convert(tmp_path / "c.tsv", tmp_path / "c.jsonl")


def test_malformed_input_exits_65_naming_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x"}\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["export", str(bad), "-o", str(tmp_path / "out.tmx")])
    assert result.exit_code == 65
    assert "bad.jsonl:1" in result.stderr
    assert not (tmp_path / "out.tmx").exists()


def test_format_names() -> None:
    assert parse_formats("tmx, JSONL,tmx") == ("tmx", "jsonl")
    assert guess_format("a/corpus.en") == "txt"
    with pytest.raises(UsageError):
        parse_formats("")


@pytest.mark.parametrize("fmt", ["tmx", "json", "jsonl", "txt", "tsv"])
def test_the_file_size_limit_exits_73_naming_the_output_and_keeps_the_old_one(
    tmp_path: Path, fmt: str
) -> None:
    """Regression: EFBIG (and ENOSPC) were tracebacks with exit 1. A real child process
    under RLIMIT_FSIZE: every writer, lxml's TMX stream and the JSON spool included."""
    source = tmp_path / "big.jsonl"
    with JsonlWriter(source) as writer:
        for number in range(1000):
            for pair in sample_pairs(f"doc{number}"):
                writer.write(pair)
    output = tmp_path / ("corpus" if fmt == "txt" else f"corpus.{fmt}")
    first = tmp_path / ("corpus.fr" if fmt == "txt" else f"corpus.{fmt}")
    first.write_text("old", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "bitext", "export", str(source), "-o", str(output), "--format", fmt, "-q"],
        capture_output=True,
        text=True,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000)),
    )
    assert result.returncode == 73, result.stderr
    assert result.stderr == f"error: {first}: cannot write: File too large\n"
    assert first.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["big.jsonl", first.name])


def _line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


@pytest.mark.parametrize("score", ["nan", "NaN", "inf", "-Infinity"])
def test_a_tmx_score_that_is_not_a_number_exits_65_with_the_line(
    tmp_path: Path, tmx_corpus: Path, score: str
) -> None:
    """Regression: x-score NaN became a bare NaN in the JSONL (invalid JSON), exit 0."""
    text = tmx_corpus.read_text(encoding="utf-8")
    second = text.index("<tu ", text.index("<tu ") + 1)
    start = text.index('<prop type="x-score">', second) + len('<prop type="x-score">')
    end = text.index("<", start)
    tmx_corpus.write_text(text[:start] + score + text[end:], encoding="utf-8")
    output = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["export", str(tmx_corpus), "-o", str(output)])
    assert result.exit_code == 65, result.output
    assert f"{tmx_corpus}:{_line_of(text, text[second:start])}" in result.stderr
    assert "not a finite number" in result.stderr
    assert not output.exists()


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ('"\\ud800"', "lone surrogate"),
        ('"a\\udfffb"', "lone surrogate"),
    ],
)
@pytest.mark.parametrize("fmt", ["tmx", "jsonl", "json", "txt"])
def test_a_jsonl_lone_surrogate_exits_65_with_the_line(
    tmp_path: Path, bad: str, message: str, fmt: str
) -> None:
    """Regression: "\\ud800" in a JSONL crashed every writer (UnicodeEncodeError traceback)."""
    records = [json.dumps(pair_record(pair)) for pair in sample_pairs("a")]
    records[2] = records[2].replace('"en": "', f'"en": {bad[:-1]}', 1)
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(records) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["export", str(source), "-o", str(tmp_path / "out"), "--format", fmt])
    assert result.exit_code == 65, result.output
    assert f"{source}:3: " in result.stderr and message in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl"]


def test_a_jsonl_nan_score_exits_65(tmp_path: Path) -> None:
    record = pair_record(sample_pairs("a")[0])
    record["align"]["score"] = float("nan")
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(record) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["export", str(source), "-o", str(tmp_path / "out.jsonl")])
    assert result.exit_code == 65
    assert f"{source}:1: " in result.stderr and "not a finite number" in result.stderr


@pytest.mark.parametrize(
    ("name", "text", "line"),
    [
        ("broken.tmx", '<?xml version="1.0"?>\n<tmx version="1.4">\n<body><tu>\n', 4),
        ("broken.jsonl", '{"id": "x"\n', 1),
        ("broken.json", '{\n  "format": "bitext-corpus",\n  "items": [\n    {"id": "a",, }\n  ]\n}\n', 4),
        ("empty.json", "", 1),
        ("latin1.jsonl", "caf\xe9", None),
    ],
)
def test_malformed_tmx_jsonl_json_exit_65_not_73(
    tmp_path: Path, name: str, text: str, line: int | None
) -> None:
    source = tmp_path / name
    source.write_bytes(text.encode("latin-1"))
    result = CliRunner().invoke(app, ["export", str(source), "-o", str(tmp_path / "out.tsv")])
    assert result.exit_code == 65, result.output
    where = f"{source}:{line}" if line is not None else str(source)
    assert result.stderr.startswith(f"error: {where}")
    assert "Traceback" not in result.output


def test_a_corpus_json_pair_error_names_the_item_line(tmp_path: Path) -> None:
    good = tmp_path / "good.json"
    convert(_jsonl(tmp_path), good)
    text = good.read_text(encoding="utf-8")
    broken = text.replace('"score": 0.8', '"score": "high"', 1)
    assert broken != text
    bad = tmp_path / "bad.json"
    bad.write_text(broken, encoding="utf-8")
    result = CliRunner().invoke(app, ["export", str(bad), "-o", str(tmp_path / "out.jsonl")])
    assert result.exit_code == 65
    line = _line_of(broken, '"score": "high"')
    assert f"{bad}:{line}: " in result.stderr


def _jsonl(folder: Path) -> Path:
    path = folder / "pairs.jsonl"
    with JsonlWriter(path) as writer:
        for pair in sample_pairs("a") + sample_pairs("b"):
            writer.write(pair)
    return path

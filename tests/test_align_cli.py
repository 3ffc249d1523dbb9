"""``bitext align`` and ``bitext align-eval`` through typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bitext.align import check_coverage, parse_beads
from bitext.cli import app
from bitext.translate import apertium

DATA = Path(__file__).parent / "data" / "align"
SRC, TGT, GOLD = DATA / "sample.fr", DATA / "sample.en", DATA / "sample.gold"
N_SRC, N_TGT = 14, 14


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("BITEXT_CACHE", str(tmp_path / "cache.sqlite3"))
    return CliRunner()


def _align(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["align", *args])
    return result.exit_code, result.stdout, result.stderr


def test_presplit_vecalign_without_mt_covers_every_line(runner: CliRunner) -> None:
    code, out, err = _align(runner, str(SRC), str(TGT), "--presplit", "--engine", "none")
    assert code == 0, err
    beads = parse_beads(out)
    check_coverage(beads, N_SRC, N_TGT)
    assert out.splitlines()[0] == "[0]:[0]"


@pytest.mark.skipif(not apertium.is_available(), reason="Apertium is not installed")
def test_apertium_mt_finds_the_gold_alignment(runner: CliRunner, tmp_path: Path) -> None:
    out_file = tmp_path / "test.beads"
    code, _, err = _align(
        runner,
        str(SRC),
        str(TGT),
        "--presplit",
        "--engine",
        "apertium",
        "-o",
        str(out_file),
        "--gold",
        str(GOLD),
    )
    assert code == 0, err
    assert "strict" in err and "lax" in err
    result = runner.invoke(app, ["align-eval", str(GOLD), str(out_file), "--json"])
    scores = json.loads(result.stdout)
    without_mt = runner.invoke(app, ["align", str(SRC), str(TGT), "--presplit", "--engine", "none"])
    (tmp_path / "plain.beads").write_text(without_mt.stdout)
    plain = json.loads(
        runner.invoke(app, ["align-eval", str(GOLD), str(tmp_path / "plain.beads"), "--json"]).stdout
    )
    assert scores["strict"]["f1"] >= 0.9
    assert scores["strict"]["f1"] > plain["strict"]["f1"]


def test_align_eval_prints_a_table_and_json(runner: CliRunner, tmp_path: Path) -> None:
    test = tmp_path / "test.beads"
    test.write_text("[0]:[0]\n[1]:[1]\n[2]:[]\n[3]:[2, 3]\n")
    gold = tmp_path / "gold.beads"
    gold.write_text("[0]:[0]\n[1, 2]:[1]\n[3]:[2, 3]\n")
    table = runner.invoke(app, ["align-eval", str(gold), str(test)])
    assert table.exit_code == 0
    assert "strict" in table.stdout and "lax" in table.stdout
    data = json.loads(runner.invoke(app, ["align-eval", str(gold), str(test), "--json"]).stdout)
    assert data["strict"]["precision"] == pytest.approx(2 / 4)
    assert data["lax"]["precision"] == pytest.approx(3 / 4)
    assert data["strict"]["recall"] == pytest.approx(2 / 3)


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("[0]:[0]\n[1]:[1]\n[1, 2]:[2]\n", 3, "source sentence 1 is used twice (first on line 2)"),
        ("[0]:[0]\n[1]:[1, 1]\n", 2, "target sentence 1 is used twice (first on line 2)"),
        ("[0]:[0]\n[2]:[2]\n[1]:[1]\n", 3, "out of order: this bead starts at source sentence 1"),
        ("[0]:[1]\n[1]:[0]\n", 2, "out of order: this bead starts at target sentence 0"),
        ("", None, "no beads"),
        ("\n\n", None, "no beads"),
    ],
)
def test_invalid_gold_is_refused_with_the_line(
    runner: CliRunner, tmp_path: Path, text: str, line: int | None, message: str
) -> None:
    """Regression: a gold with a sentence used twice, out of order or empty was scored silently."""
    gold = tmp_path / "gold.beads"
    gold.write_text(text)
    test = tmp_path / "test.beads"
    test.write_text("[0]:[0]\n[1]:[1]\n")
    result = runner.invoke(app, ["align-eval", str(gold), str(test)])
    assert result.exit_code == 65
    where = f"{gold}:{line}" if line else str(gold)
    assert result.stderr.startswith(f"error: {where}: {message}")
    assert result.stdout == ""


def test_a_test_alignment_is_scored_even_when_it_crosses(runner: CliRunner, tmp_path: Path) -> None:
    gold = tmp_path / "gold.beads"
    gold.write_text("[0]:[0]\n[1]:[1]\n")
    test = tmp_path / "test.beads"
    test.write_text("[0]:[1]\n[1]:[0]\n")
    result = runner.invoke(app, ["align-eval", str(gold), str(test), "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["strict"]["precision"] == 0.0


def test_malformed_gold_names_file_and_line(runner: CliRunner, tmp_path: Path) -> None:
    gold = tmp_path / "gold.beads"
    gold.write_text("[0]:[0]\n[1]:[1]\n1 2\n")
    result = runner.invoke(app, ["align-eval", str(gold), str(gold)])
    assert result.exit_code == 65
    assert f"{gold}:3" in result.stderr
    code, _, err = _align(runner, str(SRC), str(TGT), "--presplit", "--engine", "none", "--gold", str(gold))
    assert code == 65
    assert f"{gold}:3" in err


def test_non_utf8_input_exits_65_with_byte_offset(runner: CliRunner, tmp_path: Path) -> None:
    bad = tmp_path / "bad.fr"
    bad.write_bytes("Première ligne.\n".encode() + b"Deuxi\xe8me ligne.\n")
    code, _, err = _align(runner, str(bad), str(TGT), "--presplit", "--engine", "none")
    assert code == 65
    assert str(bad) in err and "offset 22" in err


def test_empty_side_gives_insertions_and_a_warning(runner: CliRunner, tmp_path: Path) -> None:
    empty = tmp_path / "empty.fr"
    empty.write_text("")
    code, out, err = _align(runner, str(empty), str(TGT), "--presplit", "--engine", "none")
    assert code == 0
    assert out.splitlines() == [f"[]:[{j}]" for j in range(N_TGT)]
    assert "no sentences" in err


def test_very_unequal_lengths_warn_with_the_ratio(runner: CliRunner, tmp_path: Path) -> None:
    short = tmp_path / "short.fr"
    short.write_text("Le marché couvert de Lyon ouvre ses portes à six heures du matin.\n")
    code, out, err = _align(runner, str(short), str(TGT), "--presplit", "--engine", "none")
    assert code == 0
    assert "very unequal lengths" in err and "x the characters" in err
    check_coverage(parse_beads(out), 1, N_TGT)


def test_tsv_and_json_formats(runner: CliRunner) -> None:
    code, out, _ = _align(runner, str(SRC), str(TGT), "--presplit", "--engine", "none", "--format", "tsv")
    assert code == 0
    first = out.splitlines()[0].split("\t")
    assert first[0].startswith("Le marché couvert") and first[1].startswith("Lyon's covered market")
    assert first[3:] == ["0", "0"]
    code, out, _ = _align(
        runner, str(SRC), str(TGT), "--presplit", "--engine", "none", "--format", "json", "-q"
    )
    data = json.loads(out)
    assert data["src_sentence_count"] == N_SRC
    assert data["beads"][0]["src"] == [0]
    assert data["engine"] is None
    assert "sim_weight" in data["params"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xml"], "unknown format"),
        (["--engine", "google"], "unknown engine"),
        (["--engine", "apertium", "--src-lang", "de", "--tgt-lang", "fr"], "fr→en only"),
    ],
)
def test_bad_options_exit_2(runner: CliRunner, args: list[str], message: str) -> None:
    code, _, err = _align(runner, str(SRC), str(TGT), "--presplit", *args)
    assert code == 2
    assert message in err


def test_missing_file_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    code, _, err = _align(runner, str(tmp_path / "nope.fr"), str(TGT), "--presplit", "--engine", "none")
    assert code == 2
    assert "nope.fr" in err


def test_segmented_input_without_presplit(runner: CliRunner, tmp_path: Path) -> None:
    pytest.importorskip("bitext.segment")
    src, tgt = tmp_path / "a.fr", tmp_path / "a.en"
    src.write_text(SRC.read_text().replace("\n", " "))
    tgt.write_text(TGT.read_text().replace("\n", " "))
    code, out, err = _align(runner, str(src), str(tgt), "--engine", "none")
    assert code == 0, err
    beads = parse_beads(out)
    assert sum(len(b.src) for b in beads) >= 10


def test_wrong_language_is_reported(runner: CliRunner) -> None:
    pytest.importorskip("bitext.langid")
    code, _, err = _align(runner, str(TGT), str(SRC), "--presplit", "--engine", "none")
    assert code == 0
    assert "declared 'fr'" in err and "declared 'en'" in err

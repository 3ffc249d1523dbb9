"""``bitext match`` and ``bitext mine`` through typer's CliRunner, with Apertium."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bitext.cli import app
from bitext.translate import apertium

pytestmark = pytest.mark.skipif(not apertium.is_available(), reason="Apertium is not installed")

TRUE_PAIRS = {
    ("pont-cyclable", "bike-bridge"),
    ("lavande", "lavender"),
    ("comete", "comet"),
    ("greve-aerienne", "air-strike"),
}


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("BITEXT_CACHE", str(tmp_path / "cache.sqlite3"))
    return CliRunner()


def _copy(match_data: Path, folder: Path, *stems: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for stem in stems:
        source = match_data / "items" / f"{stem}.txt"
        if not source.exists():
            source = match_data / "variants" / f"{stem}.txt"
        shutil.copy(source, folder / f"{stem}.txt")
    return folder


def test_match_json_lists_the_translations(runner: CliRunner, match_data: Path) -> None:
    result = runner.invoke(app, ["match", str(match_data / "items"), "--json"])
    assert result.exit_code == 0, result.stderr
    matches = json.loads(result.stdout)
    assert {(m["fr"], m["en"]) for m in matches} == TRUE_PAIRS
    assert all(set(m) == {"fr", "en", "score"} and 0.5 <= m["score"] <= 1.0 for m in matches)
    assert "valencia-trafico.txt: neither French nor English" in result.stderr
    assert "4 matches among 5 French and 5 English items" in result.stderr
    assert "MT " in result.stderr and "matching " in result.stderr


def test_match_separate_folders_and_output_file(runner: CliRunner, match_data: Path, tmp_path: Path) -> None:
    french = _copy(match_data, tmp_path / "fr", "lavande", "comete", "apiculteurs")
    english = _copy(match_data, tmp_path / "en", "comet", "lavender", "dublin-library")
    output = tmp_path / "matches.json"
    result = runner.invoke(app, ["match", str(french), str(english), "-o", str(output), "--quiet"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    table = {tuple(line.split("\t")[:2]) for line in result.stdout.splitlines()}
    assert table == {("lavande", "lavender"), ("comete", "comet")}
    written = json.loads(output.read_text(encoding="utf-8"))
    assert {(m["fr"], m["en"]) for m in written} == table


def test_match_reports_rivals_and_near_copies(runner: CliRunner, match_data: Path) -> None:
    result = runner.invoke(app, ["match", str(match_data / "items"), str(match_data / "variants"), "--json"])
    assert result.exit_code == 0, result.stderr
    assert {(m["fr"], m["en"]) for m in json.loads(result.stdout)} == TRUE_PAIRS
    assert "near-duplicate items: comet, comet-edited" in result.stderr
    assert "en air-strike-short: unmatched; its best candidate greve-aerienne" in result.stderr


@pytest.mark.parametrize(
    ("stems", "missing"), [(("lavande", "comete"), "English"), (("lavender",), "French")]
)
def test_match_one_language_only(
    runner: CliRunner, match_data: Path, tmp_path: Path, stems: tuple[str, ...], missing: str
) -> None:
    folder = _copy(match_data, tmp_path / "one", *stems)
    result = runner.invoke(app, ["match", str(folder), "--json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == []
    assert f"no {missing} items: nothing to match" in result.stderr


def test_match_bad_input(runner: CliRunner, match_data: Path, tmp_path: Path) -> None:
    assert runner.invoke(app, ["match", str(tmp_path / "nowhere")]).exit_code == 2
    assert runner.invoke(app, ["match", str(match_data / "items"), "--engine", "babel"]).exit_code == 2
    folder = _copy(match_data, tmp_path / "bad", "lavande", "lavender")
    (folder / "broken.txt").write_bytes(b"Titre\nCaf\xe9 au lait\n")
    result = runner.invoke(app, ["match", str(folder)])
    assert result.exit_code == 65
    assert "broken.txt:2" in result.stderr and "UTF-8" in result.stderr
    skipped = runner.invoke(app, ["match", str(folder), "--skip-bad", "--json"])
    assert skipped.exit_code == 0, skipped.stderr
    assert json.loads(skipped.stdout) == [
        {"fr": "lavande", "en": "lavender", "score": pytest.approx(1.0, abs=0.05)}
    ]
    assert "skipped" in skipped.stderr and "broken.txt" in skipped.stderr


def test_match_output_that_cannot_be_written(runner: CliRunner, match_data: Path, tmp_path: Path) -> None:
    folder = _copy(match_data, tmp_path / "ok", "lavande", "lavender")
    result = runner.invoke(app, ["match", str(folder), "-o", str(tmp_path / "missing" / "dir" / "m.json")])
    assert result.exit_code == 73, result.stderr


def _story(match_data: Path, tmp_path: Path, name: str, *stems: str) -> Path:
    """The sentences of the stories, one paragraph per line (title lines included)."""
    lines = []
    for stem in stems:
        lines += (match_data / "items" / f"{stem}.txt").read_text(encoding="utf-8").splitlines()
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_mine_presplit_json_gives_line_numbers(runner: CliRunner, match_data: Path, tmp_path: Path) -> None:
    src = _story(match_data, tmp_path, "src.txt", "lavande", "apiculteurs")
    tgt = _story(match_data, tmp_path, "tgt.txt", "dublin-library", "lavender")
    result = runner.invoke(app, ["mine", str(src), str(tgt), "--presplit", "--json"])
    assert result.exit_code == 0, result.stderr
    pairs = [json.loads(line) for line in result.stdout.splitlines()]
    # lavande's six lines are lines 0-5 of SRC; lavender's are lines 6-11 of TGT.
    assert {(p["src"], p["tgt"]) for p in pairs} == {(i, i + 6) for i in range(6)}
    assert all(set(p) == {"src", "tgt", "score"} for p in pairs)
    assert "6 pairs from 12 French and 12 English sentences" in result.stderr


def test_mine_without_the_dictionaries(runner: CliRunner, match_data: Path, tmp_path: Path) -> None:
    src = _story(match_data, tmp_path, "src.txt", "lavande", "apiculteurs")
    tgt = _story(match_data, tmp_path, "tgt.txt", "dublin-library", "lavender")
    args = ["mine", str(src), str(tgt), "--presplit", "--json", "--no-dictionaries"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    pairs = {(p["src"], p["tgt"]) for p in map(json.loads, result.stdout.splitlines())}
    assert pairs == {(i, i + 6) for i in range(6)}


def test_mine_segments_and_prints_the_sentences(runner: CliRunner, match_data: Path, tmp_path: Path) -> None:
    src = _story(match_data, tmp_path, "src.txt", "comete")
    tgt = _story(match_data, tmp_path, "tgt.txt", "comet")
    output = tmp_path / "mined.tsv"
    result = runner.invoke(app, ["mine", str(src), str(tgt), "-o", str(output), "-q"])
    assert result.exit_code == 0, result.stderr
    rows = [line.split("\t") for line in output.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 8
    assert [row[1] for row in rows if row[2].startswith("Its very elongated orbit")] == [
        "Son orbite très allongée suggère qu'il vient du nuage d'Oort, aux confins du système solaire."
    ]


def test_mine_bad_input(runner: CliRunner, match_data: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    tgt = _story(match_data, tmp_path, "tgt.txt", "comet")
    for args in ([str(empty), str(tgt)], [str(tgt), str(empty)]):
        result = runner.invoke(app, ["mine", *args])
        assert result.exit_code == 65
        assert "empty.txt: no sentences to mine" in result.stderr
    assert runner.invoke(app, ["mine", str(tmp_path / "nowhere.txt"), str(tgt)]).exit_code == 2


def test_mine_warns_about_a_side_in_another_language(
    runner: CliRunner, match_data: Path, tmp_path: Path
) -> None:
    spanish = match_data / "items" / "valencia-trafico.txt"
    tgt = _story(match_data, tmp_path, "tgt.txt", "comet")
    result = runner.invoke(app, ["mine", str(spanish), str(tgt)])
    assert result.exit_code == 0, result.stderr
    assert "valencia-trafico.txt: expected 'fr'" in result.stderr


def test_mine_with_and_without_the_extra_routes(runner: CliRunner, match_data: Path, tmp_path: Path) -> None:
    from bitext.match.routes import installed_routes

    src = _story(match_data, tmp_path, "src.txt", "lavande", "apiculteurs")
    tgt = _story(match_data, tmp_path, "tgt.txt", "dublin-library", "lavender")
    timings: dict[tuple[str, ...], float] = {}
    for flags in ((), ("--no-routes",)):
        result = runner.invoke(app, ["mine", str(src), str(tgt), "--presplit", "--json", *flags])
        assert result.exit_code == 0, result.stderr
        pairs = {(p["src"], p["tgt"]) for p in map(json.loads, result.stdout.splitlines())}
        assert pairs == {(i, i + 6) for i in range(6)}
        timings[flags] = float(result.stderr.split("other routes ")[1].split("s,")[0])
    assert timings[("--no-routes",)] == 0.0
    assert (timings[()] > 0.0) == (installed_routes() is not None)

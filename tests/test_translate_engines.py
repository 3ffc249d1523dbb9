"""Choosing an engine by name, and what happens when none can run."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakes import make_document
from typer.testing import CliRunner

from bitext.cli import app
from bitext.errors import ModelError, UsageError
from bitext.translate import ENGINE_NAMES, EngineOptions, get_engine
from bitext.translate.documents import Translator, translate_documents


def test_engine_names() -> None:
    assert ENGINE_NAMES == ("auto", "argos", "apertium")


def test_unknown_engine_lists_the_engines() -> None:
    with pytest.raises(UsageError, match="unknown engine 'deepl'; choose one of: auto, argos, apertium"):
        get_engine("deepl")
    result = CliRunner().invoke(
        app, ["translate", "--engine", "deepl", "--no-cache", "-"], input="Bonjour.\n"
    )
    assert result.exit_code == 2
    assert "auto, argos, apertium" in result.output


def test_no_engine_available_gives_both_install_instructions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no apertium binary reachable
    monkeypatch.setenv("BITEXT_MODELS_DIR", str(tmp_path / "no-models"))
    with pytest.raises(ModelError) as caught:
        get_engine("auto")
    message = str(caught.value)
    assert "bitext models install fr en" in message
    assert "bitext models install --file" in message
    assert "apt-get install apertium apertium-fr-es apertium-eng-spa" in message
    result = CliRunner().invoke(app, ["translate", "--no-cache", "-"], input="Bonjour.\n")
    assert result.exit_code == 69
    assert "apt-get install apertium" in result.output
    assert (
        CliRunner().invoke(app, ["translate", "-e", "apertium", "--no-cache", "-"], input="x\n").exit_code
        == 69
    )


def test_documents_are_translated_together_and_regrouped(argos_models_dir: Path) -> None:
    engine = get_engine("argos", EngineOptions(models_dir=argos_models_dir))
    calls: list[int] = []
    translate = engine.translate
    engine.translate = lambda texts: calls.append(len(texts)) or translate(texts)  # type: ignore[method-assign]
    documents = [
        make_document("a", "fr", ["Le ministre est arrivé.", "Il a parlé."]),
        make_document("b", "en", ["The minister arrived."]),
        make_document("c", "fr", ["La délégation est partie.", "Il a parlé.", "Fin."]),
    ]
    done = list(translate_documents(documents, Translator(engine)))
    results = [d.translation for d in done if d.translation is not None]
    skipped = [d.document for d in done if d.translation is None]
    assert calls == [4], "all French sentences of all items in one engine call, deduplicated"
    assert [d.id for d in skipped] == ["b"]
    assert [r.doc_id for r in results] == ["a", "c"]
    assert [[t.segment_id for t in r.translations] for r in results] == [
        ["a:0", "a:1"],
        ["c:0", "c:1", "c:2"],
    ]
    assert results[0].translations[1].target == results[1].translations[1].target
    assert all(r.engine.model == "translate-fr_en-test" for r in results)


def test_cli_files_mode_writes_one_json_per_item(argos_models_dir: Path, tmp_path: Path) -> None:
    pytest.importorskip("bitext.ingest", reason="bitext.ingest (issue 2) is not in this tree yet")
    source = tmp_path / "in"
    source.mkdir()
    (source / "item.txt").write_text(
        "Le ministre a rencontré la délégation française.\n\n"
        "Les deux parties ont convenu de travailler en étroite collaboration.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    args = [
        "translate",
        str(source),
        "-e",
        "argos",
        "--models-dir",
        str(argos_models_dir),
        "--no-cache",
        "-q",
        "-o",
        str(out),
    ]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    [written] = list(out.glob("*.json"))
    import json

    item = json.loads(written.read_text(encoding="utf-8"))
    assert item["lang"] == "fr" and item["engine"]["name"] == "argos"
    assert item["translations"] and all(t["target"] for t in item["translations"])

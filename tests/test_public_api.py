"""The public API: what each stage exports, and a light CLI start-up."""

from __future__ import annotations

import subprocess
import sys

import pytest

import bitext.align
import bitext.errors
import bitext.export
import bitext.glossary
import bitext.ingest
import bitext.match
import bitext.run
import bitext.translate

EXPECTED = {
    bitext.ingest: {"collect_inputs", "load_document", "load_documents", "EmptyItemError"},
    bitext.translate: {"ENGINE_NAMES", "EngineOptions", "get_engine"},
    bitext.glossary: {"load_glossary", "translate_with_glossary", "check_english", "term_accuracy"},
    bitext.align: {"align_sentences", "AlignParams", "evaluate"},
    bitext.export: {"read_pairs", "convert", "open_writer"},
    bitext.run: {"RunOptions", "run_options", "run_pipeline"},
    bitext.match: {"match_documents", "mine_pairs", "Deduplicator", "MatchParams", "MineParams"},
    bitext.errors: {
        "BitextError",
        "UsageError",
        "InputError",
        "GlossaryError",
        "GlossaryProblems",
        "AlignmentError",
        "ModelError",
        "CacheError",
        "ExportError",
        "EmptyItemError",
        "TermCheckFailed",
    },
}


@pytest.mark.parametrize("module", list(EXPECTED), ids=lambda m: m.__name__)
def test_stage_exports(module: object) -> None:
    missing = {name for name in EXPECTED[module] if not hasattr(module, name)}  # type: ignore[index]
    assert not missing


def test_python_m_bitext_version_and_light_startup() -> None:
    code = (
        "import runpy, sys; sys.argv = ['bitext', '--help']\n"
        "try:\n    runpy.run_module('bitext', run_name='__main__')\n"
        "except SystemExit as exit:\n    assert exit.code == 0\n"
        "heavy = {'ctranslate2', 'sentencepiece', 'torch', 'stanza', 'spacy', 'lingua', 'wordfreq', 'lxml',"
        " 'numpy', 'scipy', 'argostranslate'} & {name.split('.')[0] for name in sys.modules}\n"
        "print(sorted(heavy))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"
    version = subprocess.run([sys.executable, "-m", "bitext", "--version"], capture_output=True, text=True)
    assert version.returncode == 0 and version.stdout.startswith("bitext ")

"""Shared pytest fixtures; each stage adds its own in a section headed with its name."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from hypothesis import settings

from bitext.models import Document

# CI explores the same examples on every run, whatever ran before, so a red build is
# always reproducible (no example database carried between runs).
settings.register_profile("ci", derandomize=True, deadline=None, database=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

# --- translate (issue 3): a real Argos package built from the seeds ------------------


@pytest.fixture(scope="session")
def seed_sentences() -> list[str]:
    """Sentences of the project's seed news items (training text for the test tokenizer)."""
    from bitext.translate.testmodel import seed_sentences as split_seeds

    return split_seeds(Path(__file__).resolve().parent.parent / "seeds")


@pytest.fixture(scope="session")
def tiny_argos_package(tmp_path_factory: pytest.TempPathFactory, seed_sentences: list[str]) -> Path:
    """A tiny fr→en ``.argosmodel`` (SentencePiece + generated CTranslate2 weights)."""
    from bitext.translate.testmodel import build_test_package

    return build_test_package(
        tmp_path_factory.mktemp("argos") / "translate-fr_en-test.argosmodel", seed_sentences
    )


@pytest.fixture(scope="session")
def argos_models_dir(tmp_path_factory: pytest.TempPathFactory, tiny_argos_package: Path) -> Path:
    """A models folder where ``bitext models install --file`` installed the tiny package."""
    from typer.testing import CliRunner

    from bitext.cli import app

    folder = tmp_path_factory.mktemp("argos-models")
    result = CliRunner().invoke(
        app, ["models", "install", "--file", str(tiny_argos_package), "--models-dir", str(folder)]
    )
    assert result.exit_code == 0, result.output
    return folder


# --- ingest (issue 2): the seed items, loaded once ------------------------------------

SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The project's four sample news items (000 and 002 English, 001 and 003 French)."""
    return SEEDS_DIR


@pytest.fixture(scope="session")
def seed_documents(seeds_dir: Path) -> dict[str, Document]:
    """The seeds cleaned and segmented, keyed by their number ("000" … "003")."""
    from bitext.ingest import collect_inputs, load_documents

    return {document.id[:3]: document for document in load_documents(collect_inputs([seeds_dir]))}


# --- match (issue 10): bilingual test stories, translated once by Apertium ------------

MATCH_DATA = Path(__file__).resolve().parent / "data" / "match"


@pytest.fixture(scope="session")
def match_data() -> Path:
    """``tests/data/match``: ``items/`` (four French/English stories and unpaired items), ``variants/``."""
    return MATCH_DATA


@pytest.fixture(scope="session")
def apertium_translate(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Sequence[str]], list[str]]:
    """Apertium through bitext's runner with a session cache; skips when Apertium is missing."""
    from bitext.translate import apertium, get_engine
    from bitext.translate.cache import TranslationCache
    from bitext.translate.runner import translate_texts

    if not apertium.is_available():
        pytest.skip("Apertium is not installed")
    engine = get_engine("apertium")
    cache = TranslationCache(tmp_path_factory.mktemp("match-cache") / "mt.sqlite3")

    def translate(texts: Sequence[str]) -> list[str]:
        return translate_texts(engine, texts, cache=cache)

    return translate


@pytest.fixture(scope="session")
def match_documents_by_id(match_data: Path) -> dict[str, Document]:
    """Every test item (``items/`` and ``variants/``) cleaned and segmented, by file stem."""
    from bitext.ingest import collect_inputs, load_documents

    paths = collect_inputs([match_data / "items", match_data / "variants"])
    return {document.id: document for document in load_documents(paths)}

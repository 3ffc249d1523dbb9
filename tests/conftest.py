"""Shared pytest fixtures; each stage adds its own in a section headed with its name."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from bitext.models import Document, Sentence
from bitext.translate.base import Engine

# --- interchange formats (issue 12): Hugging Face libraries never reach the network ----
# Set before anything imports ``datasets`` (it reads them once, at import).
os.environ["HF_DATASETS_OFFLINE"] = "1"
os.environ["HF_HUB_OFFLINE"] = "1"

# CI explores the same examples on every run, whatever ran before, so a red build is
# always reproducible (no example database carried between runs). scripts/test.sh then
# runs the property tests again under "random" with a seed it prints, so CI also finds
# what a developer's random run finds: `pytest -m hypothesis --hypothesis-profile=random
# --hypothesis-seed=N` replays it.
settings.register_profile("ci", derandomize=True, deadline=None, database=None)
# Explicitly not derandomised: Hypothesis itself derandomises when it sees $CI, and a
# profile inherits from the one in force when it is registered.
settings.register_profile("random", derandomize=False, deadline=None, database=None)


def pytest_configure(config: pytest.Config) -> None:
    """Under CI the "ci" profile, unless ``--hypothesis-profile`` chose another."""
    if os.environ.get("CI") and not config.getoption("hypothesis_profile", None):
        settings.load_profile("ci")


SEEDS_DIR = Path(__file__).resolve().parent.parent / "seeds"
"""The project's four sample news items: the one place tests find them (fixture ``seeds_dir``)."""

# --- translate (issue 3): a real Argos package built from the seeds ------------------


@pytest.fixture(scope="session")
def seed_sentences() -> list[str]:
    """Sentences of the project's seed news items (training text for the test tokenizer)."""
    from argos_testmodel import seed_sentences as split_seeds

    return split_seeds(SEEDS_DIR)


@pytest.fixture(scope="session")
def tiny_argos_package(tmp_path_factory: pytest.TempPathFactory, seed_sentences: list[str]) -> Path:
    """A tiny fr→en ``.argosmodel`` (SentencePiece + generated CTranslate2 weights)."""
    from argos_testmodel import build_test_package

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


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The project's four sample news items (000 and 002 English, 001 and 003 French)."""
    return SEEDS_DIR


@pytest.fixture(scope="session")
def seed_documents(seeds_dir: Path) -> dict[str, Document]:
    """The seeds cleaned and segmented, keyed by their number ("000" … "003")."""
    from bitext.ingest import collect_inputs, load_documents

    return {document.id[:3]: document for document in load_documents(collect_inputs([seeds_dir]))}


# --- review (issue 12): one headless Chromium for the whole session -------------------

CHROMIUM_FLAGS = [
    # As root (CI) Chromium needs --no-sandbox; the rest keep it off the (closed) network.
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str | None:
    """Debian's Chromium (``BITEXT_CHROMIUM`` overrides), or ``None`` when it is not installed."""
    import shutil

    return os.environ.get("BITEXT_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """A headless Chromium driven by playwright, started once per test session."""
    executable = chromium_path()
    if executable is None:
        pytest.skip("Chromium is not installed (scripts/setup.sh --test installs Debian's chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def seed_review_run(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> tuple[Path, Any]:
    """The seeds run through Apertium once (OUTDIR and report), for the review page tests."""
    from bitext.run import run_options, run_pipeline
    from bitext.translate import apertium

    if not apertium.is_available():
        pytest.skip("Apertium is not installed")
    outdir = tmp_path_factory.mktemp("review-seeds") / "out"
    return outdir, run_pipeline(run_options(inputs=[seeds_dir], outdir=outdir, engine="apertium"))


# --- names and protection (issue 9) --------------------------------------------------


def make_sentences(*texts: str) -> list[Sentence]:
    """Sentences with ids ``doc:<i>``, one per text."""
    return [
        Sentence(id=f"doc:{i}", index=i, text=t, start=0, end=len(t), paragraph=0)
        for i, t in enumerate(texts)
    ]


@pytest.fixture(scope="session")
def apertium_engine() -> Engine:
    """The real Apertium engine; the test is skipped where it is not installed."""
    from bitext.translate import apertium, get_engine

    if not apertium.is_available():
        pytest.skip(
            "Apertium is not installed here (apt-get install apertium apertium-fr-es apertium-eng-spa)"
        )
    return get_engine("apertium")


# --- executors (issue 11): one embedded Ray cluster for the whole session -------------


@pytest.fixture(scope="session")
def ray_session() -> Iterator[Any]:
    """Ray started once per session (2 CPUs), its workers able to import ``tests/ray_toys.py``."""
    import logging
    import shutil
    import tempfile

    ray = pytest.importorskip("ray", reason="Ray is not installed: pip install 'bitext[ray]'")
    from bitext.executors.ray import quiet_ray_data

    # Ray's socket paths must stay under 107 characters, so not pytest's long tmp paths.
    temp = tempfile.mkdtemp(prefix="bxray", dir="/tmp")
    ray.init(
        address="local",
        num_cpus=2,
        include_dashboard=False,
        object_store_memory=128 * 2**20,
        logging_level=logging.WARNING,
        log_to_driver=False,
        runtime_env={"env_vars": {"PYTHONPATH": str(Path(__file__).resolve().parent)}},
        _temp_dir=temp,
    )
    quiet_ray_data(ray)
    yield ray
    ray.shutdown()
    shutil.rmtree(temp, ignore_errors=True)


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


# --- run and CLI hardening (issue 13) -------------------------------------------------

_HOLD_LOCK = """
import sys, time
from pathlib import Path
from bitext.run.lock import outdir_lock
with outdir_lock(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(120)
"""


@pytest.fixture
def lock_held_elsewhere() -> Iterator[Callable[[Path], int]]:
    """Take OUTDIR's lock in another process (as a running ``bitext run`` would); returns its pid.

    Every process started is killed when the test ends.
    """
    import subprocess
    import sys

    started: list[subprocess.Popen[str]] = []

    def hold(folder: Path) -> int:
        process = subprocess.Popen(
            [sys.executable, "-c", _HOLD_LOCK, str(folder)], stdout=subprocess.PIPE, text=True
        )
        started.append(process)
        assert process.stdout is not None and process.stdout.readline().strip() == "locked"
        return process.pid

    yield hold
    for process in started:
        process.kill()
        process.wait(timeout=30)


# --- optional extras (issue 13): a core install without pyarrow ---------------------------
@pytest.fixture
def no_pyarrow(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``import pyarrow`` (and every ``pyarrow.*``) fail, as in a venv without the extra."""
    import sys

    for name in [name for name in sys.modules if name == "pyarrow" or name.startswith("pyarrow.")]:
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)

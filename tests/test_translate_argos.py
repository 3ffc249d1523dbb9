"""The argos engine, end to end on the tiny package the tests build and install."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from argos_testmodel import argostranslate_translate
from typer.testing import CliRunner

from bitext.cli import app
from bitext.errors import ModelError
from bitext.translate import AligningEngine, EngineOptions, get_engine
from bitext.translate.argos import ArgosEngine
from bitext.translate.runner import translate_texts

FRENCH = [
    "Le ministre a rencontré la délégation française.",
    "Les deux parties ont convenu de travailler en étroite collaboration.",
    "Une délégation du ministère de la Sécurité publique a effectué une visite de travail en France.",
    "Voir plus",
]


@pytest.fixture(scope="module")
def engine(argos_models_dir: Path) -> ArgosEngine:
    return ArgosEngine(models_dir=argos_models_dir)


def test_translates_one_output_per_input_deterministically(engine: ArgosEngine) -> None:
    first = engine.translate(FRENCH)
    second = engine.translate(list(reversed(FRENCH)))
    assert len(first) == len(FRENCH)
    assert all(text.strip() for text in first)
    assert len(set(first)) == len(FRENCH), "different sentences should not collapse to one output"
    assert second == list(reversed(first)), "batch order must not change a sentence's translation"


def test_batched_equals_one_by_one(engine: ArgosEngine) -> None:
    batched = engine.translate(FRENCH)
    assert batched == [engine.translate([sentence])[0] for sentence in FRENCH]


def test_info_names_package_version_and_options(engine: ArgosEngine) -> None:
    info = engine.info
    assert (info.name, info.model, info.model_version) == ("argos", "translate-fr_en-test", "0.0.1")
    assert info.options["beam_size"] == 4


def test_same_english_as_argostranslate(argos_models_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """argostranslate's own code on the same package, beam and sentences gives the same English.

    MiniSBD would download a model, so argostranslate gets a sentencizer that returns each
    (already split) sentence as is (and bitext's install has no stanza or MiniSBD: see
    :func:`argostranslate_translate`).
    """
    from argostranslate import settings

    monkeypatch.setattr(settings, "package_dirs", [argos_models_dir])
    argos_translate = argostranslate_translate()

    argos_translate.get_installed_languages.cache_clear()
    monkeypatch.setattr(argos_translate, "installed_translates", [])
    translation = argos_translate.get_translation_from_codes("fr", "en")

    class PreSplit:
        def split_sentences(self, text: str) -> list[str]:
            return [text]

    translation.underlying.sentencizer = PreSplit()
    theirs = [translation.translate(sentence) for sentence in FRENCH]
    ours = ArgosEngine(models_dir=argos_models_dir, beam_size=settings.beam_size).translate(FRENCH)
    assert ours == theirs
    argos_translate.get_installed_languages.cache_clear()


def test_translate_aligned_spans_and_attention(engine: ArgosEngine) -> None:
    assert isinstance(engine, AligningEngine)
    source = FRENCH[0]
    [aligned] = engine.translate_aligned([source])
    assert aligned.target == engine.translate([source])[0]
    assert len(aligned.attention) == len(aligned.target_spans) > 0
    assert all(len(row) == len(aligned.source_spans) for row in aligned.attention)
    assert all(abs(sum(row) - 1.0) < 1e-3 for row in aligned.attention)
    words = "".join(source[start:end] for start, end in aligned.source_spans)
    assert words == source.replace(" ", "")
    rebuilt = "".join(aligned.target[start:end] for start, end in aligned.target_spans)
    assert rebuilt == aligned.target.replace(" ", "")


def test_empty_inputs_are_not_translated(engine: ArgosEngine) -> None:
    assert engine.translate(["", "   ", FRENCH[0]])[:2] == ["", ""]
    assert engine.translate([]) == []


def test_extremely_long_sentence_is_chunked_not_truncated(argos_models_dir: Path) -> None:
    small = ArgosEngine(models_dir=argos_models_dir, max_input_tokens=30, max_decoding_length=8)
    long_sentence = " ".join([FRENCH[2].rstrip(".") + ","] * 12) + " fin."
    seen: list[list[str]] = []
    translate = small.translate
    small.translate = lambda texts: seen.append(list(texts)) or translate(texts)  # type: ignore[method-assign]
    [english] = translate_texts(small, [long_sentence])
    [pieces] = seen
    assert len(pieces) > 1
    assert all(length <= 30 for length in small.input_lengths(pieces))
    assert " ".join(pieces).split() == long_sentence.split()
    assert english.split() == " ".join(translate(pieces)).split()


def test_wrong_language_pair_package(tmp_path: Path, seed_sentences: list[str]) -> None:
    from argos_testmodel import build_test_package

    package = build_test_package(
        tmp_path / "en_de.argosmodel", seed_sentences[:40], from_code="en", to_code="de"
    )
    models = tmp_path / "models"
    runner = CliRunner()
    assert (
        runner.invoke(
            app, ["models", "install", "--file", str(package), "--models-dir", str(models)]
        ).exit_code
        == 0
    )
    with pytest.raises(ModelError, match=r"no fr→en Argos package installed.*en→de"):
        get_engine("argos", EngineOptions(models_dir=models))
    with pytest.raises(ModelError, match="translates en→de, not fr→en"):
        ArgosEngine(package_path=models / "translate-en_de-test")
    result = runner.invoke(
        app,
        ["translate", "--engine", "argos", "--models-dir", str(models), "--no-cache", "-"],
        input="Bonjour.\n",
    )
    assert result.exit_code == 69
    assert "bitext models install --file" in result.output


def test_cli_stdin_one_line_per_line(argos_models_dir: Path, tmp_path: Path) -> None:
    lines = [FRENCH[0], "", FRENCH[1], "   ", FRENCH[0]]
    args = ["translate", "--engine", "argos", "--models-dir", str(argos_models_dir), "--no-cache", "-q", "-"]
    result = CliRunner().invoke(app, args, input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    out = result.stdout.split("\n")
    assert out[-1] == "" and len(out) == len(lines) + 1
    assert out[1] == "" and out[3] == ""
    assert out[0] == out[4] != out[2]
    assert all(out[i] for i in (0, 2, 4))


def test_cli_json_reports_engine_and_segment_ids(argos_models_dir: Path) -> None:
    args = ["translate", "-e", "argos", "--models-dir", str(argos_models_dir), "--no-cache", "--json", "-q"]
    result = CliRunner().invoke(app, args, input=f"{FRENCH[0]}\n{FRENCH[1]}\n")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["engine"]["name"] == "argos"
    assert data["engine"]["model"] == "translate-fr_en-test"
    assert [t["segment_id"] for t in data["translations"]] == ["stdin:0", "stdin:1"]
    assert [t["source"] for t in data["translations"]] == FRENCH[:2]


def test_auto_prefers_argos_when_a_package_is_installed(argos_models_dir: Path) -> None:
    assert get_engine("auto", EngineOptions(models_dir=argos_models_dir)).info.name == "argos"


def test_runtime_never_imports_argostranslate_translate_stanza_spacy_or_torch(argos_models_dir: Path) -> None:
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "import bitext.cli\n"
        f"models = {str(argos_models_dir)!r}\n"
        "args = ['translate', '-e', 'argos', '--models-dir', models, '--no-cache', '-q', '-']\n"
        "r = CliRunner().invoke(bitext.cli.app, args, input='Le ministre a rencontré la délégation.\\n')\n"
        "assert r.exit_code == 0 and r.stdout.strip(), r.output\n"
        "assert 'ctranslate2' in sys.modules\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('torch', 'stanza', 'spacy')"
        " or m == 'argostranslate.translate')\n"
        "print(bad)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


# --- devices and compute types (issue 11) ------------------------------------------


def _cuda_devices() -> int:
    import ctranslate2

    return int(ctranslate2.get_cuda_device_count())


def test_cpu_defaults_are_recorded_in_the_engine_info(engine: ArgosEngine) -> None:
    assert (engine.info.options["device"], engine.info.options["compute_type"]) == ("cpu", "int8")


def test_an_unknown_device_is_a_model_error(argos_models_dir: Path) -> None:
    with pytest.raises(ModelError, match="unknown device 'tpu'; choose one of: cpu, cuda") as caught:
        ArgosEngine(models_dir=argos_models_dir, device="tpu")
    assert caught.value.exit_code == 69


def test_cuda_without_a_cuda_device_is_a_clear_model_error(
    argos_models_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ctranslate2

    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 0)
    with pytest.raises(ModelError, match="CTranslate2 sees no CUDA device") as caught:
        ArgosEngine(models_dir=argos_models_dir, device="cuda")
    assert caught.value.exit_code == 69


def test_a_compute_type_the_device_lacks_lists_the_supported_ones(argos_models_dir: Path) -> None:
    with pytest.raises(ModelError, match=r"'float16' is not supported on cpu here; choose one of: .*int8"):
        ArgosEngine(models_dir=argos_models_dir, compute_type="float16")
    chosen = ArgosEngine(models_dir=argos_models_dir, compute_type="float32")
    assert chosen.translate(FRENCH[:1])[0].strip()
    assert chosen.info.options["compute_type"] == "float32"


@pytest.mark.skipif(
    _cuda_devices() == 0, reason="no CUDA device visible to CTranslate2 (get_cuda_device_count() == 0)"
)
@pytest.mark.parametrize("compute_type", [None, "float16"])
def test_translates_on_cuda(argos_models_dir: Path, compute_type: str | None) -> None:
    gpu = ArgosEngine(models_dir=argos_models_dir, device="cuda", compute_type=compute_type)
    outputs = gpu.translate(FRENCH)
    assert len(outputs) == len(FRENCH) and all(text.strip() for text in outputs)
    assert outputs == gpu.translate(FRENCH), "decoding on the GPU is deterministic"
    assert gpu.info.options["device"] == "cuda"
    assert gpu.info.options["compute_type"] == (compute_type or "int8_float16")
    assert gpu.translate_aligned(FRENCH[:1])[0].target == outputs[0]

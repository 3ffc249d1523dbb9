"""The generated Argos package: deterministic, well-formed, loadable by argostranslate."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

from argos_testmodel import TINY, build_test_package


def test_same_seed_same_bytes_other_seed_other_weights(
    tiny_argos_package: Path, seed_sentences: list[str], tmp_path: Path
) -> None:
    again = build_test_package(tmp_path / "again.argosmodel", seed_sentences)
    other = build_test_package(tmp_path / "other.argosmodel", seed_sentences, seed=1)
    digest = [hashlib.sha256(p.read_bytes()).hexdigest() for p in (tiny_argos_package, again, other)]
    assert digest[0] == digest[1] != digest[2]


def test_package_layout_and_vocabulary(tiny_argos_package: Path) -> None:
    with zipfile.ZipFile(tiny_argos_package) as archive:
        names = set(archive.namelist())
        metadata = json.loads(archive.read("translate-fr_en-test/metadata.json"))
        vocabulary = json.loads(archive.read("translate-fr_en-test/model/shared_vocabulary.json"))
    assert {
        "translate-fr_en-test/metadata.json",
        "translate-fr_en-test/sentencepiece.model",
        "translate-fr_en-test/model/model.bin",
        "translate-fr_en-test/model/config.json",
    } <= names
    assert (metadata["from_code"], metadata["to_code"], metadata["type"]) == ("fr", "en", "translate")
    assert vocabulary[:4] == ["<unk>", "<blank>", "<s>", "</s>"]
    assert len(vocabulary) == len(set(vocabulary)) == TINY.vocab


def test_seed_sentences_are_split(seed_sentences: list[str]) -> None:
    assert len(seed_sentences) > 40
    assert all(s == s.strip() and s for s in seed_sentences)


def test_an_eos_bias_stops_outputs_at_varied_lengths_below_the_limit(
    seed_sentences: list[str], tmp_path: Path
) -> None:
    """The benchmark model must stop by itself; random weights alone run every output to the limit."""
    import ctranslate2
    import sentencepiece

    from bitext.translate import packages

    lengths = {}
    for bias in (None, 0.0):
        package = build_test_package(tmp_path / f"{bias}.argosmodel", seed_sentences, eos_bias=bias)
        folder = Path(packages.install_from_file(package, tmp_path / f"models-{bias}").path)
        processor = sentencepiece.SentencePieceProcessor(model_file=str(folder / "sentencepiece.model"))
        translator = ctranslate2.Translator(str(folder / "model"))
        results = translator.translate_batch(
            processor.encode(seed_sentences[:20], out_type=str), beam_size=2, max_decoding_length=200
        )
        lengths[bias] = [len(result.hypotheses[0]) for result in results]
    assert all(length == 200 for length in lengths[None])
    stopped = sorted(lengths[0.0])
    assert stopped[-1] < 200 and stopped[len(stopped) // 2] > 5 and len(set(stopped)) > 3

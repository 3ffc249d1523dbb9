"""Build a real Argos package with generated weights, for tests and benchmarks.

No French→English model can be downloaded where bitext is developed and tested, so the
project makes its own: a SentencePiece model trained on French/English seed sentences, a
CTranslate2 Transformer whose weights come from a seeded random generator (written
through ctranslate2's spec API, no torch), ``metadata.json``, zipped as ``.argosmodel``.
Its output is meaningless but every stage of the real path (package lookup, tokenizing,
batching, decoding, detokenizing) runs on it. The same seed gives the same bytes.
"""

from __future__ import annotations

import io
import json
import math
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_ZIP_DATE = (2024, 1, 1, 0, 0, 0)
_SPECIALS = ("<unk>", "<blank>", "<s>", "</s>")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý«\"])")


@dataclass(frozen=True)
class ModelSize:
    """Dimensions of the generated Transformer."""

    encoder_layers: int
    decoder_layers: int
    d_model: int
    heads: int
    ffn: int
    vocab: int


TINY = ModelSize(encoder_layers=2, decoder_layers=2, d_model=32, heads=2, ffn=64, vocab=400)
"""Fast to build (well under a second plus SentencePiece training): for tests."""

TRANSFORMER_BASE = ModelSize(encoder_layers=6, decoder_layers=6, d_model=512, heads=8, ffn=2048, vocab=32000)
"""The size of the published Argos fr→en package: for the throughput benchmark."""


def seed_sentences(folder: Path) -> list[str]:
    """Split every ``*.txt`` file in ``folder`` into sentence-like lines."""
    sentences: list[str] = []
    for path in sorted(folder.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            sentences.extend(part.strip() for part in _SENTENCE_END.split(line) if part.strip())
    return sentences


def build_test_package(
    output: Path,
    sentences: Sequence[str],
    *,
    size: ModelSize = TINY,
    seed: int = 0,
    from_code: str = "fr",
    to_code: str = "en",
    package_version: str = "0.0.1",
    quantization: str | None = None,
    eos_bias: float | None = None,
) -> Path:
    """Write ``output`` (an ``.argosmodel`` zip) and return its path.

    Args:
        output: The package file to write.
        sentences: Training text for SentencePiece (a few hundred sentences is enough).
        size: Transformer dimensions; the vocabulary is padded up to ``size.vocab``.
        seed: Seed for the weights: same seed and sentences give a byte-identical file.
        from_code: Source language code written to ``metadata.json``.
        to_code: Target language code written to ``metadata.json``.
        package_version: Version written to ``metadata.json``.
        quantization: Store the weights quantized (e.g. ``"int8"``, as published Argos
            packages are); None keeps float32.
        eos_bias: With it, end-of-sentence grows likelier with every decoding step and
            this is its bias: lower means longer outputs (0.0 gave about 45 tokens on
            a 3-layer model and 90 on Transformer-base for inputs of about 76; -10.0
            about 115 on the 3-layer one), so decoding stops at varied lengths
            instead of always running to ``max_decoding_length``, which would flatter
            batching. None: random weights alone (outputs run to the limit).
    """
    name = f"translate-{from_code}_{to_code}-test"
    with tempfile.TemporaryDirectory(prefix="bitext-testmodel-") as tmp:
        root = Path(tmp) / name
        (root / "model").mkdir(parents=True)
        pieces = _train_sentencepiece(sentences, root / "sentencepiece.model", size.vocab)
        _save_ctranslate2_model(root / "model", pieces, size, seed, quantization, eos_bias)
        metadata = {
            "package_name": name,
            "package_version": package_version,
            "argos_version": "1.9",
            "from_code": from_code,
            "from_name": _LANGUAGE_NAMES.get(from_code, from_code),
            "to_code": to_code,
            "to_name": _LANGUAGE_NAMES.get(to_code, to_code),
            "type": "translate",
            "description": "bitext generated test package (random weights, meaningless output)",
        }
        (root / "metadata.json").write_text(json.dumps(metadata, indent=2) + "\n", encoding="utf-8")
        _zip_deterministic(root, output)
    return output


def argostranslate_translate() -> Any:
    """``argostranslate.translate``, importable without its sentence splitters' dependencies.

    It imports stanza (and with it torch) and MiniSBD (onnxruntime) at module level for
    sentence splitting only; bitext's install has neither. Tests and benchmarks that run
    argostranslate's own translation code give it a sentencizer of their own, so empty
    stand-ins take the place of those two modules (calling one raises). Real modules are
    left alone when they are installed.
    """
    import importlib.util
    import sys
    import types

    def never(*args: object, **kwargs: object) -> None:
        raise RuntimeError("argostranslate's sentence splitter is not available here")

    for name in ("stanza", "minisbd"):
        if name not in sys.modules and importlib.util.find_spec(name) is None:
            module = types.ModuleType(name)
            module.SBDetect = never  # type: ignore[attr-defined]
            module.models = types.SimpleNamespace(list_models=lambda: ["fr", "en"])  # type: ignore[attr-defined]
            sys.modules[name] = module
    import argostranslate.translate

    return argostranslate.translate


_LANGUAGE_NAMES = {"fr": "French", "en": "English", "es": "Spanish", "de": "German"}


def _train_sentencepiece(sentences: Sequence[str], path: Path, vocab: int) -> list[str]:
    """Train a unigram model, pad it, save it; return its pieces without its own specials.

    SentencePiece's ``<unk>``, ``<s>``, ``</s>`` become four CTranslate2 specials (with
    ``<blank>``), so the model gets ``vocab - 1`` pieces for a ``vocab``-sized Transformer.
    """
    sentencepiece_size = vocab - 1
    import sentencepiece as spm
    from sentencepiece import sentencepiece_model_pb2

    buffer = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(sentences),
        model_writer=buffer,
        vocab_size=min(sentencepiece_size, 500),
        hard_vocab_limit=False,
        character_coverage=1.0,
        num_threads=1,
        minloglevel=2,
    )
    proto = sentencepiece_model_pb2.ModelProto()  # type: ignore[attr-defined]
    proto.ParseFromString(buffer.getvalue())
    _pad_pieces(proto, sentencepiece_size)
    path.write_bytes(proto.SerializeToString())
    return [piece.piece for piece in proto.pieces[3:]]


def _pad_pieces(proto: Any, total: int) -> None:
    """Add never-chosen pieces (very low score) so the vocabulary reaches ``total``.

    The extra pieces are joins of existing word pieces, so they decode to plausible
    French-looking text when the random decoder emits them.
    """
    known = {piece.piece for piece in proto.pieces}
    words = [p.piece for p in proto.pieces[3:] if p.piece.startswith("▁") and len(p.piece) > 1]
    tails = [p.piece for p in proto.pieces[3:] if not p.piece.startswith("▁")]
    index = 0
    while len(proto.pieces) < total and words and tails:
        candidate = words[index % len(words)] + tails[(index // len(words)) % len(tails)]
        candidate += "" if index < len(words) * len(tails) else str(index)
        index += 1
        if candidate in known:
            continue
        known.add(candidate)
        piece = proto.pieces.add()
        piece.piece = candidate
        piece.score = -1000.0


def _save_ctranslate2_model(
    folder: Path,
    pieces: list[str],
    size: ModelSize,
    seed: int,
    quantization: str | None,
    eos_bias: float | None,
) -> None:
    import numpy as np
    from ctranslate2.specs import transformer_spec

    rng = np.random.default_rng(seed)
    spec = transformer_spec.TransformerSpec.from_config(
        (size.encoder_layers, size.decoder_layers), size.heads
    )
    vocabulary = [*_SPECIALS, *pieces]
    d, ff, v = size.d_model, size.ffn, len(vocabulary)

    def matrix(rows: int, cols: int) -> Any:
        return (rng.standard_normal((rows, cols)) / np.sqrt(cols)).astype(np.float32)

    def linear(layer: Any, rows: int, cols: int) -> None:
        layer.weight = matrix(rows, cols)
        layer.bias = (rng.standard_normal(rows) * 0.02).astype(np.float32)

    def norm(layer: Any) -> None:
        layer.gamma = np.ones(d, dtype=np.float32)
        layer.beta = np.zeros(d, dtype=np.float32)

    spec.encoder.embeddings[0].weight = matrix(v, d)
    spec.decoder.embeddings.weight = matrix(v, d)
    norm(spec.encoder.layer_norm)
    norm(spec.decoder.layer_norm)
    linear(spec.decoder.projection, v, d)
    # Never emit <unk>, <blank> or <s>, as a trained model would not.
    spec.decoder.projection.bias[:3] = -1e4
    for layer in [*spec.encoder.layer, *spec.decoder.layer]:
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], 3 * d, d)
        linear(layer.self_attention.linear[1], d, d)
        norm(layer.ffn.layer_norm)
        linear(layer.ffn.linear_0, ff, d)
        linear(layer.ffn.linear_1, d, ff)
    for layer in spec.decoder.layer:
        norm(layer.attention.layer_norm)
        linear(layer.attention.linear[0], d, d)
        linear(layer.attention.linear[1], 2 * d, d)
        linear(layer.attention.linear[2], d, d)
    if eos_bias is not None:
        _stop_with_position(spec, d, _SPECIALS.index("</s>"), eos_bias)
    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    spec.validate()
    if quantization is not None:
        spec.optimize(quantization=quantization)
    spec.save(str(folder))


def _stop_with_position(spec: Any, d: int, eos: int, eos_bias: float) -> None:
    """Make end-of-sentence likelier with every decoding step, as in a trained model.

    Random weights settle into a loop whose state never changes, so a constant bias
    ends every output at once or never. Instead one model dimension is kept private
    to the decoder's position encoding (no embedding or sublayer writes to it): it is
    ``sin(pos / 96)``, rising over the first ~150 steps, and the end-of-sentence logit
    reads it. Where it overtakes the other logits depends on each sentence's state, so
    lengths vary from sentence to sentence.
    """
    half = d // 2
    channel = round((half - 1) * math.log(96) / math.log(10_000))  # sin(pos * 10000**(-i/(half-1)))
    spec.decoder.embeddings.weight[:, channel] = 0.0
    for layer in spec.decoder.layer:
        for sublayer in (layer.self_attention.linear[1], layer.attention.linear[2], layer.ffn.linear_1):
            sublayer.weight[channel, :] = 0.0
            sublayer.bias[channel] = 0.0
    spec.decoder.projection.weight[eos, :] = 0.0
    spec.decoder.projection.weight[eos, channel] = _EOS_SLOPE
    spec.decoder.projection.bias[eos] = eos_bias


_EOS_SLOPE = 40.0


def _zip_deterministic(root: Path, output: Path) -> None:
    """Zip ``root`` as its own top folder with fixed dates, so equal inputs give equal bytes."""
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".partial")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in _sorted_files(root):
            info = zipfile.ZipInfo(f"{root.name}/{path.relative_to(root).as_posix()}", date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    shutil.move(partial, output)


def _sorted_files(root: Path) -> Iterable[Path]:
    return sorted(path for path in root.rglob("*") if path.is_file())

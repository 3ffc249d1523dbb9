"""The Argos engine: an installed Argos package run on CTranslate2 by bitext itself.

argostranslate translates one paragraph at a time in batches of 32 tokens, so a news
sentence is decoded alone. This engine takes every sentence of a run at once, sorts them
by length and lets CTranslate2 fill large token batches, which is where the speed comes
from. The package contract (tokenizer, ``target_prefix``, metadata) is read through
``argostranslate.package``; ``argostranslate.translate`` (and with it stanza and torch)
is never imported.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bitext.errors import ModelError
from bitext.models import EngineInfo
from bitext.translate.base import AlignedOutput

if TYPE_CHECKING:
    from argostranslate.package import Package

DEFAULT_BEAM_SIZE = 4
"""argostranslate's default (``ARGOS_BEAM_SIZE``), so both produce the same English."""
DEFAULT_MAX_DECODING_LENGTH = 256
"""CTranslate2's default, which argostranslate uses."""
DEFAULT_MAX_INPUT_TOKENS = 200
"""Longer inputs are chunked by the runner rather than left to overflow the decoding limit."""
DEFAULT_BATCH_TOKENS = 3072
"""Measured best on 2 cores with a Transformer-base model (bench/translate_throughput.py)."""
DEVICES = ("cpu", "cuda")
DEFAULT_COMPUTE_TYPES = {"cpu": "int8", "cuda": "int8_float16"}
"""int8 is fastest on CPU; on a GPU, int8 weights with float16 activations."""


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


class ArgosEngine:
    """Translate with an installed Argos package, batching all sentences together.

    Args:
        package_path: An installed package folder; default: the installed
            ``from_code``→``to_code`` package with the highest version.
        models_dir: Where packages are installed (see :func:`packages.models_dir`).
        from_code: Source language.
        to_code: Target language.
        beam_size: Beam width (argostranslate's default 4).
        compute_type: CTranslate2 compute type; default per device (see
            :data:`DEFAULT_COMPUTE_TYPES`); on CUDA also ``"float16"``.
        device: ``"cpu"`` or ``"cuda"`` (the first visible GPU; on Ray, the worker's).
        inter_threads: Batches decoded in parallel; default on CPU: every core up to
            2, then half the cores up to 4 (parallel batches beat threads per
            batch); on CUDA: 1 (one model on the GPU).
        intra_threads: Threads per batch; default: the cores left per batch.
        max_batch_tokens: Token budget of one CTranslate2 batch.
        max_decoding_length: Longest output, in tokens.
        max_input_tokens: Inputs longer than this are chunked by the runner.

    Raises:
        ModelError: No such package installed, or it translates another language pair;
            an unknown device, CUDA asked for where CTranslate2 sees no CUDA device, or
            a compute type the device does not support.
    """

    name = "argos"

    def __init__(
        self,
        *,
        package_path: str | Path | None = None,
        models_dir: str | Path | None = None,
        from_code: str = "fr",
        to_code: str = "en",
        beam_size: int = DEFAULT_BEAM_SIZE,
        compute_type: str | None = None,
        device: str = "cpu",
        inter_threads: int | None = None,
        intra_threads: int | None = None,
        max_batch_tokens: int = DEFAULT_BATCH_TOKENS,
        max_decoding_length: int = DEFAULT_MAX_DECODING_LENGTH,
        max_input_tokens: int = DEFAULT_MAX_INPUT_TOKENS,
    ) -> None:
        self.device, self.compute_type = _check_device(device, compute_type)
        self.package = _resolve_package(package_path, models_dir, from_code, to_code)
        self.beam_size = beam_size
        cores = _cores()
        default_inter = 1 if device == "cuda" else (cores if cores <= 2 else min(4, cores // 2))
        self.inter_threads = inter_threads or default_inter
        self.intra_threads = intra_threads or max(1, cores // self.inter_threads)
        self.max_batch_tokens = max_batch_tokens
        self.max_decoding_length = max_decoding_length
        self.max_input_tokens = max_input_tokens
        self._translator: Any = None
        self._sentencepiece: Any = None

    @property
    def info(self) -> EngineInfo:
        """Package name and version plus the options that change the output."""
        return EngineInfo(
            name=self.name,
            model=self.package.package_path.name,
            model_version=self.package.package_version or None,
            options={
                "beam_size": self.beam_size,
                "compute_type": self.compute_type,
                "device": self.device,
                "max_decoding_length": self.max_decoding_length,
            },
        )

    def translate(self, texts: Sequence[str]) -> list[str]:
        """Translate ``texts`` 1:1 in one length-sorted, token-batched CTranslate2 call."""
        return [output.target for output in self._run(texts, with_attention=False)]

    def translate_aligned(self, texts: Sequence[str]) -> list[AlignedOutput]:
        """Translate ``texts`` 1:1 and return SentencePiece spans with their attention."""
        return self._run(texts, with_attention=True)

    def input_lengths(self, texts: Sequence[str]) -> list[int]:
        """Token counts of ``texts`` as the model sees them (compared with ``max_input_tokens``)."""
        return [len(tokens) for tokens in self._encode(list(texts))]

    def _run(self, texts: Sequence[str], *, with_attention: bool) -> list[AlignedOutput]:
        outputs = [AlignedOutput("", (), (), ())] * len(texts)
        todo = [i for i, text in enumerate(texts) if text.strip()]
        if not todo:
            return list(outputs)
        tokens = self._encode([texts[i] for i in todo])
        order = sorted(range(len(todo)), key=lambda k: len(tokens[k]))
        results = self._decode_batch([tokens[k] for k in order], with_attention)
        for k, result in zip(order, results, strict=True):
            outputs[todo[k]] = self._output(texts[todo[k]], result, with_attention)
        return list(outputs)

    def _decode_batch(self, batch: list[list[str]], with_attention: bool) -> list[Any]:
        translator = self._load()
        prefix = self.package.target_prefix
        total = sum(len(tokens) for tokens in batch)
        # Small runs are split so that every parallel translator replica gets work.
        batch_tokens = max(256, min(self.max_batch_tokens, -(-total // self.inter_threads)))
        try:
            return list(
                translator.translate_batch(
                    batch,
                    target_prefix=[[prefix]] * len(batch) if prefix else None,
                    max_batch_size=batch_tokens,
                    batch_type="tokens",
                    beam_size=self.beam_size,
                    num_hypotheses=1,
                    length_penalty=0.2,
                    replace_unknowns=True,
                    max_input_length=0,
                    max_decoding_length=self.max_decoding_length,
                    return_attention=with_attention,
                )
            )
        except (RuntimeError, ValueError) as exc:
            raise ModelError(f"CTranslate2 failed: {exc}", path=self.package.package_path) from exc

    def _output(self, source: str, result: Any, with_attention: bool) -> AlignedOutput:
        pieces = list(result.hypotheses[0])
        skip = 1 if self.package.target_prefix and pieces[:1] == [self.package.target_prefix] else 0
        target_pieces = pieces[skip:]
        if not with_attention:
            return AlignedOutput(self._detokenize(target_pieces), (), (), ())
        target, target_spans = self._decode_with_spans(target_pieces)
        attention = tuple(tuple(float(w) for w in row) for row in result.attention[0][skip:])
        return AlignedOutput(target, self._source_spans(source), target_spans, attention)

    def _encode(self, texts: list[str]) -> list[list[str]]:
        processor = self._processor()
        if processor is not None:
            return [list(tokens) for tokens in processor.encode(texts, out_type=str)]
        return [list(self.package.tokenizer.encode(text)) for text in texts]

    def _detokenize(self, pieces: list[str]) -> str:
        """Decode as argostranslate does, except that it also turns every ``_`` into a
        space, which corrupts text such as ``file_name``; bitext keeps underscores."""
        processor = self._processor()
        text = (
            processor.decode_pieces(pieces)
            if processor is not None
            else self.package.tokenizer.decode(pieces)
        )
        prefix = self.package.target_prefix
        if prefix and text.startswith(prefix):
            text = text[len(prefix) :]
        return str(text).removeprefix(" ")

    def _decode_with_spans(self, pieces: list[str]) -> tuple[str, tuple[tuple[int, int], ...]]:
        processor = self._processor()
        if processor is None:
            raise ModelError("token alignment needs a SentencePiece package", path=self.package.package_path)
        proto = processor.decode([processor.piece_to_id(p) for p in pieces], return_type="proto")
        return proto.text, _char_spans(proto.text, proto.pieces)

    def _source_spans(self, source: str) -> tuple[tuple[int, int], ...]:
        proto = self._processor().encode(source, return_type="proto")
        return _char_spans(source, proto.pieces)

    def _processor(self) -> Any:
        """The package's SentencePiece model, or None for a BPE package."""
        if self._sentencepiece is None:
            model = self.package.package_path / "sentencepiece.model"
            if not model.is_file():
                return None
            import sentencepiece

            self._sentencepiece = sentencepiece.SentencePieceProcessor(model_file=str(model))
        return self._sentencepiece

    def _load(self) -> Any:
        if self._translator is None:
            import ctranslate2

            try:
                self._translator = ctranslate2.Translator(
                    str(self.package.package_path / "model"),
                    device=self.device,
                    compute_type=self.compute_type,
                    inter_threads=self.inter_threads,
                    intra_threads=self.intra_threads,
                )
            except (RuntimeError, ValueError, OSError) as exc:
                raise ModelError(
                    f"cannot load the CTranslate2 model: {exc}", path=self.package.package_path
                ) from exc
        return self._translator


def _check_device(device: str, compute_type: str | None) -> tuple[str, str]:
    """The device and compute type to load with, checked before any model is read.

    CTranslate2 is imported only when there is something to check: CUDA, or a compute
    type other than the CPU default.

    Raises:
        ModelError: Unknown device, no CUDA device visible, or an unsupported compute type.
    """
    if device not in DEVICES:
        raise ModelError(f"unknown device {device!r}; choose one of: {', '.join(DEVICES)}")
    chosen = compute_type or DEFAULT_COMPUTE_TYPES[device]
    if device == "cpu" and chosen == DEFAULT_COMPUTE_TYPES["cpu"]:
        return device, chosen
    import ctranslate2

    if device == "cuda" and ctranslate2.get_cuda_device_count() == 0:
        raise ModelError(
            "--device cuda: CTranslate2 sees no CUDA device here (no GPU, no driver, or "
            "CUDA_VISIBLE_DEVICES hides it); use --device cpu"
        )
    supported = sorted(ctranslate2.get_supported_compute_types(device))
    if chosen not in supported:
        raise ModelError(
            f"compute type {chosen!r} is not supported on {device} here; "
            f"choose one of: {', '.join(supported)}"
        )
    return device, chosen


def _char_spans(text: str, pieces: Any) -> tuple[tuple[int, int], ...]:
    """Turn SentencePiece byte offsets into character spans without leading whitespace."""
    encoded = text.encode("utf-8")
    spans = []
    for piece in pieces:
        start = len(encoded[: piece.begin].decode("utf-8", errors="ignore"))
        end = len(encoded[: piece.end].decode("utf-8", errors="ignore"))
        while start < end and text[start].isspace():
            start += 1
        spans.append((start, end))
    return tuple(spans)


def _resolve_package(
    package_path: str | Path | None, models_dir: str | Path | None, from_code: str, to_code: str
) -> Package:
    from bitext.translate import packages

    if package_path is not None:
        if not (Path(package_path) / "metadata.json").is_file():
            raise ModelError("not an installed Argos package: no metadata.json", path=package_path)
        package = packages.load_package(Path(package_path))
        if (package.from_code, package.to_code) != (from_code, to_code):
            raise ModelError(
                f"package translates {package.from_code}→{package.to_code}, not {from_code}→{to_code}",
                path=package_path,
            )
        return package
    found = packages.find_package(from_code, to_code, models_dir)
    if found is None:
        installed = packages.list_packages(models_dir)
        pairs = ", ".join(f"{p.name} ({p.from_code}→{p.to_code})" for p in installed) or "none"
        raise ModelError(
            f"no {from_code}→{to_code} Argos package installed in {packages.models_dir(models_dir)} "
            f"(installed: {pairs}); run `bitext models install {from_code} {to_code}` (needs internet) "
            f"or `bitext models install --file PATH.argosmodel`"
        )
    return found

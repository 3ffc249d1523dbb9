"""Align two files: read, segment (or take one sentence per line), check, translate, align.

The machine translation is injected as a ``translate`` callable so this module never
chooses or loads an engine; the CLI and the pipeline pass one built on
``bitext.translate``. Output renderers for the CLI formats live here too.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from bitext.align.params import AlignParams
from bitext.align.vecalign import format_beads
from bitext.models import AlignmentResult, AlignScores
from bitext.segment import split_sentences
from bitext.textio import read_text

Translate = Callable[[Sequence[str]], list[str]]
DetectLanguage = Callable[[str], tuple[str | None, float]]
BEAD_FORMATS = ("vecalign", "tsv", "json")
"""Formats ``bitext align`` writes beads in (corpus formats are :data:`bitext.export.FORMATS`)."""
UNEQUAL_RATIO = 2.0
_LANGID_SAMPLE = 4000


def read_sentences(path: str | Path, lang: str, *, presplit: bool) -> tuple[str, list[str]]:
    """The file's text and its sentences: one per line with ``presplit``, else segmented.

    Raises:
        UsageError: The file does not exist.
        InputError: Not UTF-8 (the message gives the line and byte offset) or binary.
    """
    text = read_text(path)
    if presplit:
        lines = text[:-1].split("\n") if text.endswith("\n") else text.split("\n")
        return text, [] if lines == [""] else lines
    return text, split_sentences(text, lang)


def input_warnings(
    src: tuple[str, str, list[str], str],
    tgt: tuple[str, str, list[str], str],
    detect_language: DetectLanguage | None = None,
) -> list[str]:
    """Warnings about a pair of inputs, each given as ``(path, text, sentences, lang)``.

    Flags very unequal sizes (with the ratio), an empty side and, given a language
    detector (``bitext.langid.detect_language``), a side that is not in its declared
    language.
    """
    warnings: list[str] = []
    (src_path, src_text, src_sents, _), (tgt_path, tgt_text, tgt_sents, _) = src, tgt
    for path, sentences in ((src_path, src_sents), (tgt_path, tgt_sents)):
        if not sentences:
            warnings.append(f"{path}: no sentences; every sentence of the other side stays unaligned")
    src_chars, tgt_chars = len(src_text.strip()), len(tgt_text.strip())
    if src_chars and tgt_chars:
        ratio = max(src_chars, tgt_chars) / min(src_chars, tgt_chars)
        if ratio >= UNEQUAL_RATIO:
            longer, shorter = (src_path, tgt_path) if src_chars > tgt_chars else (tgt_path, src_path)
            warnings.append(
                f"very unequal lengths: {longer} has {ratio:.1f}x the characters of {shorter} "
                f"({src_chars} vs {tgt_chars}); expect many 1-0/0-1 beads"
            )
    if detect_language is not None:
        for path, text, _, lang in (src, tgt):
            warning = _language_warning(path, text, lang, detect_language)
            if warning:
                warnings.append(warning)
    return warnings


def _language_warning(path: str, text: str, declared: str, detect_language: DetectLanguage) -> str | None:
    if not text.strip():
        return None
    detected, confidence = detect_language(text[:_LANGID_SAMPLE])
    if detected == declared or (detected is None and declared not in ("fr", "en")):
        return None
    found = (
        f"looks like {detected!r} (confidence {confidence:.2f})"
        if detected
        else "looks like neither fr nor en"
    )
    return f"{path}: declared {declared!r} but {found}"


def align_files(
    src_path: str | Path,
    tgt_path: str | Path,
    *,
    src_lang: str = "fr",
    tgt_lang: str = "en",
    presplit: bool = False,
    translate: Translate | None = None,
    engine_label: str | None = None,
    detect_language: DetectLanguage | None = None,
    params: AlignParams | None = None,
) -> AlignmentResult:
    """Align the sentences of two files; ``translate`` turns source sentences into the target language.

    ``detect_language`` (e.g. ``bitext.langid.detect_language``) checks each side's
    declared language; without it that check is skipped.

    Raises:
        UsageError, InputError: A missing or unreadable file.
    """
    from bitext.align.aligner import align_sentences

    params = params or AlignParams()
    src_text, src = read_sentences(src_path, src_lang, presplit=presplit)
    tgt_text, tgt = read_sentences(tgt_path, tgt_lang, presplit=presplit)
    warnings = input_warnings(
        (str(src_path), src_text, src, src_lang), (str(tgt_path), tgt_text, tgt, tgt_lang), detect_language
    )
    timings: dict[str, float] = {}
    src_mt = None
    if translate is not None and src and tgt:
        started = time.perf_counter()
        src_mt = translate(src)
        timings["mt"] = time.perf_counter() - started
    started = time.perf_counter()
    beads = align_sentences(src, tgt, src_mt=src_mt, params=params)
    timings["align"] = time.perf_counter() - started
    return AlignmentResult(
        src_path=str(src_path),
        tgt_path=str(tgt_path),
        src_lang=src_lang,
        tgt_lang=tgt_lang,
        src_sentences=tuple(src),
        tgt_sentences=tuple(tgt),
        beads=tuple(beads),
        engine=engine_label if src_mt is not None else None,
        warnings=tuple(warnings),
        timings=timings,
        params=params.model_dump(),
    )


def render(result: AlignmentResult, fmt: str, scores: AlignScores | None = None) -> str:
    """The result as vecalign lines, TSV (source, target, score, indices) or JSON."""
    if fmt == "vecalign":
        return format_beads(result.beads)
    if fmt == "tsv":
        rows = []
        for bead in result.beads:
            src = " ".join(result.src_sentences[i] for i in bead.src)
            tgt = " ".join(result.tgt_sentences[j] for j in bead.tgt)
            rows.append(
                "\t".join(
                    (_tsv_cell(src), _tsv_cell(tgt), f"{bead.score:.4f}", _ids(bead.src), _ids(bead.tgt))
                )
            )
        return "".join(row + "\n" for row in rows)
    payload = result.model_dump(mode="json", exclude={"src_sentences", "tgt_sentences"})
    payload["src_sentence_count"] = len(result.src_sentences)
    payload["tgt_sentence_count"] = len(result.tgt_sentences)
    if scores is not None:
        payload["scores"] = scores.model_dump(mode="json")
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def _tsv_cell(text: str) -> str:
    return text.replace("\t", " ").replace("\n", " ")


def _ids(indices: tuple[int, ...]) -> str:
    return ",".join(map(str, indices))

"""The Apertium engine: rule-based French→English through Spanish, fully offline.

French goes through Spanish (``fr-es`` then ``spa-eng``; Debian packages apertium,
apertium-fr-es, apertium-eng-spa); it is the fallback when no Argos package is
installed. Each ``translate`` call starts the stages once and streams every sentence
through them. Sentences are written one per line with a blank line between them:
Apertium keeps the line structure, and the blank line stops its tagger and capitaliser
from reading one sentence as the continuation of the previous one (measured: without
it, "le" at the start of a line came out "the" or "it" depending on the line before).
The transfer's variables outlive blank lines, so a short reset sentence stands between
any two sentences (:mod:`bitext.translate.apertium_reset`): each sentence's English is
the English it gets alone.

The pivot leaks: words the second stage does not know come out in Spanish
("millardos"), French words the first stage does not know come out in French. The
engine follows every word back to its French source (see
:mod:`bitext.translate.apertium_pipes`), reads Apertium's unknown-word marks as data
(:mod:`bitext.translate.pivot`), and repairs those words through a second pivot,
Catalan (``fra-cat`` then ``cat-eng``, Debian apertium-fra-cat and apertium-eng-cat),
while the pivot still runs (:mod:`bitext.translate.apertium_repair`); the Catalan pipes
load once per engine, at its first leak (:mod:`bitext.translate.apertium_flush`). Without the Catalan
packages a Spanish word is replaced by its French source word.
``ApertiumEngine(leak_repair=False)`` runs the plain ``apertium -u`` pipes instead.

A sentence that opens with a placeholder token gets "Et " before it, removed again from
the English. Apertium's English transfer (``apertium-eng-spa.spa-eng.t1x``) capitalises
the first chunk of a sentence: a variable ``EOS`` is true at the start and after a
full stop, and only a chunk a rule matched sets it false. A token is an unknown word, which
no rule matches, so the chunk after it was capitalised ("ZXQ0 Has found",
"Jean-Marc Falcone And Patricia Adam"). "Et" is a chunk of its own that resets ``EOS``
without touching the words after it ("And ZXQ0 has found").
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Sequence

from bitext.errors import ModelError
from bitext.models import EngineInfo
from bitext.translate.apertium_flush import FlushingPipes
from bitext.translate.apertium_pipes import Pivot, can_number_units, has_mode, run_modes
from bitext.translate.apertium_repair import StreamingRepair
from bitext.translate.apertium_reset import STRIDE, with_resets

STAGES = ("fr-es", "spa-eng")
REPAIR_STAGES = ("fra-cat", "cat-eng")
DEBIAN_PACKAGES = ("apertium", "apertium-fr-es", "apertium-eng-spa")
REPAIR_PACKAGES = ("apertium-fra-cat", "apertium-eng-cat")
INSTALL_HINT = "sudo apt-get install " + " ".join(DEBIAN_PACKAGES + REPAIR_PACKAGES)
# Line breaks, every control character and the noncharacters: Apertium ends its input at U+FFFF.
_LINE_BREAKS = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\ufdd0-\ufdef\ufffe\uffff"
    + "".join(chr(p + 0xFFFE) + chr(p + 0xFFFF) for p in range(0x10000, 0x110000, 0x10000))
    + "]"
)
_MARK = re.compile(r"(?<![\w#@*])[#@*](?=\w)")
# Apertium leaves the spaces of words it drops ("se consolide, se développe" → "consolidates , develops").
_GAP_BEFORE_PUNCTUATION = re.compile(r" +(?=[,.;:!?)])")
_SPACE_RUN = re.compile(r" {2,}")
_OPENING_TOKEN = re.compile(r"^(\W*)(ZXQ\d+)")
_GUARD = "Et "
_GUARD_OUT = re.compile(r"\b[Aa]nd (?=ZXQ\d+)")


def missing_parts() -> list[str]:
    """What is missing for the engine to run: the binary or a language-pair mode."""
    missing = [] if shutil.which("apertium") else ["the apertium binary"]
    missing += [f"mode {stage}" for stage in STAGES if not has_mode(stage)]
    return missing


def is_available() -> bool:
    """True when ``apertium`` and both language-pair modes are installed."""
    return not missing_parts()


def repair_missing_parts() -> list[str]:
    """What is missing for the Catalan repairs (the engine runs without them)."""
    return [f"mode {stage}" for stage in REPAIR_STAGES if not has_mode(stage)]


class ApertiumEngine:
    """French→English with Apertium (fr→es→en), leaks repaired through Catalan.

    Args:
        leak_repair: Follow words to their source and repair pivot leaks (default);
            False runs the plain ``apertium -u fr-es | apertium -u spa-eng`` pipes.

    Raises:
        ModelError: Apertium or one of its language pairs is not installed.
    """

    name = "apertium"
    batch_size = 100_000
    """Each call starts the pipeline once (~0.2 s), so the runner sends large calls."""

    def __init__(self, *, leak_repair: bool = True) -> None:
        missing = missing_parts()
        if missing:
            raise ModelError(
                f"Apertium is not usable (missing {', '.join(missing)}); install it with: {INSTALL_HINT}"
            )
        self._tracked = leak_repair and can_number_units()
        self._catalan = self._tracked and not repair_missing_parts()
        self._repair_pipes: FlushingPipes | None = None
        self._repairs: dict[str, str | None] = {}
        self._version = _package_versions()

    @property
    def info(self) -> EngineInfo:
        """Engine name, the pivot used and how leaks are repaired."""
        options: dict[str, str | int | float | bool] = {}
        if self._tracked:
            options["leak_repair"] = "+".join(REPAIR_STAGES) if self._catalan else "source-word"
        return EngineInfo(name=self.name, model="fr-es+spa-eng", model_version=self._version, options=options)

    def close(self) -> None:
        """Stop the Catalan repair pipes now (they stop anyway with the engine)."""
        if self._repair_pipes is not None:
            self._repair_pipes.close()
            self._repair_pipes = None

    def placeholder(self, index: int, width: int) -> str:
        """``ZXQ<index>`` zero-padded: Apertium passes it through both stages unchanged (tested)."""
        return f"ZXQ{index:0{width}d}"

    def translate(self, texts: Sequence[str]) -> list[str]:
        """Translate ``texts`` 1:1 in one run of the two-stage pipeline."""
        outputs = [""] * len(texts)
        todo = [i for i, text in enumerate(texts) if text.strip()]
        if not todo:
            return outputs
        lines = [_guard_opening_token(_one_line(texts[i])) for i in todo]
        english = (
            self._translate_tracked(lines) if self._tracked else self._translate_plain(lines, texts, todo)
        )
        for position, i in enumerate(todo):
            output = _tidy(english[position])
            outputs[i] = _unguard(output) if lines[position] != _one_line(texts[i]) else output
        return outputs

    def _translate_tracked(self, lines: list[str]) -> list[str]:
        """The pivot with word origins, leaks repaired through Catalan as the pivot runs.

        The Catalan pipes start at the first leak to repair (loading while the pivot
        runs) and stay up for the next calls.
        """
        main = Pivot(*STAGES, fix_inversion=True)
        repair: StreamingRepair | None = None
        try:
            pipes = self._catalan_pipes if self._catalan else None
            repair = StreamingRepair(pipes, lines, stride=STRIDE, known=self._repairs)
            stream = with_resets(lines)
            run = main.run("\n\n".join(stream) + "\n", on_sentence=repair.see)
            _check_lines(run.target, len(stream))
        except BaseException:
            main.close()
            if repair is not None:
                repair.stop()
            raise
        return repair.finish()

    def _catalan_pipes(self) -> FlushingPipes:
        """The engine's Catalan repair pipes, started on first use."""
        if self._repair_pipes is None:
            self._repair_pipes = FlushingPipes(*REPAIR_STAGES)
        return self._repair_pipes

    def _translate_plain(self, lines: list[str], texts: Sequence[str], todo: list[int]) -> list[str]:
        """``apertium -u fr-es | apertium -u spa-eng``, marks stripped: the engine before repairs."""
        stream = with_resets(lines)
        result_lines = run_modes(STAGES, "\n\n".join(stream) + "\n").split("\n")
        _check_lines(result_lines, len(stream))
        return [
            _strip_marks(result_lines[2 * STRIDE * position], texts[i]) for position, i in enumerate(todo)
        ]


def _check_lines(stream: list[str], count: int) -> None:
    """Raise unless ``stream`` has ``count`` sentence lines with blank lines between them."""
    if len(stream) < 2 * count - 1 or any(stream[k].strip() for k in range(1, 2 * count - 1, 2)):
        raise ModelError(
            f"apertium returned {(len(stream) + 1) // 2} lines for {count} sentences; "
            "the sentence/line mapping is broken"
        )


def _one_line(text: str) -> str:
    """The sentence on one line, without characters Apertium's line reader would split on."""
    return " ".join(_LINE_BREAKS.sub(" ", text).replace("\x00", " ").split())


def _guard_opening_token(line: str) -> str:
    """ "ZXQ0 a dit" → "Et ZXQ0 a dit", so Apertium does not capitalise "has" (see module doc)."""
    return _OPENING_TOKEN.sub(lambda m: f"{m.group(1)}{_GUARD}{m.group(2)}", line, count=1)


def _unguard(output: str) -> str:
    """Remove the "And " the guard became, once, before the first token."""
    return _GUARD_OUT.sub("", output, count=1)


def _strip_marks(output: str, source: str) -> str:
    """Drop Apertium's ``*``/``#``/``@`` word marks unless the source itself had them."""
    marks = {m for m in "*#@" if m not in source}
    if not marks:
        return output.strip()
    return _MARK.sub(lambda m: "" if m.group(0) in marks else m.group(0), output).strip()


def _tidy(output: str) -> str:
    """Close the gaps dropped words leave: no double spaces, no space before punctuation."""
    return _SPACE_RUN.sub(" ", _GAP_BEFORE_PUNCTUATION.sub("", output))


def _package_versions() -> str | None:
    """The Debian versions of both language pairs, recorded with each translation."""
    try:
        result = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}+", "apertium-fr-es", "apertium-eng-spa", *REPAIR_PACKAGES],
            capture_output=True,
            text=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip("+ \n") or None

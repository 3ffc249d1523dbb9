"""The Apertium engine: rule-based French→English through Spanish, fully offline.

``apertium -u fr-es | apertium -u spa-eng`` (Debian packages apertium, apertium-fr-es,
apertium-eng-spa) is the fallback when no Argos package is installed. Each
``translate`` call starts the two stages once and streams every sentence through them.
Sentences are written one per line with a blank line between them: Apertium keeps the
line structure, and the blank line stops its tagger and capitaliser from reading one
sentence as the continuation of the previous one (measured: without it, "le" at the
start of a line came out "the" or "it" depending on the line before).

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
import threading
from collections.abc import Sequence
from pathlib import Path

from bitext.errors import ModelError
from bitext.models import EngineInfo

STAGES = ("fr-es", "spa-eng")
DEBIAN_PACKAGES = ("apertium", "apertium-fr-es", "apertium-eng-spa")
INSTALL_HINT = "sudo apt-get install " + " ".join(DEBIAN_PACKAGES)
_MODES_DIR = Path("/usr/share/apertium/modes")
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
    missing += [f"mode {stage}" for stage in STAGES if not (_MODES_DIR / f"{stage}.mode").is_file()]
    return missing


def is_available() -> bool:
    """True when ``apertium`` and both language-pair modes are installed."""
    return not missing_parts()


class ApertiumEngine:
    """French→English with Apertium (fr→es→en), one process pair per call.

    Raises:
        ModelError: Apertium or one of its language pairs is not installed.
    """

    name = "apertium"
    batch_size = 100_000
    """Each call starts the pipeline once (~0.2 s), so the runner sends large calls."""

    def __init__(self) -> None:
        missing = missing_parts()
        if missing:
            raise ModelError(
                f"Apertium is not usable (missing {', '.join(missing)}); install it with: {INSTALL_HINT}"
            )
        self._version = _package_versions()

    @property
    def info(self) -> EngineInfo:
        """Engine name and the pivot used."""
        return EngineInfo(name=self.name, model="fr-es+spa-eng", model_version=self._version)

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
        translated = _run_pipeline("\n\n".join(lines) + "\n")
        result_lines = translated.split("\n")
        expected = 2 * len(lines) - 1
        if len(result_lines) < expected or any(result_lines[k].strip() for k in range(1, expected, 2)):
            raise ModelError(
                f"apertium returned {len(result_lines)} lines for {len(lines)} sentences; "
                "the sentence/line mapping is broken"
            )
        for position, i in enumerate(todo):
            output = _tidy(_strip_marks(result_lines[2 * position], texts[i]))
            outputs[i] = _unguard(output) if lines[position] != _one_line(texts[i]) else output
        return outputs


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


def _run_pipeline(text: str) -> str:
    """Pipe ``text`` through ``apertium -u fr-es | apertium -u spa-eng``."""
    try:
        first = subprocess.Popen(
            ["apertium", "-u", STAGES[0]],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        second = subprocess.Popen(
            ["apertium", "-u", STAGES[1]], stdin=first.stdout, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
    except OSError as exc:
        raise ModelError(f"cannot start apertium: {exc}; install it with: {INSTALL_HINT}") from exc
    assert first.stdin is not None and first.stdout is not None and first.stderr is not None
    first.stdout.close()  # the second stage owns the pipe now
    errors: list[bytes] = []
    reader = threading.Thread(target=lambda: errors.append(first.stderr.read()), daemon=True)  # type: ignore[union-attr]
    reader.start()

    def feed() -> None:
        try:
            first.stdin.write(text.encode("utf-8"))  # type: ignore[union-attr]
        except BrokenPipeError:
            pass
        finally:
            first.stdin.close()  # type: ignore[union-attr]

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    output, second_errors = second.communicate()
    writer.join()
    reader.join()
    first.wait()
    if first.returncode or second.returncode:
        message = (b"".join(errors) + second_errors).decode("utf-8", errors="replace").strip()
        raise ModelError(f"apertium failed (exit {first.returncode or second.returncode}): {message}")
    return output.decode("utf-8", errors="replace")


def _package_versions() -> str | None:
    """The Debian versions of both language pairs, recorded with each translation."""
    try:
        result = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}+", "apertium-fr-es", "apertium-eng-spa"],
            capture_output=True,
            text=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout.strip("+ \n") or None

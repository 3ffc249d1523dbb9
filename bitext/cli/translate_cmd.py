"""``bitext translate``: French to English from stdin (line by line) or from news files."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Literal

import typer

from bitext.cli.app import app
from bitext.cli.common import (
    JSON_OPTION,
    MODELS_DIR_OPTION,
    QUIET_OPTION,
    cache_warning,
    handle_errors,
    progress_bar,
    stderr_console,
)
from bitext.defaults import DEFAULT_ENGINE

if TYPE_CHECKING:
    from rich.console import Console

    from bitext.models import TranslationSummary

STDIN = "-"


@app.command("translate")
def translate_command(
    inputs: list[str] | None = typer.Argument(  # noqa: B008
        None,
        help="News files or folders of .txt files; '-' or nothing reads one segment per line from stdin.",
    ),
    engine: str = typer.Option(DEFAULT_ENGINE, "--engine", "-e", help="auto, argos or apertium."),
    beam: int | None = typer.Option(
        None, "--beam", min=1, help="Beam size (Argos only; default 4 as argostranslate)."
    ),
    output: Path | None = typer.Option(  # noqa: B008
        None,
        "--output",
        "-o",
        help="stdin mode: file for the English lines; files mode: folder for one file per item.",
    ),
    no_cache: bool = typer.Option(False, "--no-cache", help="Do not read or write the translation memory."),
    cache_path: Path | None = typer.Option(  # noqa: B008
        None, "--cache", help="Translation memory file (default $BITEXT_CACHE or ~/.cache/bitext/)."
    ),
    models_dir: Path | None = MODELS_DIR_OPTION,
    glossary_paths: list[Path] | None = typer.Option(  # noqa: B008
        None,
        "--glossary",
        "-g",
        help="Glossary file or folder (repeatable; default: the project's glossary/).",
    ),
    no_glossary: bool = typer.Option(False, "--no-glossary", help="Translate without enforcing a glossary."),
    out_format: Literal["json", "txt"] = typer.Option(
        "json", "--format", "-f", help="Files mode: json, or txt (the English article: title, paragraphs)."
    ),
    json_output: bool = JSON_OPTION,
    quiet: bool = QUIET_OPTION,
) -> None:
    """Translate French to English offline; one English line per input line on stdin."""
    with handle_errors():
        from bitext.glossary import load_glossary
        from bitext.models import EngineOptions
        from bitext.outpaths import check_output_file, check_output_folder
        from bitext.translate import get_engine
        from bitext.translate.cache import default_cache_path, open_cache
        from bitext.translate.documents import Translator
        from bitext.translate.streams import translate_items, translate_stream

        console = stderr_console(quiet)
        files_mode = bool(inputs) and inputs != [STDIN]
        if output is not None and files_mode:
            check_output_folder(output)
        elif output is not None and not json_output:
            check_output_file(output)
        chosen = get_engine(engine, EngineOptions(models_dir=models_dir, beam_size=beam))
        console.print(f"engine: {chosen.info.label()}")
        if beam is not None and "beam_size" not in chosen.info.options:
            console.print(f"warning: --beam does not apply to {chosen.info.name}; it is ignored")
        glossary = None if no_glossary else load_glossary(glossary_paths or None)
        for note in glossary.notes if glossary else ():
            console.print(f"glossary: {note}")

        cache = open_cache(
            cache_path,
            default=default_cache_path(),
            enabled=not no_cache,
            on_unusable_default=cache_warning(console),
        )
        with cache as memory, progress_bar(console, "translating") as advance:
            translator = Translator(chosen, glossary=glossary, cache=memory)
            if files_mode:
                summary = translate_items(
                    inputs or [],
                    translator,
                    output or sys.stdout,
                    as_text=out_format == "txt",
                    progress=advance,
                )
            else:
                # --json goes to stdout; -o takes the English lines.
                with _sink(None if json_output else output) as sink:
                    summary = translate_stream(
                        sys.stdin.buffer, sink, translator, as_json=json_output, progress=advance
                    )
        _show(summary, output if files_mode else None, console)


@contextmanager
def _sink(output: Path | None) -> Iterator[IO[str]]:
    """stdout, or ``output`` written atomically (it appears only when complete)."""
    if output is None:
        yield sys.stdout
        return
    from bitext.textio import atomic_write

    with atomic_write(output) as handle:
        yield handle


def _show(summary: TranslationSummary, folder: Path | None, console: Console) -> None:
    for item in summary.skipped:
        console.print(f"skipped {item.path}: {item.reason}")
    if folder is not None:
        console.print(f"wrote {summary.items} item(s) to {folder}")
    accuracy = summary.terms
    if accuracy is not None and accuracy.found:
        console.print(
            f"term accuracy: {accuracy.canonical}/{accuracy.found} = {accuracy.accuracy:.3f}"
            f" ({accuracy.repaired} repaired)"
        )

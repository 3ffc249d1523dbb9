"""``bitext translate``: French to English from stdin (line by line) or from news files."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from bitext.cli.app import app
from bitext.cli.common import JSON_OPTION, QUIET_OPTION, handle_errors, print_json, stderr_console

if TYPE_CHECKING:
    from rich.console import Console

    from bitext.models import Translation
    from bitext.translate.base import Engine
    from bitext.translate.cache import TranslationCache
    from bitext.translate.runner import Progress

STDIN = "-"
TranslateFn = Callable[..., "list[Translation]"]


@app.command("translate")
def translate_command(
    inputs: list[str] | None = typer.Argument(  # noqa: B008
        None,
        help="News files or folders of .txt files; '-' or nothing reads one segment per line from stdin.",
    ),
    engine: str = typer.Option("auto", "--engine", "-e", help="auto, argos or apertium."),
    beam: int | None = typer.Option(
        None, "--beam", min=1, help="Beam size (argos; default 4 as argostranslate)."
    ),
    output: Path | None = typer.Option(  # noqa: B008
        None,
        "--output",
        "-o",
        help="stdin mode: file for the English lines; files mode: folder for per-item JSON.",
    ),
    no_cache: bool = typer.Option(False, "--no-cache", help="Do not read or write the translation memory."),
    cache_path: Path | None = typer.Option(  # noqa: B008
        None, "--cache", help="Translation memory file (default $BITEXT_CACHE or ~/.cache/bitext/)."
    ),
    models_dir: Path | None = typer.Option(  # noqa: B008
        None, "--models-dir", help="Argos packages folder (default $BITEXT_MODELS_DIR or argostranslate's)."
    ),
    glossary_paths: list[Path] | None = typer.Option(  # noqa: B008
        None,
        "--glossary",
        "-g",
        help="Glossary file or folder (repeatable; default: the project's glossary/).",
    ),
    no_glossary: bool = typer.Option(False, "--no-glossary", help="Translate without enforcing a glossary."),
    json_output: bool = JSON_OPTION,
    quiet: bool = QUIET_OPTION,
) -> None:
    """Translate French to English offline; one English line per input line on stdin."""
    with handle_errors():
        from bitext.translate import get_engine

        console = stderr_console(quiet)
        options: dict[str, Any] = {"models_dir": models_dir}
        if beam is not None:
            options["beam_size"] = beam
        chosen = get_engine(engine, **options)
        console.print(f"engine: {chosen.info.label()}")
        translate = _translator(None if no_glossary else glossary_paths or [], console)
        with _open_cache(no_cache, cache_path, console) as cache:
            if not inputs or inputs == [STDIN]:
                translations = _translate_stdin(chosen, translate, cache, output, json_output, console)
            else:
                translations = _translate_files(chosen, translate, inputs, cache, output, console)
        if not no_glossary:
            _print_term_accuracy(translations, console)


def _translator(glossary_paths: list[Path] | None, console: Console) -> TranslateFn:
    """The one translation call of this command: with the glossary enforced, or plain."""
    from bitext.protect import translate_protected

    if glossary_paths is None:
        return translate_protected
    from bitext.glossary import load_glossary, translate_with_glossary

    glossary = load_glossary(glossary_paths or None)
    for note in glossary.notes:
        console.print(f"glossary: {note}")
    return partial(translate_with_glossary, glossary=glossary)


def _print_term_accuracy(translations: Sequence[Translation], console: Console) -> None:
    from bitext.glossary import term_accuracy

    accuracy = term_accuracy(translations)
    if accuracy.found:
        console.print(
            f"term accuracy: {accuracy.canonical}/{accuracy.found} = {accuracy.accuracy:.3f}"
            f" ({accuracy.repaired} repaired)"
        )


def _translate_stdin(
    engine: Engine,
    translate: TranslateFn,
    cache: TranslationCache | None,
    output: Path | None,
    json_output: bool,
    console: Console,
) -> list[Translation]:
    from bitext.segment import line_sentences
    from bitext.textio import atomic_write, decode_text

    lines = decode_text(sys.stdin.buffer.read(), "<stdin>").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    sentences = line_sentences("stdin", lines)
    with _progress(console, len(sentences)) as advance:
        translations = translate(engine, sentences, cache=cache, progress=advance)
    if json_output:
        print_json(
            {
                "engine": engine.info.model_dump(),
                "translations": [t.model_dump(exclude={"engine"}) for t in translations],
            }
        )
    else:
        english = "".join(t.target.replace("\n", " ") + "\n" for t in translations)
        if output is None:
            sys.stdout.write(english)
        else:
            with atomic_write(output) as handle:
                handle.write(english)
    return translations


def _translate_files(
    engine: Engine,
    translate: TranslateFn,
    inputs: list[str],
    cache: TranslationCache | None,
    output: Path | None,
    console: Console,
) -> list[Translation]:
    import json

    from bitext.ingest import collect_inputs, load_documents
    from bitext.textio import atomic_write
    from bitext.translate.documents import translate_documents

    documents = list(load_documents(collect_inputs(inputs)))
    total = sum(len(d.sentences) for d in documents if d.lang == "fr")
    with _progress(console, total) as advance:
        results, skipped = translate_documents(
            engine, documents, cache=cache, progress=advance, translate=translate
        )
    for document in skipped:
        console.print(f"skipped {document.path}: language {document.lang or 'unknown'}, not French")
    translations = [t for result in results for t in result.translations]
    items = [result.model_dump(mode="json") for result in results]
    if output is None:
        print_json(items)
        return translations
    output.mkdir(parents=True, exist_ok=True)
    for item in items:
        name = re.sub(r"[^\w.-]", "_", item["doc_id"]) or "item"
        with atomic_write(output / f"{name}.json") as handle:
            handle.write(json.dumps(item, ensure_ascii=False, indent=2) + "\n")
    console.print(f"wrote {len(items)} item(s) to {output}")
    return translations


@contextmanager
def _open_cache(
    no_cache: bool, cache_path: Path | None, console: Console
) -> Iterator[TranslationCache | None]:
    """The translation memory; a broken default cache is skipped with a warning."""
    from bitext.errors import CacheError
    from bitext.translate.cache import TranslationCache, default_cache_path

    if no_cache:
        yield None
        return
    try:
        cache = TranslationCache(cache_path or default_cache_path())
    except CacheError as error:
        if cache_path is not None:
            raise
        console.print(f"warning: running without the translation cache: {error}")
        yield None
        return
    try:
        yield cache
    finally:
        cache.close()


@contextmanager
def _progress(console: Console, total: int) -> Iterator[Progress]:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("translating"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=console
    ) as bar:
        task = bar.add_task("translate", total=total)
        yield lambda done: bar.advance(task, done)

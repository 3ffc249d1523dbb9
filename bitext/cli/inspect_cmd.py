"""``bitext inspect``: what a folder of news items holds, before anything is translated."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from bitext.cli.app import app
from bitext.cli.common import (
    JSON_OPTION,
    NO_DEFAULT_TEASERS_OPTION,
    QUIET_OPTION,
    TEASER_MARKER_OPTION,
    handle_errors,
    print_json,
    stderr_console,
    stdout_console,
    teaser_starts,
)
from bitext.defaults import DEFAULT_TEASER_MARKERS

if TYPE_CHECKING:
    from rich.console import Console

    from bitext.errors import InputError
    from bitext.models import Document


@app.command("inspect")
def inspect_command(
    paths: list[Path] = typer.Argument(  # noqa: B008
        ..., metavar="PATH", help="News files, or folders of .txt files.", show_default=False
    ),
    no_clean: bool = typer.Option(False, "--no-clean", help="Keep the text as read: no cleaning at all."),
    teaser_markers: list[str] = TEASER_MARKER_OPTION,
    no_default_teasers: bool = NO_DEFAULT_TEASERS_OPTION,
    json_output: bool = JSON_OPTION,
    quiet: bool = QUIET_OPTION,
) -> None:
    """Clean, language-tag and segment items; show what was found and changed. Writes nothing."""
    with handle_errors():
        from bitext.ingest import collect_inputs, load_documents
        from bitext.models import ItemOverview

        console = stderr_console(quiet)
        starts = teaser_starts(teaser_markers)
        files = collect_inputs(paths)

        def warn(path: Path, error: InputError) -> None:
            console.print(f"warning: skipped {error}", markup=False)

        loaded = load_documents(
            files,
            clean=not no_clean,
            skip_empty=True,
            on_skip=warn,
            markers=() if no_default_teasers else DEFAULT_TEASER_MARKERS,
            starts=starts,
        )
        documents = _with_progress(loaded, len(files), console)
        if json_output:
            print_json([ItemOverview.of(document).model_dump(mode="json") for document in documents])
        else:
            _print_table(documents)


def _with_progress(documents: Iterable[Document], total: int, console: Console) -> list[Document]:
    """Collect the documents while a transient progress bar runs on stderr."""
    from rich.progress import Progress

    loaded: list[Document] = []
    with Progress(console=console, transient=True, disable=total < 20) as progress:
        task = progress.add_task("reading items", total=total)
        for document in documents:
            loaded.append(document)
            progress.update(task, completed=len(loaded))
    return loaded


def _print_table(documents: list[Document]) -> None:
    from rich.table import Table

    table = Table(title=f"{len(documents)} item(s)")
    table.add_column("item", overflow="fold", ratio=1)
    table.add_column("lang", no_wrap=True)
    table.add_column("paras", justify="right")
    table.add_column("sents", justify="right")
    table.add_column("changes", no_wrap=True)
    table.add_column("metadata", no_wrap=True)
    for document in documents:
        others = {paragraph.lang or "other" for paragraph in document.paragraphs} - {document.lang or "other"}
        mixed = f" (+{', '.join(sorted(others))})" if others else ""
        kinds = Counter(change.kind for change in document.changes)
        meta = document.metadata
        facts = [f"date {meta.date}" if meta.date else "", f"agency {meta.agency}" if meta.agency else ""]
        facts += [
            f"captions {len(meta.captions)}" if meta.captions else "",
            f"urls {len(meta.urls)}" if meta.urls else "",
        ]
        table.add_row(
            document.id,
            f"{document.lang or 'other'}{mixed}",
            str(len(document.paragraphs)),
            str(len(document.sentences)),
            "\n".join(f"{kind} {count}" for kind, count in sorted(kinds.items())) or "-",
            "\n".join(fact for fact in facts if fact) or "-",
        )
    stdout_console().print(table, markup=False)

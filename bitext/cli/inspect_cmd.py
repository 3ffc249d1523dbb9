"""``bitext inspect``: what a folder of news items holds, before anything is translated."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from bitext.cli.app import app
from bitext.cli.common import JSON_OPTION, QUIET_OPTION, handle_errors, print_json, stderr_console

if TYPE_CHECKING:
    from bitext.models import Document


@app.command("inspect")
def inspect_command(
    paths: list[Path] = typer.Argument(..., help="News files, or folders of .txt files."),  # noqa: B008
    no_clean: bool = typer.Option(False, "--no-clean", help="Do not clean the items."),
    json_output: bool = JSON_OPTION,
    quiet: bool = QUIET_OPTION,
) -> None:
    """Clean, language-tag and segment items; report what was found and changed. Writes nothing."""
    with handle_errors():
        from bitext.ingest import EmptyItemError, collect_inputs, load_document

        console = stderr_console(quiet)
        documents: list[Document] = []
        for path in collect_inputs(paths):
            try:
                documents.append(load_document(path, clean=not no_clean))
            except EmptyItemError as warning:
                console.print(f"warning: skipped {warning}")
        if json_output:
            print_json([_as_json(document) for document in documents])
        else:
            _print_table(documents)


def _as_json(document: Document) -> dict[str, Any]:
    return {
        "id": document.id,
        "path": document.path,
        "lang": document.lang,
        "lang_confidence": document.lang_confidence,
        "title": document.title,
        "paragraphs": len(document.paragraphs),
        "paragraph_langs": [p.lang for p in document.paragraphs],
        "sentences": [
            s.model_dump(include={"id", "text", "start", "end", "paragraph"}) for s in document.sentences
        ],
        "changes": [c.model_dump() for c in document.changes],
        "metadata": document.metadata.model_dump(),
    }


def _print_table(documents: list[Document]) -> None:
    from collections import Counter

    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(documents)} item(s)")
    for column in ("item", "language", "paragraphs", "sentences", "changes"):
        table.add_column(column, overflow="fold")
    for document in documents:
        langs = {p.lang for p in document.paragraphs} - {document.lang}
        mixed = f" (+{', '.join(sorted(str(lang) for lang in langs))})" if langs else ""
        kinds = Counter(change.kind for change in document.changes)
        table.add_row(
            document.id,
            f"{document.lang or 'other'}{mixed}",
            str(len(document.paragraphs)),
            str(len(document.sentences)),
            ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items())) or "-",
        )
    Console().print(table)

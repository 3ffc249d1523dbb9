"""``bitext glossary``: list, validate and check the glossary (term accuracy)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from bitext.cli.app import app
from bitext.cli.common import JSON_OPTION, QUIET_OPTION, handle_errors, print_json, stderr_console

if TYPE_CHECKING:
    from bitext.glossary import Glossary
    from bitext.models import GlossaryReport

glossary_app = typer.Typer(
    help="List, validate and check the glossary of official terms.", no_args_is_help=True
)
app.add_typer(glossary_app, name="glossary")

GLOSSARY_OPTION = typer.Option(
    None,
    "--glossary",
    "-g",
    help="Glossary file or folder; repeat to combine (later ones override). Default: project glossary/.",
)

PATHS_ARGUMENT = typer.Argument(..., help="Glossary files or folders to validate (combined in order).")
INPUTS_ARGUMENT = typer.Argument(
    None, help="News items (files or folders of .txt). None: translate each glossary form alone."
)
TYPE_OPTION = typer.Option(
    None, "--type", help="Only entries of this type (title, institution, name, acronym)."
)
ENGINE_OPTION = typer.Option("auto", "--engine", "-e", help="auto, argos or apertium.")
CACHE_OPTION = typer.Option(None, "--cache", help="Translation cache (SQLite) to use.")
NO_ENFORCE_OPTION = typer.Option(False, "--no-enforce", help="Measure the bare engine (no glossary applied).")
STRICT_OPTION = typer.Option(False, "--strict", help="Exit 1 if any term is missing.")


def _load(paths: list[Path] | None, quiet: bool) -> Glossary:
    from bitext.glossary import load_glossary

    glossary = load_glossary(paths or None)
    console = stderr_console(quiet)
    for note in glossary.notes:
        console.print(f"{note.kind}: {note}", markup=False)
    return glossary


@glossary_app.command("validate")
def validate(
    paths: list[Path] = PATHS_ARGUMENT,
    json_output: bool = JSON_OPTION,
    quiet: bool = QUIET_OPTION,
) -> None:
    """Check glossary files: exit 65 with file:line on the first problem, warnings on stderr."""
    with handle_errors():
        glossary = _load(paths, quiet)
        counts: dict[str, int] = {}
        for entry in glossary.entries:
            counts[entry.type] = counts.get(entry.type, 0) + 1
        summary = {
            "files": [str(p) for p in glossary.paths],
            "entries": len(glossary.entries),
            "types": counts,
            "sha256": glossary.sha256,
            "notes": [note.model_dump() for note in glossary.notes],
        }
        if json_output:
            print_json(summary)
        else:
            kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items()))
            typer.echo(f"ok: {len(glossary.entries)} entries ({kinds}) from {len(glossary.paths)} file(s)")
            typer.echo(f"sha256: {glossary.sha256}")


@glossary_app.command("list")
def list_entries(
    glossary_paths: list[Path] | None = GLOSSARY_OPTION,
    term_type: str | None = TYPE_OPTION,
    json_output: bool = JSON_OPTION,
    quiet: bool = QUIET_OPTION,
) -> None:
    """Show the effective glossary: each entry's French forms, canonical English and origin."""
    with handle_errors():
        glossary = _load(glossary_paths, quiet)
        entries = [e for e in glossary.entries if term_type is None or e.type == term_type]
        if json_output:
            print_json([entry.model_dump() for entry in entries])
            return
        from rich.console import Console
        from rich.table import Table

        table = Table("id", "type", "French", "English", "origin")
        for entry in entries:
            table.add_row(entry.id, entry.type, "\n".join(entry.sources), entry.target, entry.origin)
        Console(highlight=False).print(table)


@glossary_app.command("check")
def check(
    inputs: list[Path] | None = INPUTS_ARGUMENT,
    glossary_paths: list[Path] | None = GLOSSARY_OPTION,
    engine_name: str = ENGINE_OPTION,
    cache_path: Path | None = CACHE_OPTION,
    no_enforce: bool = NO_ENFORCE_OPTION,
    strict: bool = STRICT_OPTION,
    fix_english: bool = typer.Option(
        False,
        "--fix-english",
        help="Repair known-wrong variants in English items and show the fixed sentences.",
    ),
    json_output: bool = JSON_OPTION,
    quiet: bool = QUIET_OPTION,
) -> None:
    """Term QA: translate French items, check English ones, report term accuracy per item and overall."""
    with handle_errors():
        from bitext.glossary.report import check_documents, check_glossary_forms
        from bitext.translate import get_engine

        glossary = _load(glossary_paths, quiet)
        cache = _open_cache(cache_path)
        options: dict[str, Any] = {"enforce": not no_enforce, "cache": cache}
        try:
            if inputs:
                from bitext.ingest import collect_inputs, load_documents

                documents = load_documents(collect_inputs(inputs))
                report = check_documents(
                    documents, glossary, lambda: get_engine(engine_name), fix_english=fix_english, **options
                )
            else:
                report = check_glossary_forms(glossary, lambda: get_engine(engine_name), **options)
        finally:
            if cache is not None:
                cache.close()
        if json_output:
            print_json(report.model_dump(mode="json"))
        else:
            _print_report(report)
        if strict and report.overall.found != report.overall.canonical:
            raise typer.Exit(1)


def _open_cache(path: Path | None) -> Any:
    if path is None:
        return None
    from bitext.translate.cache import TranslationCache

    return TranslationCache(path)


def _print_report(report: GlossaryReport) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table("item", "lang", "terms", "canonical", "repaired", "accuracy")
    for item in report.items:
        accuracy = item.accuracy
        shown = "-" if accuracy.accuracy is None else f"{accuracy.accuracy:.3f}"
        table.add_row(
            item.id,
            item.lang or "?",
            str(accuracy.found),
            str(accuracy.canonical),
            str(accuracy.repaired),
            shown,
        )
    console = Console(highlight=False)
    console.print(table)
    for item in report.items:
        for hit in item.missing:
            console.print(f"missing: {item.id}: '{hit.source}' should read '{hit.target}'", markup=False)
        for fix in item.english_fixes:
            console.print(f"fixed: {fix.segment_id}: {fix.fixed}", markup=False)
    overall = report.overall
    shown = "-" if overall.accuracy is None else f"{overall.accuracy:.3f}"
    mode = "enforced" if report.enforced else "not enforced"
    console.print(
        f"term accuracy {shown} ({overall.canonical}/{overall.found}, {overall.repaired} repaired; "
        f"engine {report.engine or 'none'}, glossary {mode}, sha256 {report.glossary_sha256[:12]})",
        markup=False,
    )

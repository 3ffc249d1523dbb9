"""``bitext glossary``: list, validate and check the glossary (term accuracy)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from bitext.cli.app import app
from bitext.cli.common import (
    JSON_OPTION,
    MODELS_DIR_OPTION,
    QUIET_OPTION,
    handle_errors,
    print_json,
    stderr_console,
)
from bitext.defaults import DEFAULT_ENGINE

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
ENGINE_OPTION = typer.Option(DEFAULT_ENGINE, "--engine", "-e", help="auto, argos or apertium.")
CACHE_OPTION = typer.Option(None, "--cache", help="Translation cache (SQLite) to use.")
NO_ENFORCE_OPTION = typer.Option(False, "--no-enforce", help="Measure the bare engine (no glossary applied).")
STRICT_OPTION = typer.Option(
    False, "--strict", help="Exit 1 if any term is not canonical (after the report)."
)


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
        summary = _load(paths, quiet).summary()
        if json_output:
            print_json(summary.model_dump(mode="json"))
        else:
            kinds = ", ".join(f"{n} {kind}" for kind, n in sorted(summary.types.items()))
            typer.echo(f"ok: {summary.entries} entries ({kinds}) from {len(summary.files)} file(s)")
            typer.echo(f"sha256: {summary.sha256}")


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
    models_dir: Path | None = MODELS_DIR_OPTION,
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
        from bitext.glossary.termcheck import check_terms, require_canonical
        from bitext.models import EngineOptions
        from bitext.translate import get_engine
        from bitext.translate.cache import open_cache

        glossary = _load(glossary_paths, quiet)
        options = EngineOptions(models_dir=models_dir)
        with open_cache(cache_path) as cache:
            report = check_terms(
                inputs or [],
                glossary,
                lambda: get_engine(engine_name, options),
                enforce=not no_enforce,
                fix_english=fix_english,
                cache=cache,
            )
        if json_output:
            print_json(report.model_dump(mode="json"))
        else:
            _print_report(report)
        if strict:
            require_canonical(report)


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

"""``bitext glossary``: list, validate and check the glossary (term accuracy)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from bitext.cli.app import CommandGroup, app
from bitext.cli.common import (
    JSON_OPTION,
    MODELS_DIR_OPTION,
    QUIET_OPTION,
    handle_errors,
    print_json,
    stderr_console,
    stdout_console,
)
from bitext.defaults import DEFAULT_ENGINE

if TYPE_CHECKING:
    from bitext.glossary import Glossary
    from bitext.models import GlossaryConversion, GlossaryReport

glossary_app = CommandGroup(
    help="List, validate, check, import, export and extend the glossary of official terms.",
    no_args_is_help=True,
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
    """Check glossary files: every problem as file:line on stderr, in file order (exit 65); warnings too."""
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
        from bitext.glossary.interchange import term_type as checked_type

        wanted = checked_type(term_type)
        glossary = _load(glossary_paths, quiet)
        entries = [e for e in glossary.entries if wanted is None or e.type == wanted]
        if json_output:
            print_json([entry.model_dump() for entry in entries])
            return
        from rich.table import Table

        table = Table("id", "type", "French", "English", "origin")
        for entry in entries:
            table.add_row(entry.id, entry.type, "\n".join(entry.sources), entry.target, entry.origin)
        stdout_console().print(table)


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
    console = stdout_console()
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


# --- interchange (issue 12): TBX and CSV in and out, one entry added -------------------

FORCE_OPTION = typer.Option(False, "--force", help="Replace OUTPUT if it exists.")


@glossary_app.command("import")
def import_command(
    source: Path = typer.Argument(..., help="A TBX-Basic (.tbx) or CSV (.csv) glossary."),  # noqa: B008
    output: Path | None = typer.Option(  # noqa: B008
        None, "--output", "-o", help="YAML file to write, e.g. glossary/NAME.yaml (default: stdout)."
    ),
    default_type: str | None = typer.Option(
        None,
        "--type",
        help="Type of TBX entries without a bitext-type note (title, institution, name, acronym).",
    ),
    force: bool = FORCE_OPTION,
    json_output: bool = JSON_OPTION,
    quiet: bool = QUIET_OPTION,
) -> None:
    """Convert a TBX or CSV glossary to bitext's YAML, validated like a hand-written one."""
    with handle_errors():
        from bitext.glossary.interchange import import_glossary, term_type

        result, text = import_glossary(source, output, default_type=term_type(default_type), force=force)
        _render_conversion(result, text, json_output, quiet)


@glossary_app.command("export")
def export_command(
    fmt: str = typer.Option(..., "--format", "-f", help="tbx (TBX-Basic) or csv."),
    output: Path | None = typer.Option(  # noqa: B008
        None, "--output", "-o", help="File to write (default: stdout)."
    ),
    glossary_paths: list[Path] | None = GLOSSARY_OPTION,
    force: bool = FORCE_OPTION,
    json_output: bool = JSON_OPTION,
    quiet: bool = QUIET_OPTION,
) -> None:
    """Write the effective glossary as TBX-Basic (for CAT tools) or CSV (for spreadsheets)."""
    with handle_errors():
        from bitext.errors import UsageError
        from bitext.glossary.interchange import export_glossary

        if fmt not in ("tbx", "csv"):
            raise UsageError(f"unknown glossary format {fmt!r}; choose tbx or csv")
        result, text = export_glossary(glossary_paths, "tbx" if fmt == "tbx" else "csv", output, force=force)
        _render_conversion(result, text, json_output, quiet)


@glossary_app.command("add")
def add_command(
    path: Path = typer.Option(..., "--to", help="The YAML glossary to add to (created if missing)."),  # noqa: B008
    entry_id: str = typer.Option(..., "--id", help="Unique, stable id, e.g. deputy-minister-health."),
    entry_type: str = typer.Option(..., "--type", help="title, institution, name or acronym."),
    sources: list[str] = typer.Option(..., "--fr", help="A French form (repeatable)."),  # noqa: B008
    target: str = typer.Option(..., "--en", help="The canonical English form."),
    plural: str = typer.Option("", "--plural", help="Titles: the English plural."),
    wrong: list[str] = typer.Option([], "--wrong", help="A known-wrong English rendering (repeatable)."),  # noqa: B008
    origin: str = typer.Option("", "--origin", help="Where the canonical form comes from."),
    notes: str = typer.Option("", "--notes", help="Free text."),
    extra: list[str] = typer.Option(  # noqa: B008
        [], "--set", metavar="FIELD=VALUE", help="Any other entry field (repeatable; lists |-separated)."
    ),
    json_output: bool = JSON_OPTION,
    quiet: bool = QUIET_OPTION,
) -> None:
    """Append one entry to a YAML glossary, validated like the file itself, keeping its layout."""
    with handle_errors():
        from bitext.glossary.interchange import add_entry, entry_from_options

        fields = {
            "id": entry_id,
            "type": entry_type,
            "sources": sources,
            "target": target,
            "plural": plural,
            "wrong": wrong,
            "origin": origin,
            "notes": notes,
        }
        result = add_entry(path, entry_from_options(fields, extra))
        if json_output:
            print_json(result.model_dump(mode="json"))
        console = stderr_console(quiet)
        for note in result.notes:
            console.print(f"{note.kind}: {note}", markup=False)
        console.print(
            f"added '{entry_id}' to {path} ({result.entries} entries)", markup=False, soft_wrap=True
        )


def _render_conversion(result: GlossaryConversion, text: str, json_output: bool, quiet: bool) -> None:
    console = stderr_console(quiet)
    for note in result.notes:
        console.print(f"{note.kind}: {note}", markup=False)
    if text:
        typer.echo(text, nl=False)
    elif json_output:
        print_json(result.model_dump(mode="json"))
    console.print(
        f"{result.entries} entries: {', '.join(result.source)} ({result.source_format}) → "
        f"{result.output or 'stdout'} ({result.format})",
        markup=False,
        soft_wrap=True,
    )

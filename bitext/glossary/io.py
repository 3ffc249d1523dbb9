"""Load and combine YAML glossaries, reporting every problem as ``file:line``.

Each file is parsed and checked by :mod:`bitext.glossary.parsing` (every problem of a
file, with the line it was written on); this module combines the files in order, later
ones overriding earlier ones, and names the override conflicts' lines. The format is
documented in ``glossary/README.md``.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from bitext.errors import GlossaryError, GlossaryProblems, UsageError
from bitext.glossary.english import EnglishIndex
from bitext.glossary.fields import form_key
from bitext.glossary.matcher import TermMatcher
from bitext.glossary.parsing import Located, load_file
from bitext.models import GlossaryEntry, GlossaryNote, GlossarySummary

GLOSSARY_SUFFIXES = (".yaml", ".yml")


def default_glossary_dir() -> Path:
    """The project's ``glossary/`` folder: beside the ``bitext`` package in a source tree or
    editable install, else where a wheel install put it (``<prefix>/share/bitext/glossary``)."""
    beside_package = Path(__file__).resolve().parents[2] / "glossary"
    if beside_package.is_dir():
        return beside_package
    return Path(sys.prefix) / "share" / "bitext" / "glossary"


@dataclass(frozen=True)
class Glossary:
    """The effective glossary: entries after merging, where they came from, and notes.

    ``sha256`` fingerprints the effective entries (not the files), so two runs with the
    same terms record the same glossary whatever the file layout.
    """

    entries: tuple[GlossaryEntry, ...]
    paths: tuple[Path, ...] = ()
    notes: tuple[GlossaryNote, ...] = field(default=())

    @cached_property
    def sha256(self) -> str:
        """SHA-256 of the effective entries as canonical JSON."""
        payload = json.dumps(
            [entry.model_dump(exclude=None if entry.countries else {"countries"}) for entry in self.entries],
            ensure_ascii=False,
            sort_keys=True,
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    @property
    def conflicts(self) -> tuple[GlossaryNote, ...]:
        """Overrides between glossaries (the later one won)."""
        return tuple(note for note in self.notes if note.kind == "conflict")

    @property
    def warnings(self) -> tuple[GlossaryNote, ...]:
        """Non-fatal problems such as an empty glossary."""
        return tuple(note for note in self.notes if note.kind == "warning")

    @cached_property
    def matcher(self) -> TermMatcher:
        """The French term matcher, built on first use."""
        return TermMatcher(self.entries)

    @cached_property
    def english(self) -> EnglishIndex:
        """The index of canonical and known-wrong English forms, built on first use."""
        return EnglishIndex(self.entries)

    def summary(self) -> GlossarySummary:
        """Files, entries per type, fingerprint and notes (``bitext glossary validate``)."""
        types: dict[str, int] = {}
        for entry in self.entries:
            types[entry.type] = types.get(entry.type, 0) + 1
        return GlossarySummary(
            files=tuple(str(path) for path in self.paths),
            entries=len(self.entries),
            types=types,
            sha256=self.sha256,
            notes=self.notes,
        )


def glossary_files(paths: Sequence[str | Path]) -> list[Path]:
    """Expand folders to their ``*.yaml``/``*.yml`` files (sorted); keep files as given."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix in GLOSSARY_SUFFIXES and p.is_file())
            if not found:
                raise UsageError("folder holds no glossary (*.yaml) file", path=path)
            files.extend(found)
        elif path.exists():
            files.append(path)
        else:
            raise UsageError("no such glossary file or folder", path=path)
    return files


def load_glossary(paths: Sequence[str | Path] | None = None) -> Glossary:
    """Load and combine glossaries; later files override earlier ones.

    Args:
        paths: Files or folders; ``None`` loads the project's ``glossary/`` folder.

    Returns:
        The merged glossary; override conflicts and warnings are in ``notes``.

    Raises:
        GlossaryError: A file is malformed or one file contradicts itself (file:line);
            with several problems, a :class:`~bitext.errors.GlossaryProblems` that
            holds every one, file by file in line order.
        UsageError: A path does not exist.
    """
    files = glossary_files([default_glossary_dir()] if paths is None else paths)
    notes: list[GlossaryNote] = []
    merged: list[Located] = []
    problems: list[GlossaryError] = []
    for path in files:
        file_problems: list[GlossaryError] = []
        located, file_notes = load_file(path, file_problems)
        problems += sorted(file_problems, key=lambda problem: problem.line or 0)
        notes.extend(file_notes)
        merged = _override(merged, located, notes)
    if problems:
        raise problems[0] if len(problems) == 1 else GlossaryProblems(problems)
    if not merged:
        notes.append(GlossaryNote(kind="warning", message="the glossary has no entries"))
    return Glossary(entries=tuple(item.entry for item in merged), paths=tuple(files), notes=tuple(notes))


def _override(earlier: list[Located], later: list[Located], notes: list[GlossaryNote]) -> list[Located]:
    """Merge ``later`` over ``earlier``: same id replaces, a shared source moves to the later entry."""
    later_ids = {item.entry.id: item for item in later}
    later_sources = {form_key(s, item.entry): (item, s) for item in later for s in item.entry.sources}
    kept: list[Located] = []
    for item in earlier:
        replacement = later_ids.get(item.entry.id)
        if replacement is not None:
            if replacement.entry != item.entry:
                notes.append(_conflict(f"entry '{item.entry.id}' overridden by {replacement.where()}", item))
            continue
        sources = []
        for source in item.entry.sources:
            winner = later_sources.get(form_key(source, item.entry))
            if winner is None or winner[0].entry.target == item.entry.target:
                sources.append(source)
                continue
            notes.append(
                _conflict(
                    f"'{source}' → '{item.entry.target}' overridden by {winner[0].where(winner[1])} "
                    f"→ '{winner[0].entry.target}'",
                    item,
                    source,
                )
            )
        if sources:
            entry = item.entry.model_copy(update={"sources": tuple(sources)})
            kept.append(Located(entry, item.path, item.line, item.source_lines))
    return kept + later


def _conflict(message: str, item: Located, source: str | None = None) -> GlossaryNote:
    line = item.source_lines.get(source, item.line) if source is not None else item.line
    return GlossaryNote(kind="conflict", message=message, path=str(item.path), line=line)

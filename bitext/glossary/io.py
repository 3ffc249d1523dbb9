"""Load, validate and combine YAML glossaries, reporting every problem as ``file:line``.

The YAML is composed into nodes (not loaded into plain objects) so each entry, field
and source form keeps the line it was written on; errors and override conflicts name
those lines. The format is documented in ``glossary/README.md``.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from bitext.errors import GlossaryError, GlossaryProblems, UsageError
from bitext.glossary.english import EnglishIndex
from bitext.glossary.french import pattern_key
from bitext.glossary.matcher import TermMatcher
from bitext.models import GlossaryEntry, GlossaryNote, GlossarySummary
from bitext.textio import read_text

if TYPE_CHECKING:
    import yaml

GLOSSARY_SUFFIXES = (".yaml", ".yml")
_TOP_LEVEL = {"entries", "description"}


def default_glossary_dir() -> Path:
    """The project's ``glossary/`` folder: beside the ``bitext`` package in a source tree or
    editable install, else where a wheel install put it (``<prefix>/share/bitext/glossary``)."""
    beside_package = Path(__file__).resolve().parents[2] / "glossary"
    if beside_package.is_dir():
        return beside_package
    return Path(sys.prefix) / "share" / "bitext" / "glossary"


@dataclass(frozen=True)
class _Located:
    entry: GlossaryEntry
    path: Path
    line: int
    source_lines: dict[str, int]

    def where(self, source: str | None = None) -> str:
        line = self.source_lines.get(source, self.line) if source is not None else self.line
        return f"{self.path}:{line}"


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
    merged: list[_Located] = []
    problems: list[GlossaryError] = []
    for path in files:
        file_problems: list[GlossaryError] = []
        located, file_notes = _load_file(path, file_problems)
        problems += sorted(file_problems, key=lambda problem: problem.line or 0)
        notes.extend(file_notes)
        merged = _override(merged, located, notes)
    if problems:
        raise problems[0] if len(problems) == 1 else GlossaryProblems(problems)
    if not merged:
        notes.append(GlossaryNote(kind="warning", message="the glossary has no entries"))
    return Glossary(entries=tuple(item.entry for item in merged), paths=tuple(files), notes=tuple(notes))


def _override(earlier: list[_Located], later: list[_Located], notes: list[GlossaryNote]) -> list[_Located]:
    """Merge ``later`` over ``earlier``: same id replaces, a shared source moves to the later entry."""
    later_ids = {item.entry.id: item for item in later}
    later_sources = {_source_key(s, item.entry): (item, s) for item in later for s in item.entry.sources}
    kept: list[_Located] = []
    for item in earlier:
        replacement = later_ids.get(item.entry.id)
        if replacement is not None:
            if replacement.entry != item.entry:
                notes.append(_conflict(f"entry '{item.entry.id}' overridden by {replacement.where()}", item))
            continue
        sources = []
        for source in item.entry.sources:
            winner = later_sources.get(_source_key(source, item.entry))
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
            kept.append(_Located(entry, item.path, item.line, item.source_lines))
    return kept + later


def _source_key(source: str, entry: GlossaryEntry) -> str:
    """A French form as the matcher compares it, with the countries it is for: a form may
    have one target per country ("ministère de la défense": France's, Vietnam's)."""
    return pattern_key(source) + "|" + ",".join(sorted(entry.countries))


def _conflict(message: str, item: _Located, source: str | None = None) -> GlossaryNote:
    line = item.source_lines.get(source, item.line) if source is not None else item.line
    return GlossaryNote(kind="conflict", message=message, path=str(item.path), line=line)


def _load_file(path: Path, problems: list[GlossaryError]) -> tuple[list[_Located], list[GlossaryNote]]:
    """Parse and validate one glossary file; it must agree with itself.

    Every problem found is added to ``problems`` (a problem in one entry does not hide
    the next); only a file that cannot be parsed at all stops at its first.
    """
    try:
        return _parse_file(path, problems)
    except GlossaryError as problem:
        problems.append(problem)
        return [], []


def _parse_file(path: Path, problems: list[GlossaryError]) -> tuple[list[_Located], list[GlossaryNote]]:
    import yaml

    text = read_text(path)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "malformed YAML"
        raise GlossaryError(
            f"malformed YAML: {problem}", path=path, line=mark.line + 1 if mark else None
        ) from exc
    except yaml.YAMLError as exc:
        raise GlossaryError(f"malformed YAML: {exc}", path=path) from exc
    if root is None:
        return [], [GlossaryNote(kind="warning", message="empty glossary file", path=str(path))]
    top = _mapping(root, path, "the file must be a mapping with an 'entries' list")
    for name in sorted(set(top) - _TOP_LEVEL):
        problems.append(
            GlossaryError(
                f"unknown top-level key '{name}' (allowed: entries, description)",
                path=path,
                line=top[name][0].start_mark.line + 1,
            )
        )
    if "entries" not in top:
        raise GlossaryError("missing 'entries' list", path=path, line=root.start_mark.line + 1)
    entries_node = top["entries"][1]
    if _is_null(entries_node):
        return [], [
            GlossaryNote(
                kind="warning",
                message="'entries' is empty",
                path=str(path),
                line=entries_node.start_mark.line + 1,
            )
        ]
    if not isinstance(entries_node, yaml.SequenceNode):
        raise GlossaryError("'entries' must be a list", path=path, line=entries_node.start_mark.line + 1)
    located = []
    for node in entries_node.value:
        try:
            entry = _entry(node, path, problems)
        except GlossaryError as problem:
            problems.append(problem)
            continue
        if entry is not None:
            located.append(entry)
    _check_ids(entries_node.value, path, problems)
    notes = _check_consistency(located, problems)
    if not located:
        notes.append(
            GlossaryNote(
                kind="warning",
                message="'entries' is empty",
                path=str(path),
                line=entries_node.start_mark.line + 1,
            )
        )
    return located, notes


def _is_null(node: yaml.Node) -> bool:
    return bool(node.tag == "tag:yaml.org,2002:null")


def _mapping(node: yaml.Node, path: Path, message: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    """Key → (key node, value node) of a mapping node; duplicate keys are errors."""
    import yaml

    if not isinstance(node, yaml.MappingNode):
        raise GlossaryError(message, path=path, line=node.start_mark.line + 1)
    result: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value)
        if key in result:
            first = result[key][0].start_mark.line + 1
            raise GlossaryError(
                f"key '{key}' given twice (first on line {first})",
                path=path,
                line=key_node.start_mark.line + 1,
            )
        result[key] = (key_node, value_node)
    return result


def _plain(node: yaml.Node, path: Path) -> Any:
    """Scalars as strings (null as None) and sequences as lists, nothing deeper."""
    import yaml

    if isinstance(node, yaml.ScalarNode):
        return None if _is_null(node) else str(node.value)
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item, path) for item in node.value]
    raise GlossaryError("expected a text or a list of texts here", path=path, line=node.start_mark.line + 1)


def _entry(node: yaml.Node, path: Path, problems: list[GlossaryError]) -> _Located | None:
    """One entry, or ``None`` after adding each of its problems to ``problems``.

    Raises:
        GlossaryError: The entry is not a mapping, repeats a key or nests too deep.
    """
    import yaml

    fields = _mapping(node, path, "each entry must be a mapping (id, type, sources, target, ...)")
    line = node.start_mark.line + 1
    data = {name: _plain(value, path) for name, (_, value) in fields.items()}
    for name in ("sources", "wrong", "countries"):
        if isinstance(data.get(name), str):
            data[name] = [data[name]]
    found = _field_problems(data, fields, path, line)
    if found:
        problems += found
        return None
    entry = GlossaryEntry.model_validate(data)
    country_line = fields["countries"][0].start_mark.line + 1 if "countries" in fields else line
    found = [*_entry_problems(entry, path, line), *_country_problems(entry, path, country_line)]
    if found:
        problems += found
        return None
    source_lines: dict[str, int] = {}
    if "sources" in fields and isinstance(fields["sources"][1], yaml.SequenceNode):
        for item in fields["sources"][1].value:
            source_lines.setdefault(str(item.value), item.start_mark.line + 1)
    return _Located(entry, path, line, source_lines)


def _field_problems(
    data: dict[str, Any], fields: dict[str, tuple[yaml.Node, yaml.Node]], path: Path, line: int
) -> list[GlossaryError]:
    """Every field of an entry that does not validate, each at its key's line."""
    label = f"entry '{data.get('id')}'" if data.get("id") else "entry"
    problems = []
    no_target = data.get("target") in (None, "")
    if no_target:
        key_line = fields["target"][0].start_mark.line + 1 if "target" in fields else line
        problems.append(GlossaryError(f"{label} has no target", path=path, line=key_line))
    try:
        GlossaryEntry.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            name = str(error["loc"][0]) if error["loc"] else ""
            if no_target and name == "target":
                continue
            where = fields[name][0].start_mark.line + 1 if name in fields else line
            if error["type"] == "extra_forbidden":
                message = (
                    f"{label}: unknown field '{name}' (allowed: {', '.join(GlossaryEntry.model_fields)})"
                )
            else:
                message = f"{label}: {name}: {error['msg']}"
            problems.append(GlossaryError(message, path=path, line=where))
    return problems


def _country_problems(entry: GlossaryEntry, path: Path, line: int) -> Iterator[GlossaryError]:
    """Each country is an ISO 3166 code CLDR knows (FR, VN, US), or EU."""
    if not entry.countries:
        return
    from babel import Locale

    known = Locale("en").territories
    for code in entry.countries:
        if code not in known or code.isdigit():
            yield GlossaryError(
                f"entry '{entry.id}': unknown country '{code}' (an ISO 3166 code such as FR, VN, US)",
                path=path,
                line=line,
            )


def _entry_problems(entry: GlossaryEntry, path: Path, line: int) -> Iterator[GlossaryError]:
    for source in entry.sources:
        if not pattern_key(source):
            yield GlossaryError(f"entry '{entry.id}' has an empty source form", path=path, line=line)
    for wrong in entry.wrong:
        if wrong == entry.target or wrong == entry.plural:
            yield GlossaryError(
                f"entry '{entry.id}': wrong rendering '{wrong}' is the target itself", path=path, line=line
            )


def _check_ids(nodes: Sequence[yaml.Node], path: Path, problems: list[GlossaryError]) -> None:
    """Ids are unique within a file (entries with other problems included)."""
    import yaml

    first: dict[str, int] = {}
    for node in nodes:
        if not isinstance(node, yaml.MappingNode):
            continue
        line = node.start_mark.line + 1
        for key, value in node.value:
            if key.value != "id" or not isinstance(value, yaml.ScalarNode):
                continue
            if value.value in first:
                message = f"duplicate id '{value.value}' (also at {path}:{first[value.value]})"
                problems.append(GlossaryError(message, path=path, line=line))
            first.setdefault(value.value, line)
            break


def _check_consistency(located: list[_Located], problems: list[GlossaryError]) -> list[GlossaryNote]:
    """Within one file a source form never maps to two targets (problems go to
    ``problems``; repeated forms are notes); ids are :func:`_check_ids`'s."""
    notes: list[GlossaryNote] = []
    sources: dict[str, tuple[_Located, str]] = {}
    for item in located:
        for source in item.entry.sources:
            key = _source_key(source, item.entry)
            other = sources.setdefault(key, (item, source))
            if other[0] is item:
                continue
            if other[0].entry.target != item.entry.target:
                problems.append(
                    GlossaryError(
                        f"conflict: '{source}' → '{item.entry.target}' here but '{other[1]}' → "
                        f"'{other[0].entry.target}' at {other[0].where(other[1])}",
                        path=item.path,
                        line=item.source_lines.get(source, item.line),
                    )
                )
                continue
            notes.append(
                GlossaryNote(
                    kind="warning",
                    message=f"'{source}' repeats {other[0].where(other[1])}",
                    path=str(item.path),
                    line=item.source_lines.get(source, item.line),
                )
            )
    return notes

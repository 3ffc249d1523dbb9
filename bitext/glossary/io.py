"""Load, validate and combine YAML glossaries, reporting every problem as ``file:line``.

The YAML is composed into nodes (not loaded into plain objects) so each entry, field
and source form keeps the line it was written on; errors and override conflicts name
those lines. The format is documented in ``glossary/README.md``.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from bitext.errors import GlossaryError, UsageError
from bitext.glossary.english import EnglishIndex
from bitext.glossary.fields import form_key
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
        GlossaryError: A file is malformed or one file contradicts itself (file:line).
        UsageError: A path does not exist.
    """
    files = glossary_files([default_glossary_dir()] if paths is None else paths)
    notes: list[GlossaryNote] = []
    merged: list[_Located] = []
    for path in files:
        located, file_notes = _load_file(path)
        notes.extend(file_notes)
        merged = _override(merged, located, notes)
    if not merged:
        notes.append(GlossaryNote(kind="warning", message="the glossary has no entries"))
    return Glossary(entries=tuple(item.entry for item in merged), paths=tuple(files), notes=tuple(notes))


def _override(earlier: list[_Located], later: list[_Located], notes: list[GlossaryNote]) -> list[_Located]:
    """Merge ``later`` over ``earlier``: same id replaces, a shared source moves to the later entry."""
    later_ids = {item.entry.id: item for item in later}
    later_sources = {form_key(s, item.entry): (item, s) for item in later for s in item.entry.sources}
    kept: list[_Located] = []
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
            kept.append(_Located(entry, item.path, item.line, item.source_lines))
    return kept + later


def _conflict(message: str, item: _Located, source: str | None = None) -> GlossaryNote:
    line = item.source_lines.get(source, item.line) if source is not None else item.line
    return GlossaryNote(kind="conflict", message=message, path=str(item.path), line=line)


def _load_file(path: Path) -> tuple[list[_Located], list[GlossaryNote]]:
    """Parse and validate one glossary file; it must agree with itself."""
    import yaml

    text = read_text(path)
    try:
        _refuse_aliases(text, path)
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
    unknown = set(top) - _TOP_LEVEL
    if unknown:
        name = sorted(unknown)[0]
        raise GlossaryError(
            f"unknown top-level key '{name}' (allowed: entries, description)",
            path=path,
            line=top[name][0].start_mark.line + 1,
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
    located = [_entry(node, path) for node in entries_node.value]
    notes = _check_consistency(located)
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


def _refuse_aliases(text: str, path: Path) -> None:
    """Refuse YAML anchors (``&a``) and aliases (``*a``): a glossary has no use for them, and
    nested aliases expand exponentially (a 544-byte file reached 3.9 GB)."""
    import yaml

    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            kind = "alias *" if isinstance(event, yaml.AliasEvent) else "anchor &"
            raise GlossaryError(
                f"YAML {kind}{event.anchor} is not allowed in a glossary; write the text out",
                path=path,
                line=event.start_mark.line + 1,
            )


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


def _entry(node: yaml.Node, path: Path) -> _Located:
    import yaml

    fields = _mapping(node, path, "each entry must be a mapping (id, type, sources, target, ...)")
    line = node.start_mark.line + 1
    data = {name: _plain(value, path) for name, (_, value) in fields.items()}
    label = f"entry '{data.get('id')}'" if data.get("id") else "entry"
    for name in ("sources", "wrong", "countries"):
        if isinstance(data.get(name), str):
            data[name] = [data[name]]
    if data.get("target") in (None, ""):
        key_line = fields["target"][0].start_mark.line + 1 if "target" in fields else line
        raise GlossaryError(f"{label} has no target", path=path, line=key_line)
    try:
        entry = GlossaryEntry.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        name = str(error["loc"][0]) if error["loc"] else ""
        where = fields[name][0].start_mark.line + 1 if name in fields else line
        if error["type"] == "extra_forbidden":
            allowed = ", ".join(GlossaryEntry.model_fields)
            raise GlossaryError(
                f"{label}: unknown field '{name}' (allowed: {allowed})", path=path, line=where
            ) from exc
        raise GlossaryError(f"{label}: {name}: {error['msg']}", path=path, line=where) from exc
    source_lines: dict[str, int] = {}
    if "sources" in fields and isinstance(fields["sources"][1], yaml.SequenceNode):
        for item in fields["sources"][1].value:
            source_lines.setdefault(str(item.value), item.start_mark.line + 1)
    _check_entry(entry, path, line)
    _check_countries(
        entry, path, fields["countries"][0].start_mark.line + 1 if "countries" in fields else line
    )
    return _Located(entry, path, line, source_lines)


def _check_countries(entry: GlossaryEntry, path: Path, line: int) -> None:
    """Each country is an ISO 3166 code CLDR knows (FR, VN, US), or EU."""
    if not entry.countries:
        return
    from babel import Locale

    known = Locale("en").territories
    for code in entry.countries:
        if code not in known or code.isdigit():
            raise GlossaryError(
                f"entry '{entry.id}': unknown country '{code}' (an ISO 3166 code such as FR, VN, US)",
                path=path,
                line=line,
            )


def _check_entry(entry: GlossaryEntry, path: Path, line: int) -> None:
    for source in entry.sources:
        if not pattern_key(source):
            raise GlossaryError(f"entry '{entry.id}' has an empty source form", path=path, line=line)
    for wrong in entry.wrong:
        if wrong == entry.target or wrong == entry.plural:
            raise GlossaryError(
                f"entry '{entry.id}': wrong rendering '{wrong}' is the target itself", path=path, line=line
            )


def _check_consistency(located: list[_Located]) -> list[GlossaryNote]:
    """Within one file: ids unique; a source form never maps to two targets."""
    notes: list[GlossaryNote] = []
    ids: dict[str, _Located] = {}
    sources: dict[str, tuple[_Located, str]] = {}
    for item in located:
        first = ids.setdefault(item.entry.id, item)
        if first is not item:
            raise GlossaryError(
                f"duplicate id '{item.entry.id}' (also at {first.where()})", path=item.path, line=item.line
            )
        for source in item.entry.sources:
            key = form_key(source, item.entry)
            other = sources.setdefault(key, (item, source))
            if other[0] is item:
                continue
            if other[0].entry.target != item.entry.target:
                raise GlossaryError(
                    f"conflict: '{source}' → '{item.entry.target}' here but '{other[1]}' → "
                    f"'{other[0].entry.target}' at {other[0].where(other[1])}",
                    path=item.path,
                    line=item.source_lines.get(source, item.line),
                )
            notes.append(
                GlossaryNote(
                    kind="warning",
                    message=f"'{source}' repeats {other[0].where(other[1])}",
                    path=str(item.path),
                    line=item.source_lines.get(source, item.line),
                )
            )
    return notes

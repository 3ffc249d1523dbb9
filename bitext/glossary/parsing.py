"""One glossary YAML file: its entries with their lines, its notes, and every problem.

The YAML is composed into nodes (not loaded into plain objects) so each entry, field
and source form keeps the line it was written on. A problem in one entry does not hide
the next: :func:`load_file` reports every problem of a file (each field that does not
validate, duplicate ids, French forms with two targets, unknown countries and
top-level keys), and :func:`bitext.glossary.load_glossary` raises them together in
file order. Only a file that cannot be parsed at all stops at its first problem.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from bitext.errors import GlossaryError
from bitext.glossary.fields import form_key
from bitext.glossary.french import pattern_key
from bitext.models import GlossaryEntry, GlossaryNote
from bitext.textio import read_text

if TYPE_CHECKING:
    import yaml

_TOP_LEVEL = {"entries", "description"}


@dataclass(frozen=True)
class Located:
    """An entry with the file and line it was written on (and each French form's line)."""

    entry: GlossaryEntry
    path: Path
    line: int
    source_lines: dict[str, int]

    def where(self, source: str | None = None) -> str:
        """``path:line`` of the entry, or of one of its French forms."""
        line = self.source_lines.get(source, self.line) if source is not None else self.line
        return f"{self.path}:{line}"


def load_file(path: Path, problems: list[GlossaryError]) -> tuple[list[Located], list[GlossaryNote]]:
    """Parse and validate one glossary file; it must agree with itself.

    Every problem found is added to ``problems`` (a problem in one entry does not hide
    the next); only a file that cannot be parsed at all stops at its first.
    """
    try:
        return _parse_file(path, problems)
    except GlossaryError as problem:
        problems.append(problem)
        return [], []


def _parse_file(path: Path, problems: list[GlossaryError]) -> tuple[list[Located], list[GlossaryNote]]:
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


def _entry(node: yaml.Node, path: Path, problems: list[GlossaryError]) -> Located | None:
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
    return Located(entry, path, line, source_lines)


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


def _check_consistency(located: list[Located], problems: list[GlossaryError]) -> list[GlossaryNote]:
    """Within one file a source form never maps to two targets (problems go to
    ``problems``; repeated forms are notes); ids are :func:`_check_ids`'s."""
    notes: list[GlossaryNote] = []
    sources: dict[str, tuple[Located, str]] = {}
    for item in located:
        for source in item.entry.sources:
            key = form_key(source, item.entry)
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

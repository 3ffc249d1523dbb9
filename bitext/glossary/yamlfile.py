"""Writing glossary YAML the way the project's files are written, and checking it loads.

Entries are emitted field by field in the order of ``glossary/README.md`` (lists in
flow style, ``sources: [a, b]``), or as one flow mapping per line where a file already
writes them so (``names.yaml``). :func:`append_entry` adds an entry to an existing file
as text, so its comments, blank lines and layout stay as they are. Whatever is written
is first loaded back with :func:`~bitext.glossary.load_glossary`, so it is exactly as
valid as a hand-written file.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from bitext.errors import BitextError, GlossaryError
from bitext.glossary.io import Glossary, load_glossary
from bitext.models import GlossaryEntry

if TYPE_CHECKING:
    import yaml

FIELD_ORDER = ("id", "type", "sources", "target", "plural", "wrong", "origin", "notes")


def entry_fields(entry: GlossaryEntry) -> dict[str, object]:
    """The fields worth writing: the README's order, then any other field; defaults left out."""
    names = [*FIELD_ORDER, *(name for name in GlossaryEntry.model_fields if name not in FIELD_ORDER)]
    fields: dict[str, object] = {}
    for name in names:
        value = getattr(entry, name)
        if value == GlossaryEntry.model_fields[name].default:
            continue
        fields[name] = list(value) if isinstance(value, tuple) else value
    return fields


def flow(value: object) -> str:
    """``value`` as one line of YAML flow style, quoted only where YAML needs it."""
    import yaml

    text: str = yaml.safe_dump(
        {"k": value}, default_flow_style=True, allow_unicode=True, sort_keys=False, width=1 << 30
    )
    return text.strip()[len("{k: ") : -1]


def entry_lines(entry: GlossaryEntry, *, indent: str = "  ", one_line: bool = False) -> list[str]:
    """The lines of one list item (``- id: …``) at ``indent``, block or flow style."""
    fields = entry_fields(entry)
    if one_line:
        return [f"{indent}- {{{', '.join(f'{name}: {flow(value)}' for name, value in fields.items())}}}"]
    return [
        f"{indent}{'  ' if number else '- '}{name}: {flow(value)}"
        for number, (name, value) in enumerate(fields.items())
    ]


def dump_yaml(entries: Sequence[GlossaryEntry], *, comment: str, description: str = "") -> str:
    """A whole glossary file: a comment line, the description, then the entries a blank line apart."""
    lines = [f"# {comment}"]
    if description:
        lines.append(f"description: {flow(description)}")
    lines.append("entries:" if entries else "entries: []")
    for number, entry in enumerate(entries):
        if number:
            lines.append("")
        lines += entry_lines(entry)
    return "\n".join(lines) + "\n"


def validate_yaml(text: str, path: Path) -> Glossary:
    """Load ``text`` as the glossary file ``path`` would be loaded; errors and notes name ``path``.

    Raises:
        GlossaryError: The text does not validate (with the line in ``text``).
    """
    with tempfile.TemporaryDirectory(prefix="bitext-glossary-") as folder:
        probe = Path(folder) / (path.name if path.suffix in {".yaml", ".yml"} else "glossary.yaml")
        probe.write_text(text, encoding="utf-8")
        try:
            glossary = load_glossary([probe])
        except BitextError as error:
            message = error.message.replace(str(probe), str(path))
            raise GlossaryError(message, path=path, line=error.line) from error
    notes = tuple(
        note.model_copy(update={"path": str(path)}) if note.path == str(probe) else note
        for note in glossary.notes
    )
    return replace(glossary, paths=(path,), notes=notes)


def append_entry(text: str, entry: GlossaryEntry) -> str:
    """``text`` (a glossary file) with ``entry`` added at the end of its ``entries`` list.

    The entry takes the indentation and style (block or one flow mapping per line) of
    the last entry, and a blank line before it when entries are so separated; the rest
    of the text is kept byte for byte. Text that is not a glossary mapping is returned
    with the entry appended at the end, for :func:`validate_yaml` to report.
    """
    import yaml

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return text
    if root is None:
        return _with_newline(text) + "entries:\n" + "\n".join(entry_lines(entry)) + "\n"
    if not isinstance(root, yaml.MappingNode):
        return text
    value = next((v for k, v in root.value if k.value == "entries"), None)
    if value is None:
        return _with_newline(text) + "entries:\n" + "\n".join(entry_lines(entry)) + "\n"
    if isinstance(value, yaml.ScalarNode) and value.tag == "tag:yaml.org,2002:null":
        start, end = value.start_mark.index, value.end_mark.index
        return text[:start] + "\n" + "\n".join(entry_lines(entry)) + text[end:]
    if not isinstance(value, yaml.SequenceNode):
        return text
    if value.flow_style:
        end = value.end_mark.index
        if not value.value:
            return text[: value.start_mark.index] + "\n" + "\n".join(entry_lines(entry)) + text[end:]
        return text[: end - 1] + ", " + entry_lines(entry, indent="", one_line=True)[0][2:] + text[end - 1 :]
    return _append_to_block(text, value.value, entry)


def _append_to_block(text: str, items: list[yaml.Node], entry: GlossaryEntry) -> str:
    import yaml

    last = items[-1]
    indent = _dash_indent(text, last)
    one_line = isinstance(last, yaml.MappingNode) and bool(last.flow_style)
    # A block scalar's end takes in the blank lines after it, so look at the lines above
    # the last entry rather than at the gap after the one before.
    above = text[: text.rfind("\n", 0, last.start_mark.index) + 1]
    blank = len(items) > 1 and above.rstrip(" ").endswith("\n\n")
    end = _end_of(last)
    while end > 0 and text[end - 1] in " \n":  # a block scalar's end takes in its line breaks
        end -= 1
    insert_at = text.find("\n", end)
    insert_at = len(text) if insert_at == -1 else insert_at
    block = "\n" + ("\n" if blank else "") + "\n".join(entry_lines(entry, indent=indent, one_line=one_line))
    new = text[:insert_at] + block + text[insert_at:]
    return new if new.endswith("\n") else new + "\n"


def _dash_indent(text: str, item: yaml.Node) -> str:
    """The spaces before the ``-`` that starts ``item`` in a block sequence."""
    line_start = text.rfind("\n", 0, item.start_mark.index) + 1
    dash = text.rfind("-", line_start, item.start_mark.index)
    return " " * (dash - line_start if dash != -1 else 2)


def _end_of(node: yaml.Node) -> int:
    """Where the last scalar or flow collection inside ``node`` ends (comments after it excluded)."""
    import yaml

    if isinstance(node, yaml.ScalarNode) or getattr(node, "flow_style", False):
        return int(node.end_mark.index)
    children: list[yaml.Node] = []
    if isinstance(node, yaml.MappingNode):
        children = [part for pair in node.value for part in pair]
    elif isinstance(node, yaml.SequenceNode):
        children = list(node.value)
    return max((_end_of(child) for child in children), default=int(node.end_mark.index))


def _with_newline(text: str) -> str:
    return text if not text or text.endswith("\n") else text + "\n"

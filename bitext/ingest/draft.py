"""A paragraph being cleaned, which remembers where each character came from.

Every edit goes through :meth:`Draft.edit`, which keeps ``origin`` (the offset, in the
item's text as read, of each current character) in step with ``text``. So a change
made late in cleaning, after other edits moved text around, still reports where it
happened in the file the user has.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from bitext.models import Change, ChangeKind

Step = tuple[ChangeKind | None, int, int, str]
"""One call made on a draft: ``(kind, start, end, text)`` is :meth:`Draft.record` of a
change of that kind, ``(None, start, end, text)`` an :meth:`Draft.edit`."""


@dataclass
class Draft:
    """One paragraph under cleaning.

    Attributes:
        source: The whole item text as read, which ``origin`` points into.
        text: The paragraph as cleaned so far.
        origin: For each character of ``text``, its offset in ``source``, plus one
            entry for the end of the paragraph. Never decreasing.
        changes: The edits made inside this paragraph, in the order made.
        journal: When a list, every :meth:`edit` and :meth:`record` call is kept in it, so
            the same work can be replayed on another draft of the same text (:meth:`replay`).
    """

    source: str
    text: str
    origin: list[int]
    changes: list[Change] = field(default_factory=list)
    journal: list[Step] | None = None

    @classmethod
    def from_raw(cls, raw: str, start: int, end: int) -> Draft:
        """The raw text between ``start`` and ``end``, unedited."""
        return cls(raw, raw[start:end], list(range(start, end + 1)))

    @property
    def start(self) -> int:
        """Offset of the paragraph's first character in the raw text."""
        return self.origin[0]

    @property
    def end(self) -> int:
        """Offset just past the paragraph's last character in the raw text."""
        return self.origin[-1]

    def raw_slice(self, start: int, end: int) -> str:
        """The raw text that ``text[start:end]`` came from."""
        return self.source[self.origin[start] : self.origin[end]]

    def edit(self, start: int, end: int, new: str) -> None:
        """Replace ``text[start:end]`` by ``new`` without recording a change.

        Inserted characters are attributed to the raw position of ``start``.
        """
        if self.journal is not None:
            self.journal.append((None, start, end, new))
        anchor = self.origin[start]
        cuts_tail = end == len(self.text) and not new
        self.text = self.text[:start] + new + self.text[end:]
        self.origin[start:end] = [anchor] * len(new)
        if cuts_tail:  # the paragraph now ends where the cut began
            self.origin[-1] = anchor

    def replace(self, start: int, end: int, new: str, kind: ChangeKind) -> None:
        """Replace ``text[start:end]`` by ``new`` and record the change."""
        self.record(kind, start, end, new)
        self.edit(start, end, new)

    def record(self, kind: ChangeKind, start: int, end: int, after: str) -> None:
        """Record that ``text[start:end]`` becomes ``after``; ``before`` is the raw text."""
        if self.journal is not None:
            self.journal.append((kind, start, end, after))
        self.changes.append(
            Change(kind=kind, before=self.raw_slice(start, end), after=after, start=self.origin[start])
        )

    def replay(self, steps: Sequence[Step]) -> None:
        """Make the calls of another draft's journal: on a draft of the same text, the same
        edits, with changes that say where they are in this draft's source."""
        for kind, start, end, text in steps:
            if kind is None:
                self.edit(start, end, text)
            else:
                self.record(kind, start, end, text)

    def substitute(
        self, pattern: re.Pattern[str], replacement: Callable[[re.Match[str]], str | None], kind: ChangeKind
    ) -> None:
        """Replace every match for which ``replacement`` returns new text, recording each.

        Matches are found on the text as it is, then applied right to left so the
        offsets of those not yet applied stay valid.
        """
        edits = [(match.start(), match.end(), replacement(match)) for match in pattern.finditer(self.text)]
        for start, end, new in reversed(edits):
            if new is not None and new != self.text[start:end]:
                self.replace(start, end, new, kind)

    def strip(self) -> None:
        """Drop leading and trailing spaces (layout, not a recorded change)."""
        leading = len(self.text) - len(self.text.lstrip())
        if leading:
            self.edit(0, leading, "")
        kept = len(self.text.rstrip())
        if kept < len(self.text) or not self.text:  # an empty text's end moves to its start
            self.edit(kept, len(self.text), "")

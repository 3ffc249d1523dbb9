"""The bitext error family.

Every failure the library raises on purpose is a :class:`BitextError`; the CLI maps
``exit_code`` to the process status and prints each of ``error.problems()`` on stderr. Third-party
failures are wrapped (``raise ModelError(...) from exc``) so callers catch one family::

    BitextError                 exit 1   anything bitext reports on purpose
    ├── TermCheckFailed         exit 1   ``glossary check --strict``: a term is not canonical
    ├── UsageError              exit 2   a bad option, a missing path, an OUTDIR in use
    ├── InputError              exit 65  unreadable or malformed input (encoding, binary, empty)
    │   ├── EmptyItemError      exit 65  an item with no text, or none left after cleaning
    │   ├── GlossaryError       exit 65  a glossary file that does not validate
    │   │   └── GlossaryProblems     several problems in glossary files, all of them
    │   └── AlignmentError      exit 65  gold files, bead files, alignment input
    ├── ModelError              exit 69  no engine, a broken or wrong model package
    ├── CacheError              exit 74  a translation cache that cannot be used
    └── ExportError             exit 73  an output that cannot be written
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


class BitextError(Exception):
    """Base of every error bitext raises on purpose.

    Args:
        message: What is wrong, in words a user can act on.
        path: The file the error is about, if any.
        line: 1-based line number in ``path``, if known.
        offset: 0-based byte or character offset in ``path``, if known.
    """

    exit_code: int = 1

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        offset: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        self.offset = offset

    def location(self) -> str:
        """Return ``path:line`` (or ``path, byte N``), empty when there is no path."""
        if self.path is None:
            return ""
        where = str(self.path)
        if self.line is not None:
            where += f":{self.line}"
        if self.offset is not None:
            where += f" (offset {self.offset})"
        return where

    def __str__(self) -> str:
        where = self.location()
        return f"{where}: {self.message}" if where else self.message

    def problems(self) -> tuple[BitextError, ...]:
        """Every problem this error reports, for a caller that shows one per line."""
        return (self,)


class TermCheckFailed(BitextError):
    """A term check asked to be strict found terms not rendered canonically.

    Not a failure of bitext: the check ran and its report was written; the exit status
    tells a script (CI) that the English needs work.
    """

    exit_code = 1


class UsageError(BitextError):
    """A bad option or argument: unknown engine, missing path, OUTDIR already used."""

    exit_code = 2


class InputError(BitextError):
    """Input that cannot be read or does not have the expected shape."""

    exit_code = 65


class EmptyItemError(InputError):
    """An item with no text: empty, only whitespace, or nothing left after cleaning."""


class GlossaryError(InputError):
    """A glossary file that is malformed, conflicting or incomplete."""


class GlossaryProblems(GlossaryError):
    """Every problem found in glossary files, in file order (a file's in line order).

    The first problem gives the message, path and line; ``str()`` has them all, one
    per line, so a user fixes a file in one pass instead of one problem per run.
    """

    def __init__(self, problems: Sequence[GlossaryError]) -> None:
        first = problems[0]
        super().__init__(first.message, path=first.path, line=first.line, offset=first.offset)
        self._problems = tuple(problems)

    def __str__(self) -> str:
        return "\n".join(BitextError.__str__(problem) for problem in self._problems)

    def problems(self) -> tuple[BitextError, ...]:
        return self._problems


class AlignmentError(InputError):
    """Alignment input (gold or bead files, sentence files) that cannot be used."""


class ModelError(BitextError):
    """No usable translation engine, or a model package that is broken or wrong."""

    exit_code = 69


class CacheError(BitextError):
    """A translation-memory cache file that cannot be opened or written."""

    exit_code = 74


class ExportError(BitextError):
    """An output file that cannot be written or read back."""

    exit_code = 73

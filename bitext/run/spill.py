"""A matching run's documents, kept on disk between its two passes so each item is ingested once.

Matching needs every item before the first pair is written, and the write pass then needs
the same documents again in the same order. Reading them twice ingested every item twice:
ingest is the run's largest stage after translation, while pickling a document and reading
it back costs about 1% of ingesting it (0.1 s against 8.8 s for 300 items). So the first
pass writes each document, and each item it skipped, to an anonymous temporary file in
OUTDIR, and the write pass streams them back. Memory stays flat (one document at a time,
about 3.5 kB each on disk), and the file has no name, so a killed run leaves nothing behind.
Only this process reads what it wrote, which is why pickle is safe here.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from bitext.errors import ExportError, InputError
from bitext.models import Document, SkippedItem


class DocumentSpill:
    """Documents (and skipped items) in the order the first pass met them."""

    def __init__(self, handle: BinaryIO, folder: Path) -> None:
        self._handle = handle
        self._folder = folder

    def keep(self, documents: Iterable[Document]) -> Iterator[Document]:
        """Pass ``documents`` through, writing each one down first."""
        for document in documents:
            self._write(document)
            yield document

    def skip(self, path: Path, error: InputError) -> None:
        """Write down an item the first pass skipped (``--skip-bad``), in its place."""
        self._write(SkippedItem(path=str(path), reason=str(error)))

    def reads(self, documents: Iterator[Document]) -> Callable[[], Iterator[Document]]:
        """Reads of the run's documents from the start: the first writes ``documents`` down,
        each later one replays them (their skipped items are the write pass's to report)."""
        first = [self.keep(documents)]
        return lambda: first.pop() if first else self.replay(lambda skipped: None)

    def replay(self, on_skip: Callable[[SkippedItem], None]) -> Iterator[Document]:
        """The documents written down, in order; each skipped item goes to ``on_skip`` where it was met."""
        try:
            self._handle.flush()
            self._handle.seek(0)
        except OSError as exc:
            raise _spill_error(exc, self._folder) from exc
        while True:
            try:
                entry = pickle.load(self._handle)
            except EOFError:
                return
            except OSError as exc:
                raise _spill_error(exc, self._folder) from exc
            if isinstance(entry, SkippedItem):
                on_skip(entry)
            else:
                yield entry

    def _write(self, entry: Document | SkippedItem) -> None:
        try:
            pickle.dump(entry, self._handle, protocol=pickle.HIGHEST_PROTOCOL)
        except OSError as exc:
            raise _spill_error(exc, self._folder) from exc


@contextmanager
def document_spill(folder: Path) -> Iterator[DocumentSpill]:
    """An empty spill in ``folder`` (OUTDIR, where the run already has room), gone on exit.

    Raises:
        ExportError: The temporary file cannot be created, written or read back.
    """
    try:
        handle = tempfile.TemporaryFile(dir=folder)  # noqa: SIM115 (the with below closes it)
    except OSError as exc:
        raise _spill_error(exc, folder) from exc
    with handle:
        yield DocumentSpill(handle, folder)


def _spill_error(exc: OSError, folder: Path) -> ExportError:
    return ExportError(f"cannot keep the run's documents between passes: {exc.strerror}", path=folder)

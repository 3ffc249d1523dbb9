"""All the corpus files of a run, written together from a stream of items.

Each item's kept pairs go to every chosen pair format, its rejected pairs to
``rejects.jsonl``, and the whole item to ``corpus.json`` when asked; every file is a
temporary file until the writer closes without error, then all are renamed in place
(after ``before_commit``, which a run uses to mark its manifest ``running``).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from bitext.export import OUTPUT_NAMES, REJECTS_NAME, PairWriter, open_writer
from bitext.export.json_doc import JsonDocWriter
from bitext.export.jsonl import JsonlWriter
from bitext.models import CorpusItem, ExportFormat, Provenance


class CorpusWriter:
    """Write a run's corpus files into ``outdir``.

    Args:
        outdir: An existing folder.
        formats: The corpus formats to write; ``rejects.jsonl`` is always written.
        provenance: What made the corpus (TMX header, JSON metadata).
        before_commit: Called once every file is complete, before the first is renamed
            into place (not when writing failed); if it raises, nothing is renamed.
    """

    def __init__(
        self,
        outdir: Path,
        formats: tuple[ExportFormat, ...],
        provenance: Provenance,
        *,
        before_commit: Callable[[], None] | None = None,
    ) -> None:
        self.outdir = outdir
        self.formats = formats
        self.provenance = provenance
        self._before_commit = before_commit
        self._stack = ExitStack()
        self._writers: list[PairWriter] = []
        self._json: JsonDocWriter | None = None
        self._rejects: JsonlWriter | None = None

    @property
    def outputs(self) -> tuple[str, ...]:
        """File names this writer produces, in ``outdir``."""
        return corpus_outputs(self.formats)

    @property
    def stripped(self) -> int:
        """Characters dropped from the TMX because XML 1.0 forbids them."""
        return sum(getattr(writer, "stripped", 0) for writer in self._writers)

    def __enter__(self) -> CorpusWriter:
        for fmt in self.formats:
            if fmt == "json":
                self._json = self._stack.enter_context(
                    JsonDocWriter(self.outdir / OUTPUT_NAMES["json"][0], self.provenance)
                )
                continue
            target = self.outdir / ("corpus" if fmt == "txt" else OUTPUT_NAMES[fmt][0])
            if fmt == "tmx":
                from bitext.export.tmx import TmxWriter

                # Pair ids embed unique item ids; skipping the check keeps memory flat.
                writer: PairWriter = TmxWriter(target, self.provenance, unique_ids=False)
            else:
                writer = open_writer(fmt, target, self.provenance)
            self._writers.append(self._stack.enter_context(writer))
        self._rejects = self._stack.enter_context(JsonlWriter(self.outdir / REJECTS_NAME))
        return self

    def add_item(self, item: CorpusItem) -> None:
        """Write one item: its pairs, its rejects and (for corpus.json) the whole item."""
        assert self._rejects is not None, "use CorpusWriter as a context manager"
        for pair in item.pairs:
            for writer in self._writers:
                writer.write(pair)
        for rejected in item.rejected:
            self._rejects.write(rejected.pair, reason=rejected.reason)
        if self._json is not None:
            self._json.add_item(item)

    def __exit__(self, *exc_info: Any) -> bool:
        if exc_info[0] is None and self._before_commit is not None:
            try:
                self._before_commit()
            except BaseException as error:
                self._stack.__exit__(type(error), error, error.__traceback__)
                raise
        return bool(self._stack.__exit__(*exc_info))


def corpus_outputs(formats: tuple[ExportFormat, ...]) -> tuple[str, ...]:
    """The files a :class:`CorpusWriter` of ``formats`` writes: each format's, then the rejects."""
    return (*(name for fmt in formats for name in OUTPUT_NAMES[fmt]), REJECTS_NAME)

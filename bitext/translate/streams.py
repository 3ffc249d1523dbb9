"""``bitext translate`` as two library calls: a stream of lines, or news items, in and out.

Both read lazily, translate through the one document-translation path
(:mod:`bitext.translate.documents`) and write each result as soon as its batch is done,
so memory stays flat however long the input. The JSON they write is what
``json.dumps(..., indent=2, ensure_ascii=False)`` writes for the whole result, streamed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from bitext.defaults import DEFAULT_CHUNK_ITEMS
from bitext.errors import ExportError, UsageError
from bitext.ingest import collect_inputs, load_documents
from bitext.models import SkippedItem, TermAccuracy, TranslatedDocument, Translation, TranslationSummary
from bitext.outpaths import check_output_folder
from bitext.progress import ProgressCallback
from bitext.textio import atomic_write, read_lines
from bitext.translate.documents import Translator, translate_documents, translate_lines

_UNSAFE_NAME = re.compile(r"[^\w.-]")


def translate_stream(
    source: Iterable[bytes],
    sink: IO[str],
    translator: Translator,
    *,
    as_json: bool = False,
    name: str = "<stdin>",
    progress: ProgressCallback | None = None,
) -> TranslationSummary:
    """Translate one segment per line of ``source`` into ``sink``, as the lines come.

    Args:
        source: UTF-8 bytes, one segment per line (``sys.stdin.buffer``).
        sink: Where the English goes: one line per input line, or with ``as_json`` an
            object with the engine and every translation (segment ids ``stdin:<n>``).
        translator: Engine, cache and glossary.
        as_json: Write JSON instead of lines.
        name: How errors name ``source``.
        progress: Called with the number of lines just translated.

    Raises:
        InputError: A line is not UTF-8 (the error gives its number and byte offset).
    """
    tally = _TermTally()
    translations = tally.passing(translate_lines(read_lines(source, name), translator, progress=progress))
    if as_json:
        head = {"engine": translator.engine.info.model_dump()}
        rows = (translation.model_dump(exclude={"engine"}) for translation in translations)
        _write_json_object(sink, head, "translations", rows)
    else:
        for translation in translations:
            sink.write(translation.target.replace("\n", " ") + "\n")
    return TranslationSummary(segments=tally.segments, terms=tally.accuracy(translator))


def translate_items(
    inputs: Sequence[str | Path],
    translator: Translator,
    output: IO[str] | Path,
    *,
    as_text: bool = False,
    chunk_items: int = DEFAULT_CHUNK_ITEMS,
    progress: ProgressCallback | None = None,
) -> TranslationSummary:
    """Translate the French news items among ``inputs``; the others are skipped and listed.

    Args:
        inputs: News files or folders of ``.txt`` files.
        translator: Engine, cache and glossary.
        output: A folder (created) for one ``<item id>.json`` per item, or a text stream
            for the JSON list of all item translations.
        as_text: Write each item's English article as text (``<item id>.txt``, or the
            articles a blank line apart on the stream) instead of JSON.
        chunk_items: Items translated together (one engine call).
        progress: Called with the number of sentences just translated.

    Raises:
        UsageError, InputError: An input cannot be read; ``output`` is a file; or two
            items would get the same file name in the folder (found before translating).
        ExportError: The folder or a file in it cannot be written.
    """
    files = collect_inputs(inputs)
    if isinstance(output, Path):
        check_output_folder(output)
        _check_file_names(files, ".txt" if as_text else ".json")
    skipped: list[SkippedItem] = []
    tally = _TermTally()

    def french_only(done: Iterable[TranslatedDocument]) -> Iterator[TranslatedDocument]:
        for item in done:
            if item.translation is None:
                lang = item.document.lang or "unknown"
                skipped.append(SkippedItem(path=item.document.path, reason=f"language {lang}, not French"))
                continue
            tally.add(item.translation.translations)
            yield item

    documents = load_documents(files)
    done = french_only(translate_documents(documents, translator, chunk_items=chunk_items, progress=progress))
    if as_text:
        written = _write_articles(output, done)
    else:
        rows = (item.translation.model_dump(mode="json") for item in done if item.translation is not None)
        if isinstance(output, Path):
            written = _write_item_files(output, ((row["doc_id"], _json_text(row)) for row in rows), ".json")
        else:
            written = _write_json_list(output, rows, level=0)
            output.write("\n")
    return TranslationSummary(
        segments=tally.segments, items=written, skipped=tuple(skipped), terms=tally.accuracy(translator)
    )


class _TermTally:
    """Counts segments and glossary terms of translations as they stream past."""

    def __init__(self) -> None:
        self.segments = self.found = self.canonical = self.repaired = 0

    def add(self, translations: Iterable[Translation]) -> None:
        for translation in translations:
            self.segments += 1
            for hit in translation.terms:
                self.found += 1
                self.canonical += hit.status != "missing"
                self.repaired += hit.status == "repaired"

    def passing(self, translations: Iterable[Translation]) -> Iterator[Translation]:
        for translation in translations:
            self.add((translation,))
            yield translation

    def accuracy(self, translator: Translator) -> TermAccuracy | None:
        if translator.glossary is None:
            return None
        return TermAccuracy(found=self.found, canonical=self.canonical, repaired=self.repaired)


def _write_articles(output: IO[str] | Path, done: Iterable[TranslatedDocument]) -> int:
    """Each item's English article: ``<doc_id>.txt`` files, or on the stream a blank line apart."""
    from bitext.export.article import article_text

    articles = (
        (item.document.id, article_text(item.document, item.translation.translations))
        for item in done
        if item.translation is not None
    )
    if isinstance(output, Path):
        return _write_item_files(output, articles, ".txt")
    written = 0
    for _, text in articles:
        output.write(("\n" if written else "") + text)
        written += 1
    return written


def _json_text(row: dict[str, Any]) -> str:
    return json.dumps(row, ensure_ascii=False, indent=2) + "\n"


def _item_file_name(doc_id: str, suffix: str) -> str:
    """The file an item's translation gets in an output folder: its id made safe as a name."""
    return f"{_UNSAFE_NAME.sub('_', doc_id) or 'item'}{suffix}"


def _check_file_names(files: Sequence[Path], suffix: str) -> None:
    """Two items whose ids give one file name would overwrite each other: refuse them.

    Raises:
        UsageError: ``a b.txt`` and ``a_b.txt``, or ``x.txt`` and ``sub/x.txt`` (exit 2).
    """
    seen: dict[str, Path] = {}
    for path in files:
        name = _item_file_name(path.stem, suffix)
        if name in seen:
            raise UsageError(
                f"{seen[name]} and {path} would both be written to {name}; rename one, "
                "or translate them into separate folders",
                path=path,
            )
        seen[name] = path


def _write_item_files(folder: Path, texts: Iterable[tuple[str, str]], suffix: str) -> int:
    """One ``<doc_id><suffix>`` per item, each written atomically; returns how many.

    Raises:
        UsageError: An item would overwrite the file of an earlier one (ids that only
            the stream reveals; file names are checked before translating).
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"cannot create the output folder: {exc.strerror}", path=folder) from exc
    names: set[str] = set()
    for doc_id, text in texts:
        name = _item_file_name(doc_id, suffix)
        if name in names:
            raise UsageError(
                f"item {doc_id!r} would overwrite {name}, written for an earlier item", path=folder
            )
        names.add(name)
        with atomic_write(folder / name) as handle:
            handle.write(text)
    return len(names)


def _write_json_object(sink: IO[str], head: dict[str, Any], key: str, rows: Iterable[Any]) -> None:
    """``{**head, key: [rows...]}`` as indented JSON, the list streamed row by row."""
    sink.write("{\n")
    for name, value in head.items():
        sink.write(f"  {json.dumps(name)}: {_dumps(value, '  ')},\n")
    sink.write(f"  {json.dumps(key)}: ")
    _write_json_list(sink, rows, level=1)
    sink.write("\n}\n")


def _write_json_list(sink: IO[str], rows: Iterable[Any], *, level: int) -> int:
    """A JSON list at nesting ``level``, one row at a time; returns the number of rows."""
    pad = "  " * level
    count = 0
    for row in rows:
        sink.write(("[\n" if count == 0 else ",\n") + pad + "  " + _dumps(row, pad + "  "))
        count += 1
    sink.write(f"\n{pad}]" if count else "[]")
    return count


def _dumps(value: Any, pad: str) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + pad)

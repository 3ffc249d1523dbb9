"""``bitext translate``'s two library calls: streamed lines and items, JSON as json.dumps writes it."""

from __future__ import annotations

import io
import json
import tracemalloc
from pathlib import Path

import pytest
from fakes import WordEngine

from bitext.errors import InputError
from bitext.glossary import load_glossary
from bitext.translate.documents import Translator
from bitext.translate.streams import translate_items, translate_stream

LINES = ["Le ministre est arrivé.", "", "La délégation est partie.", "Le ministre est arrivé."]


def stdin(lines: list[str]) -> io.BytesIO:
    return io.BytesIO("".join(f"{line}\n" for line in lines).encode("utf-8"))


def test_lines_in_lines_out() -> None:
    sink = io.StringIO()
    summary = translate_stream(stdin(LINES), sink, Translator(WordEngine()))
    assert sink.getvalue().split("\n") == [*WordEngine().translate(LINES), ""]
    assert summary.segments == 4 and summary.terms is None


@pytest.mark.parametrize("lines", [LINES, []], ids=["four-lines", "empty"])
def test_streamed_json_is_what_json_dumps_writes(lines: list[str]) -> None:
    sink = io.StringIO()
    translate_stream(stdin(lines), sink, Translator(WordEngine()), as_json=True)
    data = json.loads(sink.getvalue())
    assert sink.getvalue() == json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    assert data["engine"]["name"] == "fake-words"
    assert [t["segment_id"] for t in data["translations"]] == [f"stdin:{i}" for i in range(len(lines))]
    assert all("engine" not in t for t in data["translations"])


def test_glossary_terms_are_counted_as_they_pass() -> None:
    summary = translate_stream(
        stdin(LINES), io.StringIO(), Translator(WordEngine(), glossary=load_glossary())
    )
    assert summary.terms is not None and summary.terms.found == summary.terms.canonical == 2


def test_a_bad_line_names_its_number() -> None:
    source = io.BytesIO(b"Bonjour.\nLe minist\xe8re.\n")
    with pytest.raises(InputError, match=r"<stdin>:2 \(offset 18\): not valid UTF-8"):
        translate_stream(source, io.StringIO(), Translator(WordEngine()))


def items(folder: Path) -> Path:
    folder.mkdir()
    (folder / "a.txt").write_text("Le ministre arrive\n\nLe ministre est arrivé à Paris.\n", encoding="utf-8")
    (folder / "b.txt").write_text(
        "The minister arrives\n\nThe minister arrived in Paris.\n", encoding="utf-8"
    )
    (folder / "c.txt").write_text("La délégation part\n\nLa délégation est partie.\n", encoding="utf-8")
    return folder


def test_items_as_one_streamed_json_list(tmp_path: Path) -> None:
    sink = io.StringIO()
    summary = translate_items([items(tmp_path / "in")], Translator(WordEngine()), sink, chunk_items=1)
    data = json.loads(sink.getvalue())
    assert sink.getvalue() == json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    assert [item["doc_id"] for item in data] == ["a", "c"]
    assert [Path(item.path).name for item in summary.skipped] == ["b.txt"]
    assert summary.skipped[0].reason == "language en, not French"
    assert (summary.items, summary.segments) == (2, 4)


def test_items_one_file_each_in_a_folder(tmp_path: Path) -> None:
    out = tmp_path / "out" / "json"
    summary = translate_items([items(tmp_path / "in")], Translator(WordEngine()), out)
    assert sorted(path.name for path in out.iterdir()) == ["a.json", "c.json"] and summary.items == 2
    record = json.loads((out / "a.json").read_text(encoding="utf-8"))
    assert record["lang"] == "fr" and [t["segment_id"] for t in record["translations"]] == ["a:0", "a:1"]


def test_memory_stays_flat_however_many_lines() -> None:
    """Regression (hardening 10): stdin was read whole and every translation kept until the end."""

    class Discard(io.StringIO):
        def write(self, text: str) -> int:
            return len(text)

    def peak(count: int) -> int:
        # Numbers of one width: from five digits on, a number is a protected span (more data per line).
        lines = "".join(f"Le ministre numéro {i:05d} a rencontré la délégation.\n" for i in range(count))
        source = io.BytesIO(lines.encode("utf-8"))
        tracemalloc.start()
        try:
            translate_stream(source, Discard(), Translator(WordEngine()))
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    peak(10)  # loads the name finder's data once, outside the comparison
    small, large = peak(2_048), peak(8_192)
    assert large < 1.5 * small, (small, large)


def test_an_item_never_overwrites_an_earlier_items_file(tmp_path: Path) -> None:
    """Ids a stream reveals late (not known from file names) still never overwrite a file."""
    from bitext.errors import UsageError
    from bitext.translate.streams import _write_item_files

    with pytest.raises(UsageError, match=r"item 'a_b' would overwrite a_b\.json"):
        _write_item_files(tmp_path, [("a b", "first\n"), ("a_b", "second\n")], ".json")
    assert (tmp_path / "a_b.json").read_text(encoding="utf-8") == "first\n"

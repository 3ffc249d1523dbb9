"""Item sources: JSONL and Parquet collections read as streams, with located errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from optional_deps import needs_pyarrow

from bitext.errors import InputError, UsageError
from bitext.ingest import EmptyItemError, collect_inputs, load_document, load_documents
from bitext.ingest.sources import check_collection, item_ids, iter_items
from bitext.models import RawItem

FRENCH = "La coopération se renforce\nLe ministre a reçu la délégation française à Hanoï mardi.\n"
ENGLISH = "Cooperation grows stronger\nThe minister received the French delegation in Hanoi on Tuesday.\n"


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_parquet(path: Path, columns: dict[str, list[object]]) -> Path:
    import pyarrow
    import pyarrow.parquet

    pyarrow.parquet.write_table(pyarrow.table(columns), path, row_group_size=2)
    return path


@pytest.fixture
def items_jsonl(tmp_path: Path) -> Path:
    return write_jsonl(
        tmp_path / "items.jsonl",
        [
            json.dumps({"id": "a-fr", "text": FRENCH, "url": "ignored"}),
            "",
            json.dumps({"id": 7, "text": ENGLISH}),
        ],
    )


def test_a_jsonl_collection_gives_the_same_documents_as_txt_files(items_jsonl: Path, tmp_path: Path) -> None:
    (tmp_path / "a-fr.txt").write_text(FRENCH, encoding="utf-8")
    from_file = load_document(tmp_path / "a-fr.txt")
    french, english = load_documents([items_jsonl])
    assert (french.id, french.path, english.id, english.path) == (
        "a-fr",
        f"{items_jsonl}:1",
        "7",
        f"{items_jsonl}:3",
    )
    assert french.model_dump(exclude={"path"}) == from_file.model_dump(exclude={"path"})
    assert (french.lang, english.lang) == ("fr", "en")


@needs_pyarrow
def test_a_parquet_collection_is_read_row_group_by_row_group(tmp_path: Path) -> None:
    texts = [FRENCH, ENGLISH] * 3
    path = write_parquet(
        tmp_path / "items.parquet",
        {"id": [f"n{i}" for i in range(6)], "text": texts, "source": ["x"] * 6},
    )
    documents = list(load_documents([path]))
    assert [d.id for d in documents] == [f"n{i}" for i in range(6)]
    assert [d.path for d in documents] == [f"{path}:{row}" for row in range(1, 7)]
    assert [d.lang for d in documents] == ["fr", "en"] * 3


def test_collections_stream_items_before_reading_the_rest(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "c.jsonl", [json.dumps({"id": "one", "text": FRENCH}), "{broken"])
    items = iter_items([path])
    first = next(items)
    assert isinstance(first, RawItem) and first.id == "one"
    second = next(items)
    assert isinstance(second, InputError) and second.line == 2


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{broken", "malformed JSON"),
        ('["a", "b"]', "expected an object"),
        ('{"id": "x"}', "no 'text' field"),
        ('{"text": "Bonjour"}', "no 'id' field"),
        ('{"id": null, "text": "Bonjour"}', "'id' must be a string or an integer, not null"),
        ('{"id": true, "text": "Bonjour"}', "not bool"),
        ('{"id": " ", "text": "Bonjour"}', "'id' is empty"),
        ('{"id": "x", "text": 3}', "'text' must be a string, not int"),
        ('{"id": "x", "text": "a\\ud800b"}', "lone surrogate"),
        ('{"id": "x", "text": "a\\u0000b"}', "binary file (NUL byte)"),
        ('{"id": "x", "text": "  \\n "}', "empty item"),
    ],
)
def test_a_bad_jsonl_line_names_the_file_and_line_and_exits_65(
    tmp_path: Path, line: str, message: str
) -> None:
    path = write_jsonl(tmp_path / "c.jsonl", [json.dumps({"id": "ok", "text": FRENCH}), line])
    with pytest.raises(InputError) as caught:
        list(load_documents([path]))
    assert caught.value.exit_code == 65
    assert str(caught.value).startswith(f"{path}:2: ") and message in str(caught.value)


def test_a_non_utf8_jsonl_line_gives_its_line_and_byte_offset(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    good = json.dumps({"id": "ok", "text": FRENCH}).encode() + b"\n"
    path.write_bytes(good + b'{"id": "x", "text": "caf\xe9"}\n')
    with pytest.raises(InputError, match="not valid UTF-8") as caught:
        list(load_documents([path]))
    assert (caught.value.line, caught.value.offset) == (2, len(good) + 24)


def test_skip_bad_skips_bad_lines_and_reads_on(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "c.jsonl",
        ["{broken", json.dumps({"id": "ok", "text": FRENCH}), json.dumps({"id": "e", "text": ""})],
    )
    skipped: list[tuple[Path, InputError]] = []
    documents = list(load_documents([path], skip_bad=True, on_skip=lambda p, e: skipped.append((p, e))))
    assert [d.id for d in documents] == ["ok"]
    assert [(p, e.line) for p, e in skipped] == [(path, 1), (path, 3)]
    assert isinstance(skipped[1][1], EmptyItemError)


@needs_pyarrow
def test_a_parquet_file_without_the_columns_says_which_are_missing(tmp_path: Path) -> None:
    path = write_parquet(tmp_path / "c.parquet", {"identifier": ["a"], "body": [FRENCH]})
    with pytest.raises(InputError) as caught:
        list(load_documents([path], skip_bad=True))
    assert caught.value.exit_code == 65
    assert "no column 'id' and no column 'text' (its columns: identifier, body)" in str(caught.value)


@needs_pyarrow
def test_a_parquet_row_with_a_null_text_names_its_row(tmp_path: Path) -> None:
    path = write_parquet(tmp_path / "c.parquet", {"id": ["a", "b", "c"], "text": [FRENCH, ENGLISH, None]})
    with pytest.raises(InputError, match=r"c\.parquet:3: item 'c': 'text' must be a string, not null"):
        list(load_documents([path]))


@needs_pyarrow
def test_a_file_that_is_not_parquet_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "c.parquet"
    path.write_text("id,text\na,b\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a readable Parquet file"):
        list(load_documents([path]))


def test_collections_are_given_as_files_and_load_document_refuses_them(items_jsonl: Path) -> None:
    assert collect_inputs([items_jsonl]) == [items_jsonl]
    with pytest.raises(UsageError, match="collection"):
        load_document(items_jsonl)


def test_item_ids_and_the_collection_check(items_jsonl: Path, tmp_path: Path) -> None:
    txt = tmp_path / "b.txt"
    txt.write_text(FRENCH, encoding="utf-8")
    assert list(item_ids([items_jsonl, txt])) == [
        ("a-fr", f"{items_jsonl}:1"),
        ("7", f"{items_jsonl}:3"),
        ("b", str(txt)),
    ]
    record = check_collection(items_jsonl, skip_bad=False)
    assert (record.path, record.size) == (str(items_jsonl), items_jsonl.stat().st_size)
    bad = write_jsonl(tmp_path / "bad.jsonl", [json.dumps({"id": "e", "text": " "})])
    with pytest.raises(EmptyItemError, match=r"bad\.jsonl:1: empty item 'e'"):
        check_collection(bad, skip_bad=False)
    assert check_collection(bad, skip_bad=True).path == str(bad)


# --- the commands that take items read collections too -----------------------------


def test_inspect_reads_a_jsonl_collection(items_jsonl: Path) -> None:
    from typer.testing import CliRunner

    from bitext.cli import app

    result = CliRunner().invoke(app, ["inspect", str(items_jsonl), "--json"])
    assert result.exit_code == 0, result.stderr
    listed = json.loads(result.stdout)
    assert [(item["id"], item["lang"]) for item in listed] == [("a-fr", "fr"), ("7", "en")]


@needs_pyarrow
def test_run_on_a_parquet_collection_and_its_bad_input(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from bitext.cli import app
    from bitext.translate import apertium

    if not apertium.is_available():
        pytest.skip("Apertium is not installed")
    path = write_parquet(tmp_path / "items.parquet", {"id": ["a", "b"], "text": [FRENCH, ENGLISH]})
    result = CliRunner().invoke(
        app, ["run", str(path), "-o", str(tmp_path / "out"), "-e", "apertium", "--json"]
    )
    assert result.exit_code == 0, result.stderr
    lines = (tmp_path / "out" / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
    assert {json.loads(line)["doc_id"] for line in lines} == {"a"}
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert [entry["path"] for entry in manifest["inputs"]] == [str(path)]

    twin = write_jsonl(tmp_path / "twin.jsonl", [json.dumps({"id": "a", "text": FRENCH})])
    result = CliRunner().invoke(
        app, ["run", str(path), str(twin), "-o", str(tmp_path / "out2"), "-e", "apertium"]
    )
    assert result.exit_code == 2 and "two inputs have the item id 'a'" in result.stderr

    bad = write_jsonl(tmp_path / "bad.jsonl", [json.dumps({"id": "z", "text": FRENCH}), "{oops"])
    result = CliRunner().invoke(app, ["run", str(bad), "-o", str(tmp_path / "out3"), "-e", "apertium"])
    assert result.exit_code == 65 and f"{bad}:2" in result.stderr and "malformed JSON" in result.stderr
    assert not (tmp_path / "out3").exists()

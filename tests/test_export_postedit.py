"""``bitext import-xliff``: post-edits from a CAT tool into the corpus, the memory and every export."""

from __future__ import annotations

import csv
import json
import sys
import types
from collections.abc import Callable
from pathlib import Path

import pytest
from export_samples import check_tmx, check_xliff, toolkit_pairs
from fakes import WordEngine
from optional_deps import importable
from typer.testing import CliRunner

from bitext.cli import app
from bitext.errors import InputError, UsageError
from bitext.export import read_pairs
from bitext.export.postedit import import_xliff
from bitext.models import SegmentPair
from bitext.quality import pair_quality
from bitext.run import run_options, run_pipeline
from bitext.translate import apertium
from bitext.translate.cache import TranslationCache
from bitext.translate.human import read_human_translations

# Every format the run writes is rewritten; Parquet only where pyarrow (bitext[parquet]) is installed.
FORMATS = ("tmx", "json", "jsonl", "xliff", "txt", "tsv", *(("parquet",) if importable("pyarrow") else ()))


def french_items(folder: Path, count: int = 2) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        text = (
            f"Le ministre numéro {number} arrive à Paris.\n"
            f"Il rencontre la délégation le mardi. Elle repart le jeudi {number}.\n"
        )
        (folder / f"item{number}.txt").write_text(text, encoding="utf-8")
    return folder


def run(items: Path, outdir: Path, formats: tuple[str, ...] = FORMATS) -> None:
    # The items share sentences on purpose (a post-edit applies to every pair with its
    # French), so the run keeps its duplicate pairs.
    options = run_options(
        inputs=[items], outdir=outdir, formats=formats, use_glossary=False, deduplicate=False
    )
    run_pipeline(options, engine=WordEngine())


def edit_with_translate_toolkit(source: Path, target: Path, edits: dict[str, str]) -> None:
    """Change unit targets the way an outside tool does: translate-toolkit's XLIFF store."""
    from translate.storage.xliff import xlifffile

    store = xlifffile.parsefile(str(source))
    for unit in store.units:
        unit_id = unit.getid().split("\x04")[-1]
        if unit_id in edits:
            unit.target = edits[unit_id]
    target.write_bytes(bytes(store))


@pytest.fixture
def edited_run(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    outdir = tmp_path / "out"
    run(french_items(tmp_path / "items"), outdir)
    edits = {
        "item0:0": "Minister number 0 arrives in Paris.",
        "item1:1": "He meets the delegation on Tuesday.",
    }
    edited = tmp_path / "reviewed.xlf"
    edit_with_translate_toolkit(outdir / "corpus.xlf", edited, edits)
    return outdir, edited, edits


def pairs_by_id(path: Path) -> dict[str, SegmentPair]:
    return {pair.id: pair for pair in read_pairs(path)}


def test_changed_targets_replace_the_mt_in_every_export(
    edited_run: tuple[Path, Path, dict[str, str]],
) -> None:
    outdir, edited, edits = edited_run
    before = pairs_by_id(outdir / "corpus.jsonl")

    result = import_xliff([edited], outdir)

    assert (result.changed, result.unchanged, result.empty) == (2, len(before) - 2, 0)
    assert set(result.changed_ids) == set(edits)
    readable = ("corpus.jsonl", "corpus.json", "corpus.tmx", "corpus.xlf", "corpus.parquet")
    for name in [name for name in readable if (outdir / name).is_file() or name != "corpus.parquet"]:
        after = pairs_by_id(outdir / name)
        assert set(after) == set(before), name
        for pair_id, pair in after.items():
            if pair_id in edits:
                assert (pair.en, pair.origin) == (edits[pair_id], "post-edited"), name
                assert pair.quality == pair_quality(pair), "quality is estimated again on the new English"
                restored = {"en": before[pair_id].en, "origin": "mt", "quality": before[pair_id].quality}
                assert pair.model_copy(update=restored) == before[pair_id]
            else:
                assert pair == before[pair_id], name
    check_tmx(outdir / "corpus.tmx")
    check_xliff(outdir / "corpus.xlf")
    english = (outdir / "corpus.en").read_text(encoding="utf-8").splitlines()
    assert english == [edits.get(pair_id, pair.en) for pair_id, pair in before.items()]
    with (outdir / "corpus.tsv").open(encoding="utf-8", newline="") as handle:
        assert [row["en"] for row in csv.DictReader(handle, delimiter="\t")] == english
    assert [target for _, target in toolkit_pairs(outdir / "corpus.tmx")] == english


def test_post_edits_go_to_the_memory_apart_from_engine_output(
    edited_run: tuple[Path, Path, dict[str, str]],
) -> None:
    outdir, edited, edits = edited_run
    before = pairs_by_id(outdir / "corpus.jsonl")
    import_xliff([edited], outdir)

    memory = outdir / ".bitext-cache.sqlite"
    stored = read_human_translations(memory)
    assert {fr: row.target for fr, row in stored.items()} == {before[i].fr: e for i, e in edits.items()}
    assert all(row.reference.endswith(("#item0:0", "#item1:1")) for row in stored.values())
    assert all(row.terms is None for row in stored.values()), "run without a glossary: statuses unchecked"
    with TranslationCache(memory) as cache:
        engine_rows = cache.get_many(WordEngine().info, [before[i].fr for i in edits])
    assert all(english not in engine_rows.values() for english in edits.values())


def test_a_rerun_reuses_the_post_edits_for_every_pair_with_that_french(
    edited_run: tuple[Path, Path, dict[str, str]], tmp_path: Path
) -> None:
    outdir, edited, edits = edited_run
    before = pairs_by_id(outdir / "corpus.jsonl")
    import_xliff([edited], outdir)
    run(tmp_path / "items", outdir)

    after = pairs_by_id(outdir / "corpus.jsonl")
    human = {before[i].fr: english for i, english in edits.items()}
    # item0:1 has the French of item1:1 ("Il rencontre la délégation le mardi."): the memory serves it too.
    assert before["item0:1"].fr == before["item1:1"].fr
    for pair_id, pair in after.items():
        if pair.fr in human:
            assert (pair.en, pair.origin) == (human[pair.fr], "post-edited"), pair_id
        else:
            assert pair == before[pair_id]
    assert {i for i, p in after.items() if p.origin == "post-edited"} == {"item0:0", "item0:1", "item1:1"}


def test_importing_twice_changes_nothing_more(edited_run: tuple[Path, Path, dict[str, str]]) -> None:
    outdir, edited, _ = edited_run
    import_xliff([edited], outdir)
    snapshot = {path.name: path.read_bytes() for path in outdir.glob("corpus.*")}

    again = import_xliff([edited], outdir)

    assert again.changed == 0 and again.outputs == ()
    assert {path.name: path.read_bytes() for path in outdir.glob("corpus.*")} == snapshot


def test_an_xliff_of_another_run_is_refused_with_the_unit_and_nothing_changes(tmp_path: Path) -> None:
    outdir, other = tmp_path / "out", tmp_path / "other"
    run(french_items(tmp_path / "items"), outdir)
    items = tmp_path / "other-items"
    items.mkdir()
    (items / "item0.txt").write_text("Un tout autre texte ici.\n", encoding="utf-8")
    run(items, other, ("xliff",))
    edit_with_translate_toolkit(other / "corpus.xlf", tmp_path / "x.xlf", {"item0:0": "Changed."})
    snapshot = {path.name: path.read_bytes() for path in outdir.iterdir()}

    result = CliRunner().invoke(app, ["import-xliff", str(tmp_path / "x.xlf"), "--into", str(outdir)])

    assert result.exit_code == 65
    assert "'item0:0'" in result.stderr and "x.xlf:" in result.stderr and "another run" in result.stderr
    assert {path.name: path.read_bytes() for path in outdir.iterdir()} == snapshot


def test_an_edited_source_or_an_unknown_unit_is_refused(tmp_path: Path) -> None:
    from translate.storage.xliff import xlifffile

    outdir = tmp_path / "out"
    run(french_items(tmp_path / "items"), outdir, ("jsonl", "xliff"))
    store = xlifffile.parsefile(str(outdir / "corpus.xlf"))
    store.units[1].source = "Une source retouchée."
    (tmp_path / "source.xlf").write_bytes(bytes(store))
    with pytest.raises(InputError, match="its source is not the French") as caught:
        import_xliff([tmp_path / "source.xlf"], outdir)
    assert "'item0:1'" in str(caught.value) and caught.value.line

    text = (outdir / "corpus.xlf").read_text(encoding="utf-8").replace('id="item1:0"', 'id="item9:0"')
    (tmp_path / "unknown.xlf").write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="'item9:0' is no pair of this run"):
        import_xliff([tmp_path / "unknown.xlf"], outdir)


def test_two_files_disagreeing_on_a_unit_are_refused(edited_run: tuple[Path, Path, dict[str, str]]) -> None:
    outdir, edited, _ = edited_run
    with pytest.raises(InputError, match="has another target"):
        import_xliff([outdir / "corpus.xlf", edited], outdir)


def test_a_folder_that_is_not_a_run_or_has_no_readable_corpus_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "x.xlf").write_text("<xliff/>", encoding="utf-8")
    with pytest.raises(UsageError, match="not a finished bitext run"):
        import_xliff([tmp_path / "x.xlf"], tmp_path)
    run(french_items(tmp_path / "items"), tmp_path / "out", ("txt",))
    with pytest.raises(UsageError, match="no corpus bitext can read back"):
        import_xliff([tmp_path / "x.xlf"], tmp_path / "out")
    result = CliRunner().invoke(app, ["import-xliff", str(tmp_path / "missing.xlf"), "--into", str(tmp_path)])
    assert result.exit_code == 2 and "no such XLIFF file" in result.stderr


def test_the_review_page_is_rebuilt_when_there_is_one(
    edited_run: tuple[Path, Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    outdir, edited, _ = edited_run
    rebuilt: list[Path] = []
    review = types.ModuleType("bitext.review")
    review.write_review = rebuilt.append  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "bitext.review", review)
    (outdir / "review.html").write_text("<html></html>", encoding="utf-8")

    result = CliRunner().invoke(app, ["import-xliff", str(edited), "--into", str(outdir), "--json"])

    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["review_rewritten"] is True
    assert rebuilt == [outdir]
    assert "2 post-edited" in result.stderr


@pytest.mark.skipif(not apertium.is_available(), reason="Apertium is not installed")
def test_a_real_apertium_run_takes_corrections_and_rechecks_their_terms(tmp_path: Path) -> None:
    seeds = Path(__file__).resolve().parent.parent / "seeds"
    outdir = tmp_path / "out"
    run_pipeline(
        run_options(
            inputs=[seeds / "001_2bea66558eb3f719.txt"],
            outdir=outdir,
            engine="apertium",
            formats=("json", "xliff"),
        )
    )
    pairs = list(read_pairs(outdir / "corpus.json"))
    with_terms = next(pair for pair in pairs if "minister" in pair.terms)
    plain = next(pair for pair in pairs if not pair.terms and not pair.missing_terms)
    edits = {with_terms.id: "Someone with no title came.", plain.id: "A translator's English."}
    edit_with_translate_toolkit(outdir / "corpus.xlf", tmp_path / "r.xlf", edits)

    result = import_xliff([tmp_path / "r.xlf"], outdir)

    assert set(result.changed_ids) == set(edits) and result.terms_checked
    updated = pairs_by_id(outdir / "corpus.json")
    assert (updated[plain.id].en, updated[plain.id].origin) == ("A translator's English.", "post-edited")
    dropped = updated[with_terms.id]
    assert "minister" in dropped.missing_terms and "minister" not in dropped.terms
    assert set(dropped.terms) | set(dropped.missing_terms) == set(with_terms.terms) | set(
        with_terms.missing_terms
    )
    item = json.loads((outdir / "corpus.json").read_text(encoding="utf-8"))["items"][0]
    assert item["sentences"] and item["translations"], "the item keeps its sentences and MT record"


def test_import_is_refused_while_a_run_holds_the_folder(
    edited_run: tuple[Path, Path, dict[str, str]], lock_held_elsewhere: Callable[[Path], int]
) -> None:
    """Regression (hardening 4): import-xliff rewrote OUTDIR while a run was at work there."""
    outdir, edited, _ = edited_run
    before = {path.name: path.read_bytes() for path in outdir.iterdir() if path.name.startswith("corpus")}
    pid = lock_held_elsewhere(outdir)
    result = CliRunner().invoke(app, ["import-xliff", str(edited), "--into", str(outdir)])
    assert result.exit_code == 2, result.output
    assert f"in use by another bitext process (pid {pid})" in result.stderr
    assert {
        path.name: path.read_bytes() for path in outdir.iterdir() if path.name.startswith("corpus")
    } == before

"""``bitext run`` with matching: English versions of French items give human pairs (real Apertium).

The items are the short stories of ``tests/data/match`` (see its README): four French
stories with their English versions, a French and an English story without a partner,
a Spanish item, and variants (a second French version, an edited English copy, a
shortened English version).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from bitext.cli import app
from bitext.export import read_pairs
from bitext.ingest import collect_inputs, load_documents
from bitext.match import match_documents
from bitext.models import Document, MatchText, RunManifest, RunReport, SegmentPair
from bitext.run import run_options, run_pipeline
from bitext.run.matching import HUMAN_MIN_SCORE, find_matches
from bitext.run.stats import summary_lines
from bitext.translate.base import Engine
from bitext.translate.cache import open_cache
from bitext.translate.documents import Translator, translate_documents

MATCHED = {
    "comete": "comet",
    "greve-aerienne": "air-strike",
    "lavande": "lavender",
    "pont-cyclable": "bike-bridge",
}


def folder_of(match_data: Path, tmp_path: Path, names: Sequence[str]) -> Path:
    """A folder holding the named items of ``items/`` and ``variants/``."""
    folder = tmp_path / "items"
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        found = [path for path in match_data.glob(f"*/{name}.txt")]
        assert len(found) == 1, name
        shutil.copy(found[0], folder / found[0].name)
    return folder


def run(folder: Path, outdir: Path, engine: Engine, **settings: Any) -> RunReport:
    options = run_options(inputs=[folder], outdir=outdir, formats=("jsonl", "json"), review=False, **settings)
    return run_pipeline(options, engine=engine)


def pairs_by_item(outdir: Path) -> dict[str, list[SegmentPair]]:
    found: dict[str, list[SegmentPair]] = {}
    for pair in read_pairs(outdir / "corpus.jsonl"):
        found.setdefault(pair.doc_id, []).append(pair)
    return found


def corpus_items(outdir: Path) -> dict[str, dict[str, Any]]:
    data = json.loads((outdir / "corpus.json").read_text(encoding="utf-8"))
    return {item["id"]: item for item in data["items"]}


def rejects(outdir: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (outdir / "rejects.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def matched_run(
    apertium_engine: Engine, match_data: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, RunReport]:
    outdir = tmp_path_factory.mktemp("matched") / "out"
    return outdir, run(match_data / "items", outdir, apertium_engine)


def test_matched_french_items_give_human_pairs_and_the_rest_mt_pairs(
    matched_run: tuple[Path, RunReport], match_data: Path
) -> None:
    outdir, report = matched_run
    pairs = pairs_by_item(outdir)
    assert set(pairs) == {*MATCHED, "apiculteurs"}
    for french, english in MATCHED.items():
        text = (match_data / "items" / f"{english}.txt").read_text(encoding="utf-8")
        assert {pair.origin for pair in pairs[french]} == {"human"}, french
        assert all(pair.engine is None and pair.en in " ".join(text.split()) for pair in pairs[french])
        assert all(pair.bead.type == "1-1" and pair.bead.score > 0 for pair in pairs[french])
    assert {pair.origin for pair in pairs["apiculteurs"]} == {"mt"}
    assert all(pair.engine and pair.engine.startswith("apertium") for pair in pairs["apiculteurs"])
    assert report.matching is not None
    assert {(match.fr, match.en) for match in report.matching.matches} == set(MATCHED.items())
    human = sum(len(pairs[french]) for french in MATCHED)
    assert report.pair_origins == {"human": human, "mt": len(pairs["apiculteurs"])}
    assert report.pairs == human + len(pairs["apiculteurs"])
    assert f"pairs: {report.pairs} kept ({human} human, {len(pairs['apiculteurs'])} MT)" in "\n".join(
        summary_lines(report)
    )
    assert any(line.startswith("matching: 4 of 5 French item(s)") for line in summary_lines(report))


def test_english_items_are_still_checked_and_other_languages_left_alone(
    matched_run: tuple[Path, RunReport],
) -> None:
    _, report = matched_run
    assert {item.id for item in report.english_items} == {*MATCHED.values(), "dublin-library"}
    assert [Path(path).name for path in report.other_items] == ["valencia-trafico.txt"]


def test_the_corpus_names_each_match_and_keeps_the_mt(matched_run: tuple[Path, RunReport]) -> None:
    outdir, report = matched_run
    items = corpus_items(outdir)
    for french, english in MATCHED.items():
        assert items[french]["match"]["en"] == english and 0.5 <= items[french]["match"]["score"] <= 1
        assert len(items[french]["translations"]) == len(items[french]["sentences"])
    assert "match" not in items["apiculteurs"] and "match" not in items["lavender"]
    # The first pass filled the cache; the write pass's hits are not counted as cached.
    assert report.cached_sentences == 0
    assert not any(t["cached"] for item in items.values() for t in item.get("translations", []))


def test_the_manifest_records_the_match_settings(matched_run: tuple[Path, RunReport]) -> None:
    outdir, _ = matched_run
    manifest = RunManifest.model_validate_json((outdir / "manifest.json").read_bytes())
    assert manifest.options.match is True and manifest.options.deduplicate is True
    assert manifest.matching is not None
    assert manifest.matching["method"] == "bitext.match.match_documents"
    assert manifest.matching["duplicate_similarity"] == 0.8


def test_without_matching_every_french_item_gets_mt_pairs(
    apertium_engine: Engine, match_data: Path, tmp_path: Path
) -> None:
    outdir = tmp_path / "out"
    report = run(match_data / "items", outdir, apertium_engine, match=False)
    assert {pair.origin for pairs in pairs_by_item(outdir).values() for pair in pairs} == {"mt"}
    assert report.matching is None and set(report.pair_origins) == {"mt"}
    manifest = json.loads((outdir / "manifest.json").read_text(encoding="utf-8"))
    assert "matching" not in manifest and manifest["options"]["match"] is False


def test_without_a_cache_the_write_pass_does_not_translate_again(
    apertium_engine: Engine, match_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    translated: list[str] = []
    real = apertium_engine.translate

    def counting(texts: Sequence[str]) -> list[str]:
        translated.extend(texts)
        return real(texts)

    monkeypatch.setattr(apertium_engine, "translate", counting)
    folder = folder_of(match_data, tmp_path, ["lavande", "lavender", "apiculteurs"])
    report = run(folder, tmp_path / "out", apertium_engine, use_cache=False)
    assert report.pair_origins == {"human": 7, "mt": 6}
    assert len(translated) == len(set(translated))
    assert not list((tmp_path / "out").glob(".bitext-cache*"))


# --- bad input: a sensible result, never a crash ----------------------------------------


def test_an_english_item_claimed_by_two_french_versions_goes_to_one(
    apertium_engine: Engine, match_data: Path, tmp_path: Path
) -> None:
    folder = folder_of(match_data, tmp_path, ["pont-cyclable", "pont-cyclable-bis", "bike-bridge"])
    report = run(folder, tmp_path / "out", apertium_engine)
    origins = {doc: {p.origin for p in pairs} for doc, pairs in pairs_by_item(tmp_path / "out").items()}
    assert sorted(origins.values(), key=sorted) == [{"human"}, {"mt"}]
    assert report.matching is not None and len(report.matching.matches) == 1
    assert report.matching.unmatched == {"fr:partner_taken": 1}
    loser = next(doc for doc, kinds in origins.items() if kinds == {"mt"})
    assert "match" not in corpus_items(tmp_path / "out")[loser]


def test_two_near_identical_english_versions_give_one_match(
    apertium_engine: Engine, match_data: Path, tmp_path: Path
) -> None:
    folder = folder_of(match_data, tmp_path, ["comete", "comet", "comet-edited"])
    report = run(folder, tmp_path / "out", apertium_engine)
    assert report.matching is not None and len(report.matching.matches) == 1
    assert report.matching.matches[0].en in {"comet", "comet-edited"}
    assert [set(group) for group in report.matching.near_duplicates] == [{"comet", "comet-edited"}]
    assert report.pair_origins == {"human": len(pairs_by_item(tmp_path / "out")["comete"])}
    assert {item.id for item in report.english_items} == {"comet", "comet-edited"}


def test_a_shortened_english_version_leaves_its_french_extra_as_rejects(
    apertium_engine: Engine, match_data: Path, tmp_path: Path
) -> None:
    folder = folder_of(match_data, tmp_path, ["greve-aerienne", "air-strike-short"])
    report = run(folder, tmp_path / "out", apertium_engine)
    assert report.matching is not None and [m.en for m in report.matching.matches] == ["air-strike-short"]
    unaligned = [r for r in rejects(tmp_path / "out") if r["meta"]["reason"].startswith("unaligned")]
    assert unaligned and all(r["meta"]["origin"] == "human" for r in unaligned)
    assert all(r["align"]["type"] in {"1-0", "0-1"} for r in unaligned)
    assert report.reject_reasons["unaligned"] == len(unaligned)
    assert report.pair_origins["human"] >= 2


def test_a_loosely_told_english_story_gives_only_its_translated_sentences(
    apertium_engine: Engine, match_data: Path, tmp_path: Path
) -> None:
    folder = folder_of(match_data, tmp_path, ["marathon", "marathon-run"])
    report = run(folder, tmp_path / "out", apertium_engine)
    assert report.matching is not None and [m.en for m in report.matching.matches] == ["marathon-run"]
    kept = pairs_by_item(tmp_path / "out")["marathon"]
    assert [pair.en.split()[:2] for pair in kept] == [["Kenya's", "David"], ["Next", "year's"]]
    low = [r for r in rejects(tmp_path / "out") if r["meta"]["reason"].startswith("low score")]
    assert len(low) == 6 and all(r["align"]["score"] < HUMAN_MIN_SCORE for r in low)


@pytest.mark.parametrize(
    ("names", "origins"),
    [
        (["lavande", "apiculteurs"], {"mt"}),
        (["lavender", "dublin-library"], set()),
        (["valencia-trafico", "lavande", "lavender"], {"human"}),
    ],
    ids=["only-french", "only-english", "another-language"],
)
def test_one_sided_and_foreign_folders_run_through(
    apertium_engine: Engine, match_data: Path, tmp_path: Path, names: list[str], origins: set[str]
) -> None:
    report = run(folder_of(match_data, tmp_path, names), tmp_path / "out", apertium_engine)
    assert set(report.pair_origins) == origins
    assert report.matching is not None
    assert len(report.matching.matches) == (1 if origins == {"human"} else 0)
    assert len(report.other_items) == ("valencia-trafico" in names)


def test_the_cli_turns_matching_and_deduplication_off(match_data: Path, tmp_path: Path) -> None:
    folder = folder_of(match_data, tmp_path, ["lavender"])
    outdir = tmp_path / "out"
    arguments = ["run", str(folder), "-o", str(outdir), "-e", "apertium", "--no-review", "-q"]
    result = CliRunner().invoke(app, [*arguments, "--no-match", "--keep-duplicates"])
    assert result.exit_code == 0, result.output
    manifest = json.loads((outdir / "manifest.json").read_text(encoding="utf-8"))
    assert (manifest["options"]["match"], manifest["options"]["deduplicate"]) == (False, False)
    report = json.loads((outdir / "report.json").read_text(encoding="utf-8"))
    assert report["matching"] is None and report["duplicates"] is None


def test_mining_an_unmatched_item_replaces_the_mt_of_its_translated_sentence(
    apertium_engine: Engine, match_data: Path, tmp_path: Path
) -> None:
    folder = folder_of(match_data, tmp_path, ["marathon", "sport-briefs"])
    plain = run(folder, tmp_path / "plain", apertium_engine)
    assert plain.matching is not None and not plain.matching.matches
    assert plain.pair_origins == {"mt": 8}
    report = run(folder, tmp_path / "out", apertium_engine, mine=True)
    pairs = pairs_by_item(tmp_path / "out")["marathon"]
    mined = [pair for pair in pairs if pair.origin == "human"]
    assert [pair.id for pair in mined] == ["marathon:1:mined:sport-briefs:3"]
    assert mined[0].en.startswith("Kenya's David Kiprono won") and mined[0].engine is None
    assert [pair.bead.src for pair in pairs] == [(i,) for i in range(8)]
    assert report.pair_origins == {"human": 1, "mt": 7}
    assert report.matching is not None
    assert (report.matching.mined_items, report.matching.mined_pairs) == (1, 1)
    assert any(line.startswith("mining: 1 human pair(s)") for line in summary_lines(report))
    manifest = RunManifest.model_validate_json((tmp_path / "out" / "manifest.json").read_bytes())
    assert manifest.options.mine and manifest.matching is not None and manifest.matching["mine"] is True


def test_human_pairs_carry_the_term_statuses_of_the_human_english(
    apertium_engine: Engine, match_data: Path, tmp_path: Path
) -> None:
    glossary = tmp_path / "terms.yaml"
    glossary.write_text(
        "description: Terms of the bridge story.\n"
        "entries:\n"
        "  - {id: lachine, type: name, sources: [canal de Lachine], target: Lachine Canal}\n"
        "  - {id: footbridge, type: institution, sources: [passerelle], target: footbridge,"
        " wrong: [bridge]}\n",
        encoding="utf-8",
    )
    folder = folder_of(match_data, tmp_path, ["pont-cyclable", "bike-bridge"])
    report = run(folder, tmp_path / "out", apertium_engine, glossaries=(glossary,))
    pairs = {pair.id: pair for pair in pairs_by_item(tmp_path / "out")["pont-cyclable"]}
    assert {pair.origin for pair in pairs.values()} == {"human"}
    title, opening = pairs["pont-cyclable:0"], pairs["pont-cyclable:1"]
    assert "a cycling footbridge" in title.en and set(title.terms) == {"lachine", "footbridge"}
    assert not title.missing_terms
    assert "a bridge reserved" in opening.en
    assert opening.terms == ("lachine",) and opening.missing_terms == ("footbridge",)
    (english,) = report.english_items
    assert [hit.entry_id for hit in english.wrong] == ["footbridge", "footbridge"]


def test_human_pairs_carry_a_quality_estimate_like_mt_pairs(matched_run: tuple[Path, RunReport]) -> None:
    """Every pair of every origin, kept or rejected, has a number in ``meta.quality`` (one
    JSONL schema across runs)."""
    outdir, _ = matched_run
    pairs = [pair for pairs in pairs_by_item(outdir).values() for pair in pairs]
    assert {pair.origin for pair in pairs} == {"human", "mt"}
    assert all(pair.quality is not None and 0.0 <= pair.quality <= 1.0 for pair in pairs)
    assert all(isinstance(reject["meta"]["quality"], float) for reject in rejects(outdir))


def test_min_quality_rejects_mt_pairs_but_not_human_ones(
    apertium_engine: Engine, match_data: Path, tmp_path: Path
) -> None:
    """The estimate is fitted on machine English; human pairs answer to the alignment floor."""
    folder = folder_of(match_data, tmp_path, ["lavande", "lavender", "apiculteurs"])
    everything = run(folder, tmp_path / "all", apertium_engine)
    pairs = pairs_by_item(tmp_path / "all")
    threshold = sorted(pair.quality or 0.0 for pair in pairs["apiculteurs"])[len(pairs["apiculteurs"]) // 2]
    assert any((pair.quality or 0.0) < threshold for pair in pairs["lavande"])
    report = run(folder, tmp_path / "out", apertium_engine, min_quality=threshold)
    kept = pairs_by_item(tmp_path / "out")
    assert kept["lavande"] == pairs["lavande"]
    assert all((pair.quality or 0.0) >= threshold for pair in kept["apiculteurs"])
    low = [r for r in rejects(tmp_path / "out") if r["meta"]["reason"].startswith("low quality")]
    assert low and {r["meta"]["origin"] for r in low} == {"mt"}
    assert report.pairs == everything.pairs - len(low)


# --- the first pass keeps counts, not text -------------------------------------------------


@pytest.mark.parametrize("chunk_items", [1, 100])
def test_the_first_pass_matches_as_match_documents_and_reads_again_only_what_it_needs(
    apertium_engine: Engine, match_data: Path, tmp_path: Path, chunk_items: int
) -> None:
    """Counting chunk by chunk gives the matches of :func:`match_documents` on the whole
    texts (the same scores when one chunk holds every item; to the last bits when chunks
    interleave the vocabulary); the inputs are read again once for the aligner's contest
    (two French versions of one story) and once for the partners' sentences, which are
    all that stays."""
    names = [
        "pont-cyclable",
        "pont-cyclable-bis",
        "bike-bridge",
        "comete",
        "comet",
        "comet-edited",
        "lavande",
        "lavender",
    ]
    folder = folder_of(match_data, tmp_path, names)
    reads = []

    def documents() -> list[Document]:
        reads.append(1)
        return list(load_documents(collect_inputs([folder])))

    with open_cache(tmp_path / "cache.sqlite3") as cache:
        translator = Translator(apertium_engine, cache=cache)
        found = find_matches(documents, translator, chunk_items=chunk_items)
        assert len(reads) == 3  # the first pass, the contest, the partners
        french, english = [], []
        for done in translate_documents(documents(), translator):
            texts = tuple(sentence.text for sentence in done.document.sentences)
            if done.translation is not None:
                mt = tuple(translation.target for translation in done.translation.translations)
                french.append(MatchText(id=done.document.id, sentences=texts, translation=mt))
            elif done.document.lang == "en":
                english.append(MatchText(id=done.document.id, sentences=texts))
    expected = match_documents(french, english).matches
    assert found.summary is not None
    got = found.summary.matches
    assert sorted((m.fr, m.en) for m in got) == sorted((m.fr, m.en) for m in expected)
    assert len(expected) == 3 and {m.fr for m in expected} & {"pont-cyclable", "pont-cyclable-bis"}
    scores = {m.fr: m.score for m in expected}
    for match in got:
        assert match.score == (scores[match.fr] if chunk_items == 100 else pytest.approx(scores[match.fr]))
    assert set(found.english) == {m.en for m in expected}

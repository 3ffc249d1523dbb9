"""The review page builder: rows, term spans, safe embedding, the CLI and bad input.

The page is checked as text here; ``test_review_browser.py`` drives it in Chromium.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from review_samples import ENGLISH_ID, IMG, INJECTED_ID, MERGED_ID, SCRIPT, injected_item, write_run
from typer.testing import CliRunner, Result

from bitext.cli import app
from bitext.errors import InputError
from bitext.models import (
    Bead,
    CorpusItem,
    ReviewPair,
    RunReport,
    SegmentPair,
    TermAccuracy,
)
from bitext.review import REVIEW_NAME, write_review
from bitext.review.charts import histogram, score_bin, term_chart
from bitext.review.render import asset, csp_source, script_json
from bitext.review.rows import review_item, review_pairs, utf16_span

DATA_BLOCK = re.compile(r'<script type="application/json" id="(review-[a-z]+)">(.*?)</script>', re.DOTALL)


@pytest.fixture
def run_dir(tmp_path: Path) -> Path:
    return write_run(tmp_path / "out")


def invoke(*args: str) -> Result:
    return CliRunner().invoke(app, ["review", *args])


def page_data(html: str) -> dict[str, Any]:
    return {name: json.loads(body) for name, body in DATA_BLOCK.findall(html)}


# --- embedding and spans ---------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["</script><script>alert(1)</script>", "a & b <!-- c -->", "line\u2028separator\u2029", {"k<": [">&"]}],
)
def test_script_json_cannot_end_its_element_and_reads_back(value: Any) -> None:
    text = str(script_json(value))
    assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(text) == value


@given(st.text())
def test_script_json_is_safe_for_any_text(text: str) -> None:
    embedded = str(script_json({"fr": text}))
    assert not set(embedded) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(embedded) == {"fr": text}


@given(st.text(alphabet=st.sampled_from("aé 🇫𝄞\u2028<")), st.integers(0, 20), st.integers(0, 20))
def test_utf16_span_selects_the_same_text_in_javascript_units(text: str, first: int, second: int) -> None:
    start, end = sorted((min(first, len(text)), min(second, len(text))))
    units = text.encode("utf-16-le")
    begin, stop = utf16_span(text, (start, end))
    assert units[2 * begin : 2 * stop].decode("utf-16-le") == text[start:end]


def test_assets_cannot_close_their_own_elements() -> None:
    assert "</script" not in asset("review.js").lower()
    assert "</style" not in asset("review.css").lower()


def test_utf16_span_counts_astral_characters_twice() -> None:
    text = "🇫🇷 Le Premier ministre"
    start = text.index("Premier")
    assert utf16_span(text, (start, start + 7)) == (start + 2, start + 9)
    assert utf16_span("plain ascii", (2, 5)) == (2, 5)
    assert utf16_span("é" * 4, (1, 3)) == (1, 3)


def test_terms_are_located_on_both_sides_with_their_status() -> None:
    item = injected_item()
    rows = {row.id: row for row in review_pairs(item, 0)}
    repaired = rows[f"{INJECTED_ID}:0"].terms[0]
    pair = rows[f"{INJECTED_ID}:0"]
    assert repaired.status == "repaired"
    assert repaired.fr and pair.fr[slice(*repaired.fr)] == "ministre de la Sécurité publique"
    assert repaired.en and pair.en[slice(*repaired.en)] == "Minister of Public Security"
    missing = rows[f"{INJECTED_ID}:2"].terms[0]
    assert missing.status == "missing" and missing.en is None and missing.fr is not None
    flag = rows[f"{INJECTED_ID}:3"]
    code_points = flag.fr.index("Premier ministre")
    assert flag.terms[0].fr == (code_points + 2, code_points + 2 + len("Premier ministre"))


def test_a_term_of_the_second_sentence_of_a_merged_bead_is_shifted() -> None:
    from review_samples import ENGINE, sentences_of, term_hit

    from bitext.models import Translation

    french = ["Il part.", "Le ministre reste."]
    sentences = sentences_of("m", french)
    hit = term_hit(french[1], "ministre", "Minister", "ok")
    item = CorpusItem(
        id="m",
        path="m.txt",
        sha256="0" * 64,
        lang="fr",
        sentences=sentences,
        translations=(
            Translation(segment_id="m:0", source=french[0], target="He leaves.", engine=ENGINE),
            Translation(segment_id="m:1", source=french[1], target="", engine=ENGINE, terms=(hit,)),
        ),
        pairs=(
            SegmentPair(
                id="m:0",
                doc_id="m",
                fr=" ".join(french),
                en="He leaves, the Minister stays.",
                bead=Bead(src=(0, 1), tgt=(0,), score=0.8),
            ),
        ),
    )
    (row,) = review_pairs(item, 3)
    term = row.terms[0]
    assert row.item == 3 and row.bead == "2-1" and row.origin == "human"
    assert term.fr and row.fr[slice(*term.fr)] == "ministre" and term.fr[0] == len(french[0]) + 4
    assert term.en and row.en[slice(*term.en)] == "Minister"


def test_rejected_pairs_come_after_kept_ones_with_their_reason() -> None:
    rows = list(review_pairs(injected_item(), 0))
    assert [row.rejected is not None for row in rows] == [False, False, False, False, True]
    assert rows[-1].rejected == "unaligned: French without English (1-0 bead)" and rows[-1].bead == "1-0"
    assert all(row.origin == "mt" and row.quality is None for row in rows)


def test_item_summary_keeps_changes_and_counts() -> None:
    summary = review_item(injected_item())
    assert (summary.pairs, summary.rejected, summary.sentences) == (4, 1, 5)
    assert [change.kind for change in summary.changes] == ["glued_words", "duplicate_paragraph"]


# --- charts ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("score", "expected"), [(0.0, 0), (0.05, 0), (0.5, 5), (0.99, 9), (1.0, 9), (-0.2, 0)]
)
def test_score_bins_cover_the_unit_interval(score: float, expected: int) -> None:
    assert score_bin(score) == expected


def test_histogram_scales_to_its_peak_and_colours_by_score() -> None:
    chart = histogram("Alignment score", [4, 0, 0, 0, 0, 2, 0, 0, 1, 0])
    assert [bar.share for bar in chart.bars][:6] == [1.0, 0.0, 0.0, 0.0, 0.0, 0.5]
    assert chart.bars[0].tone == "low" and chart.bars[5].tone == "mid" and chart.bars[8].tone == "high"
    assert chart.caption == "7 pairs"


def test_term_chart_shows_the_worst_translated_items_first() -> None:
    items = [
        review_item(injected_item()).model_copy(
            update={"id": name, "terms": TermAccuracy(found=4, canonical=ok)}
        )
        for name, ok in [("good", 4), ("bad", 1), ("middling", 3)]
    ]
    english = items[0].model_copy(
        update={"id": "english", "lang": "en", "terms": TermAccuracy(found=2, canonical=0)}
    )
    chart = term_chart([*items, english], limit=2)
    assert [bar.label for bar in chart.bars] == ["bad", "middling"]
    assert chart.caption == "the 2 worst of 3 translated items"


# --- the page ------------------------------------------------------------------------------


def test_page_is_self_contained_and_embeds_every_pair_once(run_dir: Path) -> None:
    summary = write_review(run_dir)
    html = (run_dir / REVIEW_NAME).read_text(encoding="utf-8")
    assert summary.path == str(run_dir / REVIEW_NAME) and summary.size_bytes == len(html.encode("utf-8"))
    assert (summary.items, summary.pairs) == (3, 6)
    markup = DATA_BLOCK.sub("", html)
    assert not re.search(r"https?://|<link|<iframe|<img|\bsrc=|\bhref=", markup)
    data = page_data(html)
    pairs = [ReviewPair.model_validate(row) for row in data["review-pairs"]]
    assert len(pairs) == 6 and len({pair.id for pair in pairs}) == 6
    assert [item["id"] for item in data["review-run"]["items"]] == [INJECTED_ID, MERGED_ID, ENGLISH_ID]


def test_injection_strings_reach_the_page_only_as_escaped_text(run_dir: Path) -> None:
    write_review(run_dir)
    html = (run_dir / REVIEW_NAME).read_text(encoding="utf-8")
    markup = DATA_BLOCK.sub("", html)
    assert SCRIPT not in html and IMG not in html and "<i>x" not in html
    assert "\\u003cscript\\u003ealert(1)" in html and "\\u003cscript" not in markup
    assert markup.count("<script") == 1  # the page's own script; the data blocks were taken out
    assert "&lt;i&gt;x&lt;/i&gt;" in markup  # the item id in the term chart, escaped by Jinja
    data = page_data(html)
    assert data["review-run"]["items"][0]["title"] == f"{SCRIPT} Titre"
    assert any(row["fr"].startswith(IMG) for row in data["review-pairs"])


def test_content_security_policy_allows_only_the_inline_assets(run_dir: Path) -> None:
    write_review(run_dir)
    html = (run_dir / REVIEW_NAME).read_text(encoding="utf-8")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert policy is not None
    assert policy.group(1) == (
        f"default-src 'none'; style-src {csp_source(asset('review.css'))}; "
        f"script-src {csp_source(asset('review.js'))}"
    ).replace("'", "&#39;")
    assert f"<script>{asset('review.js')}</script>" in html


def test_cli_writes_the_page_elsewhere_and_reports_json(run_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    result = invoke(str(run_dir), "-o", str(target), "--json")
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["path"] == str(target) and target.is_file()
    assert summary["attention"] == {
        "low_score": 1,
        "missing_terms": 1,
        "rejected": 1,
        "repaired_terms": 1,
        "wrong_english_terms": 1,
    }
    assert "review page:" in result.stderr and "1 scoring below 0.5, 1 missing a term" in result.stderr
    assert not (run_dir / REVIEW_NAME).exists()
    quiet = invoke(str(run_dir), "-q")
    assert quiet.exit_code == 0 and quiet.stderr == "" and (run_dir / REVIEW_NAME).is_file()


def test_report_json_reads_back_through_its_model(run_dir: Path) -> None:
    # Regression: TermAccuracy dumps its computed ``accuracy``, which extra="forbid" refused.
    report = RunReport.model_validate_json((run_dir / "report.json").read_bytes())
    assert report.term_accuracy == TermAccuracy(found=4, canonical=3, repaired=1)
    assert report.english_items[0].accuracy.accuracy == 0.0


# --- bad input: a clear error with the file, the README's exit code, never a traceback -------


def corrupt_corpus(outdir: Path) -> None:
    text = (outdir / "corpus.json").read_text(encoding="utf-8")
    (outdir / "corpus.json").write_text(text[: len(text) // 2], encoding="utf-8")


def bad_item(outdir: Path) -> None:
    path = outdir / "corpus.json"
    path.write_text(
        path.read_text(encoding="utf-8").replace('"lang": "fr"', '"lang": 5', 1), encoding="utf-8"
    )


def running(outdir: Path) -> None:
    path = outdir / "manifest.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"complete"', '"running"'), encoding="utf-8")


def broken_manifest(outdir: Path) -> None:
    (outdir / "manifest.json").write_text('{\n  "run_key": "x",\n  oops\n}\n', encoding="utf-8")


@pytest.mark.parametrize(
    ("spoil", "code", "file", "message"),
    [
        (lambda out: (out / "corpus.json").unlink(), 65, "corpus.json", "json among --formats"),
        (corrupt_corpus, 65, "corpus.json", "not a bitext corpus.json"),
        (bad_item, 65, "corpus.json", "item 0: not a bitext corpus item: lang"),
        (lambda out: (out / "report.json").unlink(), 65, "report.json", "missing"),
        (lambda out: (out / "report.json").write_text("[]"), 65, "report.json", "not a bitext run report"),
        (broken_manifest, 65, "manifest.json:3", "not a bitext manifest"),
        (running, 65, "manifest.json", "has not finished"),
        (lambda out: (out / "manifest.json").unlink(), 2, "out", "not the output folder of a bitext run"),
    ],
    ids=[
        "no-corpus",
        "corrupt-corpus",
        "bad-item",
        "no-report",
        "bad-report",
        "bad-manifest",
        "running",
        "no-manifest",
    ],
)
def test_bad_outdir_is_refused_with_the_file_and_exit_code(
    run_dir: Path, spoil: Any, code: int, file: str, message: str
) -> None:
    spoil(run_dir)
    result = invoke(str(run_dir))
    assert result.exit_code == code, result.output
    assert file in result.stderr and message in result.stderr, result.stderr
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)
    assert not (run_dir / REVIEW_NAME).exists()


@pytest.mark.parametrize(
    ("target", "message"),
    [("missing-folder/page.html", "does not exist"), (".", "is a folder")],
)
def test_bad_output_path_exits_2(run_dir: Path, target: str, message: str) -> None:
    result = invoke(str(run_dir), "-o", str(run_dir / target))
    assert result.exit_code == 2 and message in result.stderr


def test_missing_outdir_or_a_file_exits_2(tmp_path: Path) -> None:
    assert invoke(str(tmp_path / "nowhere")).exit_code == 2
    (tmp_path / "file.txt").write_text("x")
    result = invoke(str(tmp_path / "file.txt"))
    assert result.exit_code == 2 and "not a folder" in result.stderr


def test_a_failed_write_keeps_the_previous_page(run_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_review(run_dir)
    before = (run_dir / REVIEW_NAME).read_bytes()

    def broken(rows: Any) -> Any:
        yield from ()
        raise InputError("disk trouble")

    monkeypatch.setattr("bitext.review.render._joined", broken)
    with pytest.raises(InputError):
        write_review(run_dir)
    assert (run_dir / REVIEW_NAME).read_bytes() == before
    assert not list(run_dir.glob(f".{REVIEW_NAME}.*"))


# --- a real run ---------------------------------------------------------------------------


def test_review_of_a_real_apertium_run(seed_review_run: tuple[Path, RunReport], tmp_path: Path) -> None:
    outdir, report = seed_review_run
    summary = write_review(outdir, tmp_path / "seeds.html")
    data = page_data((tmp_path / "seeds.html").read_text(encoding="utf-8"))
    pairs = [ReviewPair.model_validate(row) for row in data["review-pairs"]]
    assert summary.pairs == len(pairs) == report.pairs + report.rejected > 0
    terms = [term for pair in pairs for term in pair.terms]
    assert report.term_accuracy is not None and len(terms) == report.term_accuracy.found
    placed = [(pair, term) for pair in pairs for term in pair.terms if term.fr and term.en]
    assert placed, "no term located on both sides"
    for pair, term in placed:
        assert pair.fr[slice(*term.fr)] == term.source
        assert pair.en[slice(*term.en)] == term.target


def test_review_is_refused_while_a_run_holds_the_folder(
    run_dir: Path, tmp_path: Path, lock_held_elsewhere: Callable[[Path], int]
) -> None:
    """Regression (hardening 4): review read OUTDIR while a run was replacing its files."""
    pid = lock_held_elsewhere(run_dir)
    for args in ([str(run_dir)], [str(run_dir), "-o", str(tmp_path / "page.html")]):
        result = invoke(*args)
        assert result.exit_code == 2, result.output
        assert f"in use by another bitext process (pid {pid})" in result.stderr
    assert not (run_dir / REVIEW_NAME).exists() and not (tmp_path / "page.html").exists()


def test_rows_show_each_pair_s_quality_estimate() -> None:
    item = injected_item()
    scored = tuple(pair.model_copy(update={"quality": 0.1 * (i + 1)}) for i, pair in enumerate(item.pairs))
    rows = list(review_pairs(item.model_copy(update={"pairs": scored}), 0))
    assert [row.quality for row in rows[: len(scored)]] == [pair.quality for pair in scored]

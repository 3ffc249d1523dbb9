"""The review page at scale: build time, page size, time to interactive and to a filter, in Chromium.

Writes a synthetic finished run of N pairs (default 10,000; 20 pairs per item, glossary
terms ok / repaired / missing, some 2-1 beads and rejected pairs) with bitext's own
exporters, builds ``review.html`` from it (``write_review``), and opens it from disk in
Debian's headless Chromium through playwright, a fresh page per load.

* ``load_ms``: from navigation to the load event and two animation frames later, the page
  drawn with its first page of pairs (median of the loads); ``ready_ms`` is the page's own
  ``review-ready`` mark (data parsed and first page drawn).
* ``build_s``: ``write_review`` wall time (its CPU time is printed too: on a loaded
  machine the wall time mostly measures the other processes).
* ``filter_ms``: median over filter changes (item, term status, score limit, sort, kept
  only, free-text search), from setting the control until two frames later (drawn), in the page.
* Baseline, same run, same browser: the same pairs as a plain static HTML table (escaped
  text, no script, nothing lazy), the page a simple exporter would write; its
  ``static_load_ms`` is measured as ``load_ms``. ``load_vs_static`` below 1 means the
  review page is ready sooner than a plain dump of the same pairs.

Last line: ``review_pairs=N load_ms=… filter_ms=… size_kb=… static_load_ms=… load_vs_static=…``.

Usage: python bench/review_page.py [--pairs N] [--loads K] [--quick]
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from bitext.models import (
    Bead,
    CorpusItem,
    EngineInfo,
    RejectedPair,
    SegmentPair,
    Sentence,
    TermHit,
    TermStatus,
    Translation,
)
from bitext.textio import atomic_write

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the synthetic run writer is test support, not part of bitext
WORK = ROOT / "bench" / "_work" / "review_page"
ENGINE = EngineInfo(name="synthetic", model="fr-en", model_version="1")
PER_ITEM = 20
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
TERMS = [
    ("ministère de la Sécurité publique", "Ministry of Public Security", "Ministry of Public Safety"),
    ("vice-ministre", "Deputy Minister", "Vice Minister"),
    ("Assemblée nationale", "National Assembly", "National Meeting"),
    ("Premier ministre", "Prime Minister", "First Minister"),
    ("ministère des Affaires étrangères", "Ministry of Foreign Affairs", "Ministry of Foreign Things"),
]
FRENCH_TEXT = (
    "la délégation a rencontré les représentants pour évoquer une coopération renforcée dans les domaines "
    "de la sécurité, de l'éducation et de la santé publique ainsi que des échanges économiques durables"
)
ENGLISH_TEXT = (
    "the delegation met the representatives to discuss a stronger cooperation in the fields of security "
    "education and public health as well as lasting economic exchanges"
)


def sentence_pair(rng: random.Random) -> tuple[str, str, tuple[TermHit, ...]]:
    """A French sentence, its English and its glossary hits (0–2 terms)."""
    french = " ".join(rng.choices(FRENCH_TEXT.split(), k=rng.randint(12, 30)))
    english = " ".join(rng.choices(ENGLISH_TEXT.split(), k=rng.randint(12, 30)))
    hits = []
    for source, target, wrong in rng.sample(TERMS, k=rng.choice((0, 1, 1, 2))):
        status: TermStatus = rng.choices(("ok", "repaired", "missing"), weights=(7, 2, 1))[0]
        start = len(french) + 1
        french = f"{french} {source}"
        english = f"{english} {wrong if status == 'missing' else target}"
        hits.append(
            TermHit(
                entry_id=target.lower().replace(" ", "-"),
                start=start,
                end=start + len(source),
                source=source,
                target=target,
                status=status,
            )
        )
    return french[0].upper() + french[1:] + ".", english[0].upper() + english[1:] + ".", tuple(hits)


def synthetic_item(rng: random.Random, number: int, pairs: int) -> CorpusItem:
    """One French item with ``pairs`` pairs: mostly 1-1, a few 2-1, about 1 % rejected."""
    doc_id = f"{number:05d}_synthetic"
    texts = [sentence_pair(rng) for _ in range(pairs + pairs // 10)]
    sentences, translations, start = [], [], 0
    for index, (french, english, hits) in enumerate(texts):
        segment = f"{doc_id}:{index}"
        sentences.append(
            Sentence(id=segment, index=index, text=french, start=start, end=start + len(french), paragraph=0)
        )
        translations.append(
            Translation(segment_id=segment, source=french, target=english, engine=ENGINE, terms=hits)
        )
        start += len(french) + 1
    kept, rejected, cursor = [], [], 0
    for index in range(pairs):
        src = (cursor, cursor + 1) if index % 10 == 9 else (cursor,)
        cursor += len(src)
        hits = [hit for i in src for hit in texts[i][2]]
        score = round(min(1.0, max(0.0, rng.betavariate(6, 1.6))), 4)
        pair = SegmentPair(
            id=f"{doc_id}:{index}",
            doc_id=doc_id,
            fr=" ".join(texts[i][0] for i in src),
            en=" ".join(texts[i][1] for i in src) if rng.random() > 0.01 else "",
            bead=Bead(src=src, tgt=(src[0],), score=score),
            engine=ENGINE.label(),
            terms=tuple(hit.entry_id for hit in hits if hit.status != "missing"),
            missing_terms=tuple(hit.entry_id for hit in hits if hit.status == "missing"),
        )
        if pair.en:
            kept.append(pair)
        else:
            unaligned = pair.model_copy(update={"bead": Bead(src=src, tgt=(), score=0.0)})
            rejected.append(
                RejectedPair(pair=unaligned, reason="unaligned: French without English (1-0 bead)")
            )
    return CorpusItem(
        id=doc_id,
        path=f"/synthetic/{doc_id}.txt",
        sha256="0" * 64,
        lang="fr",
        title=f"Dépêche synthétique numéro {number}",
        sentences=tuple(sentences),
        translations=tuple(translations),
        pairs=tuple(kept),
        rejected=tuple(rejected),
    )


def write_synthetic_run(outdir: Path, pairs: int) -> None:
    """A finished run of ``pairs`` pairs in ``outdir``, written as ``bitext run`` writes one."""
    from review_samples import write_run

    from bitext.glossary import term_accuracy

    shutil.rmtree(outdir, ignore_errors=True)
    rng = random.Random(12)
    items = (
        synthetic_item(rng, number, min(PER_ITEM, pairs - start))
        for number, start in enumerate(range(0, pairs, PER_ITEM))
    )
    write_run(
        outdir,
        (item.model_copy(update={"terms": term_accuracy(item.translations)}) for item in items),
        created="20261201T000000Z",
    )


def write_static_table(outdir: Path, path: Path) -> None:
    """The baseline: every pair of the run as rows of one static, escaped HTML table."""
    from markupsafe import escape

    from bitext.review.reader import read_items

    with atomic_write(path) as out:
        out.write(
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>pairs</title></head><body>'
        )
        out.write("<table><tr><th>id</th><th>score</th><th>fr</th><th>en</th></tr>")
        for item in read_items(outdir, ENGINE):
            for pair in item.pairs:
                out.write(
                    f"<tr><td>{escape(pair.id)}</td><td>{pair.bead.score:.2f}</td>"
                    f"<td>{escape(pair.fr)}</td><td>{escape(pair.en)}</td></tr>"
                )
        out.write("</table></body></html>")


READY_MARK = "() => performance.getEntriesByName('review-ready').map(mark => mark.startTime)[0] ?? null"


def time_load(browser: Any, path: Path) -> tuple[float, float | None]:
    """Milliseconds to the load event and the next frame; the page's ``review-ready`` mark if any."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    began = time.perf_counter()
    page.goto(path.resolve().as_uri(), wait_until="load", timeout=120_000)
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    elapsed = (time.perf_counter() - began) * 1000
    ready = page.evaluate(READY_MARK)
    page.close()
    if errors:
        raise SystemExit(f"the page raised: {errors[0]}")
    return elapsed, ready


FILTERS = [
    ("#f-term-status", "missing"),
    ("#f-term-status", ""),
    ("#f-max-score", "0.5"),
    ("#f-max-score", ""),
    ("#f-sort", "item"),
    ("#f-sort", "score-asc"),
    ("#f-show", "kept"),
    ("#f-show", "all"),
    ("#f-item", "7"),
    ("#f-item", ""),
    ("#f-search", "sécurité publique"),
    ("#f-search", ""),
]
APPLY = """([selector, value]) => new Promise(done => {
  const control = document.querySelector(selector);
  const began = performance.now();
  control.value = value;
  control.dispatchEvent(new Event(control.tagName === 'SELECT' ? 'change' : 'input'));
  const measure = () => done(performance.now() - began);
  const settle = () => requestAnimationFrame(() => requestAnimationFrame(measure));
  if (selector === '#f-search') { setTimeout(settle, 0); } else { settle(); }
})"""


def time_filters(browser: Any, path: Path, rounds: int) -> tuple[list[float], float]:
    """Milliseconds per filter change (search excludes its typing delay); first search alone."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(path.resolve().as_uri(), wait_until="load", timeout=120_000)
    page.evaluate("() => { window.setTimeout = (run) => { run(); return 0; }; }")  # no typing delay
    timings, first_search = [], 0.0
    for round_number in range(rounds):
        for selector, value in FILTERS:
            elapsed = page.evaluate(APPLY, [selector, value])
            if selector == "#f-search" and value and round_number == 0:
                first_search = elapsed
            timings.append(elapsed)
    page.close()
    return timings, first_search


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=10_000)
    parser.add_argument("--loads", type=int, default=5, help="page loads to take the median of")
    parser.add_argument("--quick", action="store_true", help="2,000 pairs, 2 loads")
    args = parser.parse_args()
    pairs, loads = (2_000, 2) if args.quick else (args.pairs, args.loads)
    chromium = shutil.which("chromium")
    if chromium is None:
        raise SystemExit("Debian's chromium is not installed (scripts/setup.sh --test installs it)")
    from playwright.sync_api import sync_playwright

    from bitext.review import write_review

    outdir = WORK / f"run-{pairs}"
    began = time.perf_counter()
    write_synthetic_run(outdir, pairs)
    print(f"synthetic run: {pairs} pairs in {outdir} ({time.perf_counter() - began:.1f} s)")
    began, cpu_began = time.perf_counter(), time.process_time()
    summary = write_review(outdir)
    build_s, build_cpu_s = time.perf_counter() - began, time.process_time() - cpu_began
    static = outdir / "static.html"
    write_static_table(outdir, static)
    size_kb = summary.size_bytes / 1024
    static_kb = static.stat().st_size / 1024
    print(
        f"review.html: {size_kb:.0f} KiB built in {build_s:.2f} s ({build_cpu_s:.2f} s CPU); "
        f"static table: {static_kb:.0f} KiB"
    )

    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS, headless=True)
        time_load(browser, static)  # warm the browser up
        page_loads = [time_load(browser, Path(summary.path)) for _ in range(loads)]
        static_loads = [time_load(browser, static)[0] for _ in range(loads)]
        filters, first_search = time_filters(browser, Path(summary.path), rounds=max(2, loads))
        browser.close()
    load_ms = statistics.median(elapsed for elapsed, _ in page_loads)
    ready_ms = statistics.median(ready or 0.0 for _, ready in page_loads)
    static_ms = statistics.median(static_loads)
    filter_ms = statistics.median(filters)
    rounded = [round(elapsed) for elapsed, _ in page_loads]
    print(f"review page loads (ms): {rounded}; ready mark {ready_ms:.0f} ms")
    print(f"static table loads (ms): {[round(elapsed) for elapsed in static_loads]}")
    print(
        f"filter changes: median {filter_ms:.1f} ms, max {max(filters):.1f} ms over {len(filters)}; "
        f"first free-text search {first_search:.1f} ms (folds every pair once)"
    )
    print(
        f"review_pairs={pairs} load_ms={load_ms:.0f} filter_ms={filter_ms:.1f} size_kb={size_kb:.0f} "
        f"build_s={build_s:.2f} ready_ms={ready_ms:.0f} static_load_ms={static_ms:.0f} "
        f"load_vs_static={load_ms / static_ms:.2f}"
    )


if __name__ == "__main__":
    main()

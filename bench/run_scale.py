"""Scale of ``bitext run``: items per second and peak memory on a large synthetic folder.

Builds a folder of N news items (default 10,000; 80 % French, 20 % English) from the
1,000 newstest2014 segments in ``../shared/mt-dev`` (each item: a title and three
paragraphs of segments picked in rotation), then runs ``bitext run`` on N/10 and on N
items, each in its own process, with Apertium and the project glossary.

Items reuse the same 1,000 French segments, so after the first chunks the translation
cache answers: this measures the pipeline (ingest, segmentation, glossary, alignment,
export, cache), not the engine. Baselines measured in the same run:

* engine: Apertium alone translating the distinct French sentences once
  (``translate_texts`` without cache), the irreducible translation cost;
* memory: the N/10-item run; ``rss_ratio`` near 1 means memory is flat in N.

Last line: ``items_per_s=X peak_rss_mb=Y rss_ratio=Z pipeline_vs_engine=W``.

Usage: python bench/run_scale.py [--items N] [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MT_DEV = ROOT.parent / "shared" / "mt-dev" / "newstest2014_fr_en"
WORK = ROOT / "bench" / "_work" / "run_scale"


def build_items(folder: Path, count: int) -> None:
    """Write ``count`` items into ``folder`` (replaced if present)."""
    french = (MT_DEV / "dev.fr").read_text(encoding="utf-8").splitlines()
    english = (MT_DEV / "dev.en").read_text(encoding="utf-8").splitlines()
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for number in range(count):
        lines = english if number % 5 == 4 else french
        start = (number * 7) % len(lines)
        picked = [lines[(start + k) % len(lines)] for k in range(7)]
        text = picked[0] + "\n\n" + "\n\n".join(" ".join(picked[i : i + 2]) for i in (1, 3, 5)) + "\n"
        (folder / f"{number:05d}.txt").write_text(text, encoding="utf-8")


def run_bitext(folder: Path, outdir: Path) -> tuple[float, float, dict[str, object]]:
    """Run ``bitext run`` in a child process; return (seconds, peak RSS in MB, report)."""
    shutil.rmtree(outdir, ignore_errors=True)
    command = [sys.executable, "-m", "bitext", "run", str(folder), "-o", str(outdir)]
    command += ["--engine", "apertium", "--formats", "tmx,jsonl,json", "--quiet", "--json"]
    stdout = outdir.with_suffix(".json")
    began = time.perf_counter()
    with stdout.open("wb") as handle:
        process = subprocess.Popen(command, stdout=handle)
        _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - began
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"bitext run failed with exit code {code}")
    return seconds, usage.ru_maxrss / 1024, json.loads(stdout.read_text(encoding="utf-8"))


def engine_baseline(folder: Path) -> tuple[float, int]:
    """Seconds for Apertium alone on the folder's distinct French sentences."""
    from bitext.ingest import collect_inputs, load_documents
    from bitext.translate import get_engine
    from bitext.translate.runner import translate_texts

    sentences = {
        sentence.text
        for document in load_documents(collect_inputs([folder]))
        if document.lang == "fr"
        for sentence in document.sentences
    }
    began = time.perf_counter()
    translate_texts(get_engine("apertium"), sorted(sentences))
    return time.perf_counter() - began, len(sentences)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--quick", action="store_true", help="1,000 items")
    args = parser.parse_args()
    count = 1_000 if args.quick else args.items
    small_count = max(count // 10, 1)

    folder, small_folder = WORK / f"items-{count}", WORK / f"items-{small_count}"
    build_items(folder, count)
    build_items(small_folder, small_count)
    engine_seconds, distinct = engine_baseline(folder)
    print(f"engine baseline: apertium on {distinct} distinct French sentences: {engine_seconds:.1f} s")

    small_seconds, small_rss, _ = run_bitext(small_folder, WORK / f"out-{small_count}")
    print(f"bitext run, {small_count} items: {small_seconds:.1f} s, peak RSS {small_rss:.0f} MB")
    seconds, rss, report = run_bitext(folder, WORK / f"out-{count}")
    sentences = sum(report["sentences"].values())  # type: ignore[attr-defined]
    print(
        f"bitext run, {count} items: {seconds:.1f} s, peak RSS {rss:.0f} MB, "
        f"{sentences} sentences, {report['pairs']} pairs, {report['cached_sentences']} sentences from cache"
    )
    print(f"timings (s): {report['timings']}")
    print(
        f"items_per_s={count / seconds:.1f} peak_rss_mb={rss:.0f} rss_ratio={rss / small_rss:.2f} "
        f"pipeline_vs_engine={seconds / engine_seconds:.2f}"
    )


if __name__ == "__main__":
    main()

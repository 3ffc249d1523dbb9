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
* memory: the N/10-item run; ``rss_ratio`` near 1 means memory is flat in N;
* speed: the same N-item run with the ``bitext/`` package (and glossary) of git
  ``--baseline-ref`` (extracted with ``git archive``), so a speed-up is a ratio measured
  here. The default is issue 11's starting point, :data:`BASELINE_REF`, the code before
  any ingest speed work (as in ``bench/ingest_speed.py``); ``--no-baseline`` skips it.

``--one-core`` pins every ``bitext run`` (and the Apertium processes it starts) to one
core, for per-core figures.

Last line: ``items_per_s=X peak_rss_mb=Y rss_ratio=Z pipeline_vs_engine=W``, followed by
`` baseline_items_per_s=B speedup=S`` unless ``--no-baseline``.

Usage: python bench/run_scale.py [--items N] [--quick] [--one-core] [--baseline-ref REF | --no-baseline]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# shared/ sits beside the checkout, or beside the folder of the worktrees.
_PLACES = (ROOT.parent, ROOT.parent.parent)
SHARED = next((place / "shared" for place in _PLACES if (place / "shared").is_dir()), ROOT.parent / "shared")
MT_DEV = SHARED / "mt-dev" / "newstest2014_fr_en"
WORK = ROOT / "bench" / "_work" / "run_scale"
BASELINE_REF = "eee054c"
"""Issue 11's starting point: the commit that pinned ingest's results before any speed work."""


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


def run_bitext(
    folder: Path,
    outdir: Path,
    *,
    tree: Path | None = None,
    one_core: bool = False,
    extra: tuple[str, ...] = (),
) -> tuple[float, float, dict[str, object]]:
    """Run ``bitext run`` in a child process; return (seconds, peak RSS in MB, report).

    Args:
        tree: A folder holding another ``bitext/`` package to run instead of this one.
        one_core: Pin the child (and what it starts) to one core.
        extra: More ``bitext run`` options.
    """
    shutil.rmtree(outdir, ignore_errors=True)
    command = [sys.executable, "-m", "bitext", "run", str(folder.resolve()), "-o", str(outdir.resolve())]
    command += ["--engine", "apertium", "--formats", "tmx,jsonl,json", "--quiet", "--json", *extra]
    environment = {**os.environ, "PYTHONPATH": str(tree or ROOT)}
    core = min(os.sched_getaffinity(0))
    pin = (lambda: os.sched_setaffinity(0, {core})) if one_core else None
    stdout = outdir.with_suffix(".json")
    began = time.perf_counter()
    with stdout.open("wb") as handle, tempfile.TemporaryDirectory() as elsewhere:
        process = subprocess.Popen(command, stdout=handle, cwd=elsewhere, env=environment, preexec_fn=pin)
        _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - began
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"bitext run failed with exit code {code}")
    return seconds, usage.ru_maxrss / 1024, json.loads(stdout.read_text(encoding="utf-8"))


def baseline_tree(ref: str) -> Path:
    """``bitext/`` and the project glossary as of git ``ref``, extracted under the work folder."""
    into = WORK / "baseline"
    shutil.rmtree(into, ignore_errors=True)
    into.mkdir(parents=True)
    command = ["git", "-C", str(ROOT), "archive", ref, "bitext", "glossary"]
    archive = subprocess.run(command, capture_output=True, check=False)
    if archive.returncode != 0:
        raise SystemExit(f"cannot read the baseline {ref!r} from git: {archive.stderr.decode().strip()}")
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)
    return into


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
    parser.add_argument("--one-core", action="store_true", help="pin each bitext run to one core")
    parser.add_argument(
        "--baseline-ref", default=BASELINE_REF, help=f"git ref of the baseline (default {BASELINE_REF})"
    )
    parser.add_argument("--no-baseline", action="store_true", help="skip the baseline run")
    args = parser.parse_args()
    count = 1_000 if args.quick else args.items
    small_count = max(count // 10, 1)

    folder, small_folder = WORK / f"items-{count}", WORK / f"items-{small_count}"
    build_items(folder, count)
    build_items(small_folder, small_count)
    engine_seconds, distinct = engine_baseline(folder)
    print(f"engine baseline: apertium on {distinct} distinct French sentences: {engine_seconds:.1f} s")

    pinned = {"one_core": args.one_core}
    small_seconds, small_rss, _ = run_bitext(small_folder, WORK / f"out-{small_count}", **pinned)
    print(f"bitext run, {small_count} items: {small_seconds:.1f} s, peak RSS {small_rss:.0f} MB")
    seconds, rss, report = run_bitext(folder, WORK / f"out-{count}", **pinned)
    sentences = sum(report["sentences"].values())  # type: ignore[attr-defined]
    print(
        f"bitext run, {count} items: {seconds:.1f} s, peak RSS {rss:.0f} MB, "
        f"{sentences} sentences, {report['pairs']} pairs, {report['cached_sentences']} sentences from cache"
    )
    print(f"timings (s): {report['timings']}")
    last = (
        f"items_per_s={count / seconds:.1f} peak_rss_mb={rss:.0f} rss_ratio={rss / small_rss:.2f} "
        f"pipeline_vs_engine={seconds / engine_seconds:.2f}"
    )
    if not args.no_baseline:
        base_seconds, _, base_report = run_bitext(
            folder, WORK / f"base-{count}", tree=baseline_tree(args.baseline_ref), **pinned
        )
        print(f"baseline bitext/ at {args.baseline_ref}, {count} items: {base_seconds:.1f} s")
        print(f"baseline timings (s): {base_report['timings']}")
        last += f" baseline_items_per_s={count / base_seconds:.1f} speedup={base_seconds / seconds:.2f}"
    print(last)


if __name__ == "__main__":
    main()

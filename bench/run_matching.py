"""What matching and deduplication cost a ``bitext run``: time and peak memory against a run without them.

Uses the synthetic folder of ``bench/run_scale.py`` (80 % French, 20 % English items from
the newstest2014 segments of ``../shared/mt-dev``, segments in rotation; its English
items are English segments of the same set, so some English items share sentences with
French ones without translating them). Three ``bitext run`` processes on the same
items, each with a fresh OUTDIR and its own cache: the baseline with ``--no-match
--keep-duplicates`` (the run as before matching existed, its best settings), then
``--keep-duplicates`` (matching only), then the defaults (matching and deduplication).
Matching's first pass translates into the cache and keeps its documents for the write
pass, so the write pass neither translates nor ingests again: its cost is the matcher
and the alignment of the matched items.

Last line: ``match_overhead=R dedup_overhead=D match_rss_ratio=M matched=K duplicates=U``
(overheads are time ratios against the baseline; ``dedup_overhead`` compares the
defaults with matching only).
Usage: ``python bench/run_matching.py [--items N] [--quick]`` (``--quick``: 300 items; default 1,000).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run_scale import WORK, build_items, run_bitext


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=1_000)
    parser.add_argument("--quick", action="store_true", help="300 items")
    args = parser.parse_args()
    count = 300 if args.quick else args.items
    folder = WORK / f"items-{count}"
    build_items(folder, count)
    runs = {
        "baseline (--no-match --keep-duplicates)": ("--no-match", "--keep-duplicates"),
        "matching (--keep-duplicates)": ("--keep-duplicates",),
        "matching and deduplication (defaults)": (),
    }
    results = []
    for index, (name, extra) in enumerate(runs.items()):
        seconds, rss, report = run_bitext(folder, WORK / f"matching-{count}-{index}", extra=extra)
        results.append((seconds, rss, report))
        matching = report.get("matching") or {}
        duplicates = report.get("duplicates") or {}
        matched = len(matching.get("matches", ())) if isinstance(matching, dict) else 0
        print(
            f"{name}: {seconds:.1f} s, peak RSS {rss:.0f} MB, {report['pairs']} pairs "
            f"({report['pair_origins']}), matched items {matched}, duplicates {duplicates}"
        )
        print(f"  timings (s): {report['timings']}")
    (base, base_rss, _), (match, match_rss, matched_report), (both, _, both_report) = results
    matching = matched_report.get("matching") or {}
    duplicates = both_report.get("duplicates") or {}
    matched = len(matching.get("matches", ())) if isinstance(matching, dict) else 0
    dropped = duplicates.get("exact", 0) + duplicates.get("near", 0) if isinstance(duplicates, dict) else 0
    print(
        f"match_overhead={match / base:.2f} dedup_overhead={both / match:.2f} "
        f"match_rss_ratio={match_rss / base_rss:.2f} matched={matched} duplicates={dropped}"
    )


if __name__ == "__main__":
    main()

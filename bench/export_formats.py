"""Export formats: write and read-back speed and file size per format, and ``import-xliff``'s cost.

N pairs (default 100,000; ``--quick`` 10,000) cycle through the 1,000 newstest2014 fr/en
segment pairs in ``../shared/mt-dev`` (read only as text; nothing is fitted), each made
unique by its number (so Parquet's dictionary encoding cannot fold repeats), 20 pairs
per document, a glossary id on every 7th pair, ids unique. Every format writes the same
pairs through bitext's own writer and, where it has one, reads them back through its
reader (after a warm-up, so importing pyarrow or lxml is not counted). Baseline in the
same run: JSONL, the run's line format, with the same writer settings a run uses;
``ratio`` is a format's time over JSONL's (above 1 is slower).

``import-xliff``: a run folder holding ``corpus.json``, ``.jsonl``, ``.tmx``, ``.xlf`` and
``.parquet`` and a complete manifest; 10 % of the XLIFF targets are changed with lxml,
then :func:`bitext.export.postedit.import_xliff` checks every unit and rewrites all five
files. Baseline: writing those five files once from the pairs in memory (the import
also reads the corpus and the XLIFF and keeps the memory, so a ratio of 2-4 is expected).

Last line: ``export_pairs=N xliff_write_ratio=… parquet_write_ratio=… parquet_size_ratio=…
import_xliff_ratio=…``

Usage: python bench/export_formats.py [--pairs N] [--quick]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bitext import __version__
from bitext.export import OUTPUT_NAMES, default_provenance, open_writer, read_pairs
from bitext.models import Bead, ExportFormat, RunManifest, SegmentPair

ROOT = Path(__file__).resolve().parent.parent
# ``../shared`` beside the checkout (a worktree sits one folder deeper).
MT_DEV = next(
    (
        base / "shared" / "mt-dev" / "newstest2014_fr_en"
        for base in ROOT.parents
        if (base / "shared").is_dir()
    ),
    ROOT.parent / "shared" / "mt-dev" / "newstest2014_fr_en",
)
WORK = ROOT / "bench" / "_work" / "export_formats"
FORMATS: tuple[ExportFormat, ...] = ("jsonl", "json", "tmx", "xliff", "parquet", "tsv", "txt")
RUN_FORMATS: tuple[ExportFormat, ...] = ("json", "jsonl", "tmx", "xliff", "parquet")


def make_pairs(count: int) -> list[SegmentPair]:
    """``count`` pairs cycling through the mt-dev segment pairs."""
    french = (MT_DEV / "dev.fr").read_text(encoding="utf-8").splitlines()
    english = (MT_DEV / "dev.en").read_text(encoding="utf-8").splitlines()
    pairs = []
    for number in range(count):
        doc, index = divmod(number, 20)
        line = number % len(french)
        pairs.append(
            SegmentPair(
                id=f"doc{doc:06d}:{index}",
                doc_id=f"doc{doc:06d}",
                fr=f"{french[line]} ({number})",
                en=f"{english[line]} ({number})",
                bead=Bead(src=(index,), tgt=(index,), score=round(0.5 + (number % 50) / 100, 4)),
                engine="apertium:fr-es+spa-eng@bench",
                terms=("minister",) if number % 7 == 0 else (),
            )
        )
    return pairs


def timed(action: Callable[[], object]) -> float:
    began = time.perf_counter()
    action()
    return time.perf_counter() - began


def write(fmt: ExportFormat, folder: Path, pairs: list[SegmentPair]) -> None:
    target = folder / ("corpus" if fmt == "txt" else OUTPUT_NAMES[fmt][0])
    with open_writer(fmt, target, default_provenance()) as writer:
        for pair in pairs:
            writer.write(pair)


def size(fmt: ExportFormat, folder: Path) -> int:
    return sum((folder / name).stat().st_size for name in OUTPUT_NAMES[fmt])


def measure_formats(pairs: list[SegmentPair], folder: Path) -> dict[str, dict[str, float]]:
    results: dict[str, dict[str, float]] = {}
    for fmt in FORMATS:  # warm-up: library imports (pyarrow, lxml) are not the writers' cost
        write(fmt, folder, pairs[:10])
    for fmt in FORMATS:
        seconds = timed(lambda fmt=fmt: write(fmt, folder, pairs))  # type: ignore[misc]
        row = {"write_s": seconds, "mb": size(fmt, folder) / 1e6}
        if fmt in ("jsonl", "json", "tmx", "xliff", "parquet"):
            path = folder / OUTPUT_NAMES[fmt][0]
            row["read_s"] = timed(lambda path=path: sum(1 for _ in read_pairs(path)))  # type: ignore[misc]
        results[fmt] = row
    return results


def make_run(folder: Path, pairs: list[SegmentPair]) -> float:
    """Write a complete run folder; return the time the corpus files took (the baseline)."""
    from bitext.run.manifest import write_manifest
    from bitext.run.options import recorded_options, run_options

    seconds = sum(timed(lambda fmt=fmt: write(fmt, folder, pairs)) for fmt in RUN_FORMATS)  # type: ignore[misc]
    asked = run_options(
        inputs=("bench",), outdir=folder, engine="apertium", formats=RUN_FORMATS, use_glossary=False
    )
    options = recorded_options(asked, "apertium")
    manifest = RunManifest(
        run_key="bench",
        status="complete",
        started="20260101T000000Z",
        bitext_version=__version__,
        python_version=sys.version.split()[0],
        options=options,
    )
    write_manifest(folder, manifest)
    return seconds


def edit_xliff(source: Path, target: Path, every: int) -> int:
    """Change every ``every``-th target as a translator would; return how many."""
    from lxml import etree

    from bitext.export.xliff import q

    tree = etree.parse(str(source))
    changed = 0
    for number, element in enumerate(tree.iter(q("target"))):
        if number % every == 0:
            element.text = f"{element.text} (revised)"
            changed += 1
    tree.write(str(target), encoding="utf-8", xml_declaration=True)
    return changed


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pairs", type=int, default=100_000)
    parser.add_argument("--quick", action="store_true", help="10,000 pairs")
    args = parser.parse_args()
    count = 10_000 if args.quick else args.pairs
    shutil.rmtree(WORK, ignore_errors=True)
    (WORK / "formats").mkdir(parents=True)
    (WORK / "run").mkdir(parents=True)
    pairs = make_pairs(count)

    results = measure_formats(pairs, WORK / "formats")
    base = results["jsonl"]
    print(f"{count} pairs; baseline JSONL: write {base['write_s']:.2f} s, read {base['read_s']:.2f} s")
    print(f"{'format':8} {'write s':>8} {'ratio':>6} {'read s':>8} {'ratio':>6} {'MB':>8} {'size':>6}")
    for fmt, row in results.items():
        read = f"{row['read_s']:8.2f} {row['read_s'] / base['read_s']:6.2f}" if "read_s" in row else " " * 15
        print(
            f"{fmt:8} {row['write_s']:8.2f} {row['write_s'] / base['write_s']:6.2f} {read} "
            f"{row['mb']:8.1f} {row['mb'] / base['mb']:6.2f}"
        )

    from bitext.export.postedit import import_xliff

    run = WORK / "run"
    export_seconds = make_run(run, pairs)
    changed = edit_xliff(run / "corpus.xlf", WORK / "reviewed.xlf", every=10)
    began = time.perf_counter()
    result = import_xliff([WORK / "reviewed.xlf"], run)
    import_seconds = time.perf_counter() - began
    assert result.changed == changed, (result.changed, changed)
    print(
        f"import-xliff: {changed} post-edits of {count} units, 5 files rewritten in {import_seconds:.2f} s; "
        f"writing them once took {export_seconds:.2f} s"
    )
    print(
        f"export_pairs={count} xliff_write_ratio={results['xliff']['write_s'] / base['write_s']:.2f} "
        f"parquet_write_ratio={results['parquet']['write_s'] / base['write_s']:.2f} "
        f"parquet_size_ratio={results['parquet']['mb'] / base['mb']:.2f} "
        f"import_xliff_ratio={import_seconds / export_seconds:.2f}"
    )


if __name__ == "__main__":
    main()

"""Moses-style line-aligned text and TSV."""

from __future__ import annotations

import csv
from pathlib import Path

from export_samples import sample_pairs

from bitext.export.text import MosesWriter, TsvWriter, moses_paths, one_line
from bitext.models import SegmentPair


def test_moses_files_stay_line_aligned_whatever_the_text(tmp_path: Path) -> None:
    pairs = sample_pairs(
        texts=[("Ligne\nbrisée\u2028ici", "Line\rbroken\x85here"), ("Deux\tmots", "Two words")]
    )
    with MosesWriter(tmp_path / "corpus") as writer:
        for pair in pairs:
            writer.write(pair)

    french = (tmp_path / "corpus.fr").read_text(encoding="utf-8")
    english = (tmp_path / "corpus.en").read_text(encoding="utf-8")
    assert french.splitlines() == ["Ligne brisée ici", "Deux mots"]
    assert english.splitlines() == ["Line broken here", "Two words"]
    assert writer.count == 2


def test_moses_paths_accept_a_base_or_a_suffix() -> None:
    assert moses_paths("out/corpus") == (Path("out/corpus.fr"), Path("out/corpus.en"))
    assert moses_paths("out/corpus.txt") == (Path("out/corpus.fr"), Path("out/corpus.en"))
    assert moses_paths("out/corpus.en") == (Path("out/corpus.fr"), Path("out/corpus.en"))


def write_tsv(path: Path, pairs: list[SegmentPair]) -> Path:
    with TsvWriter(path) as writer:
        for pair in pairs:
            writer.write(pair)
    return path


def test_tsv_has_a_header_and_four_columns(tmp_path: Path) -> None:
    pairs = sample_pairs()
    path = write_tsv(tmp_path / "corpus.tsv", pairs)

    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    assert rows[0] == ["doc_id", "fr", "en", "score"]
    assert rows[1:] == [[p.doc_id, p.fr, p.en, repr(p.bead.score)] for p in pairs]


# A segment that starts with a quote made pandas merge fields (quotes gone, the French
# swallowing the English); a tab inside a segment shifted the columns.
TRICKY = [
    ('"Oui", a dit le ministre.', '"Yes," said the minister.'),
    ("Deux\tcolonnes ici", "Two\tcolumns here"),
    ('Un guillemet " seul', 'A lone " quote'),
    ("Ligne\nbrisée\u2028là", "Line\rbroken\u2029there"),
]


def test_pandas_reads_the_tsv_with_its_defaults(tmp_path: Path) -> None:
    import pandas as pd

    pairs = sample_pairs(texts=TRICKY)
    frame = pd.read_csv(write_tsv(tmp_path / "corpus.tsv", pairs), sep="\t", dtype={"doc_id": str})

    assert list(frame.columns) == ["doc_id", "fr", "en", "score"]
    assert list(frame["fr"])[:3] == [pair.fr for pair in pairs[:3]]
    assert list(frame["en"])[:3] == [pair.en for pair in pairs[:3]]
    assert list(frame["score"]) == [pair.bead.score for pair in pairs]
    assert (frame.iloc[3]["fr"], frame.iloc[3]["en"]) == ("Ligne brisée là", "Line broken there")


def test_the_csv_module_reads_the_tsv_with_its_defaults(tmp_path: Path) -> None:
    pairs = sample_pairs(texts=TRICKY)
    path = write_tsv(tmp_path / "corpus.tsv", pairs)

    with path.open(encoding="utf-8", newline="") as handle:
        records = list(csv.DictReader(handle, delimiter="\t"))
    assert [(r["fr"], r["en"]) for r in records[:3]] == [(p.fr, p.en) for p in pairs[:3]]
    assert len(path.read_text(encoding="utf-8").splitlines()) == len(pairs) + 1, "one line per record"


def test_one_line_removes_every_line_break_python_knows() -> None:
    breaks = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\t"
    assert one_line(f"a{breaks}b").splitlines() == [f"a{' ' * len(breaks)}b"]

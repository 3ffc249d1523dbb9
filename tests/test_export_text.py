"""Moses-style line-aligned text and TSV."""

from __future__ import annotations

from pathlib import Path

from export_samples import sample_pairs

from bitext.export.text import MosesWriter, TsvWriter, moses_paths, one_line


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


def test_tsv_has_a_header_and_four_columns(tmp_path: Path) -> None:
    pairs = sample_pairs()
    with TsvWriter(tmp_path / "corpus.tsv") as writer:
        for pair in pairs:
            writer.write(pair)

    rows = [line.split("\t") for line in (tmp_path / "corpus.tsv").read_text(encoding="utf-8").splitlines()]
    assert rows[0] == ["doc_id", "fr", "en", "score"]
    assert rows[1:] == [[p.doc_id, p.fr, p.en, repr(p.bead.score)] for p in pairs]


def test_one_line_removes_every_line_break_python_knows() -> None:
    breaks = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\t"
    assert one_line(f"a{breaks}b").splitlines() == [f"a{' ' * len(breaks)}b"]

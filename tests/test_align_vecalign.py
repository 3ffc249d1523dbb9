"""The vecalign bead format: parsing, formatting, coverage checks and line-numbered errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bitext.align import check_coverage, format_beads, parse_beads, read_beads
from bitext.errors import AlignmentError, InputError
from bitext.models import Bead


@st.composite
def _beads(draw: st.DrawFn) -> list[Bead]:
    shapes = draw(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)).filter(lambda s: s != (0, 0))))
    beads, i, j = [], 0, 0
    for a, b in shapes:
        beads.append(Bead(src=tuple(range(i, i + a)), tgt=tuple(range(j, j + b)), score=1.0))
        i, j = i + a, j + b
    return beads


@given(_beads())
def test_format_then_parse_round_trips(beads: list[Bead]) -> None:
    assert parse_beads(format_beads(beads)) == beads


def test_format_is_the_vecalign_one() -> None:
    beads = [
        Bead(src=(0,), tgt=(0,), score=0.5),
        Bead(src=(1, 2), tgt=(3,), score=1.0),
        Bead(src=(7,), tgt=(), score=1),
    ]
    assert format_beads(beads) == "[0]:[0]\n[1, 2]:[3]\n[7]:[]\n"
    assert format_beads(beads[:1], with_score=True) == "[0]:[0]:0.5000\n"


def test_trailing_score_and_blank_lines_are_accepted() -> None:
    beads = parse_beads("[0]:[0]:0.75\n\n[1,2]:[]\n")
    assert [(b.src, b.tgt, b.score) for b in beads] == [((0,), (0,), 0.75), ((1, 2), (), 1.0)]


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("[0]:[0]\n0 0\n", 2, "not a bead"),
        ("[0]:[0]\n[1]:[1]\n[]:[]\n", 3, "empty bead"),
        ("[0]:[0]:high\n", 1, "bad bead"),
        ("[0,,1]:[0]\n", 1, "empty index"),
        ("[0]:[0]\n[a]:[1]\n", 2, "not a bead"),
    ],
)
def test_malformed_lines_report_the_line(text: str, line: int, message: str) -> None:
    with pytest.raises(AlignmentError, match=message) as caught:
        parse_beads(text, "gold.txt")
    assert caught.value.line == line
    assert str(caught.value).startswith(f"gold.txt:{line}:")
    assert caught.value.exit_code == 65


def test_read_beads_reports_bad_bytes_with_offset(tmp_path: Path) -> None:
    path = tmp_path / "gold.txt"
    path.write_bytes(b"[0]:[0]\n[1]:[\xff1]\n")
    with pytest.raises(InputError) as caught:
        read_beads(path)
    assert caught.value.offset == 13
    assert caught.value.line == 2


def test_check_coverage_accepts_complete_beads() -> None:
    check_coverage(parse_beads("[0]:[]\n[1, 2]:[0]\n[]:[1]\n"), 3, 2)


@pytest.mark.parametrize(
    ("text", "n_src", "n_tgt", "message"),
    [
        ("[0]:[0]\n[2]:[1]\n", 3, 2, "source indices \\[2\\] are not the next ones"),
        ("[0]:[1]\n", 1, 2, "target indices"),
        ("[0]:[0]\n", 2, 1, "cover 1 source"),
    ],
)
def test_check_coverage_finds_gaps(text: str, n_src: int, n_tgt: int, message: str) -> None:
    with pytest.raises(AlignmentError, match=message):
        check_coverage(parse_beads(text), n_src, n_tgt)


def test_gold_checks_accept_interleaved_but_ordered_beads() -> None:
    """Bleualign's gold has ``[250]:[291, 293, 294]`` then ``[]:[292]``: each bead starts in order."""
    beads = parse_beads("[0]:[0, 2, 3]\n[]:[1]\n[1]:[4]\n", "gold.txt", gold=True)
    assert [bead.tgt for bead in beads] == [(0, 2, 3), (1,), (4,)]
    with pytest.raises(AlignmentError, match="used twice") as info:
        parse_beads("[0]:[0, 2, 3]\n[]:[2]\n", "gold.txt", gold=True)
    assert info.value.line == 2

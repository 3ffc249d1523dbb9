"""bench/mt_quality.py's names_kept: which source tokens count as name-like."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from mt_quality import name_like, names_kept


def test_an_elided_article_is_not_a_name() -> None:
    """Regression: the "L" of "L'Invitation" counted as a name the output lost ("The Invitation")."""
    assert name_like("La campagne L'Invitation au Voyage de Louis Vuitton.") == [
        "Invitation",
        "Voyage",
        "Louis",
        "Vuitton",
    ]
    assert name_like("Selon l'ASEAN, D'Alembert et qu'Ottawa ont raison.") == ["ASEAN", "Alembert", "Ottawa"]


def test_names_kept_counts_tokens_the_reference_keeps() -> None:
    kept, counted = names_kept(
        ["Il a vu Paris et Bogota hier."],
        ["He saw Paris and Bogotá yesterday."],
        ["He saw Paris and Bogota."],
    )
    assert (kept, counted) == (1, 2)

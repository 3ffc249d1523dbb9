"""Linking rival candidates: the aligner arbitrates each distinct pair of texts once."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from bitext.match import linking
from bitext.match.linking import ItemTexts, link
from bitext.models import MatchText

STORY = ("Le maire a inauguré le pont.", "Les cyclistes l'empruntent déjà.")
STORY_MT = ("The mayor inaugurated the bridge.", "The cyclists already use it.")
ENGLISH = ("The mayor opened the bridge.", "Cyclists already use it.")


def test_copies_of_one_text_are_aligned_once_and_the_links_stay_one_to_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Two French copies and three English copies of one story: six rival pairs of the same two texts.
    french = {i: MatchText(id=f"fr{i}", sentences=STORY, translation=STORY_MT) for i in range(2)}
    english = {j: MatchText(id=f"en{j}", sentences=ENGLISH) for j in range(3)}
    aligned: list[tuple[str, str]] = []
    real = linking.aligned_share

    def counted(source: MatchText, target: MatchText) -> float:
        aligned.append((source.id, target.id))
        return real(source, target)

    monkeypatch.setattr(linking, "aligned_share", counted)

    def texts(rows: Sequence[int], cols: Sequence[int]) -> ItemTexts:
        return {i: french[i] for i in rows}, {j: english[j] for j in cols}

    rows = np.array([0, 0, 0, 1, 1, 1], dtype=np.int64)
    cols = np.array([0, 1, 2, 0, 1, 2], dtype=np.int64)
    logits = np.array([2.0, 1.5, 1.0, 1.8, 1.2, 0.9])
    linked = link(texts, rows, cols, logits, np.ones(6, dtype=bool))
    assert len(aligned) == 1, "six rival pairs of the same two texts need one alignment"
    pairs = [(int(rows[i]), int(cols[i])) for i in linked]
    assert len({r for r, _ in pairs}) == len(pairs) == len({c for _, c in pairs}) == 2

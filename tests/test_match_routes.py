"""Mining's extra Apertium routes: the reverse-route signals, the routes' texts, the real routes."""

from __future__ import annotations

import json
from math import log, sqrt
from pathlib import Path

import numpy as np
import pytest

from bitext.errors import AlignmentError, ModelError
from bitext.match import mine_pairs
from bitext.match.combine import load_combiner
from bitext.match.mining import ROUTED_SIGNALS, sentence_signals
from bitext.match.params import MineParams
from bitext.match.routes import (
    CATALAN_MODES,
    REVERSE_MODES,
    ApertiumRoute,
    best_rival,
    joined_translations,
    route_signals,
)
from bitext.models import RouteTexts

SRC = ["Le chat noir dort.", "Un chien court vite."]
BACK = ["Le chat noir dort.", "Le chien."]


def _signals() -> dict[str, np.ndarray]:
    return route_signals(SRC, BACK, np.array([0, 1, 0, 1]), np.array([0, 1, 1, 0]))


def test_the_reverse_signals_of_hand_made_pairs() -> None:
    signals = _signals()
    # Word TF-IDF over the four texts: idf = 1 + ln(4 / df); "le" is in three, "un",
    # "court" and "vite" in one, the other words in two.
    le, two, one = 1 + log(4 / 3), 1 + log(2), 1 + log(4)
    src0, src1 = sqrt(le**2 + 3 * two**2), sqrt(3 * one**2 + two**2)
    back1 = sqrt(le**2 + two**2)
    cos_11 = two**2 / (src1 * back1)  # "chien"
    cos_01 = le**2 / (src0 * back1)  # "le"
    np.testing.assert_allclose(signals["reverse_words"], [1.0, cos_11, cos_01, 0.0], atol=1e-12)
    # The lead: the pair's cosine minus the English sentence's best other candidate.
    np.testing.assert_allclose(
        signals["reverse_lead"], [1.0, cos_11 - cos_01, cos_01 - cos_11, -1.0], atol=1e-12
    )
    # Stems of words of three letters or more: {chat, noir, dort}, {chien, court, vite}, {chien}.
    np.testing.assert_allclose(signals["reverse_stems_left"], [1.0, 1 / 3, 0.0, 0.0])
    np.testing.assert_allclose(signals["reverse_stems_right"], [1.0, 1.0, 0.0, 0.0])
    # Character 4-grams of each word: the same text is 1; the dog and the cat texts share none.
    assert signals["reverse_chars"][0] == pytest.approx(1.0)
    assert signals["reverse_chars"][3] == 0.0
    assert 0.0 < signals["reverse_chars"][1] < 1.0


def test_the_best_rival_is_the_best_other_candidate_of_the_same_sentence() -> None:
    values = np.array([0.5, 0.9, 0.2, 0.7, 0.3, 0.3])
    groups = np.array([0, 0, 0, 1, 2, 2])  # a sentence alone gets 0; a tie is its own rival
    np.testing.assert_array_equal(best_rival(values, groups), [0.9, 0.5, 0.9, 0.0, 0.3, 0.3])
    shuffled = np.array([4, 0, 3, 5, 1, 2])
    np.testing.assert_array_equal(
        best_rival(values[shuffled], groups[shuffled]), [0.3, 0.9, 0.0, 0.3, 0.5, 0.9]
    )


def test_both_translations_are_read_joined() -> None:
    assert joined_translations(["The cat sleeps."], ["The cat is sleeping."]) == [
        "The cat sleeps. The cat is sleeping."
    ]


def test_the_routed_columns_follow_the_first_look_columns() -> None:
    from bitext.match.lexicon import LEXICON_SIGNALS

    lexicon = _EmptyLexicon()
    src, mt, tgt = SRC, ["The black cat sleeps.", "A dog runs fast."], ["The black cat sleeps.", "A dog."]
    routes = RouteTexts(second_mt=("The black cat is sleeping.", "A dog runs quickly."), back=tuple(BACK))
    candidates, routed = sentence_signals(src, mt, tgt, MineParams(), lexicon, routes)
    assert routed.shape == (len(candidates.rows), len(ROUTED_SIGNALS))
    expected = route_signals(src, BACK, candidates.rows, candidates.cols)
    for offset, name in enumerate(ROUTED_SIGNALS[-5:]):
        np.testing.assert_allclose(routed[:, len(ROUTED_SIGNALS) - 5 + offset], expected[name])
    _, plain = sentence_signals(src, mt, tgt, MineParams(), None, routes)
    assert plain.shape[1] == len(ROUTED_SIGNALS) - 5 - len(LEXICON_SIGNALS)  # no lexicon: routes unread


class _EmptyLexicon:
    """A lexicon that knows no word."""

    def french(self, words: object) -> dict[str, frozenset[str]]:
        return {}

    def english(self, words: object) -> dict[str, frozenset[str]]:
        return {}


def test_routes_must_be_one_to_one_with_their_side() -> None:
    src, tgt, mt = ["Une phrase."], ["A sentence.", "Another."], ["A sentence."]
    with pytest.raises(AlignmentError, match=r"routes\.second_mt"):
        mine_pairs(src, tgt, src_mt=mt, routes=RouteTexts(second_mt=(), back=("a", "b")))
    with pytest.raises(AlignmentError, match=r"routes\.back"):
        mine_pairs(src, tgt, src_mt=mt, routes=RouteTexts(second_mt=("a",), back=("a",)))


def test_the_shipped_routed_weights_read_the_routed_signals() -> None:
    assert load_combiner("sentences_routes").features == ROUTED_SIGNALS


def test_a_weights_file_without_routed_weights_is_a_clear_error(tmp_path: Path) -> None:
    from bitext.match.combine import WEIGHTS_PATH

    data = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
    del data["sentences_routes"]
    path = tmp_path / "weights.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert load_combiner("sentences", str(path)).features == load_combiner("sentences").features
    with pytest.raises(ModelError, match="no 'sentences_routes' combiner"):
        load_combiner("sentences_routes", str(path))


@pytest.fixture(scope="module")
def real_routes() -> tuple[ApertiumRoute, ApertiumRoute]:
    routes = ApertiumRoute(CATALAN_MODES), ApertiumRoute(REVERSE_MODES)
    if not all(route.available() for route in routes):
        pytest.skip("the routes need apertium-fra-cat, apertium-eng-cat, apertium-eng-spa and apertium-fr-es")
    return routes


def test_the_real_routes_keep_one_line_per_sentence(real_routes: tuple[ApertiumRoute, ApertiumRoute]) -> None:
    catalan, reverse = real_routes
    french = ["Le chat dort.", "", "Il pleut\nà Paris.", "La maison est grande."]
    english = catalan.translate(french)
    assert len(english) == 4
    assert english[1] == ""
    assert "big" in english[3].lower() and "cat" in english[0].lower()
    assert "rains" in english[2].lower()  # the line break inside became a space
    back = reverse.translate(["The house is big.", "The cat sleeps."])
    assert len(back) == 2
    assert "maison" in back[0].lower() and "chat" in back[1].lower()
    assert catalan.translate([]) == []

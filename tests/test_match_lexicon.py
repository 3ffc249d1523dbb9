"""Bilingual dictionary coverage of candidate sentence pairs (the lexicon signals of mining)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import numpy as np
import pytest

from bitext.errors import ModelError
from bitext.match import MineParams, mine_pairs
from bitext.match.lexicon import ApertiumLexicon, installed_lexicon, lexicon_signals, look_up, words_of


class DictLexicon:
    """A fixed dictionary standing in for Apertium's; records what it was asked."""

    def __init__(self, french: dict[str, set[str]], english: dict[str, set[str]]) -> None:
        self._french = {word: frozenset(keys) for word, keys in french.items()}
        self._english = {word: frozenset(keys) for word, keys in english.items()}
        self.asked: set[str] = set()

    def french(self, words: Iterable[str]) -> Mapping[str, frozenset[str]]:
        self.asked.update(words)
        return self._french

    def english(self, words: Iterable[str]) -> Mapping[str, frozenset[str]]:
        self.asked.update(words)
        return self._english


def _signals(lexicon: DictLexicon) -> dict[str, np.ndarray]:
    src = ["Les inconvénients sont clairs."]
    mt = ["The problems are clear."]  # the engine chose another English word
    tgt = ["The drawbacks are clear."]
    pairs = (np.array([0]), np.array([0]))
    return lexicon_signals(src, mt, tgt, pairs, lexicon)


def test_a_synonym_the_engine_did_not_choose_is_covered_through_the_dictionary() -> None:
    empty = _signals(DictLexicon({}, {}))
    # English content words: "drawbacks", "clear" ("the", "are" are function words);
    # only "clear" is in the MT. French content words: "inconvénients", "sont", "clairs";
    # none of them is an English word of the sentence without a dictionary.
    assert empty["lexicon_right"].tolist() == [0.5]
    assert empty["lexicon_left"].tolist() == [0.0]
    lexicon = DictLexicon(
        {"les": {"the"}, "inconvénients": {"drawback", "problem"}, "sont": {"be"}, "clairs": {"clear"}},
        {"drawbacks": {"drawback"}, "clear": {"clear"}},
    )
    found = _signals(lexicon)
    assert found["lexicon_right"].tolist() == [1.0]
    # "les" and "sont" translate to function words, so only two French content words count.
    assert found["lexicon_left"].tolist() == [1.0]
    assert found["lexicon_min"].tolist() == [1.0]
    assert {"inconvénients", "drawbacks"} <= lexicon.asked


def test_signals_of_many_pairs_keep_their_order() -> None:
    lexicon = DictLexicon({"chat": {"cat"}, "chien": {"dog"}}, {"cat": {"cat"}, "dogs": {"dog"}})
    src, mt, tgt = ["Le chat.", "Le chien."], ["The cat.", "The dog."], ["The dogs.", "A cat."]
    pairs = (np.array([0, 0, 1, 1]), np.array([0, 1, 0, 1]))
    found = lexicon_signals(src, mt, tgt, pairs, lexicon)
    assert found["lexicon_right"].tolist() == [0.0, 1.0, 1.0, 0.0]
    # "le" stands for itself only, so it is a content word that no English word covers.
    assert found["lexicon_left"].tolist() == [0.0, 0.5, 0.5, 0.0]


def test_empty_sentences_cover_nothing() -> None:
    found = lexicon_signals([""], [""], [""], (np.array([0]), np.array([0])), DictLexicon({}, {}))
    assert found["lexicon_min"].tolist() == [0.0]


def test_words_keep_their_accents_for_the_dictionaries() -> None:
    assert words_of("L'été, l'Été et 2009 vélos") == ["l", "été", "et", "vélos"]


def test_missing_dictionaries_are_not_available_and_a_failed_look_up_is_a_model_error(tmp_path: Path) -> None:
    lexicon = ApertiumLexicon(tmp_path)
    assert not lexicon.available()
    with pytest.raises(ModelError, match="dictionary look-up failed"):
        lexicon.french(["maison"])


def test_mining_without_the_dictionaries_never_looks_them_up(monkeypatch: pytest.MonkeyPatch) -> None:
    import bitext.match.mining as mining

    def no_lexicon() -> None:
        raise AssertionError("the dictionaries were looked up with lexicon=False")

    monkeypatch.setattr(mining, "installed_lexicon", no_lexicon)
    src = ["Le ministre est arrivé à Paris lundi.", "Il pleut à Lyon."]
    tgt = ["The minister arrived in Paris on Monday.", "Lyon is sunny and warm all week."]
    mt = ["The minister arrived in Paris on Monday.", "It rains in Lyon."]
    plain = mine_pairs(src, tgt, src_mt=mt, params=MineParams(lexicon=False))
    assert [(p.src, p.tgt) for p in plain.pairs] == [(0, 0)]
    lexicon = DictLexicon({}, {})
    with_fake = mine_pairs(src, tgt, src_mt=mt, lexicon=lexicon)
    assert [(p.src, p.tgt) for p in with_fake.pairs] == [(0, 0)]
    assert "ministre" in lexicon.asked


@pytest.fixture(scope="module")
def apertium_lexicon() -> ApertiumLexicon:
    lexicon = installed_lexicon()
    if lexicon is None:
        pytest.skip("Apertium's dictionaries are not installed (scripts/setup.sh installs them)")
    return lexicon


def test_apertium_knows_more_than_one_english_word(apertium_lexicon: ApertiumLexicon) -> None:
    french = apertium_lexicon.french(["inconvénients", "a^b$", "deux\nmots", "clients", "xqzwv"])
    assert {"drawback", "problem"} <= french["inconvénients"]
    assert french["a^b$"] == french["deux\nmots"] == frozenset()
    assert "customer" in french["clients"]
    assert french["xqzwv"] == frozenset()
    assert "drawback" in apertium_lexicon.english(["drawbacks"])["drawbacks"]


def test_a_loose_translation_is_mined_with_the_real_dictionaries(apertium_lexicon: ApertiumLexicon) -> None:
    src = ["Les inconvénients de la vaccination facultative inquiètent les médecins.", "Il pleut à Lyon."]
    tgt = ["Doctors worry about the drawbacks of voluntary vaccination.", "Lyon is sunny and warm all week."]
    mt = ["The problems of the facultative vaccination worry the doctors.", "It rains in Lyon."]
    look_up(apertium_lexicon, src, tgt)
    signals = lexicon_signals(src, mt, tgt, (np.array([0]), np.array([0])), apertium_lexicon)
    assert signals["lexicon_right"][0] > 0.6
    result = mine_pairs(src, tgt, src_mt=mt, lexicon=apertium_lexicon)
    assert [(p.src, p.tgt) for p in result.pairs] == [(0, 0)]


def test_one_lt_proc_serves_many_look_ups(apertium_lexicon: ApertiumLexicon) -> None:
    from bitext.match.lexicon import APERTIUM_DATA
    from bitext.match.ltproc import LtProc

    pipe = LtProc("-w", APERTIUM_DATA / "apertium-fr-es" / "fr-es.automorf.bin")
    try:
        assert pipe.ask("maison") == "^maison/maison<n><f><sg>$\n"
        # A long block (far more than a pipe buffer holds) neither hangs nor loses lines.
        many = pipe.ask("\n".join(["chat"] * 20000))
        assert many.count("^chat/") == 20000
        pipe.close()
        assert pipe.ask("chien").startswith("^chien/chien<n>")
    finally:
        pipe.close()

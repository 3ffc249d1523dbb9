"""The runner: 1:1 mapping, dedupe, empty lines, control characters, chunking, progress."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bitext.errors import ModelError
from bitext.models import EngineInfo, Sentence
from bitext.translate.runner import clean_source, split_long_text, translate_sentences, translate_texts


class RecordingEngine:
    """Upper-cases its input and records every call (a double: the unit here is the runner)."""

    def __init__(self, max_input_tokens: int = 1000) -> None:
        self.calls: list[list[str]] = []
        self.max_input_tokens = max_input_tokens

    @property
    def info(self) -> EngineInfo:
        return EngineInfo(name="recording")

    def translate(self, texts: Sequence[str]) -> list[str]:
        self.calls.append(list(texts))
        return [text.upper() for text in texts]

    def input_lengths(self, texts: Sequence[str]) -> list[int]:
        return [len(text.split()) for text in texts]


def test_one_to_one_with_dedupe_and_empty_lines() -> None:
    engine = RecordingEngine()
    texts = ["un deux", "", "trois", "un deux", "   ", "trois"]
    done: list[int] = []
    assert translate_texts(engine, texts, progress=done.append) == [
        "UN DEUX",
        "",
        "TROIS",
        "UN DEUX",
        "",
        "TROIS",
    ]
    assert sorted(engine.calls[0]) == ["trois", "un deux"]
    assert sum(done) == len(texts)


def test_all_empty_input_never_calls_the_engine() -> None:
    engine = RecordingEngine()
    assert translate_texts(engine, ["", " ", "\n"]) == ["", "", ""]
    assert translate_texts(engine, []) == []
    assert engine.calls == []


def test_control_characters_are_cleaned_before_the_engine() -> None:
    engine = RecordingEngine()
    [out] = translate_texts(engine, ["a\x07b\tc\nd\u200be\u2028f\x00g\u202eh"])
    assert engine.calls == [["a b c de f gh"]]
    assert out == engine.calls[0][0].upper()


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("  Le\u00a0ministre  ", "Le ministre"),
        ("soft\u00adhyphen", "softhyphen"),
        ("\ufeffBOM", "BOM"),
        ("\x1b[1m", "[1m"),
    ],
)
def test_clean_source(raw: str, clean: str) -> None:
    assert clean_source(raw) == clean


def test_translate_sentences_keeps_ids_and_sources() -> None:
    sentences = [
        Sentence(id=f"d:{i}", index=i, text=text, start=0, end=len(text), paragraph=0)
        for i, text in enumerate(["bonjour", "", "au revoir"])
    ]
    result = translate_sentences(RecordingEngine(), sentences)
    assert [(t.segment_id, t.source, t.target) for t in result] == [
        ("d:0", "bonjour", "BONJOUR"),
        ("d:1", "", ""),
        ("d:2", "au revoir", "AU REVOIR"),
    ]
    assert all(t.engine.name == "recording" and not t.cached for t in result)


def test_long_input_is_split_and_joined_back() -> None:
    engine = RecordingEngine(max_input_tokens=5)
    text = "un deux trois, quatre cinq six; sept huit neuf dix onze douze treize"
    [out] = translate_texts(engine, [text])
    [pieces] = engine.calls
    assert len(pieces) > 1 and all(len(p.split()) <= 5 for p in pieces)
    assert out.split() == text.upper().split()
    assert pieces[0].endswith(","), "a punctuation break is preferred to a plain space"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("abc ,;:()«»—-")), min_size=0, max_size=200), st.integers(1, 8))
def test_split_never_loses_text(text: str, limit: int) -> None:
    engine = RecordingEngine(max_input_tokens=limit)
    pieces = split_long_text(text, engine)
    assert "".join("".join(pieces).split()) == "".join(text.split())
    assert all(len(p.split()) <= limit for p in pieces)


def test_text_without_spaces_is_cut_not_dropped() -> None:
    class CharEngine(RecordingEngine):
        def input_lengths(self, texts: Sequence[str]) -> list[int]:
            return [len(text) for text in texts]

    engine = CharEngine(max_input_tokens=10)
    text = "x" * 95
    pieces = split_long_text(text, engine)
    assert "".join(pieces) == text and all(len(p) <= 10 for p in pieces)


def test_engine_breaking_the_contract_is_a_model_error() -> None:
    class Broken(RecordingEngine):
        def translate(self, texts: Sequence[str]) -> list[str]:
            return []

    with pytest.raises(ModelError, match="returned 0 translations for 1 inputs"):
        translate_texts(Broken(), ["bonjour"])


def _clean_char_by_char(text: str) -> str:
    """clean_source as it was written first: every character looked up (the reference)."""
    import re
    import unicodedata

    kept = []
    for char in text:
        category = unicodedata.category(char)
        if char in "\u00ad\u200b\u2060\ufeff" or (category == "Cf" and char not in "\u200c\u200d"):
            continue
        kept.append(" " if category in {"Cc", "Zl", "Zp"} else char)
    return re.sub(r"\s+", " ", "".join(kept)).strip()


_MIXED = "aé Z1.\t\n\r\u00a0\u202f\u00ad\u200b\u200c\u200d\u2028\ufeff\x00\x85"


@settings(max_examples=300)
@given(st.text(alphabet=st.sampled_from(_MIXED)))
def test_clean_source_fast_path_changes_nothing(text: str) -> None:
    assert clean_source(text) == _clean_char_by_char(text)
    assert clean_source(f"Le {text} ministre") == _clean_char_by_char(f"Le {text} ministre")

"""bitext.sentence_rules splits exactly as sentence-splitter does, on news lines and on odd text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ingest_corpus import MT_DEV, NEWS_DEV, shared_available
from sentence_splitter import SentenceSplitter

from bitext.sentence_rules import split

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
LANGS = ("fr", "en")


def _reference(text: str, lang: str) -> list[str]:
    return list(SentenceSplitter(language=lang).split(text))


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("fr", "M. Dupont est arrivé. Mme Adam l'a reçu."),
        ("fr", "Selon l'art. 5 du code, c'est interdit. Voilà."),
        ("en", "See No. 5 above. No. The U.S. Army left... Then (he said) « Oui. » Fin."),
        ("en", "He asked: why? \"Because!\" she said. 'Fine.' Next."),
        ("en", "Dr. Who met Mr. X at 5 p.m. on Jan. 3. It rained.\nA second line.  Two  spaces. "),
        ("fr", "Il a dit « Non ! » Puis il est parti… Ensuite ? Rien. 中文。Fin."),
        ("fr", ""),
        ("fr", "   "),
        ("en", "Ends with a full stop.\n Next line. end.\n"),
    ],
)
def test_rules_split_as_sentence_splitter_does(lang: str, text: str) -> None:
    assert split(text, lang) == _reference(text, lang)


def _lines(path: Path, count: int) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()[:count]


def test_rules_split_the_seeds_as_sentence_splitter_does() -> None:
    lines = [line for path in sorted(SEEDS.glob("*.txt")) for line in _lines(path, 10_000)]
    assert lines
    for lang in LANGS:
        assert [split(line, lang) for line in lines] == [_reference(line, lang) for line in lines]


@pytest.mark.skipif(not shared_available(), reason="the shared dev sets are not beside the checkout")
@pytest.mark.parametrize("lang", LANGS)
def test_rules_split_the_dev_sets_as_sentence_splitter_does(lang: str) -> None:
    lines = _lines(MT_DEV / f"dev.{lang}", 1000) + _lines(NEWS_DEV / f"newstest2012.{lang}", 1500)
    pairs = [" ".join(lines[i : i + 2]) for i in range(0, len(lines), 2)]
    splitter = SentenceSplitter(language=lang)
    differing = [text for text in pairs if split(text, lang) != list(splitter.split(text))]
    assert not differing, differing[:3]


_PIECES = ("M.", "Mme", "No.", "U.S.", "art.", "etc.", "p.m.", " 5", "Dr.", "  ")
_ALPHABET = st.sampled_from([*"aeAEzZ09 .!?…\"'()[]«»“”‘’%-\n\u00a0¿¡中", *_PIECES])


@settings(max_examples=400)
@given(st.lists(_ALPHABET, max_size=40).map("".join), st.sampled_from(LANGS))
def test_rules_split_any_text_as_sentence_splitter_does(text: str, lang: str) -> None:
    assert split(text, lang) == _reference(text, lang)

"""The one document-translation path: the sentence-level step, chunked documents, streamed lines."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fakes import PlaceholderWordEngine, WordEngine, make_document

from bitext.glossary import Glossary, load_glossary
from bitext.translate.base import Engine
from bitext.translate.cache import TranslationCache
from bitext.translate.documents import Translator, chunked, translate_documents, translate_lines

TEXT = "Le vice-ministre de la Sécurité publique Le Van Tuyen a rencontré le ministre."


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary()


def test_without_a_glossary_translations_carry_no_terms_but_names_are_kept() -> None:
    [translation] = Translator(WordEngine()).sentences(make_document("d", "fr", [TEXT]).sentences)
    assert translation.terms == ()
    assert "Le Van Tuyen" in translation.target and "Le Van Tuyen" not in WordEngine().translate([TEXT])[0]
    assert [(span.source, span.status) for span in translation.spans] == [("Le Van Tuyen", "repaired")]


def test_enforced_glossary_makes_terms_canonical(glossary: Glossary) -> None:
    [translation] = Translator(WordEngine(), glossary=glossary).sentences(
        make_document("d", "fr", [TEXT]).sentences
    )
    assert "Deputy Minister of Public Security" in translation.target and "Le Van Tuyen" in translation.target
    assert {hit.status for hit in translation.terms} == {"repaired"}


def test_a_checked_glossary_leaves_the_output_alone_and_reports_misses(glossary: Glossary) -> None:
    sentences = make_document("d", "fr", [TEXT]).sentences
    [translation] = Translator(WordEngine(), glossary=glossary, enforce=False).sentences(sentences)
    [without] = Translator(WordEngine()).sentences(sentences)
    assert translation.target == without.target
    assert "missing" in {hit.status for hit in translation.terms}


def test_the_engine_is_built_only_when_a_sentence_needs_it() -> None:
    built: list[Engine] = []

    def build() -> Engine:
        built.append(WordEngine())
        return built[-1]

    translator = Translator(build)
    english = [make_document("e", "en", ["The minister arrived."])]
    assert [done.translation for done in translate_documents(english, translator)] == [None]
    assert not built and not translator.engine_built
    list(translate_documents([make_document("f", "fr", [TEXT])], translator))
    assert len(built) == 1 and translator.engine_built


def test_documents_stream_in_chunks_one_engine_call_each() -> None:
    engine = WordEngine()
    documents = [
        make_document(f"d{i}", "fr" if i != 2 else "en", [f"Phrase {i} du ministre."]) for i in range(5)
    ]
    done = list(translate_documents(iter(documents), Translator(engine), chunk_items=2))
    assert engine.calls == [2, 1, 1], "chunks [d0 d1] [d2(en) d3] [d4]"
    assert [d.document.id for d in done] == ["d0", "d1", "d2", "d3", "d4"]
    assert [d.translation is None for d in done] == [False, False, True, False, False]
    assert all(d.translation.doc_id == d.document.id for d in done if d.translation is not None)


def test_lines_are_read_lazily_in_bounded_batches_with_continuing_ids() -> None:
    """Regression (hardening 10): ``bitext translate -`` read all of stdin before translating."""
    pulled: list[str] = []

    def lines() -> Iterator[str]:
        for number in range(7):
            pulled.append(f"Ligne {number} du ministre.")
            yield pulled[-1]

    stream = translate_lines(lines(), Translator(WordEngine()), batch_lines=3)
    first = next(stream)
    assert len(pulled) == 3, "only one batch is read before the first result"
    rest = list(stream)
    assert [t.segment_id for t in (first, *rest)] == [f"stdin:{n}" for n in range(7)]
    assert [t.source for t in (first, *rest)] == pulled


def test_chunked_keeps_order_and_the_short_tail() -> None:
    assert list(chunked(range(5), 2)) == [[0, 1], [2, 3], [4]]
    assert list(chunked([], 3)) == []


def test_a_sentence_seen_before_is_not_done_again_and_gets_the_same_translation() -> None:
    texts = [TEXT, "Le ministre a parlé.", TEXT, "Le ministre a parlé."]
    sentences = make_document("d", "fr", texts).sentences
    engine = PlaceholderWordEngine()
    translator = Translator(engine)
    first = translator.sentences(sentences)
    again = translator.sentences(make_document("e", "fr", texts).sentences)
    alone = [Translator(PlaceholderWordEngine()).sentences([s])[0] for s in sentences]
    assert engine.calls == [2]  # each distinct sentence once, in the first call only
    assert [t.segment_id for t in first] == [s.id for s in sentences]
    assert [t.segment_id for t in again] == [f"e:{i}" for i in range(4)]
    assert [t.model_dump(exclude={"segment_id"}) for t in first] == [
        t.model_dump(exclude={"segment_id"}) for t in alone
    ]
    assert [t.model_dump(exclude={"segment_id"}) for t in again] == [
        t.model_dump(exclude={"segment_id"}) for t in first
    ]


def test_a_remembered_translation_is_marked_cached_as_the_cache_would_mark_it(tmp_path: Path) -> None:
    sentences = make_document("d", "fr", [TEXT]).sentences
    with TranslationCache(tmp_path / "cache.sqlite3") as cache:
        translator = Translator(PlaceholderWordEngine(), cache=cache)
        assert [t.cached for t in translator.sentences(sentences)] == [False]
        assert [t.cached for t in translator.sentences(sentences)] == [True]
    uncached = Translator(PlaceholderWordEngine())
    assert [t.cached for t in uncached.sentences(sentences) + uncached.sentences(sentences)] == [False, False]


def test_progress_counts_every_sentence_once_with_repeats() -> None:
    counted: list[int] = []
    texts = [TEXT, TEXT, "Le ministre a parlé."]
    translator = Translator(PlaceholderWordEngine())
    translator.sentences(make_document("d", "fr", texts).sentences, counted.append)
    assert sum(counted) == 3
    counted.clear()
    translator.sentences(make_document("e", "fr", texts).sentences, counted.append)
    assert sum(counted) == 3


def test_a_new_glossary_or_cache_forgets_the_remembered_translations(glossary: Glossary) -> None:
    sentences = make_document("d", "fr", [TEXT]).sentences
    engine = PlaceholderWordEngine()
    translator = Translator(engine)
    plain = translator.sentences(sentences)[0]
    translator.glossary = glossary
    enforced = translator.sentences(sentences)[0]
    assert engine.calls == [1, 1]
    assert "Deputy Minister of Public Security" in enforced.target != plain.target

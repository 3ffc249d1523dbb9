"""``bitext translate FILE --format txt``: the English article, title and paragraphs kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bitext.cli import app
from bitext.export.article import article_text
from bitext.models import Document, EngineInfo, Translation
from bitext.translate import apertium

ENGINE = EngineInfo(name="upper")


def upper_translations(document: Document) -> list[Translation]:
    return [
        Translation(segment_id=s.id, source=s.text, target=s.text.upper(), engine=ENGINE)
        for s in document.sentences
    ]


def test_the_article_keeps_the_title_and_one_line_per_paragraph(seed_documents: dict[str, Document]) -> None:
    document = seed_documents["001"]
    text = article_text(document, upper_translations(document))

    blocks = text.rstrip("\n").split("\n\n")
    assert len(blocks) == len(document.paragraphs) and all("\n" not in block for block in blocks)
    assert blocks[0] == document.title.upper()
    for index, block in enumerate(blocks):
        sentences = [s.text.upper() for s in document.sentences if s.paragraph == index]
        assert block == " ".join(sentences)


def test_a_sentence_without_translation_is_a_callers_mistake(seed_documents: dict[str, Document]) -> None:
    document = seed_documents["003"]
    with pytest.raises(ValueError, match="has no translation"):
        article_text(document, upper_translations(document)[:-1])


@pytest.mark.skipif(not apertium.is_available(), reason="Apertium is not installed")
def test_translate_writes_english_articles_as_text(
    seeds_dir: Path, seed_documents: dict[str, Document], tmp_path: Path
) -> None:
    item = seeds_dir / "003_e1687c0f2dc57851.txt"
    runner = CliRunner()
    result = runner.invoke(
        app, ["translate", str(item), "-e", "apertium", "--no-cache", "--format", "txt", "-o", str(tmp_path)]
    )
    assert result.exit_code == 0, result.stderr

    english = (tmp_path / "003_e1687c0f2dc57851.txt").read_text(encoding="utf-8")
    blocks = english.rstrip("\n").split("\n\n")
    assert len(blocks) == len(seed_documents["003"].paragraphs) > 3
    assert all(block and "\n" not in block for block in blocks)
    assert "Minister" in english and "ministre" not in english

    on_stdout = runner.invoke(
        app, ["translate", str(item), "-e", "apertium", "--no-cache", "-f", "txt", "-q"]
    )
    assert on_stdout.exit_code == 0 and on_stdout.stdout == english
    as_json = runner.invoke(app, ["translate", str(item), "-e", "apertium", "--no-cache", "-q"])
    assert as_json.stdout.lstrip().startswith("["), "json stays the default for files"
    bad = runner.invoke(app, ["translate", str(item), "-e", "apertium", "--format", "pdf"])
    assert bad.exit_code == 2

"""Term QA over items and over the glossary's own forms, and the strict check's failure."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakes import WordEngine

from bitext.errors import TermCheckFailed
from bitext.glossary import Glossary, load_glossary
from bitext.glossary.termcheck import check_terms, require_canonical
from bitext.models import GlossaryReport, TermAccuracy
from bitext.translate.base import Engine


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary()


def items(folder: Path) -> Path:
    folder.mkdir()
    (folder / "fr.txt").write_text("Le ministre arrive\n\nLe vice-ministre est arrivé.\n", encoding="utf-8")
    (folder / "en.txt").write_text("Officials meet\n\nThe Ministry of Public Safety met.\n", encoding="utf-8")
    return folder


def test_items_are_translated_or_checked(glossary: Glossary, tmp_path: Path) -> None:
    report = check_terms([items(tmp_path / "in")], glossary, WordEngine())
    by_id = {item.id: item for item in report.items}
    assert by_id["fr"].accuracy.found == by_id["fr"].accuracy.canonical > 0
    assert by_id["en"].accuracy.found > by_id["en"].accuracy.canonical
    assert report.overall.found == sum(item.accuracy.found for item in report.items)
    assert report.engine == "fake-words" and report.enforced


def test_english_items_need_no_engine(glossary: Glossary, tmp_path: Path) -> None:
    folder = items(tmp_path / "in")
    (folder / "fr.txt").unlink()

    def no_engine() -> Engine:
        raise AssertionError("no engine is built for English items")

    report = check_terms([folder], glossary, no_engine, fix_english=True)
    assert report.engine is None
    [fix] = report.items[0].english_fixes
    assert fix.fixed == "The Ministry of Public Security met."


def test_every_glossary_form_alone_one_item_per_entry(glossary: Glossary) -> None:
    engine = WordEngine()
    report = check_terms([], glossary, engine, enforce=False)
    assert [item.id for item in report.items] == [entry.id for entry in glossary.entries]
    # Every form goes to the engine in one call; a second, smaller one only asks the engine
    # for names it left out of its output (bitext.protect's repair step).
    assert engine.calls[0] == len({source for entry in glossary.entries for source in entry.sources})
    assert not report.enforced and report.overall.found > report.overall.canonical


def test_strict_fails_only_when_a_term_is_not_canonical() -> None:
    good = GlossaryReport(glossary_sha256="g", overall=TermAccuracy(found=3, canonical=3))
    require_canonical(good)
    with pytest.raises(TermCheckFailed, match="1 of 3 term") as caught:
        require_canonical(good.model_copy(update={"overall": TermAccuracy(found=3, canonical=2)}))
    assert caught.value.exit_code == 1

"""The library calls behind the commands: reading, ids, timings; and a light import."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from bitext.match.service import match_items, mine_files

Translate = Callable[[Sequence[str]], list[str]]


def test_importing_the_package_loads_neither_numpy_nor_scipy() -> None:
    code = "import sys, bitext.match; print(sorted({'numpy', 'scipy'} & set(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_items_sharing_a_stem_get_their_paths_as_ids(
    match_data: Path, tmp_path: Path, apertium_translate: Translate
) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
    shutil.copy(match_data / "items" / "lavande.txt", tmp_path / "a" / "story.txt")
    shutil.copy(match_data / "items" / "comete.txt", tmp_path / "b" / "story.txt")
    shutil.copy(match_data / "items" / "comet.txt", tmp_path / "b" / "comet.txt")
    report = match_items([tmp_path / "a", tmp_path / "b"], translate=apertium_translate, engine_label="test")
    assert set(report.french) == {str(tmp_path / "a" / "story.txt"), str(tmp_path / "b" / "story.txt")}
    assert [(m.fr, m.en) for m in report.result.matches] == [(str(tmp_path / "b" / "story.txt"), "comet")]
    assert any("several items are called 'story'" in warning for warning in report.warnings)
    assert report.engine == "test"
    assert set(report.timings) == {"read", "mt", "match"}


def test_no_translation_is_asked_for_without_both_languages(match_data: Path, tmp_path: Path) -> None:
    shutil.copy(match_data / "items" / "lavande.txt", tmp_path / "lavande.txt")

    def refuse(texts: Sequence[str]) -> list[str]:
        raise AssertionError("nothing needs translating")

    report = match_items([tmp_path], translate=refuse)
    assert report.result.matches == () and report.engine is None
    assert report.french == ("lavande",) and report.english == ()


def test_mine_files_reports_both_texts_and_times(
    match_data: Path, tmp_path: Path, apertium_translate: Translate
) -> None:
    src = tmp_path / "fr.txt"
    src.write_text(
        "Il pleut.\n\nLa comète devrait atteindre son point le plus proche du Soleil en février 2028.\n"
    )
    tgt = tmp_path / "en.txt"
    tgt.write_text("The comet should reach its closest point to the Sun in February 2028.\n")
    report = mine_files(src, tgt, translate=apertium_translate, presplit=True)
    assert report.src_sentences == (
        "Il pleut.",
        "",
        "La comète devrait atteindre son point le plus proche du Soleil en février 2028.",
    )
    assert [(p.src, p.tgt) for p in report.result.pairs] == [(2, 0)]
    assert set(report.timings) == {"mt", "mine"}


def test_mine_files_sends_both_sides_through_the_routes_only_with_the_dictionaries(
    tmp_path: Path, apertium_translate: Translate
) -> None:
    from bitext.match.lexicon import installed_lexicon
    from bitext.match.params import MineParams

    src = tmp_path / "fr.txt"
    src.write_text(
        "La comète devrait atteindre son point le plus proche du Soleil en février 2028.\nIl pleut.\n"
    )
    tgt = tmp_path / "en.txt"
    tgt.write_text("The comet should reach its closest point to the Sun in February 2028.\n")
    asked: list[list[str]] = []

    def route(texts: Sequence[str]) -> list[str]:
        asked.append(list(texts))
        return list(texts)  # stands in for a translation: the other side's words never appear

    routes = (route, route)
    plain = mine_files(
        src, tgt, translate=apertium_translate, presplit=True, routes=routes, params=MineParams(lexicon=False)
    )
    assert asked == [] and "routes" not in plain.timings
    if installed_lexicon() is None:
        return
    routed = mine_files(src, tgt, translate=apertium_translate, presplit=True, routes=routes)
    assert asked == [list(routed.src_sentences), list(routed.tgt_sentences)]
    assert set(routed.timings) == {"mt", "routes", "mine"}
    assert [(p.src, p.tgt) for p in routed.result.pairs] == [(0, 0)]

"""The Apertium engine, run for real (fr→es→en through the Debian packages)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from bitext.cli import app
from bitext.translate import EngineOptions, PlaceholderSafeEngine, get_engine
from bitext.translate import apertium as apertium_module
from bitext.translate.apertium import ApertiumEngine

pytestmark = pytest.mark.skipif(
    not apertium_module.is_available(),
    reason=f"Apertium missing ({', '.join(apertium_module.missing_parts())}): {apertium_module.INSTALL_HINT}",
)


@pytest.fixture(scope="module")
def engine() -> ApertiumEngine:
    return ApertiumEngine()


def test_cli_example_prints_english() -> None:
    result = CliRunner().invoke(
        app,
        ["translate", "--engine", "apertium", "--no-cache", "--no-glossary", "-q", "-"],
        input="Le ministre a rencontré la délégation française.\n",
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == "The minister has found the French delegation.\n"


def test_one_output_per_input_with_empty_ones(engine: ApertiumEngine) -> None:
    texts = ["Le ministre est arrivé.", "", "  ", "La France et le Vietnam.", "Fin."]
    out = engine.translate(texts)
    assert len(out) == len(texts)
    assert out[1:3] == ["", ""]
    assert out[0].startswith("The minister")
    assert "France" in out[3] and "Vietnam" in out[3]


TRICKY = [
    "Texte avec [crochets] et \\barre ^chapeau$ dollar / <balise> @arobase {accolade}.",
    "Une phrase\nsur deux lignes\r\net une troisième.",
    "le début sans majuscule ni point",
    "Séparateurs\u2028unicode\u2029et\x0bverticaux\x0c.",
    "Un crochet ouvert [ à la fin [",
    "Fin $ ^ \\",
    "la maison",
]


def test_sentence_line_mapping_survives_newlines_and_superblank_characters(engine: ApertiumEngine) -> None:
    together = engine.translate(TRICKY)
    alone = [engine.translate([text])[0] for text in TRICKY]
    assert together == alone, "a sentence's translation must not depend on its neighbours"
    assert all("\n" not in text and text for text in together)


def test_unknown_word_marks_never_reach_output(engine: ApertiumEngine) -> None:
    [out] = engine.translate(["Le Xyzzyblorf a mangé des qwertzuiop."])
    assert "Xyzzyblorf" in out and "qwertzuiop" in out
    assert not any(mark in out for mark in "*#@")


def test_marks_in_the_source_are_kept(engine: ApertiumEngine) -> None:
    [out] = engine.translate(["Suivez #bitext et @ministere."])
    assert "#" in out and "@" in out


@pytest.mark.parametrize(
    "template",
    [
        "Le {0} a rencontré le {1}.",
        "{0}, {1} et {2} sont arrivés.",
        "Selon {0} ({1}), la réunion a eu lieu.",
        "«{0}» a déclaré l'{1}: {2}!",
        "Les {0}-{1} ont signé.",
        "{0}",
    ],
)
def test_placeholders_pass_through_both_stages(engine: ApertiumEngine, template: str) -> None:
    assert isinstance(engine, PlaceholderSafeEngine)
    tokens = [engine.placeholder(i, 4) for i in range(3)]
    [out] = engine.translate([template.format(*tokens)])
    for token in tokens[: template.count("{")]:
        assert out.count(token) == 1, out
    assert engine.placeholder(12, 3) == "ZXQ012"


def test_get_engine_by_name(engine: ApertiumEngine) -> None:
    chosen = get_engine("apertium", EngineOptions(beam_size=8))
    assert chosen.info.name == "apertium"
    assert chosen.info.model == "fr-es+spa-eng"


def test_cli_enforces_the_project_glossary_by_default() -> None:
    result = CliRunner().invoke(
        app,
        ["translate", "--engine", "apertium", "--no-cache", "-"],
        input="Le vice-ministre de la Sécurité publique Le Van Tuyen est arrivé.\n",
    )
    assert result.exit_code == 0, result.output
    assert "Deputy Minister of Public Security Le Van Tuyen" in result.stdout
    assert "term accuracy: 2/2 = 1.000" in result.stderr


def test_gaps_left_by_dropped_words_are_closed(engine: ApertiumEngine) -> None:
    [english] = engine.translate(["La coopération se consolide, se développe de plus en plus, et grandit."])
    assert "  " not in english and " ," not in english
    assert english.startswith("The cooperation")


@pytest.mark.parametrize("odd", ["\uffff", "\U0001ffff", "\ufdd0", "\x01", "\x7f", "\x85", "\x1f"])
def test_noncharacters_and_controls_neither_cut_nor_lose_lines(engine: ApertiumEngine, odd: str) -> None:
    """Regression: Apertium stops reading at U+FFFF ("The minister has", then lines missing)."""
    texts = [f"Le ministre a {odd}rencontré la délégation.", "Deux chats dorment."]
    first, second = engine.translate(texts)
    assert first == "The minister has found the delegation."
    assert "cats" in second


def test_cli_translates_a_line_with_u_ffff_whole() -> None:
    result = CliRunner().invoke(
        app,
        ["translate", "--engine", "apertium", "--no-cache", "--no-glossary", "-q", "-"],
        input="Le ministre a \uffffrencontré la délégation française.\nDeux chats.\n",
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "The minister has found the French delegation."
    assert len(result.stdout.splitlines()) == 2

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


# --- pivot leaks (issue 9) and Apertium debris (issue 13, item 23) -------------------

LEAKY = {
    "Le gouvernement a débloqué trois milliards pour les agriculteurs.": ("millardos", "milliards"),
    "Les combattants rebelles ont quitté la ville avant l'aube.": ("combatientes", "combattants"),
    "Ce n'est pas un hasard si la production stagne.": ("casualidad", "hasard"),
    "Les pompiers ont retrouvé le conducteur, qui s'était enfui à pied.": ("fugado", "enfui"),
    "La police a démantelé un atelier clandestin près du port.": ("clandestino", "clandestin"),
}


@pytest.mark.parametrize(("french", "spanish"), [(f, s) for f, (s, _) in LEAKY.items()])
def test_spanish_left_by_the_pivot_is_repaired(engine: ApertiumEngine, french: str, spanish: str) -> None:
    from bitext.translate.leaks import spanish_words

    [english] = engine.translate([french])
    assert spanish not in english
    assert spanish_words(english, french) == [], english


@pytest.mark.parametrize(
    ("french", "glued"),
    [
        ("Les rebelles ont quitté la ville, a-t-il affirmé.", "haafirmado"),
        ("Le stade sera rénové, a-t-elle expliqué aux journalistes.", "haexplicado"),
        ("Le projet est prêt, ont-ils déclaré hier.", "-declared"),
        ("Le ministre a-t-il été informé ?", "hasido"),
        ("C'est fini, dit-il.", "says-"),
    ],
)
def test_french_inversion_does_not_glue_words(engine: ApertiumEngine, french: str, glued: str) -> None:
    [english] = engine.translate([french])
    assert glued not in english, english


@pytest.mark.parametrize(
    "french",
    [
        "x y du ministère",
        "y du ministère de la Culture",
        "Le X y de la ministre.",
        "Nguyen Van An y lui répond.",
        "M. Dupont -moi du ministère.",
        "Donnez-moi y le dossier.",
        "Vers 10h, la devise vaut 1,35 dollar.",
    ],
)
def test_apertium_tags_and_marks_never_reach_the_output(engine: ApertiumEngine, french: str) -> None:
    [english] = engine.translate([french])
    assert english
    assert not any(char in english for char in "<>*#@"), english


def test_one_output_per_input_when_sentences_leak(engine: ApertiumEngine) -> None:
    texts = [*LEAKY, "", "x y du ministère", "  ", "a-t-il affirmé", TRICKY[1], "Fin."]
    together = engine.translate(texts)
    assert len(together) == len(texts)
    assert together == [engine.translate([text])[0] for text in texts]
    assert together[len(LEAKY)] == "" and together[len(LEAKY) + 2] == ""


def test_text_shaped_like_the_stream_format_survives(engine: ApertiumEngine) -> None:
    [english] = engine.translate(["Le texte [[12]] avec [[/]] et ^mot$ contient des milliards."])
    for token in ("[[12]]", "[[/]]", "^", "$"):
        assert token in english, english
    assert "millardos" not in english


def test_addresses_and_codes_are_not_repaired(engine: ApertiumEngine) -> None:
    [english] = engine.translate(["Écrivez à jean@exemple.com ou sur www.exemple.fr/contact avant 10h."])
    for token in ("jean@exemple.com", "www.exemple.fr/contact", "10h"):
        assert token in english, english


def test_placeholders_survive_next_to_repairs(engine: ApertiumEngine) -> None:
    token = engine.placeholder(7, 4)
    [english] = engine.translate([f"Le {token} a débloqué trois milliards pour les combattants."])
    assert english.count(token) == 1
    assert "millardos" not in english and "combatientes" not in english


def test_without_catalan_spanish_falls_back_to_the_french_word(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(apertium_module, "has_mode", lambda mode: mode not in apertium_module.REPAIR_STAGES)
    engine = ApertiumEngine()
    assert engine.info.options == {"leak_repair": "source-word"}
    [english] = engine.translate(["Le gouvernement a débloqué trois milliards pour les agriculteurs."])
    assert "milliards" in english and "millardos" not in english


def test_leak_repair_is_recorded_in_the_engine_info(engine: ApertiumEngine) -> None:
    repair = "source-word" if apertium_module.repair_missing_parts() else "fra-cat+cat-eng"
    assert engine.info.options == {"leak_repair": repair}
    plain = ApertiumEngine(leak_repair=False)
    assert plain.info.options == {}
    [english] = plain.translate(["Le ministre est arrivé."])
    assert english.startswith("The minister")


def test_an_unknown_mode_is_a_model_error() -> None:
    from bitext.errors import ModelError
    from bitext.translate.apertium_pipes import mode_halves

    with pytest.raises(ModelError, match="xx-yy"):
        mode_halves("xx-yy")


@pytest.mark.skipif(bool(apertium_module.repair_missing_parts()), reason="Catalan pairs missing")
def test_repair_pipes_answer_many_requests_and_stop() -> None:
    from bitext.errors import ModelError
    from bitext.translate.apertium_flush import FlushingPipes
    from bitext.translate.apertium_repair import repair_phrases

    pipes = FlushingPipes(*apertium_module.REPAIR_STAGES)
    first = repair_phrases(pipes, ["gazoduc", "obèses"])
    second = repair_phrases(pipes, ["banquiers"])
    assert first == {"gazoduc": "pipeline", "obèses": "obese"}
    assert second == {"banquiers": "bankers"}
    pipes.close()
    with pytest.raises(ModelError, match="stopped"):
        pipes.run("x.[][\n]")


def test_an_engine_translates_call_after_call(engine: ApertiumEngine) -> None:
    texts = ["Les combattants ont construit un gazoduc.", "Trois milliards de dollars."]
    assert [engine.translate([text])[0] for text in texts] == engine.translate(texts)
    engine.close()
    assert engine.translate(texts[:1])[0].startswith("The combatants")


@pytest.mark.skipif(bool(apertium_module.repair_missing_parts()), reason="Catalan pairs missing")
def test_the_catalan_pipes_start_at_the_first_leak_only() -> None:
    engine = ApertiumEngine()
    assert engine.translate(["Le ministre est arrivé."])[0].startswith("The minister")
    assert engine._repair_pipes is None, "a call without leaks does not load Catalan"
    assert engine.translate(["Les combattants ont construit un gazoduc."])[0].startswith("The combatants")
    assert engine._repair_pipes is not None
    engine.close()

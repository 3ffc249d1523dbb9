"""The quality estimate: features on pairs written here, the combiner, the shipped weights."""

from __future__ import annotations

import json
import math

import pytest
from conftest import make_sentences
from typer.testing import CliRunner

from bitext.cli import app
from bitext.glossary import load_glossary
from bitext.models import EngineInfo, SpanHit, TermHit, Translation
from bitext.quality import FEATURES, estimate_pair, estimate_translation, shipped_weights, with_quality
from bitext.quality.combiner import combine, rank
from bitext.quality.features import (
    char_overlap,
    french_left_share,
    leaked_share,
    numbers_lost,
    pair_features,
    spans_lost_in_text,
)
from bitext.translate import apertium
from bitext.translate.base import Engine
from bitext.translate.documents import Translator

FRENCH = "Le ministre a rencontré le président du Vietnam à Hanoï mardi pour parler du commerce."
ENGLISH = "The minister met the president of Vietnam in Hanoi on Tuesday to talk about trade."
SPANISH = "El ministro ha encontrado al presidente de Vietnam en Hanói el martes para hablar del comercio."
SEVEN_TERMS_FR = (
    "Le ministère de la Sécurité publique, le ministère de l'Intérieur et le ministère de la Santé ont reçu "
    "Tran Dai Quang, Bernard Cazeneuve, Patricia Adam et Jean-Marc Falcone à Hanoï."
)
SEVEN_TERMS_EN = (
    "The Ministry of Public Security, the Ministry of the Interior and the Ministry of Health received "
    "Tran Dai Quang, Bernard Cazeneuve, Patricia Adam and Jean-Marc Falcone in Hanoi."
)


def feature(name: str, source: str, target: str, **kwargs: object) -> float:
    return pair_features(source, target, **kwargs)[FEATURES.index(name)]  # type: ignore[arg-type]


def test_spanish_output_is_a_leak_and_scores_near_zero() -> None:
    assert leaked_share(SPANISH, FRENCH, len(SPANISH.split())) > 0.2
    assert estimate_pair(FRENCH, SPANISH) < 0.05
    assert estimate_pair(FRENCH, ENGLISH) > 0.6


def test_french_left_in_the_english_is_counted_but_not_names_or_ordinary_english() -> None:
    source = {"le", "gazoduc", "informations", "plus", "euros"}
    assert french_left_share(["the", "gazoduc", "informations"], source) == pytest.approx(2 / 3)
    assert french_left_share(["plus", "euros", "Gazoduc"], source) == 0.0


def test_a_perfect_pair_with_seven_glossary_terms_scores_high() -> None:
    quality = estimate_pair(SEVEN_TERMS_FR, SEVEN_TERMS_EN, terms_found=7)
    assert quality > 0.75
    assert estimate_pair(SEVEN_TERMS_FR, SEVEN_TERMS_EN, terms_found=3, terms_missing=4) < quality


@pytest.mark.parametrize("garbled", ["", "   ", "xqzt kfp wvb zzrq plm", "ZXQ0 ZXQ1 @@ ## ** ⟦0⟧"])
def test_empty_or_garbled_output_scores_low(garbled: str) -> None:
    assert estimate_pair(FRENCH, garbled) < 0.1


def test_an_empty_source_scores_zero() -> None:
    assert estimate_pair("", ENGLISH) == 0.0


def test_names_and_numbers_lost_are_found_without_recorded_spans() -> None:
    source = "M. Nguyen Van Binh a signé 3 accords à Da Nang le 12 mars."
    kept = "Mr Nguyen Van Binh signed 3 agreements in Da Nang on 12 March."
    lost = "Mr Nguyen Go Binh signed 3 agreements in Gives Nang on 12 March."
    assert spans_lost_in_text(source, kept) == 0.0
    assert spans_lost_in_text(source, lost) > 0.0
    assert numbers_lost("Il a payé 1 500 euros.", "He paid 1,500 euros.") == 0.0
    assert numbers_lost("Il a payé 1 500 euros.", "He paid 15 euros.") == 1.0


def test_recorded_spans_are_used_when_given() -> None:
    lost = SpanHit(kind="name", start=0, end=5, source="Binh", target="Binh", status="lost")
    kept = lost.model_copy(update={"status": "kept"})
    assert feature("spans_lost", FRENCH, ENGLISH, spans=[lost, kept]) == 0.5
    assert feature("spans_lost", FRENCH, ENGLISH, spans=[kept]) == 0.0


def test_char_overlap_is_chrf_with_the_source_as_reference() -> None:
    assert char_overlap("abc", "abc", 6) == pytest.approx(1.0)
    assert char_overlap("abc", "xyz", 6) == 0.0
    assert 0.0 < char_overlap(FRENCH, ENGLISH, 6) < 1.0


def test_every_feature_is_finite_on_odd_pairs() -> None:
    for source, target in [("", ""), ("«»", "()"), ("123", "123"), ("é" * 500, "e"), (FRENCH, ENGLISH)]:
        assert all(math.isfinite(value) for value in pair_features(source, target))


def test_the_combiner_stays_in_range_on_extreme_features() -> None:
    weights = shipped_weights()
    for value in (-1e9, -1.0, 0.0, 0.5, 1.0, 1e9):
        assert 0.0 <= combine([value] * len(FEATURES), weights) <= 1.0


@pytest.mark.parametrize("name", ["spanish", "french_left", "spans_lost", "numbers_lost", "terms_missing"])
def test_the_combiner_never_rises_with_a_defect(name: str) -> None:
    base = list(pair_features(FRENCH, ENGLISH))
    values = []
    for amount in (0.0, 0.05, 0.1, 0.2, 0.5, 1.0):
        base[FEATURES.index(name)] = amount
        values.append(combine(base))
    assert values == sorted(values, reverse=True)
    assert values[-1] < values[0]


def test_the_combiner_rises_with_the_shared_character_ngrams() -> None:
    base = list(pair_features(FRENCH, ENGLISH))
    values = []
    for amount in (0.1, 0.3, 0.5, 0.7):
        base[FEATURES.index("char_overlap")] = amount
        base[FEATURES.index("bigram_overlap")] = amount + 0.2
        values.append(combine(base))
    assert values == sorted(values)
    assert values[-1] > values[0]


def test_rank_interpolates_between_quantiles() -> None:
    quantiles = [0.0, 1.0, 2.0]
    assert rank(-5, quantiles) == 0.0
    assert rank(0.5, quantiles) == pytest.approx(0.25)
    assert rank(1.5, quantiles) == pytest.approx(0.75)
    assert rank(9, quantiles) == 1.0


def test_the_shipped_weights_carry_their_provenance() -> None:
    weights = shipped_weights()
    assert weights.features == FEATURES
    fit = weights.fit
    assert fit.script == "bench/fit_quality.py"
    assert "newstest2009" in fit.fit_data and "newstest2012" not in fit.fit_data
    assert "newstest2012" in fit.held_out_data and "mt-dev" in fit.held_out_data
    assert fit.date and "chrF" in fit.target and "apertium" in fit.engine
    assert set(fit.held_out_spearman) >= {"newstest2012", "mt-dev", "both"}
    assert fit.held_out_spearman["both"] >= 0.45


def test_translations_get_their_quality_from_their_recorded_terms() -> None:
    engine = EngineInfo(name="fake", model="none")
    hits = tuple(
        TermHit(entry_id=f"t{i}", start=0, end=1, source="x", target="y", status=status)
        for i, status in enumerate(["ok"] * 3 + ["missing"] * 4)
    )
    good = Translation(segment_id="d:0", source=SEVEN_TERMS_FR, target=SEVEN_TERMS_EN, engine=engine)
    bad = good.model_copy(update={"terms": hits})
    scored = with_quality([good, bad])
    assert scored[0].quality == estimate_translation(good) > scored[1].quality  # type: ignore[operator]
    assert scored[0].target == SEVEN_TERMS_EN


needs_apertium = pytest.mark.skipif(not apertium.is_available(), reason="Apertium is not installed")


@needs_apertium
def test_translate_json_gives_each_translation_its_quality() -> None:
    text = "Le ministre est arrivé à Hanoï mardi.\nLa délégation a rencontré Nguyen Van Binh.\n"
    result = CliRunner().invoke(app, ["translate", "-", "--engine", "apertium", "--json"], input=text)
    assert result.exit_code == 0, result.stderr
    translations = json.loads(result.stdout)["translations"]
    assert len(translations) == 2
    assert all(isinstance(t["quality"], float) and 0.0 <= t["quality"] <= 1.0 for t in translations)


@needs_apertium
def test_the_real_apertium_path_ranks_a_plain_sentence_above_its_spanish_and_garbled_forms(
    apertium_engine: Engine,
) -> None:
    sentences = make_sentences(FRENCH, SEVEN_TERMS_FR)
    [plain, terms] = Translator(apertium_engine, glossary=load_glossary(None)).sentences(sentences)
    assert plain.quality is not None and terms.quality is not None
    assert terms.quality > 0.75, terms.target
    assert estimate_pair(FRENCH, SPANISH) < plain.quality
    assert estimate_pair(FRENCH, "xqzt kfp wvb zzrq plm") < plain.quality
    assert plain.quality == estimate_translation(plain)

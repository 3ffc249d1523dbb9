"""A reference-free quality estimate per sentence and per pair, in [0, 1].

:mod:`bitext.quality.features` reads signals from the pair's own text (Spanish or French
words left in the English, names, numbers and glossary terms lost, word frequencies,
lengths, the character n-grams French and English share); :mod:`bitext.quality.combiner`
adds them up with weights fitted by ``bench/fit_quality.py`` on news-dev against
sentence-level chrF and shipped as data (``weights.json``, with the fit's provenance).
Engine-agnostic: a human translation is scored by the same features.
"""

from __future__ import annotations

from collections.abc import Sequence

from bitext.collector import collector_paused
from bitext.models import SegmentPair, SpanHit, Translation
from bitext.quality.combiner import combine, shipped_weights
from bitext.quality.features import FEATURES, OVERLAP_ORDER, pair_features
from bitext.quality.overlap import Matches, batch_ngram_matches

__all__ = [
    "FEATURES",
    "estimate_pair",
    "estimate_translation",
    "pair_quality",
    "shipped_weights",
    "translation_features",
    "with_quality",
]


def estimate_pair(
    source: str,
    target: str,
    *,
    spans: Sequence[SpanHit] | None = None,
    terms_found: int = 0,
    terms_missing: int = 0,
) -> float:
    """The quality estimate of one French/English pair.

    Args:
        source: The French.
        target: The English, from any engine or a person.
        spans: The protected spans the translation step recorded; ``None`` finds the
            names and numbers again in the pair's text.
        terms_found: Glossary terms the English renders canonically.
        terms_missing: Glossary terms of the French the English lacks.

    Returns:
        0.0 when either side is empty (nothing to trust), else the combiner's value.
    """
    if not source.strip() or not target.strip():
        return 0.0
    features = pair_features(
        source, target, spans=spans, terms_found=terms_found, terms_missing=terms_missing
    )
    return combine(features)


def estimate_translation(translation: Translation, overlaps: Matches | None = None) -> float:
    """The quality estimate of one sentence's translation, from its recorded spans and terms.

    Args:
        translation: The translation.
        overlaps: Its character n-gram counts, when a batch counted them.
    """
    if not translation.source.strip() or not translation.target.strip():
        return 0.0
    return combine(translation_features(translation, overlaps))


def translation_features(translation: Translation, overlaps: Matches | None = None) -> tuple[float, ...]:
    """The features of one sentence's translation (what the fit and the estimate both read)."""
    missing = sum(1 for hit in translation.terms if hit.status == "missing")
    return pair_features(
        translation.source,
        translation.target,
        spans=translation.spans,
        terms_found=len(translation.terms) - missing,
        terms_missing=missing,
        overlaps=overlaps,
    )


def with_quality(translations: Sequence[Translation]) -> list[Translation]:
    """The translations with ``quality`` set (what the sentence-level step returns).

    The character n-grams of all of them are counted together (the estimate's largest
    cost, see :mod:`bitext.quality.overlap`); the cycle collector is paused meanwhile,
    as the features make no cycles.
    """
    with collector_paused():
        overlaps = batch_ngram_matches([(t.source, t.target) for t in translations], OVERLAP_ORDER)
        return [
            t.model_copy(update={"quality": estimate_translation(t, counted)})
            for t, counted in zip(translations, overlaps, strict=True)
        ]


def pair_quality(pair: SegmentPair, translations: Sequence[Translation] | None = None) -> float:
    """The quality estimate of a corpus pair.

    Args:
        pair: The pair (its French, English and glossary terms are read).
        translations: The machine translations its English was made of, in the order of
            the pair's French sentences; ``None`` for English a person wrote, whose names
            and numbers are then found again in the pair's text.

    Returns:
        A one-sentence pair of machine English: its sentence's estimate. Otherwise the
        estimate of the pair's joined text, with the spans its sentences recorded.
    """
    if translations is not None and len(translations) == 1:
        only = translations[0]
        if only.quality is not None and only.source == pair.fr and only.target == pair.en:
            return only.quality
    spans = [span for t in translations for span in t.spans] if translations is not None else None
    return estimate_pair(
        pair.fr,
        pair.en,
        spans=spans,
        terms_found=len(pair.terms),
        terms_missing=len(pair.missing_terms),
    )

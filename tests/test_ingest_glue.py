"""Lost spaces: glued words split only when clearly glued; punctuation spacing."""

from __future__ import annotations

import pytest
from ingest_corpus import MT_DEV as NEWSTEST

from bitext.ingest import spacing
from bitext.ingest.clean import normalize
from bitext.ingest.draft import Draft
from bitext.ingest.glue import best_split, repair_glued_words
from bitext.ingest.spacing import add_missing_spaces, repair_spacing


def _repaired(text: str, lang: str | None) -> str:
    draft = Draft.from_raw(text, 0, len(text))
    repair_spacing(draft, lang)
    return draft.text


@pytest.mark.parametrize(
    ("lang", "glued", "repaired"),
    [
        ("fr", "duministère", "du ministère"),
        ("fr", "detravail", "de travail"),
        ("fr", "entrele", "entre le"),
        ("fr", "lacybercriminalité", "la cybercriminalité"),
        ("fr", "mesuresd’intensification", "mesures d’intensification"),
        ("fr", "s’estentretenu", "s’est entretenu"),
        ("fr", "etdes", "et des"),
        ("fr", "àcaractère", "à caractère"),
        ("fr", "enFrance", "en France"),
        ("fr", "réalisationde", "réalisation de"),
        ("en", "theministry", "the ministry"),
        ("en", "cooperationbetween", "cooperation between"),
    ],
)
def test_glued_words_are_split(lang: str, glued: str, repaired: str) -> None:
    assert _repaired(f"Le mot {glued} ici.", lang) == f"Le mot {repaired} ici."


@pytest.mark.parametrize(
    ("lang", "paragraph", "repaired"),
    [
        (
            "fr",
            "Il a rencontré la présidente,Mme PatriciaAdam, et leministre.",
            "Il a rencontré la présidente, Mme Patricia Adam, et le ministre.",
        ),
        (
            "fr",
            "entre la Police vietnamienne et la Policenationale de France se consolide,contribuant",
            "entre la Police vietnamienne et la Police nationale de France se consolide, contribuant",
        ),
        ("en", "He met theministry and the DeputyMinister.", "He met the ministry and the Deputy Minister."),
        (
            "fr",
            "Sur la base de l’Accordintergouvernemental relatif à la sécuritéintérieure",
            "Sur la base de l’Accord intergouvernemental relatif à la sécurité intérieure",
        ),
    ],
)
def test_names_glued_where_the_paragraph_lost_spaces_are_split(
    lang: str, paragraph: str, repaired: str
) -> None:
    """Seed 001: scraped paragraphs lose many spaces, so a glued name there is repaired."""
    assert _repaired(paragraph, lang) == repaired


@pytest.mark.parametrize(
    "token", ["ValueMax", "EasyMoney", "l'EuroFirst", "Voiselle", "PatriciaAdam", "Policenationale"]
)
def test_names_brands_and_indices_in_clean_text_are_never_split(token: str) -> None:
    """Regression (issue 9): clean news lost "Voiselle" → "Vois elle", "ValueMax" → "Value Max"."""
    text = f"Selon {token}, la Bourse de Paris a gagné 2 % mardi."
    assert _repaired(text, "fr") == text


@pytest.mark.parametrize(
    "text", ["l'analphabétisation", "un prologiciel", "l'autonavigation", "presqu'un an"]
)
def test_rare_words_with_a_prefix_or_an_elision_stay_whole(text: str) -> None:
    """Regression: on clean news "l'analphabétisation" became "l'an alphabétisation",
    "prologiciel" "pro logiciel" and "presqu'un" "pres qu'un"."""
    assert _repaired(f"Il parle de {text}.", "fr") == f"Il parle de {text}."


@pytest.mark.parametrize(
    ("lang", "word"),
    [
        # names wordfreq knows, or short unknown names
        ("fr", "Cazeneuve"),
        ("fr", "Darrieussecq"),
        ("fr", "Thuấn"),
        ("en", "Noury"),
        ("fr", "Siasa"),
        ("en", "Greenman"),
        # rare forms of known words
        ("fr", "concentreront"),
        ("fr", "renforceraient"),
        ("fr", "traversai"),
        ("fr", "indispensablement"),
        ("fr", "visioconférence"),
        ("en", "reconducted"),
        ("en", "outdoes"),
        # brands and camel-case names
        ("fr", "PowerPoint"),
        ("en", "iPhone"),
        ("en", "McDonald"),
        ("fr", "LaSalle"),
        # words of the other pipeline language
        ("fr", "Bargains"),
        ("en", "aujourd’hui"),
        ("fr", "aujourd’hui"),
    ],
)
def test_real_words_and_names_are_never_split(lang: str, word: str) -> None:
    assert _repaired(f"Le mot {word} ici.", lang) == f"Le mot {word} ici."


def test_best_split_needs_a_pipeline_language() -> None:
    assert best_split("duministère", "fr") == ["du", "ministère"]
    assert best_split("duministère", "de") is None
    assert _repaired("duministère", None) == "duministère"


def test_each_repair_is_one_change_with_its_raw_offset() -> None:
    text = "Les deux pays,leministre etdes délégués."
    draft = Draft.from_raw(text, 0, len(text))
    repair_glued_words(draft, "fr")
    assert [(c.kind, c.before, c.after, c.start) for c in draft.changes] == [
        ("glued_words", "etdes", "et des", text.index("etdes")),
        ("glued_words", "leministre", "le ministre", text.index("leministre")),
    ]


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("en personne,le général", "en personne, le général"),
        ("Bernard Cazeneuve.Il a rencontré", "Bernard Cazeneuve. Il a rencontré"),
        ("la région;prêt à être", "la région; prêt à être"),
        ("les suivants:la police", "les suivants: la police"),
        ("1,6 milliard de dollars", None),
        ("près de 40.000 milliards", None),
        ("Photo: vnba.org.vn", None),
        ("aux U.S.Army bases", None),
        ("M.Dupont est venu", None),
        ("à 10:30 ce matin", None),
        ("etc.le reste", None),
    ],
)
def test_missing_space_after_punctuation(text: str, fixed: str | None) -> None:
    draft = Draft.from_raw(text, 0, len(text))
    add_missing_spaces(draft)
    assert draft.text == (fixed or text)
    assert len(draft.changes) == (1 if fixed else 0)


def test_missing_space_change_shows_the_words_around() -> None:
    text = "en personne,le général"
    draft = Draft.from_raw(text, 0, len(text))
    add_missing_spaces(draft)
    assert [(c.before, c.after, c.start) for c in draft.changes] == [("personne,le", "personne, le", 3)]


@pytest.mark.skipif(not NEWSTEST.is_dir(), reason="shared newstest2014 sample not present")
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_clean_news_text_is_left_almost_alone(lang: str) -> None:
    """On 1,000 lines of edited news only genuinely glued tokens are split."""
    lines = (NEWSTEST / f"dev.{lang}").read_text(encoding="utf-8").splitlines()
    changes = []
    for line in lines:
        draft = Draft.from_raw(line, 0, len(line))
        repair_spacing(draft, lang)
        changes += [(c.before, c.after) for c in draft.changes]
    expected = {
        "fr": [("réalisationde", "réalisation de"), ("enligne", "en ligne")],
        "en": [("mediators,talks", "mediators, talks")],
    }
    assert changes == expected[lang]


@pytest.mark.parametrize("lead", ["", "Titre\n", "Un titre plus long\n\n"])
def test_a_remembered_repair_reports_where_each_copy_is(lead: str) -> None:
    """Repairs are worked out once per paragraph text and replayed: every copy's changes
    point into its own source, exactly as a repair made afresh would."""
    raw = lead + "Mme\u00a0\u00a0PatriciaAdam s’estentretenu avec la personne,le ministre duministère"

    def draft() -> Draft:
        made = Draft.from_raw(raw, len(lead), len(raw))
        normalize(made)  # an earlier edit, so the paragraph's origin is not contiguous
        return made

    afresh, remembered, again = draft(), draft(), draft()
    add_missing_spaces(afresh)
    repair_glued_words(afresh, "fr")
    repair_spacing(remembered, "fr")
    hits = spacing._spacing_steps.cache_info().hits
    repair_spacing(again, "fr")
    assert spacing._spacing_steps.cache_info().hits == hits + 1
    assert afresh.text == "Mme Patricia Adam s’est entretenu avec la personne, le ministre du ministère"
    for copy in (remembered, again):
        assert (copy.text, copy.origin, copy.changes) == (afresh.text, afresh.origin, afresh.changes)

"""Cleaning rules one by one, and two properties: exact offsets and idempotence."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bitext.ingest.clean import clean_item, clean_layout
from bitext.ingest.draft import Draft

BODY = "Le ministre a rencontré la délégation française à Paris le 5 novembre dernier."


def test_draft_keeps_raw_offsets_through_edits() -> None:
    raw = "xx Le \u200b ministre,parle. yy"
    draft = Draft.from_raw(raw, 3, 23)
    draft.replace(2, 5, " ", "whitespace")
    comma = draft.text.index(",")
    draft.edit(comma + 1, comma + 1, " ")
    draft.replace(len(draft.text) - 1, len(draft.text), "", "agency_signoff")
    draft.replace(0, len("Le ministre,"), "Le ministre ,", "missing_space")
    assert draft.text == "Le ministre , parle"
    assert [(c.before, c.after, c.start) for c in draft.changes] == [
        (" \u200b ", " ", 5),
        (".", "", 22),
        ("Le \u200b ministre,", "Le ministre ,", 3),
    ]
    assert raw[draft.origin[draft.text.index("parle")]] == "p"
    assert (draft.start, draft.end) == (3, 22)


@pytest.mark.parametrize(
    ("raw", "text", "kinds"),
    [
        ("Titre\nLe\u00a0ministre\tparle  ici.", "Le ministre parle ici.", ["whitespace"] * 3),
        ("Titre\nLe mini\u200bstre par\u00adle.", "Le ministre parle.", ["whitespace"] * 2),
        ("Titre\nLa se\u0301curite\u0301.", "La sécurité.", ["normalize"] * 2),
        ("Titre\n  Le ministre parle.  ", "Le ministre parle.", []),
        ("Titre\nLe ministre a \uffffrencontré.", "Le ministre a rencontré.", ["control_character"]),
        ("Titre\nUn\x0bdeux\x1etrois\u2028quatre.", "Un deux trois quatre.", ["control_character"] * 3),
        ("Titre\nLe \x01\x7f\x81mini\ufdd0stre\U0010ffff.", "Le ministre.", ["control_character"] * 3),
        ("Titre\nLe c\x9cur \x96 dit-il \x96 bat.", "Le cœur – dit-il – bat.", ["control_character"] * 3),
        ("Titre\nFin \x0c suite.", "Fin suite.", ["whitespace", "control_character"]),
    ],
)
def test_unicode_and_spaces(raw: str, text: str, kinds: list[str]) -> None:
    item = clean_layout(raw)
    assert item.paragraphs == ["Titre", text]
    assert [c.kind for c in item.changes()] == kinds


@pytest.mark.parametrize(
    ("marker_line", "cut"),
    [
        ("Voir plus", True),
        ("VOIR PLUS »", True),
        ("Lire aussi : Le Vietnam et la France signent un accord", True),
        ("Lire la suite...", True),
        ("Read more", True),
        ("See more:", True),
        ("See more photos of the visit in our gallery.", False),
        ("Lire aussiLe", False),
    ],
)
def test_teaser_cut_from_marker_to_end(marker_line: str, cut: bool) -> None:
    item = clean_layout(f"Titre\n{BODY}\n{marker_line}\nUn autre article sans rapport.\n")
    assert (item.paragraphs == ["Titre", BODY]) is cut
    assert [c.kind for c in item.changes()] == (["teaser_cut"] if cut else [])


@pytest.mark.parametrize(
    ("line", "cut"),
    [
        ("Les escroqueries en ligne se multiplient à Hanoï.", True),
        ("LES ESCROQUERIES", True),
        ("Les  escroqueries : trois conseils", True),
        ("Les escroqueriesX ne comptent pas.", False),
        ("Des escroqueries en ligne se multiplient.", False),
    ],
)
def test_a_paragraph_start_cuts_any_paragraph_that_begins_with_it(line: str, cut: bool) -> None:
    """Regression (hardening 20): a custom marker cut only a paragraph that was the marker."""
    item = clean_layout(f"Titre\n{BODY}\n{line}\nUn autre article.\n", starts=["Les escroqueries"])
    assert (item.paragraphs == ["Titre", BODY]) is cut


def test_paragraph_starts_add_to_the_default_markers() -> None:
    raw = f"Titre\n{BODY}\nVoir plus\nLes escroqueries en ligne.\n"
    assert clean_layout(raw, starts=["Les escroqueries"]).paragraphs == ["Titre", BODY]
    kept = clean_layout(raw, markers=(), starts=["Les escroqueries"]).paragraphs
    assert kept == ["Titre", BODY, "Voir plus"]


def test_a_marker_as_title_is_not_a_teaser() -> None:
    assert clean_layout(f"Read more\n{BODY}").paragraphs == ["Read more", BODY]


@pytest.mark.parametrize(
    ("line", "date"),
    [
        ("29/09/2025", "29/09/2025"),
        ("2025-09-29", "2025-09-29"),
        ("29/09/2025 14:35", "29/09/2025"),
        ("29.09.2025, 14h35 GMT+7", "29.09.2025"),
        ("lundi 29 septembre 2025", "lundi 29 septembre 2025"),
        ("September 29, 2025", "September 29, 2025"),
        ("Date: 2025-09-29", "2025-09-29"),
    ],
)
def test_date_lines_become_metadata(line: str, date: str) -> None:
    item = clean_layout(f"Titre\n{line}\n{BODY}")
    assert item.paragraphs == ["Titre", BODY] and item.metadata().date == date
    assert [c.kind for c in item.changes()] == ["date_stamp"]


def test_dates_inside_sentences_stay() -> None:
    text = "Le 29/09/2025, le ministre a rencontré la délégation."
    item = clean_layout(f"Titre\n{text}")
    assert item.paragraphs == ["Titre", text] and item.metadata().date is None


@pytest.mark.parametrize(
    ("line", "caption", "credit"),
    [
        ("Le ministre à Paris. Photo : https://www.qdnd.vn/", "Le ministre à Paris.", "https://www.qdnd.vn/"),
        ("Le ministre à Paris. Photo: VNA", "Le ministre à Paris.", "VNA"),
        ("Le ministre à Paris (Photo : VNA)", "Le ministre à Paris", "VNA"),
        ("Photo d'illustration: vnba.org.vn", None, "vnba.org.vn"),
        ("Le ministre à Paris. Illustration photo", "Le ministre à Paris.", None),
        ("The minister in Paris. Photo credit: AFP", "The minister in Paris.", "AFP"),
    ],
)
def test_captions_and_credits_become_metadata(line: str, caption: str | None, credit: str | None) -> None:
    item = clean_layout(f"Titre\n{line}\n{BODY}")
    assert item.paragraphs == ["Titre", BODY]
    assert item.metadata().captions == ((caption,) if caption else ())
    assert item.metadata().credits == ((credit,) if credit else ())
    assert [c.kind for c in item.changes()] == ["caption"]


@pytest.mark.parametrize(
    "line",
    ["Il a parlé de la photo : « Elle est fausse »", "Le ministre a posé pour la photo: un symbole fort."],
)
def test_the_word_photo_in_a_sentence_is_not_a_credit(line: str) -> None:
    assert clean_layout(f"Titre\n{line}").paragraphs == ["Titre", line]


def test_a_long_paragraph_keeps_its_text_and_loses_only_the_credit() -> None:
    long_body = " ".join([BODY] * 6)
    item = clean_layout(f"Titre\n{long_body} Photo : VNA")
    assert item.paragraphs == ["Titre", long_body] and item.metadata().captions == ()
    assert [(c.kind, c.before, c.paragraph) for c in item.changes()] == [("caption", " Photo : VNA", 1)]


@pytest.mark.parametrize(
    ("line", "agency", "kept"),
    [
        ("Les deux pays.-VNA", "VNA", "Les deux pays."),
        ("Les deux pays.- VNA", "VNA", "Les deux pays."),
        ("Les deux pays. – AFP", "AFP", "Les deux pays."),
        ("Les deux pays. (VNA)", "VNA", "Les deux pays."),
        ("Les deux pays.-AFP/VNA", "AFP/VNA", "Les deux pays."),
        ("Le dialogue Vietnam-France.", None, "Le dialogue Vietnam-France."),
        ("Le sommet de l'ONU - UNESCO", None, "Le sommet de l'ONU - UNESCO"),
    ],
)
def test_agency_signoffs(line: str, agency: str | None, kept: str) -> None:
    item = clean_layout(f"Titre\n{line}")
    assert item.paragraphs == ["Titre", kept] and item.metadata().agency == agency


def test_a_signoff_alone_on_the_last_line() -> None:
    item = clean_layout(f"Titre\n{BODY}\n- VNA")
    assert item.paragraphs == ["Titre", BODY] and item.metadata().agency == "VNA"


def test_a_dateline_gives_the_agency_and_stays() -> None:
    item = clean_layout(f"Titre\nHanoï (VNA) - {BODY}")
    assert item.paragraphs == ["Titre", f"Hanoï (VNA) - {BODY}"] and item.metadata().agency == "VNA"
    assert item.changes() == []


def test_urls_move_to_metadata() -> None:
    item = clean_layout(
        "Titre\nVoir le rapport (https://example.org/a?b=1) et www.mps.gov.vn pour le détail."
    )
    assert item.paragraphs == ["Titre", "Voir le rapport et pour le détail."]
    assert item.metadata().urls == ("https://example.org/a?b=1", "www.mps.gov.vn")
    assert [c.before for c in item.changes()] == [" (https://example.org/a?b=1)", " www.mps.gov.vn"]


def test_duplicates_keep_the_first_place_and_the_cleaner_copy() -> None:
    glued = BODY.replace("la délégation", "ladélégation").replace("à Paris", "àParis")
    item = clean_layout(f"Titre\n{glued}\nLa suite du texte, différente.\n{BODY}\n{BODY}")
    assert item.paragraphs == ["Titre", BODY, "La suite du texte, différente."]
    dropped = [c.before for c in item.changes() if c.kind == "duplicate_paragraph"]
    assert dropped == [glued, BODY]


def test_near_duplicates_and_distinct_paragraphs() -> None:
    near = BODY.replace("dernier", "derniers")
    other = BODY.replace("5 novembre", "12 décembre").replace("Paris", "Lyon")
    assert clean_layout(f"Titre\n{BODY}\n{near}").paragraphs == ["Titre", BODY]
    assert clean_layout(f"Titre\n{BODY}\n{other}").paragraphs == ["Titre", BODY, other]
    assert clean_layout("Titre\nOui.\nNon.\nOui.").paragraphs == ["Titre", "Oui.", "Non."]


_ALPHABET = "abcdeéèàç ,.;:'’ABCÉ-\u00a0\t\u200b\uffff\x0b\x01"
_LINES = st.lists(st.text(alphabet=_ALPHABET, min_size=1, max_size=40), min_size=1, max_size=6)


@settings(max_examples=60, deadline=None)
@given(_LINES)
def test_every_change_points_at_its_text(lines: list[str]) -> None:
    raw = "\n".join(lines)
    for change in clean_item(raw, "fr").changes():
        assert raw[change.start : change.start + len(change.before)] == change.before


@settings(max_examples=60, deadline=None)
@given(_LINES)
def test_cleaning_is_idempotent(lines: list[str]) -> None:
    once = clean_item("\n".join(lines), "fr")
    twice = clean_item("\n".join(once.paragraphs), "fr")
    assert twice.paragraphs == once.paragraphs and twice.changes() == []


@pytest.mark.parametrize("key", ["000", "001", "002", "003"])
def test_cleaning_a_cleaned_seed_changes_nothing(seed_documents: dict, key: str) -> None:
    document = seed_documents[key]
    again = clean_item(document.text, document.lang)
    assert again.paragraphs == document.text.split("\n\n") and again.changes() == []

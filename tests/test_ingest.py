"""Ingest and cleaning: the dirt the seeds show, and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bitext.errors import InputError, UsageError
from bitext.ingest import EmptyItemError, collect_inputs, load_document, load_documents
from bitext.ingest.clean import clean_item
from bitext.ingest.glue import best_split

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def seed_001():
    return load_document(SEEDS / "001_2bea66558eb3f719.txt")


@pytest.fixture(scope="module")
def seed_003():
    return load_document(SEEDS / "003_e1687c0f2dc57851.txt")


def test_seed_languages() -> None:
    langs = {d.id[:3]: d.lang for d in load_documents(collect_inputs([SEEDS]))}
    assert langs == {"000": "en", "001": "fr", "002": "en", "003": "fr"}


def test_seed_001_duplicate_paragraph_dropped_cleaner_copy_kept(seed_001) -> None:
    assert seed_001.text.count("a effectué les 5 et 6 novembre une visite de travail") == 1
    assert "duministère" not in seed_001.text
    dropped = [c for c in seed_001.changes if c.kind == "duplicate_paragraph"]
    assert len(dropped) == 1 and "duministère" in dropped[0].before


@pytest.mark.parametrize(
    ("glued", "repaired"),
    [  # repaired None: the glued word is only in a paragraph dropped as a duplicate
        ("detravail", None),
        ("entrele", "entre le"),
        ("lacybercriminalité", "la cybercriminalité"),
        ("mesuresd’intensification", "mesures d’intensification"),
        ("personne,le", "personne, le"),
        ("s’estentretenu", "s’est entretenu"),
        ("PatriciaAdam", "Patricia Adam"),
        ("Policenationale", "Police nationale"),
        ("Cazeneuve.Il", "Cazeneuve. Il"),
    ],
)
def test_seed_001_glued_words_repaired(seed_001, glued: str, repaired: str | None) -> None:
    assert glued not in seed_001.text
    assert any(glued in c.before for c in seed_001.changes)
    if repaired is not None:
        assert repaired in seed_001.text


def test_seed_001_names_not_split(seed_001) -> None:
    for name in ("Cazeneuve", "Tran Dai Quang", "Jean-Marc Falcone", "Patricia Adam"):
        assert name in seed_001.text


def test_seed_001_teaser_cut(seed_001) -> None:
    assert "Voir plus" not in seed_001.text
    assert "escroqueries" not in seed_001.text
    cuts = [c for c in seed_001.changes if c.kind == "teaser_cut"]
    assert len(cuts) == 1 and cuts[0].before.startswith("Voir plus") and "escroqueries" in cuts[0].before


def test_seed_001_agency_signoff_to_metadata(seed_001) -> None:
    assert seed_001.metadata.agency == "VNA"
    assert not seed_001.text.rstrip().endswith("VNA")


def test_seed_003_caption_and_date_separated(seed_003) -> None:
    assert seed_003.metadata.date == "2021-11"
    assert seed_003.metadata.urls == ("https://www.qdnd.vn/",)
    assert len(seed_003.metadata.captions) == 1
    assert seed_003.metadata.captions[0].startswith("Le vice-ministre Hoang Xuan Chien")
    assert "Photo" not in seed_003.text and "qdnd" not in seed_003.text and "date 2021" not in seed_003.text
    assert {c.kind for c in seed_003.changes} >= {"caption", "date_stamp", "agency_signoff"}


def test_seed_000_date_line_becomes_metadata() -> None:
    document = load_document(SEEDS / "000_d3120237ae4e27c2.txt")
    assert document.metadata.date == "29/09/2025"
    assert "29/09/2025" not in document.text


def test_english_seed_real_words_not_split() -> None:
    document = load_document(SEEDS / "002_0bd9635a1519d397.txt")
    assert not [c for c in document.changes if c.kind == "glued_words"]
    assert "modernising" in document.text and "finalise" in document.text


@pytest.mark.parametrize("word", ["Cazeneuve", "Darrieussecq", "concentreront", "visioconférence", "Thuấn"])
def test_known_words_and_names_are_never_split(word: str) -> None:
    assert best_split(word, "fr") is None


def test_no_clean_keeps_text_as_written() -> None:
    document = load_document(SEEDS / "001_2bea66558eb3f719.txt", clean=False)
    assert document.changes == ()
    assert "duministère" in document.text and "Voir plus" in document.text


def test_every_change_is_recorded(tmp_path: Path) -> None:
    path = tmp_path / "item.txt"
    path.write_text(
        "Titre\u00a0de\tl’article\n\nLe ministre a parlé,puis il est parti.\n\n"
        "Voir le site https://example.org/page pour le détail.\n\nLire aussi\n\nAutre article.\n",
        encoding="utf-8",
    )
    document = load_document(path)
    kinds = [c.kind for c in document.changes]
    assert kinds.count("whitespace") == 1 and "missing_space" in kinds
    assert "url" in kinds and "teaser_cut" in kinds
    assert document.title == "Titre de l’article"
    assert "https://example.org/page" in document.metadata.urls
    assert "Autre article" not in document.text


def test_near_duplicate_keeps_the_copy_with_spaces() -> None:
    clean = "Le ministre a rencontré la délégation française à Paris le 5 novembre dernier."
    glued = clean.replace("la délégation", "ladélégation").replace("à Paris", "àParis")
    item = clean_item(f"Titre\n{glued}\n{clean}\n", "fr")
    assert item.paragraphs == ["Titre", clean]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.text(alphabet="abcdéèàç ,.;:'’ABCÉ-\u00a0\t", min_size=1, max_size=40), min_size=1, max_size=6
    )
)
def test_cleaning_is_idempotent(lines: list[str]) -> None:
    once = clean_item("\n".join(lines), "fr")
    twice = clean_item("\n".join(once.paragraphs), "fr")
    assert twice.paragraphs == once.paragraphs


@pytest.mark.parametrize(
    ("content", "error", "message"),
    [
        (b"", EmptyItemError, "empty"),
        (b"  \n\t\n  ", EmptyItemError, "empty"),
        (b"Titre\n\xe9t\xe9\n", InputError, "not valid UTF-8"),
        (b"\x00\x01\x02binary", InputError, "binary"),
    ],
)
def test_bad_items(tmp_path: Path, content: bytes, error: type[Exception], message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(error, match=message) as info:
        load_document(path)
    assert "bad.txt" in str(info.value)


def test_bom_and_crlf_are_handled_silently(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffLe titre\r\n\r\nLe ministre est arrivé à Paris hier soir.\r\n".encode())
    document = load_document(path)
    assert document.title == "Le titre"
    assert document.changes == ()


def test_load_documents_skips_bad_items_when_asked(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Le ministre est arrivé à Paris hier soir.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    skipped: list[Path] = []
    documents = list(
        load_documents(collect_inputs([tmp_path]), skip_bad=True, on_skip=lambda p, e: skipped.append(p))
    )
    assert [d.id for d in documents] == ["a"] and [p.name for p in skipped] == ["b.txt"]
    with pytest.raises(EmptyItemError):
        list(load_documents(collect_inputs([tmp_path])))


def test_collect_inputs_errors(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such file"):
        collect_inputs([tmp_path / "missing"])
    with pytest.raises(UsageError, match=r"no \.txt"):
        collect_inputs([tmp_path])

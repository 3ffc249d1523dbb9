"""Loading items: the seeds' cleaning results, offsets, languages, and bad input."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from bitext.errors import InputError, UsageError
from bitext.ingest import (
    EmptyItemError,
    SkippedItemWarning,
    collect_inputs,
    load_document,
    load_documents,
)
from bitext.models import Document
from bitext.textio import read_text

SEED_LANGS = {"000": "en", "001": "fr", "002": "en", "003": "fr"}


def test_seed_languages_per_item_and_per_paragraph(seed_documents: dict[str, Document]) -> None:
    assert {key: document.lang for key, document in seed_documents.items()} == SEED_LANGS
    for key, document in seed_documents.items():
        assert [p.lang for p in document.paragraphs] == [SEED_LANGS[key]] * len(document.paragraphs)
        assert document.lang_confidence is not None and document.lang_confidence > 0.9


@pytest.mark.parametrize("key", sorted(SEED_LANGS))
def test_every_change_points_at_its_text_in_the_file(
    seed_documents: dict[str, Document], seeds_dir: Path, key: str
) -> None:
    document = seed_documents[key]
    raw = read_text(document.path)
    assert document.changes, "every seed has something to clean"
    for change in document.changes:
        assert raw[change.start : change.start + len(change.before)] == change.before
    assert [c.start for c in document.changes] == sorted(c.start for c in document.changes)


@pytest.mark.parametrize("key", sorted(SEED_LANGS))
def test_sentence_and_paragraph_offsets(seed_documents: dict[str, Document], key: str) -> None:
    document = seed_documents[key]
    assert document.sentences[0].text == document.title and document.sentences[0].paragraph == 0
    for index, sentence in enumerate(document.sentences):
        assert document.text[sentence.start : sentence.end] == sentence.text
        assert sentence.id == f"{document.id}:{index}" and sentence.index == index
        paragraph = document.paragraphs[sentence.paragraph]
        assert paragraph.start <= sentence.start < sentence.end <= paragraph.end
    assert "\n\n".join(document.text[p.start : p.end] for p in document.paragraphs) == document.text


def test_seed_001_duplicate_paragraph_dropped_and_cleaner_copy_kept(
    seed_documents: dict[str, Document],
) -> None:
    document = seed_documents["001"]
    lead = "Une délégation du ministère de la Sécurité publique, conduite par le ministre en personne, le"
    assert document.text.count("a effectué les 5 et 6 novembre une visite") == 1
    assert document.text[document.paragraphs[1].start :].startswith(lead)
    dropped = [c for c in document.changes if c.kind == "duplicate_paragraph"]
    assert len(dropped) == 1
    assert "duministère" in dropped[0].before and "detravail" in dropped[0].before
    assert dropped[0].paragraph is None


@pytest.mark.parametrize(
    ("glued", "repaired"),
    [
        ("s’estentretenu", "s’est entretenu"),
        ("Cazeneuve.Il", "Cazeneuve. Il"),
        ("etdes", "et des"),
        ("PatriciaAdam", "Patricia Adam"),
        ("française,Jean", "française, Jean"),
        ("l’Accordintergouvernementale", "l’Accord intergouvernementale"),
        ("entrele", "entre le"),
        ("Policenationale", "Police nationale"),
        ("lesdeux", "les deux"),
        ("mesuresd’intensification", "mesures d’intensification"),
        ("criminalitéorganisée", "criminalité organisée"),
        ("àcaractère", "à caractère"),
        ("lacybercriminalité", "la cybercriminalité"),
        ("clandestine,les", "clandestine, les"),
        ("domainespotentiels", "domaines potentiels"),
        ("cadreschargés", "cadres chargés"),
        ("secourset", "secours et"),
        ("d’intérêtcommun", "d’intérêt commun"),
        ("leministre", "le ministre"),
        ("enFrance", "en France"),
        ("puissentmener", "puissent mener"),
        ("etdeviennent", "et deviennent"),
    ],
)
def test_seed_001_glued_words_repaired(
    seed_documents: dict[str, Document], glued: str, repaired: str
) -> None:
    document = seed_documents["001"]
    assert glued not in document.text and repaired in document.text
    (change,) = [c for c in document.changes if c.before == glued]
    assert change.kind in ("glued_words", "missing_space") and change.after == repaired
    assert (
        change.paragraph is not None
        and repaired in document.text[document.paragraphs[change.paragraph].start :]
    )


def test_seed_001_every_token_is_a_known_word_after_repair(seed_documents: dict[str, Document]) -> None:
    import re

    from bitext.ingest.glue import KNOWN_AT_LEAST, zipf

    tokens = set(re.findall(r"[^\W\d_]+", seed_documents["001"].text))
    assert {t for t in tokens if max(zipf(t, "fr"), zipf(t, "en")) < KNOWN_AT_LEAST} == set()


def test_seed_001_names_are_not_split(seed_documents: dict[str, Document]) -> None:
    for name in ("Bernard Cazeneuve", "Tran Dai Quang", "Jean-Marc Falcone", "Mme Patricia Adam"):
        assert name in seed_documents["001"].text


def test_seed_001_teaser_cut_and_signoff_to_metadata(seed_documents: dict[str, Document]) -> None:
    document = seed_documents["001"]
    assert "Voir plus" not in document.text and "escroqueries" not in document.text
    (cut,) = [c for c in document.changes if c.kind == "teaser_cut"]
    assert cut.before.startswith("Voir plus\n\nLe ministère") and cut.before.endswith("affaires.")
    assert document.metadata.agency == "VNA"
    assert document.text.endswith("de l’amitié des deux pays.")


def test_seed_003_caption_date_and_credit_separated(seed_documents: dict[str, Document]) -> None:
    document = seed_documents["003"]
    assert document.metadata.date == "2021-11"
    assert document.metadata.credits == ("https://www.qdnd.vn/",)
    assert document.metadata.urls == ("https://www.qdnd.vn/",)
    (caption,) = document.metadata.captions
    assert caption.startswith("Le vice-ministre Hoang Xuan Chien") and caption.endswith("médicale militaire.")
    for gone in ("Photo", "qdnd", "date 2021", "médicale militaire."):
        assert gone not in document.text
    assert document.title.startswith("Hanoï (VNA) - Le Vietnam et la France")  # the dateline is kept
    assert document.metadata.agency == "VNA"
    assert [c.kind for c in document.changes] == ["date_stamp", "caption", "agency_signoff"]


def test_seed_000_date_line_and_seed_002_signoff(seed_documents: dict[str, Document]) -> None:
    assert seed_documents["000"].metadata.date == "29/09/2025"
    assert "29/09/2025" not in seed_documents["000"].text
    assert seed_documents["002"].metadata.agency == "VNS"
    assert seed_documents["002"].text.endswith("in Lyon in April 2026.")


@pytest.mark.parametrize("key", ["000", "002"])
def test_english_seeds_have_no_words_split(seed_documents: dict[str, Document], key: str) -> None:
    assert not [c for c in seed_documents[key].changes if c.kind in ("glued_words", "missing_space")]


def test_sha256_is_of_the_file_bytes(seed_documents: dict[str, Document]) -> None:
    for document in seed_documents.values():
        assert document.sha256 == hashlib.sha256(Path(document.path).read_bytes()).hexdigest()


def test_no_clean_keeps_the_text_as_read(seeds_dir: Path, tmp_path: Path) -> None:
    document = load_document(seeds_dir / "001_2bea66558eb3f719.txt", clean=False)
    assert document.changes == () and document.metadata.agency is None
    assert "duministère" in document.text and "Voir plus" in document.text
    decomposed = tmp_path / "nfd.txt"
    decomposed.write_text(
        "Titre\n\nLa se\u0301curite\u0301\u00a0publique a parlé hier soir.\n", encoding="utf-8"
    )
    assert "se\u0301curite\u0301\u00a0" in load_document(decomposed, clean=False).text
    cleaned = load_document(decomposed)
    assert "sécurité publique" in cleaned.text
    assert [c.kind for c in cleaned.changes] == ["normalize", "normalize", "whitespace"]


def test_a_mixed_item_shows_each_paragraph_language(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_text(
        "Le ministre a rencontré la délégation française à Paris pour parler de sécurité.\n"
        "La coopération entre les deux pays se développe de plus en plus chaque année.\n"
        "The minister met the French delegation in Paris to discuss security and trade.\n",
        encoding="utf-8",
    )
    assert [p.lang for p in load_document(path).paragraphs] == ["fr", "fr", "en"]


def test_teaser_markers_are_configurable(tmp_path: Path) -> None:
    path = tmp_path / "item.txt"
    path.write_text("Titre\nLe ministre est arrivé à Paris hier.\nÀ LIRE\nAutre article.\n", encoding="utf-8")
    assert "Autre article" in load_document(path).text
    assert "Autre article" not in load_document(path, markers=["À lire"]).text
    assert "Autre article" in load_document(path, markers=[]).text


def test_bom_and_crlf_are_handled_silently(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffLe titre\r\n\r\nLe ministre est arrivé à Paris hier soir.\r\n".encode())
    document = load_document(path)
    assert document.title == "Le titre" and document.changes == ()
    assert document.text == "Le titre\n\nLe ministre est arrivé à Paris hier soir."


@pytest.mark.parametrize(
    ("content", "error", "message", "where"),
    [
        (b"", EmptyItemError, "empty item", "bad.txt"),
        (b"  \n\t\n \xc2\xa0 \n", EmptyItemError, "empty item", "bad.txt"),
        (b"29/09/2025\n", EmptyItemError, "no text left after cleaning", "bad.txt"),
        (b"Titre\n\xe9t\xe9\n", InputError, r"not valid UTF-8 \(byte 0xe9\)", "bad.txt:2 (offset 6)"),
        (b"Titre\n\x00\x01\x02", InputError, "binary", "bad.txt:2 (offset 6)"),
    ],
)
def test_bad_items_name_the_file(
    tmp_path: Path, content: bytes, error: type[Exception], message: str, where: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(error, match=message) as caught:
        load_document(path)
    assert where in str(caught.value)


def test_load_documents_skips_empty_items_when_asked(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Le ministre est arrivé à Paris hier soir.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b" \n")
    with pytest.raises(EmptyItemError, match=r"b\.txt"):
        list(load_documents(collect_inputs([tmp_path])))
    skipped: list[tuple[str, str]] = []
    documents = load_documents(
        collect_inputs([tmp_path]), skip_empty=True, on_skip=lambda p, e: skipped.append((p.name, e.message))
    )
    assert [d.id for d in documents] == ["a"] and skipped == [("b.txt", "empty item (no text)")]
    with pytest.warns(SkippedItemWarning, match=r"b\.txt"):
        assert [d.id for d in load_documents(collect_inputs([tmp_path]), skip_empty=True)] == ["a"]


def test_load_documents_stops_on_bad_encoding_unless_asked(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"caf\xe9\n")
    (tmp_path / "b.txt").write_text("Le ministre est arrivé à Paris hier soir.\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"a\.txt"):
        list(load_documents(collect_inputs([tmp_path]), skip_empty=True))
    skipped: list[Path] = []
    documents = load_documents(
        collect_inputs([tmp_path]), skip_bad=True, on_skip=lambda p, e: skipped.append(p)
    )
    assert [d.id for d in documents] == ["b"] and [p.name for p in skipped] == ["a.txt"]


def test_collect_inputs(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "notes.md"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    single = tmp_path / "notes.md"
    assert [p.name for p in collect_inputs([tmp_path, single])] == ["a.txt", "b.txt", "notes.md"]
    with pytest.raises(UsageError, match="no such file") as caught:
        collect_inputs([tmp_path / "missing"])
    assert caught.value.exit_code == 2 and "missing" in str(caught.value)
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(UsageError, match=r"no \.txt"):
        collect_inputs([empty])


def test_collect_inputs_warns_about_links_and_odd_files_in_a_folder(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    with pytest.warns(SkippedItemWarning) as caught:
        assert collect_inputs([tmp_path]) == [tmp_path / "a.txt"]
    messages = sorted(str(warning.message) for warning in caught)
    assert messages == [
        f"skipped {tmp_path / 'gone.txt'}: broken symbolic link (what it points to does not exist)",
        f"skipped {tmp_path / 'loop.txt'}: symbolic link loop (too many levels of symbolic links)",
        f"skipped {tmp_path / 'pipe.txt'}: not a regular file",
    ]


def test_a_loop_named_directly_says_so(tmp_path: Path) -> None:
    """Regression: a symlink loop given by name was reported as "no such file or directory"."""
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    with pytest.raises(UsageError, match="symbolic link loop") as caught:
        collect_inputs([loop])
    assert caught.value.path == loop

"""Apertium's stream format, read and rewritten (pure functions, no Apertium needed).

The lines below have the shapes Apertium 3.8 prints (analyser output, generator output
with word-bound blanks), written by hand.
"""

from __future__ import annotations

import pytest

from bitext.translate.apertium_stream import (
    UnitCounter,
    clean_for_next_stage,
    drop_inverted_subjects,
    strip_marks,
    unit_surface,
    words,
)

ANALYSED = "^Le/Le<det><def><m><sg>$ ^ministre/ministre<n><m><sg>$^./.<sent>$[][\n"
INVERTED = (
    "^prêt/prêt<adj><m><sg>$^,/,<cm>$ ^a/avoir<vbhaver><pri><p3><sg>$^-t-il/il<prn><tn><p3><m><sg>$ "
    "^affirmé/affirmer<vblex><pp><m><sg>$^./.<sent>$[][\n"
)


def test_units_are_numbered_across_lines() -> None:
    counter = UnitCounter()
    first = counter.number(ANALYSED)
    second = counter.number("]^Fin/Fin<n><f><sg>$^./.<sent>$[][\n")
    assert first.startswith("[[1]]^Le/") and "[[2]]^ministre/" in first and "[[3]]^./.<sent>$" in first
    assert second == "][[4]]^Fin/Fin<n><f><sg>$[[5]]^./.<sent>$[][\n"


def test_escaped_carets_are_not_units() -> None:
    line = "^\\^/\\^<sym>$ ^a\\\\/a<n>$ ^b/b<n>$"
    numbered = UnitCounter().number(line)
    assert numbered == "[[1]]^\\^/\\^<sym>$ [[2]]^a\\\\/a<n>$ [[3]]^b/b<n>$"


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        (INVERTED, "<vbhaver><pri><p3><sg>$  ^affirmé/"),
        ("^dit/dire<vblex><pri><p3><sg>$-^elle/il<prn><tn><p3><f><sg>$^./.<sent>$", "<sg>$ ^./.<sent>$"),
        ("^Peut/Pouvoir<vbmod><pri><p3><sg>$-^on/on<prn><pro><ref><p3><mf><sp>$ ^le/le<det>$", "<sg>$  ^le"),
    ],
)
def test_inverted_subject_pronouns_are_dropped_with_a_space_left(line: str, kept: str) -> None:
    fixed = drop_inverted_subjects(line)
    assert "<prn>" not in fixed
    assert kept in fixed


@pytest.mark.parametrize(
    "line",
    [
        # "Donne-le-moi": an object pronoun after an imperative stays.
        "^Donne-le/Donner<vblex><imp><p2><sg>+le<prn><enc><p3><nt>$-^moi/moi<prn><tn><p1><mf><sg>$",
        # "Sont-ce": "ce" is also a determiner, not only a subject pronoun.
        "^Sont/Être<vbser><pri><p3><pl>$-^ce/ce<det><dem><m><sg>/ce<prn><tn><nt><sg>$",
        # A pronoun after a noun, with a real blank: no inversion.
        "^projet/projet<n><m><sg>$ ^il/il<prn><tn><p3><m><sg>$",
    ],
)
def test_other_pronouns_stay(line: str) -> None:
    assert drop_inverted_subjects(line) == line


def test_clean_line_has_no_word_bounds_marks_or_tag_debris() -> None:
    line = "[[1]]x[[/]] [[2]]#\\<prn\\>[[/]] [[3; 3]]del[[/]] [[4]]*Xyz[[/]] [[5]]@foo[[/]][[6]].[[/]][][\n"
    assert clean_for_next_stage(line) == "x  del Xyz foo.[][\n"


def test_words_have_units_and_marks() -> None:
    line = (
        "][[6]]Los[[/]] [[7]]7[[/]] [[8]]millardos[[/]] [[9; 10]]de la[[/]] [[11]]*gazoduc[[/]] "
        "\\[[[12]]a\\/b[[/]]\\][[13]].[[/]][[14]].[[/]][][\n"
    )
    found = words(line)
    assert [word.text for word in found] == ["Los", "7", "millardos", "de la", "gazoduc", "a/b", ".", "."]
    by_text = {word.text: word for word in found}
    assert by_text["millardos"].units == (8,)
    assert by_text["de la"].units == (9, 10)
    assert by_text["gazoduc"].marks == "*"


def test_words_drop_tag_debris_from_marked_words() -> None:
    found = words("[[1]]x[[/]] [[2]]#\\<prn\\>[[/]] [[3]]del[[/]][[4]].[[/]][][\n")
    assert [(word.text, word.marks) for word in found] == [("x", ""), ("", "#"), ("del", ""), (".", "")]


def test_unit_surface_reads_one_unit() -> None:
    line = UnitCounter().number("^l'/le<det>$^Irlande/Irlande<np><loc>$ ^a\\/b/a<n>$")
    assert unit_surface(line, 2) == "Irlande"
    assert unit_surface(line, 3) == "a/b"
    assert unit_surface(line, 9) is None


def test_strip_marks_keeps_text_marks_and_reports_apertium_marks() -> None:
    text, marked = strip_marks(
        "Follow #*bitext and the *millardos, @*handle x #<prn> y", "Suivez #bitext, @handle"
    )
    assert text == "Follow #bitext and the millardos, @handle x  y"
    assert [(m.word, m.marks) for m in marked] == [("bitext", "*"), ("millardos", "*"), ("handle", "*")]
    assert text[marked[1].start : marked[1].end] == "millardos"


def test_a_mark_inside_a_token_is_removed() -> None:
    text, marked = strip_marks(
        "To 10*h, the lemma costs 1,35 dollar.", "Vers 10h, la devise vaut 1,35 dollar."
    )
    assert text == "To 10h, the lemma costs 1,35 dollar."
    assert [(m.word, text[m.start : m.end]) for m in marked] == [("h", "h")]


def test_strip_marks_without_marks_is_the_line() -> None:
    assert strip_marks("Plain English.", "Du français.") == ("Plain English.", [])

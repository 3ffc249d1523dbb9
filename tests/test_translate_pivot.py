"""Pivot leaks found from Apertium's marks and repaired, on a fake run (streams written by hand).

A real run is tested in ``test_translate_apertium.py``; here each stream line has the shape
Apertium 3.8 prints, so the tracing and the repair rules are checked one by one.
"""

from __future__ import annotations

from apertium_fakes import ANALYSED, ENGLISH, FRENCH, SPANISH, fake_run

from bitext.translate.pivot import needs_repair, read_sentence, repaired_text


def test_spanish_and_untranslated_words_are_traced_to_their_french() -> None:
    text, leaks = read_sentence(fake_run((ANALYSED, SPANISH, ENGLISH)), 0, FRENCH)
    assert text == "The 7 millardos of combatientes and the gazoduc of Nguyen."
    found = {text[leak.start : leak.end]: (leak.french, leak.kind, leak.is_name) for leak in leaks}
    assert found == {
        "millardos": ("milliards", "spanish", False),
        "combatientes": ("combattants", "spanish", False),
        "gazoduc": ("gazoduc", "untranslated", False),
        "Nguyen": ("Nguyen", "untranslated", True),
    }
    assert [needs_repair(leak) for leak in leaks] == [True, True, True, False]


def test_repairs_replace_spanish_and_keep_names() -> None:
    text, leaks = read_sentence(fake_run((ANALYSED, SPANISH, ENGLISH)), 0, FRENCH)
    repairs = {"milliards": "billions", "combattants": "combatants", "gazoduc": "gas pipeline"}
    assert (
        repaired_text(text, leaks, repairs) == "The 7 billions of combatants and the gas pipeline of Nguyen."
    )


def test_without_a_repair_spanish_falls_back_to_french_and_french_stays() -> None:
    text, leaks = read_sentence(fake_run((ANALYSED, SPANISH, ENGLISH)), 0, FRENCH)
    repaired = repaired_text(text, leaks, {"milliards": None})
    assert repaired == "The 7 milliards of combattants and the gazoduc of Nguyen."


def test_an_article_follows_the_new_word() -> None:
    french = "Il craint une stagnation."
    analysed = (
        "^Il/il<prn>$ ^craint/craindre<vblex>$ ^une/un<det>$ ^stagnation/stagnation<n>$^./.<sent>$[][\n"
    )
    spanish = "[[2]]Teme[[/]] [[3]]una[[/]] [[4]]estancación[[/]][[5]].[[/]][[6]].[[/]][][\n"
    english = "He fears a *estancación.\n"
    text, leaks = read_sentence(fake_run((analysed, spanish, english)), 0, french)
    assert repaired_text(text, leaks, {"stagnation": "stagnation"}) == "He fears a stagnation."
    assert repaired_text(text, leaks, {"stagnation": "impasse"}) == "He fears an impasse."


def test_a_spanish_name_copied_without_a_mark_is_a_leak() -> None:
    french = "La Syrie et l'Irlande signent."
    analysed = (
        "^La/le<det>$ ^Syrie/Syrie<np><loc>$ ^et/et<cnjcoo>$ ^l'/le<det>$^Irlande/Irlande<np><loc>$ "
        "^signent/signer<vblex>$^./.<sent>$[][\n"
    )
    spanish = "[[2]]Siria[[/]] [[3; 5]]e irlanda[[/]] [[6]]firman[[/]][[7]].[[/]][[8]].[[/]][][\n"
    english = "Siria and *irlanda sign.\n"
    text, leaks = read_sentence(fake_run((analysed, spanish, english)), 0, french)
    assert [(leak.french, leak.kind) for leak in leaks] == [("Syrie", "copied"), ("Irlande", "spanish")]
    assert repaired_text(text, leaks, {"Syrie": "Syria", "Irlande": "Ireland"}) == "Syria and Ireland sign."


def test_a_name_the_first_stage_translated_is_replaced_whole() -> None:
    french = "La mort de Martin Luther King."
    analysed = (
        "^La/le<det>$ ^mort/mort<n>$ ^de/de<pr>$ ^Martin Luther/Martin Luther<np>$ "
        "^King/*King$^./.<sent>$[][\n"
    )
    spanish = (
        "[[1]]La[[/]] [[2]]muerte[[/]] [[3]]de[[/]] [[4]]Martín Lutero[[/]] [[5]]*King[[/]][[6]].[[/]][][\n"
    )
    english = "The death of Martín *Lutero *King.\n"
    text, leaks = read_sentence(fake_run((analysed, spanish, english)), 0, french)
    assert repaired_text(text, leaks, {}) == "The death of Martin Luther King."


def test_sentences_are_read_by_position_with_units_numbered_across_them() -> None:
    run = fake_run(
        (ANALYSED, SPANISH, ENGLISH),
        ("]^Mines/mine<n>$^./.<sent>$[][\n", "][[12]]Minas[[/]][[13]].[[/]][][\n", "*Minas.\n"),
    )
    assert [leak.french for leak in read_sentence(run, 0, FRENCH)[1]][:2] == ["milliards", "combattants"]
    text, leaks = read_sentence(run, 1, "Mines.")
    assert (text, [leak.french for leak in leaks]) == ("Minas.", ["Mines"])


def test_words_inside_codes_are_left_alone() -> None:
    french = "Écrivez à jean@gazoduc.fr avant 10h."
    analysed = (
        "^Écrivez/écrire<vblex>$ ^à/à<pr>$ ^jean/*jean$\\@^gazoduc/*gazoduc$.^fr/*fr$ ^avant/avant<pr>$ "
        "^10/10<num>$^h/*h$^./.<sent>$[][\n"
    )
    spanish = (
        "[[1]]Escribid[[/]] [[2]]a[[/]] [[3]]*jean[[/]]\\@[[4]]*gazoduc[[/]].[[5]]*fr[[/]] "
        "[[6]]antes de[[/]] [[7]]10[[/]][[8]]*h[[/]][[9]].[[/]][][\n"
    )
    english = "Write to *jean@*gazoduc.*fr before of 10*h.\n"
    text, leaks = read_sentence(fake_run((analysed, spanish, english)), 0, french)
    assert (text, leaks) == ("Write to jean@gazoduc.fr before of 10h.", [])

"""The direct Zipf lookup agrees with wordfreq itself, word for word."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from wordfreq import zipf_frequency

from bitext import wordfreqs

WORDS = [
    "ministre",
    "Ministre",
    "MINISTÈRE",
    "délégation",
    "Élysée",
    "été",
    "hôpital",
    "naïve",
    "the",
    "Minister",
    "government",
    "policenationale",
    "xqzvbn",
    "Tran",
    "Nguyen",
    "Hué",
    "cœur",
    "Straße",
    "aujourd'hui",
    "prud’hommes",
    "l'heure",
    # apostrophes: elisions before a vowel or "h" are two tokens for wordfreq, the rest one
    "L'Heure",
    "qu'il",
    "n'y",
    "s'ÉTAIT",
    "l'x",
    "o'neil",
    "O'Hara",
    "can't",
    "jusqu'à",
    "razor's",
    "aujourd’hui",
    "c’est",
    "d’abord",
    "l'xqzvbn",
    "2024",
    "covid19",
    "Москва",
    "東京",
    "ÿ",
    "a",
    "à",
    "Ø",
]


@pytest.mark.parametrize("wordlist", ["best", "small"])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_written_words_score_as_wordfreq_scores_them(lang: str, wordlist: str) -> None:
    for word in WORDS:
        assert wordfreqs.zipf(word, lang, wordlist) == zipf_frequency(word, lang, wordlist=wordlist), word


LATIN_1_LETTERS = "abcdefghijklmnopqrstuvwxyzéèêëàâäîïôöùûüçÿæøåñ" + "ABCDEÉÈÀÇÔÜØ"


@settings(max_examples=300)
@given(
    word=st.text(alphabet=LATIN_1_LETTERS, min_size=1, max_size=12),
    lang=st.sampled_from(["fr", "en"]),
)
def test_any_latin_word_scores_as_wordfreq_scores_it(word: str, lang: str) -> None:
    assert wordfreqs.zipf(word, lang) == zipf_frequency(word, lang)


@settings(max_examples=300)
@given(
    head=st.text(alphabet=LATIN_1_LETTERS, min_size=1, max_size=4),
    mark=st.sampled_from(["'", "’"]),
    tail=st.text(alphabet=LATIN_1_LETTERS, min_size=1, max_size=8),
    lang=st.sampled_from(["fr", "en"]),
)
def test_any_latin_words_around_an_apostrophe_score_as_wordfreq_scores_them(
    head: str, mark: str, tail: str, lang: str
) -> None:
    word = f"{head}{mark}{tail}"
    assert wordfreqs.zipf(word, lang) == zipf_frequency(word, lang)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_elisions_of_listed_words_score_as_wordfreq_scores_them(lang: str) -> None:
    """Random strings are mostly unknown: listed words after each elided head check the
    combined frequency itself."""
    listed = [
        word for word in list(wordfreqs._frequencies(lang, "best"))[:3000:7] if wordfreqs.is_plain(word)
    ]
    for head in ("l", "d", "qu", "n", "can", "jusqu"):
        for mark in ("'", "’"):
            for tail in listed:
                word = f"{head}{mark}{tail}"
                assert wordfreqs.zipf(word, lang) == zipf_frequency(word, lang), word


@given(word=st.sampled_from(["le", "de", "ministre", "president", "the", "of", "minister"]))
def test_common_words_are_known(word: str) -> None:
    """Random strings are mostly unknown (0): known words check the lookup itself."""
    assert wordfreqs.zipf(word, "fr") > 3 or wordfreqs.zipf(word, "en") > 3


@pytest.mark.parametrize("least", [0.0, 2.5, 4.0, 5.0])
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_reaching_a_zipf_value_is_told_as_the_value_tells_it(lang: str, least: float) -> None:
    listed = list(wordfreqs._frequencies(lang, "best"))
    for word in [*WORDS, *listed[::97]]:
        assert wordfreqs.zipf_at_least(word, lang, least) == (wordfreqs.zipf(word, lang) >= least), word


@settings(max_examples=300)
@given(
    word=st.text(alphabet=LATIN_1_LETTERS, min_size=1, max_size=12),
    lang=st.sampled_from(["fr", "en"]),
    least=st.sampled_from([2.5, 4.0, 5.0]),
)
def test_any_latin_word_reaches_a_zipf_value_as_wordfreq_says(word: str, lang: str, least: float) -> None:
    assert wordfreqs.zipf_at_least(word, lang, least) == (zipf_frequency(word, lang) >= least)


@pytest.mark.parametrize("least", [2.5, 4.0])
@pytest.mark.parametrize("langs", [("fr", "en"), ("en",)])
def test_the_set_of_words_reaching_a_value_is_zipf_at_least(langs: tuple[str, ...], least: float) -> None:
    """Every listed word (and the samples) is in the set exactly when a language gives it ``least``."""
    reaching = wordfreqs.plain_words_reaching(langs, least)
    listed = {word for lang in ("fr", "en") for word in wordfreqs._frequencies(lang, "best")}
    samples = [word.lower() for word in WORDS] + ["policenationale", "duministère", "xqzvbn"]
    checked = 0
    for word in [*samples, *sorted(listed)[::7]]:
        if wordfreqs.is_plain(word):
            expected = any(wordfreqs.zipf_at_least(word, lang, least) for lang in langs)
            assert (word in reaching) == expected, word
            checked += 1
    assert checked > 50_000
    assert "ministre" in reaching if "fr" in langs else "minister" in reaching


@pytest.mark.parametrize("wordlist", ["best", "small"])
@pytest.mark.parametrize("lang", ["fr", "en", "es"])
def test_the_one_language_lookup_scores_as_zipf_scores(lang: str, wordlist: str) -> None:
    lookup = wordfreqs.zipf_in(lang, wordlist)
    for word in [*WORDS, *WORDS]:  # the second time from its cache
        assert lookup(word) == wordfreqs.zipf(word, lang, wordlist), word

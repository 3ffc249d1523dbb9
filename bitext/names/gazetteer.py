"""Places and their English names: curated data, CLDR territories and GeoNames cities.

Four sources, the first that knows a name wins:

1. ``data/vietnam.yaml``: Vietnamese cities, provinces and landmarks (with or without
   diacritics; English without them, as the wire services write them);
2. ``data/places.yaml``: French exonyms (Pékin → Beijing), French regions, the Élysée;
3. CLDR territory names in French and English, through babel (countries and world
   regions: Allemagne → Germany, Asie du Sud-Est → Southeast Asia);
4. ``data/geonames.tsv``: every city of 15,000 people or more (GeoNames, CC BY 4.0),
   recognised and kept as written (Vietnamese ones without diacritics).

Names are looked up by a folded key (lower case, no accents, hyphens and apostrophes
made plain) and then checked for case: every capitalised word of the known form must be
capitalised in the text ("Long An" the province, not "long an").
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

_APOSTROPHES = "'\u2019\u2018\u02bc"
_HYPHENS = "-\u2010\u2011\u2012\u2013"
_SPACE = re.compile(r"\s+")
_ARTICLE_NAMES = re.compile(
    r"\b(?:United|Republic|Kingdom|Islands|Emirates|States|Union|East|West)\b|(?:lands|ines|mas|ives|oros)$"
)
_SKIPPED_TERRITORIES = frozenset({"001", "ZZ", "QO", "EZ", "UN", "XA", "XB"})
SOFT_KINDS = frozenset({"country", "region-world"})


@dataclass(frozen=True)
class Place:
    """A place name: its English form, what kind of place, and where the entry came from.

    ``form`` is the name as the source writes it; capitalised words of it must be
    capitalised in the text (:func:`case_agrees`). Countries and world regions are
    ``soft``: engines know them, articles included, so they are checked after
    translation rather than masked.
    """

    english: str
    kind: str
    origin: str
    form: str
    population: int = 0
    country: str | None = None
    wrong: tuple[str, ...] = ()

    @property
    def soft(self) -> bool:
        """Whether the engine translates it (checked afterwards) instead of it being masked."""
        return self.kind in SOFT_KINDS

    @property
    def takes_article(self) -> bool:
        """English says "the United States", "the Philippines", but "France"."""
        return bool(_ARTICLE_NAMES.search(self.english))


@cache
def latin_base_letters() -> dict[int, str]:
    """Latin letters with diacritics (Latin-1 to Latin Extended-B, Latin Extended
    Additional: Vietnamese included) → their ASCII base letter, case kept."""
    table: dict[int, str] = {}
    for start, end in ((0xC0, 0x250), (0x1E00, 0x1F00)):
        for code in range(start, end):
            base = unicodedata.normalize("NFD", chr(code))[0]
            if base != chr(code) and base.isascii():
                table[code] = base
    return table


@cache
def _accent_table() -> dict[int, str]:
    """Accented Latin letters to their base letter, case kept; "đ" too, which has no
    decomposition."""
    return {ord("đ"): "d", ord("Đ"): "D", **latin_base_letters()}


@cache
def _fold_table() -> dict[int, str]:
    table = dict(_accent_table())
    table.update({ord(char): " " for char in _HYPHENS})
    table.update({ord(char): "'" for char in _APOSTROPHES})
    return table


def fold_key(text: str) -> str:
    """Lower case, no accents (đ → d), hyphens as spaces, one kind of apostrophe."""
    folded = text.lower().translate(_fold_table())
    return " ".join(folded.replace("'", "' ").split()).replace("' ", "'")


def ascii_form(text: str) -> str:
    """Vietnamese as English news writes it: no diacritics ("Huế" → "Hue", "Đà Nẵng" → "Da Nang")."""
    return text.translate(_accent_table())


def case_agrees(form: str, text: str) -> bool:
    """Every capitalised word of the known ``form`` is capitalised in ``text`` (all caps passes)."""
    if text.isupper():
        return True
    wanted = _words(form)
    written = _words(text)
    if len(wanted) != len(written):
        return False
    return all(
        not want[:1].isupper() or have[:1].isupper() for want, have in zip(wanted, written, strict=True)
    )


def _words(text: str) -> list[str]:
    for char in _HYPHENS:
        text = text.replace(char, " ")
    for char in _APOSTROPHES:
        text = text.replace(char, "' ")
    return text.split()


def load_data(name: str) -> Any:
    """A YAML file of ``bitext/names/data``."""
    import yaml

    text = resources.files("bitext.names").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


class Gazetteer:
    """Every known place name by folded key; built once (see :func:`gazetteer`)."""

    def __init__(self) -> None:
        self.places: dict[str, Place] = {}
        self.first_words: dict[str, int] = {}
        self.lower_heads: set[str] = set()
        self.head_letters: set[str] = set()
        self._cities: dict[str, str] = {}
        self._made: dict[str, Place] = {}  # GeoNames places made so far
        self._load_vietnam()
        self._load_curated()
        self._load_cldr()
        self._load_geonames()

    def _add(self, form: str, place: Place) -> None:
        key = fold_key(form)
        if not key or key in self.places:
            return
        self.places[key] = dataclasses.replace(place, form=form)
        if form[:1].islower():
            self.lower_heads.add(fold_key(form.split()[0]))
            self.head_letters.add(form[0])
        first = key.split(" ")[0]
        self.first_words[first] = max(self.first_words.get(first, 0), key.count(" ") + 1)

    def _load_vietnam(self) -> None:
        data = load_data("vietnam.yaml")
        for entry in data["places"]:
            for form in entry["fr"]:
                self._add(
                    form, Place(entry["en"], entry.get("kind", "place"), "vietnam.yaml", "", country="VN")
                )
        for province in data["provinces"]:
            english = ascii_form(province)
            for form in (province, english):
                self._add(form, Place(english, "province", "vietnam.yaml", "", country="VN"))

    def _load_curated(self) -> None:
        for entry in load_data("places.yaml")["places"]:
            for form in entry["fr"]:
                kind = entry.get("kind", "city")
                wrong = tuple(entry.get("wrong", ()))
                country = entry.get("country")
                self._add(form, Place(entry["en"], kind, "places.yaml", "", country=country, wrong=wrong))

    def _load_cldr(self) -> None:
        from babel import Locale

        french, english = Locale("fr").territories, Locale("en").territories
        for code, name in french.items():
            if code in _SKIPPED_TERRITORIES or code not in english:
                continue
            kind = "region-world" if code.isdigit() else "country"
            self._add(name, Place(english[code], kind, "CLDR", "", country=code))

    def _load_geonames(self) -> None:
        """Keep the raw rows (most populous last, so it wins); a ``Place`` is made on lookup."""
        text = (
            resources.files("bitext.names")
            .joinpath("data")
            .joinpath("geonames.tsv")
            .read_text(encoding="utf-8")
        )
        rows = [row for row in text.split("\n") if row and row[0] != "#"]
        rows.reverse()
        self._cities = dict(row.split("\t", 1) for row in rows)
        for key in self._cities:
            if " " in key:
                first = key[: key.index(" ")]
                self.first_words[first] = max(self.first_words.get(first, 1), key.count(" ") + 1)

    def get(self, key: str) -> Place | None:
        """The place of a folded key, or ``None``."""
        place = self.places.get(key) or self._made.get(key)
        if place is not None or key not in self._cities:
            return place
        name, country, population = self._cities[key].split("\t")
        english = ascii_form(name) if country == "VN" else name
        city = Place(english, "city", "GeoNames", name, int(population), country)
        self._made[key] = city
        return city


@cache
def gazetteer() -> Gazetteer:
    """The gazetteer, loaded on first use (about 35,000 names)."""
    return Gazetteer()

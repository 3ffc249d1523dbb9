"""Sentence sets for the name finder's equivalence test, and the digest of its output.

The finder is tuned for speed (issue 9, part 3); what it finds must not move. The digest
in ``tests/data/names_digest.json`` was written by the finder *before* any speed work:
``python tests/names_corpus.py`` rewrites it, which is only right when a change to the
finder's results is intended (and reviewed).

Sets, built from shared, read-only text and from files of this repository:

* ``local``: the held-out and unseen name sets of ``tests/data`` (French side), the
  seeds' lines, Vietnamese names and places put in sentence frames, and the upper-case
  (headline) form of each;
* ``news-dev``: every French line of newstest2009–2012 (``shared/news-dev``), and the
  upper-case form of every tenth.

For each sentence the digest covers the spans of :func:`~bitext.names.find_names` and
:func:`~bitext.names.find_numbers` (every field), :func:`countries_named`, and
:func:`~bitext.names.is_name_token` of each of its words.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = next(
    (p / "shared" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").is_dir()), ROOT.parent
)
NEWS_DEV = SHARED / "news-dev"
DATA = ROOT / "tests" / "data"
DIGEST_FILE = DATA / "names_digest.json"
SETS = ("local", "news-dev")
_TOKEN = re.compile(r"[^\W\d_][\w'’-]*")

_FAMILIES = (
    "Nguyen",
    "Nguyễn",
    "Tran",
    "Trần",
    "Le",
    "Lê",
    "Pham",
    "Hoang",
    "Vu",
    "Dang",
    "Bui",
    "Do",
    "Ngo",
)
_GIVEN = ("Van Binh", "Thi Mai", "Hong Ha", "Xuan Phuc", "Văn Thuấn", "Thanh Son", "Minh", "Duc Long")
_PLACES = ("Hanoï", "Da Nang", "Hué", "Hô Chi Minh-Ville", "Long An", "Cần Thơ", "Pékin", "Genève", "Paris")
_FRAMES = (
    "{name} a rencontré le ministre à {place}.",
    "Selon M. {name}, la délégation arrivera à {place} le 1er mars.",
    "{place} accueille {name}, vice-ministre de la Santé.",
    "Le président {name} et le Premier ministre irakien sont à {place}.",
    "À {place}, {name} a signé un accord de 1,6 milliard d'euros.",
)


def shared_available() -> bool:
    return NEWS_DEV.is_dir()


def _french_of(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.partition(" ||| ")[0] for line in lines if line.strip() and not line.startswith("#")]


def local_sentences() -> list[str]:
    texts = _french_of(DATA / "names_heldout.txt") + _french_of(DATA / "names_unseen.txt")
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        texts += [line for line in seed.read_text(encoding="utf-8").splitlines() if line.strip()]
    for number, family in enumerate(_FAMILIES):
        for offset, given in enumerate(_GIVEN):
            frame = _FRAMES[(number + offset) % len(_FRAMES)]
            texts.append(frame.format(name=f"{family} {given}", place=_PLACES[(number * 3 + offset) % 9]))
    return texts + [text.upper() for text in texts]


def news_sentences() -> list[str]:
    texts: list[str] = []
    for year in (2009, 2010, 2011, 2012):
        texts += (NEWS_DEV / f"newstest{year}.fr").read_text(encoding="utf-8").splitlines()
    return texts + [text.upper() for text in texts[::10]]


def sentences_of(name: str) -> list[str]:
    return local_sentences() if name == "local" else news_sentences()


def sentence_digest(text: str) -> str:
    """What the finder makes of one sentence, hashed (16 hex digits)."""
    from bitext.names import find_names, find_numbers, is_name_token
    from bitext.names.finder import countries_named

    record = {
        "names": [span.model_dump(mode="json") for span in find_names(text)],
        "numbers": [span.model_dump(mode="json") for span in find_numbers(text)],
        "countries": sorted(countries_named(text)),
        "tokens": [is_name_token(token) for token in _TOKEN.findall(text)],
    }
    encoded = json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()[:16]


def digests(name: str) -> list[str]:
    return [sentence_digest(text) for text in sentences_of(name)]


def main() -> None:
    sys.path.insert(0, str(ROOT))
    if not shared_available():
        raise SystemExit(f"the shared news-dev set is not at {NEWS_DEV}")
    stored = {name: digests(name) for name in SETS}
    DIGEST_FILE.write_text(json.dumps(stored, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {DIGEST_FILE}: " + ", ".join(f"{name} {len(values)}" for name, values in stored.items()))


if __name__ == "__main__":
    main()

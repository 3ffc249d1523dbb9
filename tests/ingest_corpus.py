"""Item sets for the ingest equivalence test, and the digest of their full ingest output.

Ingest is tuned for speed (language id, segmentation); its results must not move. The
digest in ``tests/data/ingest_digest.json`` was written by the ingest code *before* any
speed work: ``python tests/ingest_corpus.py`` rewrites it, which is only right when a
change to ingest's results is intended (and reviewed). Rewritten once since: the
glued-word guard of issue 9 stopped 27 news-dev items' wrong splits of names and brands
("Starlife", "ClassicAuto", "l'analphabétisation"), and the control-character cleaning of
issue 13 read mt-dev's stray U+0096 as the "–" it stood for (one item); nothing else moved.

Item sets, all built here from shared, read-only text (see ``shared/*/README.md``):

* ``seeds``: the project's four seed items, cleaned and uncleaned;
* ``mt-dev``: newstest2014 fr and en, seven consecutive segments per item laid out as
  ``bench/run_scale.py`` does (a title, then three paragraphs of two segments);
* ``news-dev``: newstest2009–2012 fr and en, the same layout;
* ``news-dev-mixed``: items whose paragraphs alternate French and English, and items
  of short one-segment paragraphs, so per-paragraph language calls that differ from
  the item's own are covered.

Each document is dumped whole (text, paragraphs and their languages, sentences and
offsets, changes, metadata, language and confidence) with its path made relative, so
the digest does not depend on where the checkout lives.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# shared/ sits beside the checkout (CI, /work/main) or beside the worktrees' folder.
SHARED = next(
    (p / "shared" for p in (ROOT.parent, ROOT.parent.parent) if (p / "shared").is_dir()), ROOT.parent
)
MT_DEV = SHARED / "mt-dev" / "newstest2014_fr_en"
NEWS_DEV = SHARED / "news-dev"
NEWS_YEARS = (2009, 2010, 2011, 2012)
DIGEST_FILE = ROOT / "tests" / "data" / "ingest_digest.json"
SETS = ("seeds", "seeds-unclean", "mt-dev", "news-dev", "news-dev-mixed")
LINES_PER_ITEM = 7


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _layout(lines: list[str]) -> str:
    """A title, then paragraphs of two segments, one paragraph per line."""
    body = [" ".join(lines[i : i + 2]) for i in range(1, len(lines), 2)]
    return "\n".join([lines[0], *body]) + "\n"


def _items_from(lines: list[str], prefix: str) -> Iterator[tuple[str, str]]:
    for number, start in enumerate(range(0, len(lines), LINES_PER_ITEM)):
        yield f"{prefix}-{number:04d}", _layout(lines[start : start + LINES_PER_ITEM])


def _mixed_items(french: list[str], english: list[str], prefix: str) -> Iterator[tuple[str, str]]:
    """Alternating-language items, and items of one short segment per paragraph."""
    for number, start in enumerate(range(0, min(len(french), len(english)) - 50 + 1, 50)):
        paragraphs = [french[start + k] if k % 2 == 0 else english[start + k] for k in range(4)]
        yield f"{prefix}-alt-{number:04d}", "\n".join(paragraphs) + "\n"
        shortest = sorted(french[start : start + 50], key=len)[:5]
        yield f"{prefix}-short-{number:04d}", "\n".join(shortest) + "\n"


def item_texts(name: str) -> Iterator[tuple[str, str]]:
    """``(item id, item text)`` of one shared item set (not the seeds)."""
    if name == "mt-dev":
        yield from _items_from(_lines(MT_DEV / "dev.fr"), "mt-fr")
        yield from _items_from(_lines(MT_DEV / "dev.en"), "mt-en")
    for year in NEWS_YEARS:
        french, english = _lines(NEWS_DEV / f"newstest{year}.fr"), _lines(NEWS_DEV / f"newstest{year}.en")
        if name == "news-dev":
            yield from _items_from(french, f"news{year}-fr")
            yield from _items_from(english, f"news{year}-en")
        elif name == "news-dev-mixed":
            yield from _mixed_items(french, english, f"news{year}")


def write_items(name: str, folder: Path) -> list[Path]:
    """Write the items of ``name`` into ``folder`` as ``.txt`` files; return them in order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for item_id, text in item_texts(name):
        path = folder / f"{item_id}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def set_files(name: str, work: Path) -> tuple[list[Path], bool]:
    """The item files of set ``name`` (written under ``work`` when built) and whether to clean."""
    if name.startswith("seeds"):
        return sorted((ROOT / "seeds").glob("*.txt")), name == "seeds"
    return write_items(name, work / name), True


def document_digests(paths: list[Path], *, clean: bool) -> dict[str, str]:
    """Item id → SHA-256 (16 hex digits) of its whole ingest result, path made relative."""
    from bitext.ingest import load_document

    digests = {}
    for path in paths:
        document = load_document(path, clean=clean)
        dumped = document.model_copy(update={"path": path.name}).model_dump_json()
        digests[document.id] = hashlib.sha256(dumped.encode("utf-8")).hexdigest()[:16]
    return digests


def combined(digests: dict[str, str]) -> str:
    """One SHA-256 over a set's item digests, in order."""
    return hashlib.sha256("".join(f"{k}={v};" for k, v in digests.items()).encode("utf-8")).hexdigest()


def shared_available() -> bool:
    """Whether the shared dev sets sit beside the checkout (they do in CI)."""
    return MT_DEV.is_dir() and NEWS_DEV.is_dir()


def main() -> None:
    """Rewrite the stored digest from the current ingest code."""
    import tempfile

    if not shared_available():
        raise SystemExit(f"the shared dev sets are missing under {SHARED}")
    stored: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory() as work:
        for name in SETS:
            paths, clean = set_files(name, Path(work))
            digests = document_digests(paths, clean=clean)
            whole = combined(digests)
            stored[name] = {"items": len(digests), "sha256": whole, "per_item": digests}
            print(f"{name}: {len(digests)} items, {whole}", file=sys.stderr)
    DIGEST_FILE.write_text(json.dumps(stored, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

"""What ``bitext match`` and ``bitext mine`` do: read, translate, call the pure cores, report.

The machine translation is injected as a ``translate`` callable (sentences in, English
out, 1:1), so this module never chooses or loads an engine; the CLI passes one built
on ``bitext.translate`` with the translation cache. MT time is measured apart from
matching or mining time.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from bitext.errors import InputError
from bitext.match.params import MatchParams, MineParams
from bitext.models import Document, MatchReport, MatchText, MiningReport, RouteTexts

Translate = Callable[[Sequence[str]], list[str]]
DetectLanguage = Callable[[str], tuple[str | None, float]]
_LANGID_SAMPLE = 4000


def match_items(
    paths: Sequence[str | Path],
    *,
    translate: Translate,
    engine_label: str | None = None,
    params: MatchParams | None = None,
    skip_bad: bool = False,
) -> MatchReport:
    """Read the items under ``paths`` and match the French ones with their English versions.

    Items in neither language are left out and listed; empty items are skipped with a
    warning (every unreadable item too with ``skip_bad``). Item ids are file stems; a
    stem that two items of one language share is replaced by the paths, with a warning.

    Raises:
        UsageError: A path does not exist, or a folder holds no ``.txt`` file.
        InputError: An unreadable item (unless ``skip_bad``).
    """
    from bitext.ingest import collect_inputs, load_documents
    from bitext.match.documents import match_documents

    warnings: list[str] = []
    timings: dict[str, float] = {}
    started = time.perf_counter()
    documents = list(
        load_documents(
            collect_inputs(paths),
            skip_bad=skip_bad,
            skip_empty=True,
            on_skip=lambda path, error: warnings.append(f"skipped {error}"),
        )
    )
    timings["read"] = time.perf_counter() - started
    french = [d for d in documents if d.lang == "fr"]
    english = [d for d in documents if d.lang == "en"]
    other = [d for d in documents if d.lang not in ("fr", "en")]
    warnings += [f"{d.path}: neither French nor English; left out" for d in other]
    if not french or not english:
        missing = "French" if not french else "English"
        warnings.append(f"no {missing} items: nothing to match")
    french_ids, english_ids = _ids(french, warnings), _ids(english, warnings)
    started = time.perf_counter()
    english_mt = translate([s.text for d in french for s in d.sentences]) if french and english else []
    timings["mt"] = time.perf_counter() - started
    started = time.perf_counter()
    result = match_documents(
        _french_texts(french, french_ids, english_mt),
        [MatchText(id=i, sentences=_texts(d)) for i, d in zip(english_ids, english, strict=True)],
        params=params,
    )
    timings["match"] = time.perf_counter() - started
    warnings += [f"near-duplicate items: {', '.join(group)}" for group in result.near_duplicates]
    return MatchReport(
        engine=engine_label if english_mt else None,
        french=tuple(french_ids),
        english=tuple(english_ids),
        other_items=tuple(d.path for d in other),
        result=result,
        warnings=tuple(warnings),
        timings={step: round(seconds, 4) for step, seconds in timings.items()},
    )


def _ids(documents: Sequence[Document], warnings: list[str]) -> list[str]:
    """File stems, or the paths where two items of one language share a stem."""
    repeated = {stem for stem, count in Counter(d.id for d in documents).items() if count > 1}
    for stem in sorted(repeated):
        warnings.append(f"several items are called {stem!r}; their paths are used as ids")
    return [d.path if d.id in repeated else d.id for d in documents]


def _texts(document: Document) -> tuple[str, ...]:
    return tuple(sentence.text for sentence in document.sentences)


def _french_texts(
    documents: Sequence[Document], ids: Sequence[str], english: Sequence[str]
) -> list[MatchText]:
    texts, position = [], 0
    for item_id, document in zip(ids, documents, strict=True):
        count = len(document.sentences)
        translation = tuple(english[position : position + count]) if english else None
        texts.append(MatchText(id=item_id, sentences=_texts(document), translation=translation))
        position += count
    return texts


def mine_files(
    src_path: str | Path,
    tgt_path: str | Path,
    *,
    translate: Translate,
    presplit: bool = False,
    engine_label: str | None = None,
    params: MineParams | None = None,
    detect_language: DetectLanguage | None = None,
    routes: tuple[Translate, Translate] | None = None,
) -> MiningReport:
    """Mine the sentence pairs of a French and an English text that translate each other.

    Args:
        src_path: The French text.
        tgt_path: The English text.
        translate: French sentences in, English out, 1:1.
        presplit: One sentence per line (pairs then give 0-based line numbers).
        engine_label: Recorded in the report.
        params: Mining settings.
        detect_language: Checks each side's language (a warning when it looks wrong).
        routes: Mining's extra routes (:mod:`bitext.match.routes`): French to a second
            English, and English back to French; used (and timed as ``routes``) only
            with the dictionary signals, which their weights were fitted with.

    Raises:
        UsageError: A file does not exist.
        InputError: A file is unreadable, or holds no sentence to mine.
    """
    from bitext.align.documents import read_sentences
    from bitext.match.mining import mine_pairs

    src_text, src = read_sentences(src_path, "fr", presplit=presplit)
    tgt_text, tgt = read_sentences(tgt_path, "en", presplit=presplit)
    for path, sentences in ((src_path, src), (tgt_path, tgt)):
        if not any(sentence.strip() for sentence in sentences):
            raise InputError("no sentences to mine: the file is empty", path=path)
    warnings = [
        warning
        for path, text, lang in ((src_path, src_text, "fr"), (tgt_path, tgt_text, "en"))
        if (warning := _language_warning(path, text, lang, detect_language))
    ]
    started = time.perf_counter()
    src_mt = translate(src)
    timings = {"mt": time.perf_counter() - started}
    route_texts = None
    if routes is not None and _uses_lexicon(params):
        started = time.perf_counter()
        route_texts = RouteTexts(second_mt=tuple(routes[0](src)), back=tuple(routes[1](tgt)))
        timings["routes"] = time.perf_counter() - started
    started = time.perf_counter()
    result = mine_pairs(src, tgt, src_mt=src_mt, params=params, routes=route_texts)
    timings["mine"] = time.perf_counter() - started
    return MiningReport(
        src_path=str(src_path),
        tgt_path=str(tgt_path),
        src_sentences=tuple(src),
        tgt_sentences=tuple(tgt),
        result=result,
        engine=engine_label,
        warnings=tuple(warnings),
        timings={step: round(seconds, 4) for step, seconds in timings.items()},
    )


def _uses_lexicon(params: MineParams | None) -> bool:
    """Whether mining will read the dictionary signals (on, and the dictionaries installed)."""
    from bitext.match.lexicon import installed_lexicon

    return (params is None or params.lexicon) and installed_lexicon() is not None


def _language_warning(
    path: str | Path, text: str, expected: str, detect_language: DetectLanguage | None
) -> str | None:
    """A warning when the text does not look like ``expected`` (nothing without a detector)."""
    if detect_language is None:
        return None
    detected, confidence = detect_language(text[:_LANGID_SAMPLE])
    if detected == expected:
        return None
    looks = f"looks like {detected!r}" if detected else "looks like neither French nor English"
    return (
        f"{path}: expected {expected!r} but it {looks} (confidence {confidence:.2f}); few pairs will be found"
    )

"""A small finished run, written with bitext's own exporters, for the review page tests.

Three items: a French one whose text, title, path, changes and id hold HTML injection
strings, with terms of every status, an emoji before a term (UTF-16 offsets), a low
score and a rejected pair; a French one with a 2-1 bead made without an engine (origin
``human``); an English one with a non-canonical term.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path

from bitext.export import MANIFEST_NAME, REPORT_NAME
from bitext.export.corpus import CorpusWriter
from bitext.models import (
    Bead,
    Change,
    CorpusItem,
    EngineInfo,
    EnglishCheck,
    Provenance,
    RejectedPair,
    RunManifest,
    SegmentPair,
    Sentence,
    TermAccuracy,
    TermHit,
    TermStatus,
    Translation,
)
from bitext.run.manifest import write_manifest
from bitext.run.options import recorded_options, run_options
from bitext.run.stats import RunStats
from bitext.textio import atomic_write

ENGINE = EngineInfo(name="fake", model="fr-en", model_version="1")
SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
INJECTED_ID = "001_<i>x</i>"
MERGED_ID = "002_merge"
ENGLISH_ID = "003_english"

# (French, English, terms as (French, canonical English, status), score); None: no English.
INJECTED_SENTENCES: list[tuple[str, str | None, list[tuple[str, str, TermStatus]], float]] = [
    (
        "Le ministre de la Sécurité publique est arrivé.",
        "The Minister of Public Security arrived.",
        [("ministre de la Sécurité publique", "Minister of Public Security", "repaired")],
        0.91,
    ),
    (f"Il a dit {SCRIPT} hier.", f"He said {SCRIPT} yesterday.", [], 0.35),
    (
        f"{IMG} le ministère des Affaires étrangères",
        f"{IMG} the ministry of foreign things",
        [("ministère des Affaires étrangères", "Ministry of Foreign Affairs", "missing")],
        0.62,
    ),
    (
        "🇫🇷 Le Premier ministre a parlé.",
        "🇫🇷 The Prime Minister spoke.",
        [("Premier ministre", "Prime Minister", "ok")],
        0.88,
    ),
    ("Une phrase restée sans traduction.", None, [], 0.0),
]


def term_hit(sentence: str, source: str, target: str, status: TermStatus) -> TermHit:
    start = sentence.index(source)
    entry = target.lower().replace(" ", "-")
    return TermHit(
        entry_id=entry, start=start, end=start + len(source), source=source, target=target, status=status
    )


def sentences_of(doc_id: str, texts: list[str]) -> tuple[Sentence, ...]:
    sentences, start = [], 0
    for index, text in enumerate(texts):
        sentences.append(
            Sentence(
                id=f"{doc_id}:{index}",
                index=index,
                text=text,
                start=start,
                end=start + len(text),
                paragraph=0,
            )
        )
        start += len(text) + 1
    return tuple(sentences)


def injected_item() -> CorpusItem:
    french = [row[0] for row in INJECTED_SENTENCES]
    sentences = sentences_of(INJECTED_ID, french)
    translations, pairs, rejected = [], [], []
    for index, (fr, en, terms, score) in enumerate(INJECTED_SENTENCES):
        hits = tuple(term_hit(fr, *term) for term in terms)
        translations.append(
            Translation(segment_id=sentences[index].id, source=fr, target=en or "", engine=ENGINE, terms=hits)
        )
        pair = SegmentPair(
            id=f"{INJECTED_ID}:{index}",
            doc_id=INJECTED_ID,
            fr=fr,
            en=en or "",
            bead=Bead(src=(index,), tgt=(index,) if en else (), score=score),
            engine=ENGINE.label(),
            terms=tuple(hit.entry_id for hit in hits if hit.status != "missing"),
            missing_terms=tuple(hit.entry_id for hit in hits if hit.status == "missing"),
        )
        if en is None:
            rejected.append(RejectedPair(pair=pair, reason="unaligned: French without English (1-0 bead)"))
        else:
            pairs.append(pair)
    return CorpusItem(
        id=INJECTED_ID,
        path=f"/items/{IMG}.txt",
        sha256="0" * 64,
        lang="fr",
        title=f"{SCRIPT} Titre",
        changes=(
            Change(
                kind="glued_words",
                before="<b>ministrede</b>",
                after="<b>ministre de</b>",
                start=4,
                paragraph=0,
            ),
            Change(kind="duplicate_paragraph", before=f"Paragraphe répété {IMG}", after="", start=90),
        ),
        sentences=sentences,
        translations=tuple(translations),
        pairs=tuple(pairs),
        rejected=tuple(rejected),
        terms=TermAccuracy(found=3, canonical=2, repaired=1),
    )


def merged_item() -> CorpusItem:
    french = ["Le ministre parle.", "Il part."]
    sentences = sentences_of(MERGED_ID, french)
    hit = term_hit(french[0], "ministre", "Minister", "ok")
    translations = (
        Translation(segment_id=sentences[0].id, source=french[0], target="", engine=ENGINE, terms=(hit,)),
        Translation(segment_id=sentences[1].id, source=french[1], target="", engine=ENGINE),
    )
    pair = SegmentPair(
        id=f"{MERGED_ID}:0",
        doc_id=MERGED_ID,
        fr=" ".join(french),
        en="The Minister speaks and leaves.",
        bead=Bead(src=(0, 1), tgt=(0,), score=0.7),
        terms=(hit.entry_id,),
    )
    return CorpusItem(
        id=MERGED_ID,
        path="/items/002_merge.txt",
        sha256="1" * 64,
        lang="fr",
        title="Fusion",
        sentences=sentences,
        translations=translations,
        pairs=(pair,),
        terms=TermAccuracy(found=1, canonical=1),
    )


def english_item() -> CorpusItem:
    text = "The Ministry of Public Safety met the press."
    sentences = sentences_of(ENGLISH_ID, [text])
    wrong = term_hit(text, "Ministry of Public Safety", "Ministry of Public Security", "missing")
    check = EnglishCheck(segment_id=sentences[0].id, text=text, fixed=text, terms=(wrong,))
    accuracy = TermAccuracy(found=1, canonical=0)
    return CorpusItem(
        id=ENGLISH_ID,
        path="/items/003_english.txt",
        sha256="2" * 64,
        lang="en",
        title="English news",
        sentences=sentences,
        english_checks=(check,),
        terms=accuracy,
    )


def sample_items() -> list[CorpusItem]:
    """The three items: an injection attempt, a 2-1 bead, an English item with a wrong term."""
    return [injected_item(), merged_item(), english_item()]


def write_run(
    outdir: Path,
    items: Iterable[CorpusItem] | None = None,
    *,
    created: str = "20261201T120000Z",
) -> Path:
    """Write ``items`` (default: :func:`sample_items`) as a finished run into ``outdir``."""
    outdir.mkdir(parents=True, exist_ok=True)
    provenance = Provenance(
        bitext_version="0.1.0", created=created, engine=ENGINE.label(), glossary_sha256="ab" * 32
    )
    stats = RunStats()
    formats = ("jsonl", "json")
    with CorpusWriter(outdir, formats, provenance) as writer:
        for item in items if items is not None else sample_items():
            writer.add_item(item)
            stats.add_item(item)
    outputs = (*writer.outputs, REPORT_NAME, MANIFEST_NAME)
    report = stats.report(
        outdir=str(outdir),
        engine=ENGINE.label(),
        glossary_sha256=provenance.glossary_sha256,
        skipped=(),
        stripped=0,
        outputs=outputs,
    )
    with atomic_write(outdir / REPORT_NAME) as handle:
        handle.write(report.model_dump_json(indent=2) + "\n")
    write_manifest(
        outdir,
        RunManifest(
            run_key="review-test",
            status="complete",
            started=created,
            finished=created,
            bitext_version="0.1.0",
            python_version=sys.version.split()[0],
            engine=ENGINE,
            glossary_sha256=provenance.glossary_sha256,
            options=recorded_options(
                run_options(inputs=("/items",), outdir=str(outdir), formats=formats), ENGINE.name
            ),
            outputs=outputs,
        ),
    )
    return outdir


def many_items(pairs: int, per_item: int = 10) -> list[CorpusItem]:
    """French items holding ``pairs`` 1-1 pairs in all, with scores spread over [0, 1)."""
    items: list[CorpusItem] = []
    for start in range(0, pairs, per_item):
        doc_id = f"{len(items):04d}_bulk"
        count = min(per_item, pairs - start)
        french = [f"Phrase numéro {start + n} du lot." for n in range(count)]
        built = tuple(
            SegmentPair(
                id=f"{doc_id}:{n}",
                doc_id=doc_id,
                fr=french[n],
                en=f"Sentence number {start + n} of the batch.",
                bead=Bead(src=(n,), tgt=(n,), score=round(((start + n) * 37 % 100) / 100, 2)),
                engine=ENGINE.label(),
            )
            for n in range(count)
        )
        items.append(
            CorpusItem(
                id=doc_id,
                path=f"/items/{doc_id}.txt",
                sha256="3" * 64,
                lang="fr",
                sentences=sentences_of(doc_id, french),
                pairs=built,
            )
        )
    return items

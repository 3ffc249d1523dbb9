"""Run statistics: counted item by item while the corpus streams, then frozen into a report.

:class:`RunStats` keeps counters only (plus the short lists the report must name), so
it does not grow with the corpus text; :func:`summary_lines` is the short human report
the CLI prints on stderr.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, MutableMapping
from dataclasses import dataclass, field

from bitext.glossary import term_accuracy
from bitext.models import (
    CorpusItem,
    DedupCounts,
    Document,
    EnglishItemCheck,
    ItemTermReport,
    RunMatching,
    RunReport,
    SkippedItem,
    TermAccuracy,
)
from bitext.quality.summary import QualityTally, quality_lines
from bitext.run.mining import is_mined


@dataclass
class RunStats:
    """Counters of a run, updated with each item written."""

    items: int = 0
    languages: Counter[str] = field(default_factory=Counter)
    sentences: Counter[str] = field(default_factory=Counter)
    translated: int = 0
    cached: int = 0
    pairs: int = 0
    mined: int = 0
    origins: Counter[str] = field(default_factory=Counter)
    bead_types: Counter[str] = field(default_factory=Counter)
    score_sum: float = 0.0
    rejected: int = 0
    reject_reasons: Counter[str] = field(default_factory=Counter)
    changes: Counter[str] = field(default_factory=Counter)
    terms_found: int = 0
    terms_canonical: int = 0
    terms_repaired: int = 0
    missing_terms: list[ItemTermReport] = field(default_factory=list)
    english: list[EnglishItemCheck] = field(default_factory=list)
    other: list[str] = field(default_factory=list)
    timings: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    quality: QualityTally = field(default_factory=QualityTally)
    matching: RunMatching | None = None
    duplicates: DedupCounts | None = None

    def add_item(self, item: CorpusItem) -> None:
        """Count one written item."""
        lang = item.lang or "unknown"
        self.items += 1
        self.languages[lang] += 1
        self.sentences[lang] += len(item.sentences)
        self.changes.update(change.kind for change in item.changes)
        self.translated += len(item.translations)
        self.cached += sum(translation.cached for translation in item.translations)
        for pair in item.pairs:
            self.pairs += 1
            self.origins[pair.origin] += 1
            self.mined += is_mined(pair)
            self.bead_types[pair.bead.type] += 1
            self.score_sum += pair.bead.score
            self.quality.add(pair)
        for rejected in item.rejected:
            self.rejected += 1
            self.reject_reasons[rejected.reason.split(":")[0]] += 1
            self.bead_types[rejected.pair.bead.type] += 1
        if item.terms is not None and item.lang == "fr":
            self._count_terms(item)
        if item.lang == "en":
            self.english.append(english_check(item))
        elif item.lang != "fr":
            self.other.append(item.path)

    def _count_terms(self, item: CorpusItem) -> None:
        assert item.terms is not None
        self.terms_found += item.terms.found
        self.terms_canonical += item.terms.canonical
        self.terms_repaired += item.terms.repaired
        missing = tuple(hit for t in item.translations for hit in t.terms if hit.status == "missing")
        if missing:
            self.missing_terms.append(
                ItemTermReport(
                    id=item.id, path=item.path, lang=item.lang, accuracy=item.terms, missing=missing
                )
            )

    def report(
        self,
        *,
        outdir: str,
        engine: str,
        glossary_sha256: str | None,
        skipped: tuple[SkippedItem, ...],
        stripped: int,
        outputs: tuple[str, ...],
    ) -> RunReport:
        """Freeze the counters into the run's report."""
        with_glossary = glossary_sha256 is not None
        return RunReport(
            outdir=outdir,
            engine=engine,
            glossary_sha256=glossary_sha256,
            items=self.items,
            languages=dict(sorted(self.languages.items())),
            sentences=dict(sorted(self.sentences.items())),
            translated_sentences=self.translated,
            cached_sentences=self.cached,
            pairs=self.pairs,
            pair_origins=dict(sorted(self.origins.items())),
            bead_types=dict(sorted(self.bead_types.items())),
            mean_score=round(self.score_sum / self.pairs, 4) if self.pairs else None,
            rejected=self.rejected,
            reject_reasons=dict(sorted(self.reject_reasons.items())),
            cleaning_changes=dict(sorted(self.changes.items())),
            term_accuracy=TermAccuracy(
                found=self.terms_found, canonical=self.terms_canonical, repaired=self.terms_repaired
            )
            if with_glossary
            else None,
            items_with_missing_terms=tuple(self.missing_terms),
            english_items=tuple(self.english),
            other_items=tuple(self.other),
            skipped=skipped,
            tmx_stripped_chars=stripped,
            outputs=outputs,
            timings={name: round(seconds, 3) for name, seconds in self.timings.items()},
            quality=self.quality.summary(),
            matching=self.matching.model_copy(update={"mined_pairs": self.mined}) if self.matching else None,
            duplicates=self.duplicates,
        )


def english_check(item: CorpusItem) -> EnglishItemCheck:
    """What the report says of an English item: its glossary terms and the non-canonical ones."""
    checks = item.english_checks
    return EnglishItemCheck(
        id=item.id,
        path=item.path,
        accuracy=term_accuracy(checks),
        wrong=tuple(hit for check in checks for hit in check.terms if hit.status == "missing"),
    )


def summary_lines(report: RunReport) -> list[str]:
    """A few lines a person reads after a run: what went in, what came out, what to check."""
    languages = ", ".join(f"{count} {lang}" for lang, count in report.languages.items()) or "none"
    beads = ", ".join(f"{kind}: {count}" for kind, count in report.bead_types.items()) or "none"
    score = f"{report.mean_score:.3f}" if report.mean_score is not None else "n/a"
    lines = [
        f"items: {report.items} ({languages}); skipped: {len(report.skipped)}",
        f"sentences: {sum(report.sentences.values())}; translated: {report.translated_sentences} "
        f"({report.cached_sentences} from cache) with {report.engine}",
        f"pairs: {report.pairs} kept{_origins(report)}, {report.rejected} rejected; beads {beads}; "
        f"mean score {score}",
        f"cleaning changes: {sum(report.cleaning_changes.values())}"
        + (f" ({_counts(report.cleaning_changes)})" if report.cleaning_changes else ""),
    ]
    lines += quality_lines(report.quality)
    lines += _matching_lines(report)
    accuracy = report.term_accuracy
    if accuracy is None:
        lines.append("glossary: not used")
    else:
        value = f"{accuracy.accuracy:.1%}" if accuracy.accuracy is not None else "n/a"
        lines.append(
            f"term accuracy (French items): {value} ({accuracy.canonical}/{accuracy.found}, "
            f"{accuracy.repaired} repaired by the glossary)"
        )
    for item in report.english_items:
        wrong = f", {len(item.wrong)} non-canonical term(s)" if item.wrong else ""
        found = item.accuracy.found
        lines.append(f"English item (not translated): {item.path}: {found} glossary term(s){wrong}")
    lines += [f"skipped {item.path}: {item.reason}" for item in report.skipped]
    lines += [f"neither French nor English, not translated: {path}" for path in report.other_items]
    if report.tmx_stripped_chars:
        lines.append(f"characters illegal in XML dropped from the TMX: {report.tmx_stripped_chars}")
    total = report.timings.get("total")
    if total is not None:
        lines.append(f"time: {total:.1f} s ({_counts(report.timings, exclude='total', unit=' s')})")
    lines.append(f"outputs in {report.outdir}: {', '.join(report.outputs)}")
    return lines


def _origins(report: RunReport) -> str:
    """`` (12 human, 40 MT)``: who wrote the English of the kept pairs."""
    if not report.pair_origins:
        return ""
    names = {"mt": "MT"}
    return " (" + ", ".join(f"{n} {names.get(o, o)}" for o, n in report.pair_origins.items()) + ")"


def _matching_lines(report: RunReport) -> list[str]:
    """What matching and deduplication did, when they were on."""
    lines = []
    matching = report.matching
    if matching is not None:
        lines.append(
            f"matching: {len(matching.matches)} of {matching.french} French item(s) have their English "
            f"version among the {matching.english} English item(s) (threshold {matching.threshold:.2f}); "
            "their pairs are that human English, aligned"
        )
        if matching.mined_items:
            lines.append(
                f"mining: {matching.mined_pairs} human pair(s) mined from {matching.mined_items} unmatched "
                "French item(s) and their best English candidate"
            )
    duplicates = report.duplicates
    if duplicates is not None:
        dropped = duplicates.exact + duplicates.near
        lines.append(
            f"duplicates: {dropped} pair(s) set aside ({duplicates.exact} exact, {duplicates.near} near)"
        )
    return lines


def _counts(values: dict[str, int] | dict[str, float], *, exclude: str = "", unit: str = "") -> str:
    return ", ".join(f"{name} {value}{unit}" for name, value in values.items() if name != exclude)


def timed(
    documents: Iterable[Document], timings: MutableMapping[str, float], name: str
) -> Iterator[Document]:
    """Pass documents through, adding the time spent producing them to ``timings[name]``."""
    iterator = iter(documents)
    while True:
        began = time.perf_counter()
        try:
            document = next(iterator)
        except StopIteration:
            timings[name] = timings.get(name, 0.0) + time.perf_counter() - began
            return
        timings[name] = timings.get(name, 0.0) + time.perf_counter() - began
        yield document

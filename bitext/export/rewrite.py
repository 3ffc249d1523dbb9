"""Post-edits applied to a run's pairs and corpus files.

A post-edit (:class:`~bitext.models.HumanTranslation`) replaces a pair's English and
makes its origin ``post-edited``; :func:`rewrite_outputs` rewrites every corpus file of a
run with a set of them (``bitext import-xliff``), :func:`apply_human_translations` applies
the translation memory's to an item as a run writes it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from contextlib import ExitStack
from pathlib import Path

from bitext.export import (
    OUTPUT_NAMES,
    PairWriter,
    default_provenance,
    open_writer,
    read_pairs,
    read_provenance,
)
from bitext.models import CorpusItem, ExportFormat, HumanTranslation, Provenance, SegmentPair
from bitext.quality import pair_quality


def post_edit(pair: SegmentPair, human: HumanTranslation) -> SegmentPair:
    """``pair`` with a person's English, its term statuses (when checked) and its quality
    estimated again on the new English; unchanged if it already reads so."""
    if human.target == pair.en:
        return pair
    update: dict[str, object] = {"en": human.target, "origin": "post-edited"}
    if human.terms is not None and human.missing_terms is not None:
        update.update(terms=human.terms, missing_terms=human.missing_terms)
    edited = pair.model_copy(update=update)
    return edited.model_copy(update={"quality": pair_quality(edited)})


def apply_human_translations(item: CorpusItem, human: Mapping[str, HumanTranslation]) -> CorpusItem:
    """``item`` with every pair whose French has a human translation post-edited."""
    if not human or not any(pair.fr in human for pair in item.pairs):
        return item
    pairs = tuple(post_edit(pair, human[pair.fr]) if pair.fr in human else pair for pair in item.pairs)
    return item.model_copy(update={"pairs": pairs})


def rewrite_outputs(
    outdir: Path,
    formats: Sequence[ExportFormat],
    source_format: ExportFormat,
    edits: Mapping[str, HumanTranslation],
) -> tuple[str, ...]:
    """Rewrite every corpus file of ``outdir`` with ``edits`` (pair id → post-edit).

    All files are written to temporary files first and replace the old ones together,
    only when every one was written.
    """
    from bitext.export.json_doc import JsonDocWriter, read_json_items
    from bitext.export.jsonl import pair_from_record, pair_record

    source = outdir / OUTPUT_NAMES[source_format][0]
    provenance = read_provenance(source, source_format) or default_provenance()
    with ExitStack() as stack:
        writers = [stack.enter_context(_writer(fmt, outdir, provenance)) for fmt in formats if fmt != "json"]
        json_writer = (
            stack.enter_context(JsonDocWriter(outdir / OUTPUT_NAMES["json"][0], provenance))
            if "json" in formats
            else None
        )
        if source_format == "json":
            for record in read_json_items(source):
                pairs = [_edited(pair_from_record(raw), edits) for raw in record.get("pairs", ())]
                if json_writer is not None:
                    json_writer.add_record(
                        {**record, "pairs": [pair_record(pair) for pair in pairs]}, len(pairs)
                    )
                for pair in pairs:
                    for writer in writers:
                        writer.write(pair)
        else:
            for pair in read_pairs(source, source_format):
                edited = _edited(pair, edits)
                for writer in [*writers, *([json_writer] if json_writer else [])]:
                    writer.write(edited)
    return tuple(name for fmt in formats for name in OUTPUT_NAMES[fmt])


def _edited(pair: SegmentPair, edits: Mapping[str, HumanTranslation]) -> SegmentPair:
    return post_edit(pair, edits[pair.id]) if pair.id in edits else pair


def _writer(fmt: ExportFormat, outdir: Path, provenance: Provenance) -> PairWriter:
    target = outdir / ("corpus" if fmt == "txt" else OUTPUT_NAMES[fmt][0])
    if fmt == "tmx":
        from bitext.export.tmx import TmxWriter

        return TmxWriter(target, provenance, unique_ids=False)
    return open_writer(fmt, target, provenance)

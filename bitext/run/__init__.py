"""``bitext run``: the run's own modules, in the order a run uses them.

``options`` (settings, checked once) → ``inputs`` (checked before OUTDIR is touched) →
``outdir`` (claimed) and ``manifest`` (written first, completed last) → ``items`` (a
chunk of documents translated, paired and checked: a plain function over a batch) with
``pairing`` → ``stats`` (the report) → ``pipeline`` (the orchestration). Matching
adds ``matching`` (a first pass that translates and matches French with English items,
then human pairs for the matched ones) and ``mining`` (``--mine``: pairs mined from
unmatched items and their best candidate); ``duplicates`` sets aside repeated pairs as
items are written. A run on Ray
(``executor="ray"``) adds ``sharding`` (shard descriptors, the journal, resume),
``worker`` (what each Ray worker does with a shard) and ``cluster`` (the driver: shards
through the executor, then one merge into the corpus files).

From Python::

    from bitext.run import run_options, run_pipeline

    report = run_pipeline(run_options(inputs=["seeds/"], outdir="out/", formats=("tmx", "jsonl")))
"""

from __future__ import annotations

from bitext.models import RunOptions
from bitext.run.options import run_options
from bitext.run.pipeline import run_pipeline

__all__ = ["RunOptions", "run_options", "run_pipeline"]

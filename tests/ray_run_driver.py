"""Driver for the killed-driver test: joins a running cluster and runs ``bitext run`` on Ray.

Usage: python ray_run_driver.py GCS_ADDRESS OUTDIR LOG_DIR DELAY_S INPUT...
The engine is :class:`ray_toys.MarkingEngine` (slowed by DELAY_S per call), so the test
can kill this process while shards are in flight.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from ray_toys import MarkingEngine

from bitext.run import run_options, run_pipeline

TESTS = Path(__file__).resolve().parent


def main() -> None:
    import ray

    address, outdir, log_dir, delay, *inputs = sys.argv[1:]
    ray.init(
        address=address,
        runtime_env={"env_vars": {"PYTHONPATH": str(TESTS)}},
        logging_level=logging.WARNING,
        log_to_driver=False,
    )
    options = run_options(
        inputs=inputs,
        outdir=outdir,
        formats=("tmx", "jsonl", "json", "txt", "tsv"),
        chunk_items=1,
        use_glossary=False,
        executor="ray",
        workers=1,
    )
    run_pipeline(options, engine=MarkingEngine(log_dir, float(delay)))


if __name__ == "__main__":
    main()

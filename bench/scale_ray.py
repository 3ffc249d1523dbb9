"""``bitext run`` on Ray: items/s of the local executor, Ray with 1 worker and Ray with 2 workers.

The items are those of ``bench/run_scale.py`` (10,000 by default, 80 % French, built
from the newstest2014 segments in ``../shared/mt-dev``; ``--quick``: 1,000), translated
with Apertium and the project glossary. Each run is a ``bitext run`` child process
timed from start to exit (reading, ingest, translation, pairing, the merge and every
output included):

* ``local``: the baseline at its best settings, ``--executor local`` with its defaults
  (one process, the run's translation cache) but ``--no-match``: a Ray run does not match
  French items with English ones, so the two runs do the same job;
* ``ray1`` and ``ray2``: ``--executor ray --workers 1`` and ``--workers 2``, joining a
  Ray cluster this script starts once on this machine (``ray start --head`` with every
  core), as a user runs jobs on a cluster that is already up. Starting that cluster is
  timed apart and printed, not counted in a run; each run's connection, actor start
  and engine loading are counted.

The items repeat the same 1,000 French segments, so a cache answers most sentences: the
local run and a single Ray worker translate each distinct sentence once, while each of
two workers does it once for itself (its own cache). Each Ray run's outputs are compared
with the local run's, file by file, and the pairs that differ are counted: with two
workers a recurring sentence is translated again in another batch, and Apertium's English
can depend on the sentence before it (see :func:`differing_pairs`); ``corpus.json`` also
records which sentences came from a cache.

efficiency = (ray2 rate / ray1 rate) / 2; ray_overhead = 1 − (ray1 rate / local rate).

Last line: ``local_items_per_s=… ray1_items_per_s=… ray2_items_per_s=… efficiency=… ray_overhead=…
ray1_differing_pairs=… ray2_differing_pairs=…``.

Usage: python bench/scale_ray.py [--items N] [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
WORK = BENCH / "_work" / "scale_ray"
TIME = re.compile(rb"\d{8}T\d{6}Z")

sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT / "tests"))

import run_scale  # noqa: E402
from ray_processes import stop_group, wait_for_port  # noqa: E402


@contextmanager
def ray_cluster(cpus: int) -> Iterator[tuple[str, dict[str, str], float]]:
    """A one-node Ray cluster (``ray start --head --block`` in its own process group).

    Yields:
        Its address, the environment that joins it (its own auth token), and the
        seconds it took to answer.
    """
    temp = Path(tempfile.mkdtemp(prefix="bxbench", dir="/tmp"))  # Ray's socket paths must stay short
    token = temp / "auth_token"
    token.write_text(secrets.token_hex(32), encoding="utf-8")
    environment = {
        **os.environ,
        "RAY_ADDRESS": "",
        "RAY_AUTH_MODE": "token",
        "RAY_AUTH_TOKEN_PATH": str(token),
    }
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [str(Path(sys.executable).with_name("ray")), "start", "--head", "--block", "--port", str(port)]
    command += ["--num-cpus", str(cpus), "--temp-dir", str(temp), "--include-dashboard", "false"]
    command += ["--disable-usage-stats"]
    began = time.perf_counter()
    head = subprocess.Popen(
        command, env=environment, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        wait_for_port(port, timeout_s=300, process=head)
        yield f"127.0.0.1:{port}", environment, time.perf_counter() - began
    finally:
        stop_group(head)
        shutil.rmtree(temp, ignore_errors=True)


def run(
    folder: Path, outdir: Path, environment: dict[str, str], *extra: str
) -> tuple[float, dict[str, object]]:
    """Run ``bitext run`` in a child process; return its wall seconds and its report."""
    shutil.rmtree(outdir, ignore_errors=True)
    command = [sys.executable, "-m", "bitext", "run", str(folder), "-o", str(outdir), "--engine", "apertium"]
    command += ["--formats", "tmx,jsonl,json", "--quiet", *extra]
    began = time.perf_counter()
    result = subprocess.run(
        command, env={**environment, "PYTHONPATH": str(ROOT)}, capture_output=True, check=False
    )
    seconds = time.perf_counter() - began
    if result.returncode != 0:
        raise SystemExit(
            f"bitext run {' '.join(extra)} failed ({result.returncode}): {result.stderr.decode()[-2000:]}"
        )
    return seconds, json.loads((outdir / "report.json").read_text(encoding="utf-8"))


def same_bytes(one: Path, other: Path, name: str) -> bool:
    """Whether two runs' ``name`` are the same bytes, times aside."""
    return TIME.sub(b"", (one / name).read_bytes()) == TIME.sub(b"", (other / name).read_bytes())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--quick", action="store_true", help="1,000 items")
    args = parser.parse_args()
    count = 1_000 if args.quick else args.items
    cpus = len(os.sched_getaffinity(0))
    run_scale.MT_DEV = run_scale.SHARED / "mt-dev" / "newstest2014_fr_en"
    folder = WORK / f"items-{count}"
    run_scale.build_items(folder, count)
    print(f"{count} items, {cpus} cores; engine apertium; loaded machine figures are provisional")

    rates: dict[str, float] = {}
    outdirs: dict[str, Path] = {}
    seconds, report = run(folder, WORK / "out-local", dict(os.environ), "--no-match")
    rates["local"], outdirs["local"] = count / seconds, WORK / "out-local"
    print(f"local: {seconds:.1f} s, {rates['local']:.1f} items/s, timings {report['timings']}")
    with ray_cluster(cpus) as (address, environment, started):
        print(f"ray start --head ({cpus} CPUs): {started:.1f} s (not counted below)")
        for workers in (1, 2):
            name, outdir = f"ray{workers}", WORK / f"out-ray{workers}"
            cluster = ("--executor", "ray", "--ray-address", address, "--workers", str(workers))
            seconds, report = run(folder, outdir, environment, *cluster)
            rates[name], outdirs[name] = count / seconds, outdir
            print(f"{name}: {seconds:.1f} s, {rates[name]:.1f} items/s, timings {report['timings']}")
    differing: dict[str, int] = {}
    for name in ("ray1", "ray2"):
        checks = {
            file: same_bytes(outdirs["local"], outdirs[name], file)
            for file in ("corpus.tmx", "corpus.jsonl", "corpus.json", "rejects.jsonl")
        }
        differing[name] = differing_pairs(outdirs["local"], outdirs[name])
        print(f"{name} vs local, same bytes: {checks}; pairs that differ: {differing[name]}")
    efficiency = rates["ray2"] / rates["ray1"] / 2
    overhead = 1 - rates["ray1"] / rates["local"]
    print(
        f"local_items_per_s={rates['local']:.1f} ray1_items_per_s={rates['ray1']:.1f} "
        f"ray2_items_per_s={rates['ray2']:.1f} efficiency={efficiency:.2f} ray_overhead={overhead:.2f} "
        f"ray1_differing_pairs={differing['ray1']} ray2_differing_pairs={differing['ray2']}"
    )


def differing_pairs(expected: Path, found: Path) -> int:
    """Kept or rejected pairs of one run that the other lacks or wrote otherwise.

    Apertium's transfer rules keep variables from one sentence to the next (the gender of
    the last noun, say), so a sentence's English can depend on the sentence before it in
    its batch. A sentence that recurs in another worker's shard is translated there in
    another batch, where the local run answered it from its cache: such pairs differ.
    """

    def lines(folder: Path) -> set[str]:
        return {
            line
            for name in ("corpus.jsonl", "rejects.jsonl")
            for line in (folder / name).read_text(encoding="utf-8").splitlines()
        }

    return len(lines(expected) ^ lines(found)) // 2


if __name__ == "__main__":
    main()

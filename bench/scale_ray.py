"""``bitext run`` on Ray: items/s of the local executor, Ray with 1 worker and Ray with 2 workers.

The items are those of ``bench/run_scale.py`` (10,000 by default, 80 % French, built
from the newstest2014 segments in ``../shared/mt-dev``; ``--quick``: 1,000), translated
with Apertium and the project glossary. Each run is a ``bitext run`` child process
timed from start to exit (reading, ingest, translation, pairing, the merge and every
output included):

* ``local``: the baseline at its best settings, ``--executor local`` with its defaults
  (one process, the run's translation cache);
* ``ray1`` and ``ray2``: ``--executor ray --workers 1`` and ``--workers 2``, joining a
  Ray cluster this script starts once on this machine (``ray start --head`` with every
  core), as a user runs jobs on a cluster that is already up. Starting that cluster, and
  one 1-item Ray run that warms it (Ray Data starts its per-cluster helper actors on a
  cluster's first job), are timed apart and printed, not counted in a run; each run's
  connection, Ray Data planning, actor start and engine loading are counted.

Every run is ``--no-match``: this measures how the executors spread the per-item work
(document matching runs on the driver and waits for every shard, see
:mod:`bitext.run.shard_matching`).

Start-up apart from the steady rate: each of the three is also run on the first item
alone; its wall time is that executor's start-up (process, imports, cluster connection,
actors, engine, one item), and the steady rate is (N − 1) / (T_N − T_1).

CPU: each run's user+system CPU seconds over its wall seconds (``util``): the ``bitext
run`` process with its children (Apertium's processes), plus for Ray runs the CPU the
cluster's processes used meanwhile (sampled from ``/proc`` for the ``ray start`` session,
see :class:`SessionCpu`; approximate). A 1-worker run that keeps ``U`` cores busy leaves 2
workers on ``C`` cores at most ``C / U`` times faster, so efficiency can reach at most ``min(1, C / (2 U))``;
``cpu_ray2/cpu_ray1`` > 1 is work the second worker repeats (its own translation cache), which
lowers that bound by the same factor (two busy cores cannot finish sooner than ``cpu_ray2 / 2``), and
``cpu_ray1/cpu_local`` − 1 is Ray's overhead in CPU time, which a loaded machine distorts
less than wall time.

The items repeat the same 1,000 French segments, so a cache answers most sentences: the
local run and a single Ray worker translate each distinct sentence once, while each of
two workers does it once for itself (its own cache). Each Ray run's outputs are compared
with the local run's, file by file, and the pairs that differ are counted (see
:func:`differing_pairs`); ``corpus.json`` differs with two workers because it records
which sentences came from a cache.

efficiency = (ray2 rate / ray1 rate) / 2; ray_overhead = 1 − (ray1 rate / local rate).

Last line: ``local_items_per_s=… ray1_items_per_s=… ray2_items_per_s=… efficiency=… ray_overhead=…``
(whole runs, start-up included); the line before it gives the same figures at the steady
rate, start-up excluded.

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
import threading
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
def ray_cluster(cpus: int) -> Iterator[tuple[str, dict[str, str], float, int]]:
    """A one-node Ray cluster (``ray start --head --block`` in its own process group).

    Yields:
        Its address, the environment that joins it (its own auth token), the seconds
        it took to answer, and its session id (for its processes' CPU time).
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
        yield f"127.0.0.1:{port}", environment, time.perf_counter() - began, head.pid
    finally:
        stop_group(head)
        shutil.rmtree(temp, ignore_errors=True)


class Run:
    """One timed ``bitext run``: wall seconds, CPU seconds and its report."""

    def __init__(self, seconds: float, cpu: float, report: dict[str, object]) -> None:
        self.seconds, self.cpu, self.report = seconds, cpu, report

    def describe(self, items: int) -> str:
        return (
            f"{self.seconds:.1f} s, {items / self.seconds:.1f} items/s, cpu {self.cpu:.1f} s "
            f"(util {self.cpu / self.seconds:.2f} cores), timings {self.report['timings']}"
        )


def run(
    folder: Path, outdir: Path, environment: dict[str, str], *extra: str, session: int | None = None
) -> Run:
    """Run ``bitext run`` in a child process; time it and count its CPU (and the cluster's)."""
    shutil.rmtree(outdir, ignore_errors=True)
    command = [sys.executable, "-m", "bitext", "run", str(folder), "-o", str(outdir), "--engine", "apertium"]
    command += ["--formats", "tmx,jsonl,json", "--quiet", *extra]
    cluster = SessionCpu(session) if session is not None else None
    began = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        child = subprocess.Popen(command, env={**environment, "PYTHONPATH": str(ROOT)}, stderr=errors)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - began
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            errors.seek(0)
            raise SystemExit(
                f"bitext run {' '.join(extra)} failed ({code}): {errors.read().decode()[-2000:]}"
            )
    cpu = usage.ru_utime + usage.ru_stime + (cluster.stop() if cluster is not None else 0.0)
    return Run(seconds, cpu, json.loads((outdir / "report.json").read_text(encoding="utf-8")))


class SessionCpu:
    """CPU seconds the processes of one session use from now until :meth:`stop`.

    Sampled twice a second per process (its own time and its reaped children's): the
    raylet does not collect its workers' times when they exit, so a worker's CPU is
    read while it lives (the last half second of a worker can be missed).
    """

    def __init__(self, session: int) -> None:
        self._session = session
        self._first = self._sample()
        self._last = dict(self._first)
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def stop(self) -> float:
        """Stop sampling; the CPU seconds used since the start."""
        self._done.set()
        self._thread.join()
        self._last.update(self._sample())
        ticks = sum(used - self._first.get(pid, 0) for pid, used in self._last.items())
        return ticks / os.sysconf("SC_CLK_TCK")

    def _watch(self) -> None:
        while not self._done.wait(0.5):
            self._last.update(self._sample())

    def _sample(self) -> dict[int, int]:
        used = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[3]) == self._session:  # after the command: state, ppid, pgrp, session, ...
                used[int(stat.parent.name)] = sum(int(value) for value in fields[11:15])  # u, s, cu, cs
        return used


def same_bytes(one: Path, other: Path, name: str) -> bool:
    """Whether two runs' ``name`` are the same bytes, times aside."""
    return TIME.sub(b"", (one / name).read_bytes()) == TIME.sub(b"", (other / name).read_bytes())


def first_item(folder: Path, into: Path) -> Path:
    """A folder holding the first item of ``folder`` only (for the start-up runs)."""
    shutil.rmtree(into, ignore_errors=True)
    into.mkdir(parents=True)
    first = min(folder.glob("*.txt"))
    shutil.copyfile(first, into / first.name)
    return into


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
    single = first_item(folder, WORK / "items-1")
    print(f"{count} items, {cpus} cores; engine apertium; loaded machine figures are provisional")

    full: dict[str, Run] = {}
    startup: dict[str, Run] = {}
    outdirs = {name: WORK / f"out-{name}" for name in ("local", "ray1", "ray2")}
    local = (dict(os.environ), "--no-match")
    startup["local"] = run(single, WORK / "start-local", *local)
    full["local"] = run(folder, outdirs["local"], *local)
    print(f"local: {full['local'].describe(count)}")
    with ray_cluster(cpus) as (address, environment, started, session):
        print(f"ray start --head ({cpus} CPUs): {started:.1f} s (not counted below)")
        warm = run(
            single, WORK / "warm-up", environment, "--no-match", "--executor", "ray", "--ray-address", address
        )
        print(f"warm-up, a 1-item Ray run on the new cluster: {warm.seconds:.1f} s (not counted below)")
        for workers in (1, 2):
            name = f"ray{workers}"
            cluster = ("--no-match", "--executor", "ray", "--ray-address", address, "--workers", str(workers))
            startup[name] = run(single, WORK / f"start-{name}", environment, *cluster, session=session)
            full[name] = run(folder, outdirs[name], environment, *cluster, session=session)
            print(f"{name}: {full[name].describe(count)}")
    for name in ("ray1", "ray2"):
        checks = {
            file: same_bytes(outdirs["local"], outdirs[name], file)
            for file in ("corpus.tmx", "corpus.jsonl", "corpus.json", "rejects.jsonl")
        }
        differing = differing_pairs(outdirs["local"], outdirs[name])
        print(f"{name} vs local, same bytes: {checks}; pairs that differ: {differing}")
    print_limits(full, cpus)
    steady = {name: (count - 1) / (full[name].seconds - startup[name].seconds) for name in full}
    print(
        "steady state, start-up excluded (start-up = the same run on 1 item; rate = (N-1)/(T_N - T_1)): "
        + " ".join(f"{name}_startup_s={startup[name].seconds:.1f}" for name in full)
        + " "
        + " ".join(f"{name}_steady_items_per_s={steady[name]:.1f}" for name in full)
        + f" steady_efficiency={steady['ray2'] / steady['ray1'] / 2:.2f}"
        + f" steady_ray_overhead={1 - steady['ray1'] / steady['local']:.2f}"
    )
    rates = {name: count / full[name].seconds for name in full}
    print(
        f"local_items_per_s={rates['local']:.1f} ray1_items_per_s={rates['ray1']:.1f} "
        f"ray2_items_per_s={rates['ray2']:.1f} efficiency={rates['ray2'] / rates['ray1'] / 2:.2f} "
        f"ray_overhead={1 - rates['ray1'] / rates['local']:.2f}"
    )


def print_limits(full: dict[str, Run], cpus: int) -> None:
    """What efficiency the cores allow, from the runs' CPU use."""
    used = full["ray1"].cpu / full["ray1"].seconds
    repeated = full["ray1"].cpu / full["ray2"].cpu
    print(
        f"cpu: local util {full['local'].cpu / full['local'].seconds:.2f}, ray1 util {used:.2f}, "
        f"ray2 util {full['ray2'].cpu / full['ray2'].seconds:.2f} cores; "
        f"cpu_ray1/cpu_local={full['ray1'].cpu / full['local'].cpu:.2f} "
        f"cpu_ray2/cpu_ray1={full['ray2'].cpu / full['ray1'].cpu:.2f}; "
        f"on {cpus} cores 2 workers can be at most {cpus / used:.2f}x one worker "
        f"(efficiency at most {min(1.0, cpus / used / 2):.2f}; with the CPU work the second "
        f"worker adds, at most {min(1.0, cpus / used / 2) * repeated:.2f})"
    )


def differing_pairs(expected: Path, found: Path) -> int:
    """Kept or rejected pairs of one run that the other lacks or wrote otherwise.

    With two workers a sentence that recurs in another worker's shard is translated again
    there, in another batch, where the local run answered it from its cache. Apertium's
    transfer keeps variables from one sentence to the next, so before the engine put a
    reset sentence between sentences (:mod:`bitext.translate.apertium_reset`) such pairs
    could differ; the count shows that they no longer do.
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

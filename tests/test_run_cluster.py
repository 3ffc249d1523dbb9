"""``bitext run --executor ray`` on real Ray: the local corpus byte for byte, with 1 and 2
workers, after a worker or the driver is killed, and the failures a user can meet.

The runs use the session's embedded cluster (``ray_session``, 2 CPUs); a run joins it
because Ray is already connected in this process. Outputs are compared after the
normalisation of the seed digest test (times, paths, run key, timings).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ray_toys import MarkingEngine
from test_seed_digest import normalise
from typer.testing import CliRunner

from bitext.cli import app
from bitext.models import RunManifest, RunReport
from bitext.run import run_options, run_pipeline
from bitext.run.sharding import read_journal

TESTS = Path(__file__).resolve().parent
FORMATS = "tmx,jsonl,json,txt,tsv"
CHUNK = "2"
MALFORMED = "Expecting property name enclosed in double quotes (column 2)"


def _paragraphs(seed: Path) -> list[str]:
    """A seed's body paragraphs, each once, in order."""
    lines = [line.strip() for line in seed.read_text(encoding="utf-8").splitlines()[1:]]
    return list(dict.fromkeys(line for line in lines if line))


@pytest.fixture
def mixed_inputs(seeds_dir: Path, tmp_path: Path) -> list[Path]:
    """Two seed items as .txt, a JSONL collection and a Parquet collection of items made from
    the other two seeds' paragraphs: every sentence appears once across the inputs, so a
    translation cache serves none and the outputs do not depend on which worker saw what."""
    pytest.importorskip("pyarrow", reason="pyarrow is not installed: pip install 'bitext[parquet]'")
    import pyarrow
    import pyarrow.parquet

    seeds = sorted(seeds_dir.glob("*.txt"))
    folder = tmp_path / "inputs"
    folder.mkdir()
    files = []
    for seed in seeds[:2]:
        files.append(folder / seed.name)
        files[-1].write_bytes(seed.read_bytes())
    french = _paragraphs(seeds[3])
    jsonl = folder / "french.jsonl"
    rows = [
        json.dumps({"id": f"fr-{n}", "text": f"Article {n}\n" + "\n".join(french[n : n + 2])})
        for n in range(0, len(french), 2)
    ]
    jsonl.write_text("\n".join(rows) + "\n", encoding="utf-8")
    english = _paragraphs(seeds[2])
    parquet = folder / "english.parquet"
    texts = [f"Story {n}\n" + "\n".join(english[n : n + 3]) for n in range(0, len(english), 3)]
    table = pyarrow.table({"id": [f"en-{n}" for n in range(len(texts))], "text": texts})
    pyarrow.parquet.write_table(table, parquet, row_group_size=2)
    return [*files, jsonl, parquet]


def _run_cli(inputs: list[Path], outdir: Path, *extra: str) -> Any:
    arguments = ["run", *map(str, inputs), "-o", str(outdir), "--engine", "apertium", "--formats", FORMATS]
    return CliRunner().invoke(app, [*arguments, "--chunk-items", CHUNK, "-q", *extra])


def _normalised(outdir: Path, inputs: Path) -> dict[str, bytes]:
    """Every output but the manifest (a Ray run's also records its shards), normalised;
    the review page also shows the run's folder name, its times and how long it took."""
    outputs = {
        path.name: normalise(path.read_bytes(), inputs, outdir)
        for path in sorted(outdir.iterdir())
        if path.is_file() and path.name != "manifest.json" and not path.name.startswith(".bitext-cache")
    }
    if "review.html" in outputs:
        page = outputs["review.html"].decode()
        page = page.replace(f">{outdir.name}<", ">OUTDIR<").replace(
            f"review: {outdir.name}<", "review: OUTDIR<"
        )
        page = RUN_TIMES.sub("run TIMES", page)
        outputs["review.html"] = RUN_TOOK.sub("run took SECONDS", page).encode()
    return outputs


RUN_TIMES = re.compile(r"run \d{8}T\d{6}Z → \d{8}T\d{6}Z")
RUN_TOOK = re.compile(r"run took [\d.]+ s")


def test_local_and_ray_with_one_and_two_workers_write_the_same_corpus(
    ray_session: Any, apertium_engine: Any, mixed_inputs: list[Path], tmp_path: Path
) -> None:
    folder = mixed_inputs[0].parent
    local = _run_cli(mixed_inputs, tmp_path / "local")
    assert local.exit_code == 0, local.output
    expected = _normalised(tmp_path / "local", folder)
    assert {"corpus.tmx", "corpus.jsonl", "corpus.json", "report.json"} <= set(expected)
    for workers in (1, 2):
        outdir = tmp_path / f"ray{workers}"
        result = _run_cli(mixed_inputs, outdir, "--executor", "ray", "--workers", str(workers))
        assert result.exit_code == 0, result.output
        assert _normalised(outdir, folder) == expected, f"{workers} worker(s)"
        manifest = RunManifest.model_validate_json((outdir / "manifest.json").read_bytes())
        assert manifest.cluster is not None and manifest.cluster.workers == workers
        assert manifest.engine is not None and manifest.engine.name == "apertium"
        items = json.loads(expected["report.json"])["items"]
        assert len(manifest.shards) == -(-items // int(CHUNK))
        assert [shard.index for shard in manifest.shards] == list(range(len(manifest.shards)))
    local_manifest = json.loads((tmp_path / "local" / "manifest.json").read_bytes())
    assert "shards" not in local_manifest and "cluster" not in local_manifest


def test_on_ray_matched_items_give_the_human_pairs_of_a_local_run(
    ray_session: Any, apertium_engine: Any, match_data: Path, tmp_path: Path
) -> None:
    """The stories of ``tests/data/match`` (French items, their English versions, a
    shortened and an edited copy, unpaired items), mined too: the driver matches from the
    workers' shard files and writes the corpus a local run writes."""
    folder = tmp_path / "items"
    shutil.copytree(match_data / "items", folder)
    for variant in (match_data / "variants").glob("*.txt"):
        shutil.copy(variant, folder / variant.name)
    local = _run_cli([folder], tmp_path / "local", "--mine")
    assert local.exit_code == 0, local.output
    expected = _normalised(tmp_path / "local", folder)
    report = json.loads(expected["report.json"])
    assert report["matching"]["matches"], "the local run must match items for this test to mean anything"
    origins = {json.loads(line)["meta"]["origin"] for line in expected["corpus.jsonl"].splitlines()}
    assert origins == {"human", "mt"}
    for workers in (1, 2):
        outdir = tmp_path / f"ray{workers}"
        result = _run_cli([folder], outdir, "--mine", "--executor", "ray", "--workers", str(workers))
        assert result.exit_code == 0, result.output
        found = _normalised(outdir, folder)
        for name in ("corpus.tmx", "corpus.jsonl", "rejects.jsonl"):
            assert found[name] == expected[name], f"{name}, {workers} worker(s)"
        # A French variant repeats a sentence: one worker finds it in its cache, two may not.
        counted = json.loads(found["report.json"])
        if workers == 2:
            counted["cached_sentences"] = report["cached_sentences"]
        assert counted == report, f"report.json, {workers} worker(s)"
        manifest = RunManifest.model_validate_json((outdir / "manifest.json").read_bytes())
        assert manifest.options.match is True and manifest.matching is not None


@pytest.fixture
def bad_inputs(seeds_dir: Path, tmp_path: Path) -> list[Path]:
    """A good item, an item cleaning leaves empty (found only when ingested, on a worker), and
    a collection with a malformed line."""
    folder = tmp_path / "bad-inputs"
    folder.mkdir()
    good = folder / "good.txt"
    good.write_bytes(sorted(seeds_dir.glob("*.txt"))[1].read_bytes())
    empty = folder / "photo.txt"
    empty.write_text("(Photo : AFP)\n", encoding="utf-8")
    collection = folder / "more.jsonl"
    collection.write_text(
        json.dumps({"id": "m1", "text": "Titre\nLe ministre a reçu la délégation.\n"}) + "\n{oops\n",
        encoding="utf-8",
    )
    return [good, empty, collection]


def test_bad_items_on_a_worker_fail_or_are_skipped_as_in_a_local_run(
    ray_session: Any, apertium_engine: Any, bad_inputs: list[Path], tmp_path: Path
) -> None:
    inputs = bad_inputs[:2]  # the malformed collection line is found before OUTDIR is touched
    local = _run_cli(inputs, tmp_path / "local")
    ray = _run_cli(inputs, tmp_path / "ray", "--executor", "ray", "--workers", "1")
    assert local.exit_code == ray.exit_code == 65
    assert "photo.txt: no text left after cleaning" in local.output
    assert ray.output.replace("ray", "local") == local.output
    assert not (tmp_path / "ray" / "corpus.tmx").exists()

    local = _run_cli(bad_inputs, tmp_path / "local-skip", "--skip-bad")
    ray = _run_cli(bad_inputs, tmp_path / "ray-skip", "--skip-bad", "--executor", "ray", "--workers", "2")
    assert local.exit_code == ray.exit_code == 0, ray.output
    report = RunReport.model_validate_json((tmp_path / "ray-skip" / "report.json").read_bytes())
    assert [(item.path, item.reason) for item in report.skipped] == [
        (str(bad_inputs[1]), f"{bad_inputs[1]}: no text left after cleaning"),
        (
            str(bad_inputs[2]),
            f"{bad_inputs[2]}:2: malformed JSON: {MALFORMED}",
        ),
    ]
    assert _normalised(tmp_path / "ray-skip", bad_inputs[0].parent) == _normalised(
        tmp_path / "local-skip", bad_inputs[0].parent
    )


def _ancestors(pid: int) -> Iterator[int]:
    """The parent chain of a process, from /proc."""
    while pid > 1:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()
        except OSError:
            return
        pid = int(fields[1])
        yield pid


def _kill_first_busy_worker(logs: Path, killed: list[int], timeout_s: float) -> None:
    """Kill the first worker that marks itself busy, if it is a process this test session started."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and not killed:
        for mark in sorted(logs.glob("busy-*")):
            pid = int(mark.read_text(encoding="utf-8"))
            if os.getpid() in _ancestors(pid):  # a worker of the session's own cluster
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
                return
        time.sleep(0.1)


def _library_options(inputs: list[Path], outdir: Path, **cluster: Any) -> Any:
    return run_options(
        inputs=inputs,
        outdir=outdir,
        formats=tuple(FORMATS.split(",")),
        chunk_items=1,
        use_glossary=False,
        **cluster,
    )


def test_without_workers_the_pool_is_the_clusters_size_and_resuming_a_finished_run_works(
    ray_session: Any, mixed_inputs: list[Path], tmp_path: Path
) -> None:
    logs = tmp_path / "logs"
    logs.mkdir()
    options = _library_options(mixed_inputs, tmp_path / "ray", executor="ray")
    run_pipeline(options, engine=MarkingEngine(str(logs), 0.0))
    manifest = RunManifest.model_validate_json((tmp_path / "ray" / "manifest.json").read_bytes())
    assert manifest.cluster is not None and manifest.cluster.workers == 2, "the session cluster has 2 CPUs"
    run_pipeline(options.model_copy(update={"force": True}), engine=MarkingEngine(str(logs), 0.0))
    again = RunManifest.model_validate_json((tmp_path / "ray" / "manifest.json").read_bytes())
    assert again.shards == manifest.shards
    assert again.cluster is not None and again.cluster.workers is None, "every shard was kept: no worker ran"


def test_a_worker_killed_mid_run_leaves_the_corpus_unchanged(
    ray_session: Any, mixed_inputs: list[Path], tmp_path: Path
) -> None:
    logs = tmp_path / "logs"
    logs.mkdir()
    run_pipeline(_library_options(mixed_inputs, tmp_path / "local"), engine=MarkingEngine(str(logs), 0.0))
    for mark in logs.iterdir():
        mark.unlink()
    killed: list[int] = []
    killer = threading.Thread(target=_kill_first_busy_worker, args=(logs, killed, 120))
    killer.start()
    options = _library_options(mixed_inputs, tmp_path / "ray", executor="ray", workers=2)
    try:
        run_pipeline(options, engine=MarkingEngine(str(logs), 0.5))
    finally:
        killer.join()
    assert killed, "no worker was seen busy"
    assert not Path(f"/proc/{killed[0]}").exists()
    folder = mixed_inputs[0].parent
    assert _normalised(tmp_path / "ray", folder) == _normalised(tmp_path / "local", folder)


def test_a_driver_killed_mid_run_resumes_to_the_corpus_of_an_uninterrupted_run(
    ray_session: Any, mixed_inputs: list[Path], tmp_path: Path
) -> None:
    logs = tmp_path / "logs"
    logs.mkdir()
    outdir = tmp_path / "ray"
    gcs = ray_session.get_runtime_context().gcs_address
    driver = subprocess.Popen(
        [sys.executable, str(TESTS / "ray_run_driver.py"), gcs, str(outdir), str(logs), "0.5"]
        + [str(path) for path in mixed_inputs],
        cwd=TESTS,
        env={**os.environ, "PYTHONPATH": str(TESTS)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    shard_dir = outdir / "shards"
    try:
        deadline = time.monotonic() + 240
        while len(read_journal(shard_dir)) < 2:
            if driver.poll() is not None:
                raise AssertionError(f"the driver ended first: {driver.communicate()[1][-3000:]}")
            assert time.monotonic() < deadline, "no two shards finished in time"
            time.sleep(0.1)
        driver.send_signal(signal.SIGKILL)
        driver.communicate(timeout=60)
    finally:
        if driver.poll() is None:
            driver.kill()
    done_before = {
        index: os.stat(entry.record.path).st_mtime_ns for index, entry in read_journal(shard_dir).items()
    }
    assert json.loads((outdir / "manifest.json").read_bytes())["status"] == "running"

    options = _library_options(mixed_inputs, outdir, executor="ray", workers=1)
    run_pipeline(options, engine=MarkingEngine(str(logs), 0.0))
    run_pipeline(_library_options(mixed_inputs, tmp_path / "local"), engine=MarkingEngine(str(logs), 0.0))

    folder = mixed_inputs[0].parent
    assert _normalised(outdir, folder) == _normalised(tmp_path / "local", folder)
    manifest = RunManifest.model_validate_json((outdir / "manifest.json").read_bytes())
    kept = {
        shard.index: os.stat(shard.path).st_mtime_ns
        for shard in manifest.shards
        if shard.index in done_before
    }
    assert kept == done_before, "the shards finished before the kill were kept, not redone"


def test_an_unreachable_address_exits_69_quickly_and_leaves_outdir_alone(
    seeds_dir: Path, tmp_path: Path
) -> None:
    pytest.importorskip("ray", reason="Ray is not installed: pip install 'bitext[ray]'")
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    began = time.monotonic()
    result = _run_cli(
        [seeds_dir], tmp_path / "out", "--executor", "ray", "--ray-address", f"127.0.0.1:{port}"
    )
    assert result.exit_code == 69, result.output
    assert f"cannot reach the Ray cluster at 127.0.0.1:{port} within 30 s" in result.output
    assert time.monotonic() - began < 40
    assert not (tmp_path / "out").exists()


def test_without_ray_installed_the_run_exits_69_with_the_install_line(
    seeds_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)
    result = _run_cli([seeds_dir], tmp_path / "out", "--executor", "ray")
    assert result.exit_code == 69, result.output
    assert "pip install 'bitext[ray]'" in result.output
    assert not (tmp_path / "out").exists()


def test_a_worker_without_the_engine_names_its_node(
    ray_session: Any, seeds_dir: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "no-models"
    empty.mkdir()
    arguments = ["run", str(seeds_dir), "-o", str(tmp_path / "out"), "--engine", "argos"]
    result = CliRunner().invoke(
        app, [*arguments, "--models-dir", str(empty), "--executor", "ray", "--workers", "1", "-q"]
    )
    assert result.exit_code == 69, result.output
    assert "error: on Ray node " in result.output and "fr→en" in result.output


def _cuda_devices() -> int:
    try:
        import ctranslate2
    except ImportError:
        return 0
    return int(ctranslate2.get_cuda_device_count())


@pytest.mark.skipif(
    _cuda_devices() == 0, reason="no CUDA device visible to CTranslate2 (get_cuda_device_count() == 0)"
)
def test_on_cuda_a_ray_worker_gets_a_gpu_and_the_argos_engine_runs_there(
    ray_session: Any, argos_models_dir: Path, seeds_dir: Path, tmp_path: Path
) -> None:
    from bitext.models import EngineOptions

    options = run_options(
        inputs=[seeds_dir],
        outdir=tmp_path / "out",
        engine="argos",
        engine_options=EngineOptions(models_dir=argos_models_dir, device="cuda"),
        executor="ray",
        workers=1,
        gpus_per_worker=0.5,
    )
    report = run_pipeline(options)
    manifest = RunManifest.model_validate_json((tmp_path / "out" / "manifest.json").read_bytes())
    assert manifest.engine is not None and manifest.engine.options["device"] == "cuda"
    assert manifest.cluster is not None and manifest.cluster.gpus_per_worker == 0.5
    assert report.translated_sentences > 0


# --- the merge runs while the workers do ---------------------------------------------


class _ScriptedExecutor:
    """Stands in for the Ray executor: writes toy shards in a given completion order, logging it."""

    pool_size = 2

    def __init__(self, order: list[int], log: list[str]) -> None:
        self.order = order
        self.log = log

    def __enter__(self) -> _ScriptedExecutor:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.log.append("closed")

    def run(self, shards: Any, setup: Any, *, shard_dir: Path, skip: Any) -> Iterator[Any]:
        from bitext.executors.shards import write_shard

        for index in self.order:
            assert index not in skip
            self.log.append(f"done {index}")
            yield write_shard(shard_dir, index, [])


def _shard_run(tmp_path: Path, order: list[int], finished: dict[int, Any], log: list[str]) -> Any:
    from bitext.models import ItemShard, ShardPiece
    from bitext.run.cluster import _ShardRun

    piece = ShardPiece(path="a.txt", location=str(tmp_path / "a.txt"), items=1)
    shards = [ItemShard(pieces=(piece,), key=f"key-{index}") for index in range(5)]
    options = run_options(inputs=[str(tmp_path)], outdir=str(tmp_path / "out"), executor="ray")
    run = _ShardRun(shards, finished, setup=None, options=options, shard_dir=tmp_path, progress=None)  # type: ignore[arg-type]
    run._executor = lambda: _ScriptedExecutor(order, log)  # type: ignore[method-assign]
    return run


def test_each_shard_is_handed_to_the_merge_once_it_and_the_shards_before_it_are_done(tmp_path: Path) -> None:
    from bitext.executors.shards import write_shard

    log: list[str] = []
    finished = {0: write_shard(tmp_path, 0, [])}  # kept from an interrupted run
    run = _shard_run(tmp_path, [2, 1, 4, 3], finished, log)
    for record in run.in_order():
        log.append(f"merge {record.index}")
    assert log == [
        "merge 0",
        "done 2",
        "done 1",
        "merge 1",
        "merge 2",
        "done 4",
        "done 3",
        "merge 3",
        "merge 4",
        "closed",
    ]
    assert [entry.record.index for entry in read_journal(tmp_path).values()] == [2, 1, 4, 3]


def test_a_run_with_every_shard_finished_starts_no_cluster(tmp_path: Path) -> None:
    from bitext.executors.shards import write_shard

    log: list[str] = []
    finished = {index: write_shard(tmp_path, index, []) for index in range(5)}
    run = _shard_run(tmp_path, [], finished, log)
    assert [record.index for record in run.in_order()] == list(range(5))
    assert log == []

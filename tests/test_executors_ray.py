"""The Ray executor on real Ray: an embedded cluster shared by the session, a two-node
cluster on this machine with a worker killed mid-run, and the failures a user can meet."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ray_processes import stop_group, wait_for_port
from ray_toys import ToyOutput, ToySetup, double_shard, toy_shards

from bitext.errors import InputError, ModelError, UsageError
from bitext.executors.local import LocalExecutor
from bitext.executors.ray import RayExecutor, import_ray
from bitext.executors.shards import merge_shards

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent


def test_importing_bitext_never_imports_ray() -> None:
    modules = "bitext.cli, bitext.executors, bitext.executors.ray, bitext.executors.local"
    code = f"import sys, {modules}; print('ray' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_without_ray_installed_the_error_gives_the_install_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)
    with pytest.raises(ModelError, match=r"pip install 'bitext\[ray\]'") as caught:
        import_ray()
    assert caught.value.exit_code == 69


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize("scheme", ["", "ray://"])
def test_an_unreachable_address_fails_fast_naming_it(scheme: str) -> None:
    address = f"{scheme}127.0.0.1:{_closed_port()}"
    began = time.monotonic()
    with pytest.raises(ModelError, match=f"cannot reach the Ray cluster at {address} within 3 s") as caught:
        RayExecutor(address=address, connect_timeout_s=3).connect()
    assert caught.value.exit_code == 69
    assert time.monotonic() - began < 10


@pytest.mark.parametrize("address", ["nowhere", "host:port", ":80"])
def test_a_malformed_address_is_a_usage_error(address: str) -> None:
    with pytest.raises(UsageError, match="expected auto, HOST:PORT or ray://HOST:PORT"):
        RayExecutor(address=address).connect()


def test_bad_worker_counts_are_usage_errors() -> None:
    with pytest.raises(UsageError, match="at least 1"):
        RayExecutor(workers=0)


def test_two_workers_give_the_local_result_and_set_up_once_each(ray_session: Any, tmp_path: Path) -> None:
    (tmp_path / "l").mkdir()
    local = list(
        LocalExecutor().run(toy_shards(6), ToySetup(str(tmp_path / "l")), shard_dir=tmp_path / "local")
    )
    (tmp_path / "r").mkdir()
    with RayExecutor(workers=2) as executor:
        records = list(
            executor.run(toy_shards(6), ToySetup(str(tmp_path / "r"), 0.2), shard_dir=tmp_path / "ray")
        )
    assert sorted(record.index for record in records) == list(range(6))
    assert list(merge_shards(records, ToyOutput)) == list(merge_shards(local, ToyOutput))
    assert [(r.sha256, r.items) for r in sorted(records, key=lambda r: r.index)] == [
        (r.sha256, r.items) for r in local
    ]
    assert len(list((tmp_path / "r").glob("setup-*"))) == 2, "one set-up per actor, not per shard"


def test_each_record_arrives_when_its_shard_is_done_not_with_the_next(
    ray_session: Any, tmp_path: Path
) -> None:
    slow_s = 4.0
    shards = [*toy_shards(1), toy_shards(2)[1].model_copy(update={"extra_s": slow_s})]
    arrivals: dict[int, float] = {}
    with RayExecutor(workers=1) as executor:
        for record in executor.run(shards, ToySetup(str(tmp_path)), shard_dir=tmp_path / "s"):
            arrivals[record.index] = time.monotonic()
    assert arrivals[1] - arrivals[0] > slow_s / 2, "shard 0's record waited for shard 1"


def test_no_shard_waits_behind_a_long_one_while_another_worker_is_free(
    ray_session: Any, tmp_path: Path
) -> None:
    long_s = 8.0
    shards = [toy_shards(1)[0].model_copy(update={"extra_s": long_s}), *toy_shards(4)[1:]]
    with RayExecutor(workers=2) as executor:
        order = [
            record.index for record in executor.run(shards, ToySetup(str(tmp_path)), shard_dir=tmp_path / "s")
        ]
    assert order[-1] == 0, f"a short shard was queued behind the long one: {order}"


def test_skip_and_prepare_on_ray(ray_session: Any, tmp_path: Path) -> None:
    with RayExecutor(workers=1) as executor:
        records = list(
            executor.run(
                toy_shards(3),
                ToySetup(str(tmp_path)),
                shard_dir=tmp_path / "s",
                skip={0},
                prepare=double_shard,
            )
        )
    assert sorted(record.index for record in records) == [1, 2]
    numbers = sorted(
        o.number for r in records for o in merge_shards([r.model_copy(update={"index": 0})], ToyOutput)
    )
    assert numbers == [6, 8, 10, 12, 14, 16]


def test_a_bad_shard_on_a_worker_is_the_same_input_error_here(ray_session: Any, tmp_path: Path) -> None:
    shards = [*toy_shards(2), toy_shards(3)[2].model_copy(update={"bad": True})]
    with RayExecutor(workers=1) as executor, pytest.raises(InputError) as caught:
        list(executor.run(shards, ToySetup(str(tmp_path)), shard_dir=tmp_path / "s"))
    assert str(caught.value) == "toy.jsonl:3: bad toy shard starting at 6"
    assert caught.value.exit_code == 65


def test_a_worker_that_cannot_set_up_names_its_node(ray_session: Any, tmp_path: Path) -> None:
    with (
        RayExecutor(workers=1) as executor,
        pytest.raises(ModelError, match=r"on Ray node [\d.]+ \(node [0-9a-f]{12}\): the toy engine"),
    ):
        list(executor.run(toy_shards(1), ToySetup(str(tmp_path), fail_setup=True), shard_dir=tmp_path / "s"))


def test_a_node_without_the_engine_package_is_named(ray_session: Any, tmp_path: Path) -> None:
    setup = ToySetup(str(tmp_path), missing_module="bitext_engine_not_installed")
    with RayExecutor(workers=1) as executor, pytest.raises(ModelError) as caught:
        list(executor.run(toy_shards(1), setup, shard_dir=tmp_path / "s"))
    assert "cannot import bitext_engine_not_installed; install bitext" in str(caught.value)
    assert caught.value.exit_code == 69


# --- a two-node cluster on this machine -----------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def cluster_environment(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of every process of the two-node cluster and of its driver.

    Ray clusters use token authentication; a driver joining by address must be told so
    (``RAY_AUTH_MODE=token``) and given the token. The test makes its own token, so it
    neither depends on nor touches ``~/.ray/auth_token``.
    """
    import secrets

    token = tmp_path_factory.mktemp("auth") / "auth_token"
    token.write_text(secrets.token_hex(32), encoding="utf-8")
    return {
        **os.environ,
        "PYTHONPATH": str(TESTS),
        "RAY_ADDRESS": "",
        "RAY_AUTH_MODE": "token",
        "RAY_AUTH_TOKEN_PATH": str(token),
    }


@pytest.fixture(scope="module")
def two_nodes(cluster_environment: dict[str, str]) -> Iterator[str]:
    """A head and a worker node (one CPU each), each started with ``ray start --block``;
    the worker node's ``PATH`` hides Apertium (a node where an engine is missing).

    Each ``ray start`` runs in its own process group, stopped by that group's id at the
    end (never ``ray stop``, which would stop every Ray on the machine).
    """
    pytest.importorskip("ray", reason="Ray is not installed: pip install 'bitext[ray]'")
    ray_cli = Path(sys.executable).with_name("ray")
    temp = tempfile.mkdtemp(prefix="bxnode", dir="/tmp")
    port = _free_port()
    environment = cluster_environment
    common = ["--block", "--num-cpus", "1", "--disable-usage-stats"]
    head = [
        str(ray_cli),
        "start",
        "--head",
        "--port",
        str(port),
        "--temp-dir",
        temp,
        "--include-dashboard",
        "false",
    ]
    worker = [str(ray_cli), "start", "--address", f"127.0.0.1:{port}", "--resources", '{"second_node": 1}']
    processes: list[subprocess.Popen[bytes]] = []
    try:
        without_apertium = {**environment, "PATH": _path_without("apertium", Path(temp) / "bin")}
        for command, env in ((head + common, environment), (worker + common, without_apertium)):
            processes.append(
                subprocess.Popen(
                    command,
                    env=env,
                    start_new_session=True,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
            wait_for_port(port, timeout_s=120)
        yield f"127.0.0.1:{port}"
    finally:
        for process in reversed(processes):
            stop_group(process)
        shutil.rmtree(temp, ignore_errors=True)


def _path_without(program: str, shadow: Path) -> str:
    """A ``PATH`` with this interpreter's folder first, then links to every program on the
    current ``PATH`` except ``program``."""
    shadow.mkdir(parents=True)
    for folder in os.environ.get("PATH", "").split(os.pathsep):
        for entry in Path(folder).glob("*") if Path(folder).is_dir() else ():
            link = shadow / entry.name
            if entry.name != program and not link.exists():
                link.symlink_to(entry)
    return os.pathsep.join([str(Path(sys.executable).parent), str(shadow)])


def test_two_nodes_a_worker_killed_mid_run_and_the_result_still_complete(
    two_nodes: str, cluster_environment: dict[str, str], tmp_path: Path
) -> None:
    logs = tmp_path / "logs"
    logs.mkdir()
    driver = subprocess.Popen(
        [
            sys.executable,
            str(TESTS / "ray_two_node_driver.py"),
            two_nodes,
            str(tmp_path / "shards"),
            str(logs),
            "12",
            "1.0",
        ],
        cwd=TESTS,
        env=cluster_environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        victim = _first_busy_worker(logs, driver, timeout_s=240)
        os.kill(victim, signal.SIGKILL)
        stdout, stderr = driver.communicate(timeout=400)
    finally:
        if driver.poll() is None:
            driver.kill()
    assert driver.returncode == 0, stderr[-3000:]
    result = json.loads(stdout.splitlines()[-1])
    assert result == {"numbers": list(range(36)), "shards": list(range(12))}
    setups = {path.read_text(encoding="utf-8") for path in logs.glob("setup-*")}
    assert str(victim) in setups and len(setups) >= 3, "the killed worker was replaced by a new one"


def _first_busy_worker(logs: Path, driver: subprocess.Popen[str], timeout_s: float) -> int:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if driver.poll() is not None:
            raise AssertionError(f"the driver stopped before any shard: {driver.communicate()[1][-3000:]}")
        busy = sorted(logs.glob("busy-*"))
        if busy:
            return int(busy[0].read_text(encoding="utf-8"))
        time.sleep(0.2)
    raise AssertionError(f"no worker started a shard within {timeout_s} s")


def test_two_nodes_one_without_the_engine_the_run_names_that_node(
    two_nodes: str, cluster_environment: dict[str, str], seeds_dir: Path, tmp_path: Path
) -> None:
    from bitext.translate import apertium

    if not apertium.is_available():
        pytest.skip("Apertium is not installed here, so no node has it")
    command = [sys.executable, "-m", "bitext", "run", str(seeds_dir), "-o", str(tmp_path / "out")]
    command += ["--engine", "apertium", "--executor", "ray", "--ray-address", two_nodes]
    command += ["--workers", "2", "--chunk-items", "1", "--quiet"]
    result = subprocess.run(
        command, env=cluster_environment, capture_output=True, text=True, timeout=400, check=False
    )
    assert result.returncode == 69, result.stderr[-3000:]
    message = result.stderr.strip().splitlines()[-1]
    assert re.fullmatch(
        r"error: on Ray node [\d.]+ \(node [0-9a-f]{12}\): Apertium is not usable "
        r"\(missing the apertium binary\); install it with: sudo apt-get install .*",
        message,
    ), message
    assert "Traceback" not in result.stderr and "core_worker.cc" not in result.stderr

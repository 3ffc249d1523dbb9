"""Ray nodes started as processes (``ray start --block``), shared by the Ray tests and bench/scale_ray.py."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time


def wait_for_port(port: int, timeout_s: float, process: subprocess.Popen[bytes] | None = None) -> None:
    """Wait until something listens on ``port`` of this machine.

    Raises:
        RuntimeError: ``process`` exited first, or nothing listened within ``timeout_s``.
    """
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"ray start exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"the Ray node did not open port {port} within {timeout_s} s")


def stop_group(process: subprocess.Popen[bytes]) -> None:
    """Stop the node's process group only (never ``ray stop``: other Ray clusters may run here)."""
    for sig, wait in ((signal.SIGTERM, 30), (signal.SIGKILL, 10)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue

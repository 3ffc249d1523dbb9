"""Ray's notices are filtered out of a command's stderr; real messages and progress get through."""

from __future__ import annotations

import subprocess
import sys

import pytest

from bitext.cli.ray_noise import is_noise

NOTICES = [
    b"[2026-12-01 14:04:40,813 E 7052 7052] core_worker.cc:2465: Actor with class name: "
    b"'MapWorker(MapBatches(_ShardWorker))' and ID: '59829bb5' has constructor arguments in the object "
    b"store and max_restarts > 0. If the arguments in the object store go out of scope or are lost, the "
    b"actor restart will fail. See https://github.com/ray-project/ray/issues/53727 for more details.",
    b"2026-12-01 14:04:40,830\tWARNING __init__.py:28 -- Progress bars disabled. To enable, set "
    b"`ray.data.DataContext.get_current().enable_progress_bars = True`.",
    b"2026-12-01 14:04:09,723\tWARNING authentication_token_setup.py:85 -- Token authentication is "
    b"enabled for this Ray cluster. Set RAY_AUTH_MODE=disabled to opt out.",
]
REAL = [
    b"[2026-12-01 14:05:00,000 E 7052 7052] core_worker.cc:700: A worker died or was killed",
    b"Traceback (most recent call last):",
    b"error: items/a.txt:3: not valid UTF-8",
]


@pytest.mark.parametrize("line", NOTICES)
def test_ray_notices_are_noise(line: bytes) -> None:
    assert is_noise(line)


@pytest.mark.parametrize("line", REAL)
def test_real_errors_are_not(line: bytes) -> None:
    assert not is_noise(line)


CHILD = r"""
import os, sys
from bitext.cli.ray_noise import filtered_stderr
notices, real = eval(sys.argv[1]), eval(sys.argv[2])
print("before", file=sys.stderr, flush=True)
with filtered_stderr() as console:
    for line in notices + real:
        os.write(2, line + b"\n")          # as Ray's C++ core writes
    print("logged through sys.stderr", file=sys.stderr, flush=True)
    console.write("progress\r")            # a bar redrawn in place, no newline
    console.flush()
    os.write(2, b"unended last line")
print("after", file=sys.stderr, flush=True)
"""


def test_the_filter_drops_only_the_notices_at_the_descriptor_level() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHILD, repr(NOTICES), repr(REAL)], capture_output=True, check=True
    )
    # The copier thread and the console write concurrently: check content, not order.
    assert not any(notice in result.stderr for notice in NOTICES)
    for line in [*REAL, b"logged through sys.stderr", b"progress\r", b"unended last line"]:
        assert line in result.stderr
    assert result.stderr.startswith(b"before\n") and result.stderr.endswith(b"after\n")

"""Toy shards and workers for the executor tests (importable by Ray workers via PYTHONPATH)."""

from __future__ import annotations

import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from fakes import WordEngine

from bitext.errors import InputError, ModelError
from bitext.models import Frozen


class ToyShard(Frozen):
    """A shard of numbers; ``bad`` marks one the worker refuses as bad input; the worker
    sleeps ``extra_s`` more on it."""

    numbers: tuple[int, ...]
    bad: bool = False
    extra_s: float = 0.0


class ToyOutput(Frozen):
    """One number squared."""

    number: int
    square: int


@dataclass(frozen=True)
class ToySetup:
    """Leaves a file in ``log_dir`` per set-up (``setup-PID-N``); the worker sleeps per shard."""

    log_dir: str
    delay_s: float = 0.0
    fail_setup: bool = False
    missing_module: str | None = None

    def __call__(self) -> ToyBatch:
        if self.fail_setup:
            raise ModelError("the toy engine is not installed")
        if self.missing_module:
            __import__(self.missing_module)
        marker = Path(self.log_dir) / f"setup-{os.getpid()}-{time.monotonic_ns()}"
        marker.write_text(str(os.getpid()), encoding="utf-8")
        return ToyBatch(self.delay_s, self.log_dir)


@dataclass(frozen=True)
class ToyBatch:
    """The batch function a toy worker returns; leaves ``busy-PID`` once it has work."""

    delay_s: float
    log_dir: str

    def __call__(self, shard: ToyShard) -> list[ToyOutput]:
        if shard.bad:
            raise InputError(f"bad toy shard starting at {shard.numbers[0]}", path="toy.jsonl", line=3)
        (Path(self.log_dir) / f"busy-{os.getpid()}").write_text(str(os.getpid()), encoding="utf-8")
        time.sleep(self.delay_s + shard.extra_s)
        return [ToyOutput(number=n, square=n * n) for n in shard.numbers]


def toy_shards(count: int, size: int = 3) -> list[ToyShard]:
    """``count`` shards of ``size`` consecutive numbers."""
    return [ToyShard(numbers=tuple(range(i * size, (i + 1) * size))) for i in range(count)]


def double_shard(shard: ToyShard) -> ToyShard:
    """A stateless prepare step."""
    return ToyShard(numbers=tuple(2 * n for n in shard.numbers))


class MarkingEngine(WordEngine):
    """The word-for-word engine, slowed down, leaving ``busy-PID`` in ``log_dir`` on each call.

    A test that kills a worker mid-run picks its victim from these marks.
    """

    def __init__(self, log_dir: str, delay_s: float) -> None:
        super().__init__()
        self.log_dir = log_dir
        self.delay_s = delay_s

    def translate(self, texts: Sequence[str]) -> list[str]:
        (Path(self.log_dir) / f"busy-{os.getpid()}").write_text(str(os.getpid()), encoding="utf-8")
        time.sleep(self.delay_s)
        return super().translate(texts)

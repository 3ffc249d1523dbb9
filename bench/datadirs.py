"""Where the benchmarks find the shared data: beside the project, or two levels up from a
worktree under ``wt/``."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = next(
    (folder / "shared" for folder in (ROOT.parent, ROOT.parent.parent) if (folder / "shared").is_dir()),
    ROOT.parent / "shared",
)

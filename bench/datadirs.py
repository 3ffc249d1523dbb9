"""Where the benchmarks find the shared data: beside the project, or two levels up from a
worktree under ``wt/``."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = next(
    (folder / "shared" for folder in (ROOT.parent, ROOT.parent.parent) if (folder / "shared").is_dir()),
    ROOT.parent / "shared",
)


def unique_news_french(count: int) -> list[str]:
    """The first ``count`` distinct French lines of news-dev (newstest2009–2012), stripped."""
    seen: dict[str, None] = {}
    for path in sorted((SHARED / "news-dev").glob("newstest*.fr")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                seen.setdefault(line.strip(), None)
    return list(seen)[:count]

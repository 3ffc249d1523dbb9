"""Mining's extra Apertium routes (:mod:`bitext.match.routes`) with a file cache, for the benchmarks.

``bench/mine.py``, ``bench/mine_cv.py`` and ``bench/match_fit.py`` mine many samples of
the same news lines; each route's output is kept in ``bench/_work`` (``news_catalan.json``
for French→English through Catalan, ``news_back.json`` for English→French), so only
the first run pays. :class:`CachedRoute` times what it really translates.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bitext.match.routes import CATALAN_MODES, REVERSE_MODES, ApertiumRoute
from bitext.models import RouteTexts

WORK = Path(__file__).resolve().parent / "_work"
CACHES = {CATALAN_MODES: WORK / "news_catalan.json", REVERSE_MODES: WORK / "news_back.json"}


class CachedRoute:
    """An :class:`~bitext.match.routes.ApertiumRoute` behind a dictionary saved as JSON."""

    def __init__(self, modes: tuple[str, ...]) -> None:
        self._path = CACHES[modes]
        self._engine = ApertiumRoute(modes)
        self._known: dict[str, str] = (
            json.loads(self._path.read_text(encoding="utf-8")) if self._path.exists() else {}
        )
        self.seconds = 0.0

    def translate(self, texts: Sequence[str]) -> list[str]:
        """Each of ``texts`` through the route, translating only what the cache lacks."""
        missing = sorted({text for text in texts if text not in self._known})
        if missing:
            started = time.perf_counter()
            self._known.update(zip(missing, self._engine.translate(missing), strict=True))
            self.seconds += time.perf_counter() - started
            self._path.parent.mkdir(parents=True, exist_ok=True)
            self._path.write_text(json.dumps(self._known, ensure_ascii=False), encoding="utf-8")
        return [self._known[text] for text in texts]


def routes_of(fr: Sequence[str], en: Sequence[str]) -> tuple[list[str], list[str]]:
    """The Catalan-route English of ``fr`` and the French of ``en`` (cached)."""
    return CachedRoute(CATALAN_MODES).translate(fr), CachedRoute(REVERSE_MODES).translate(en)


def sample_routes(
    routes: tuple[Sequence[str], Sequence[str]] | None, src_lines: Sequence[int], tgt_lines: Sequence[int]
) -> RouteTexts | None:
    """The routes' texts of one mining sample (its French and English lines), or ``None`` without routes."""
    if routes is None:
        return None
    second_mt, back = routes
    return RouteTexts(
        second_mt=tuple(second_mt[i] for i in src_lines), back=tuple(back[i] for i in tgt_lines)
    )

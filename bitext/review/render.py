"""Render the review page: one self-contained HTML file from a Jinja2 template.

The template, its CSS and its JavaScript are package data (``templates/``). The CSS
and JavaScript are inlined, and the page's Content-Security-Policy lets exactly that
style sheet and that script apply (by SHA-256) and loads nothing from anywhere, so
the page works offline and nothing in the data could run even if it reached the
markup. Everything from the run goes through Jinja2's autoescaping except the two
data blocks: JSON inside ``<script type="application/json">``, where HTML escaping
does not apply, so ``<``, ``>``, ``&`` and U+2028/U+2029 are written as ``\\u``
escapes and no string can end the element.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterator, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import IO, Any

from markupsafe import Markup

from bitext.models import Chart, Provenance, ReviewAttention, ReviewItem, RunManifest, RunReport
from bitext.review.charts import LOW_SCORE, MID_SCORE
from bitext.textio import atomic_write

TEMPLATE = "review.html.j2"
_SCRIPT_ESCAPES = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)


def script_json(value: Any) -> Markup:
    """``value`` as compact JSON that is safe inside a ``<script type="application/json">``."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escape in _SCRIPT_ESCAPES:
        if char in text:
            text = text.replace(char, escape)
    # Safe as markup: nothing left in it can end the script element or be read as HTML.
    return Markup(text)


@cache
def asset(name: str) -> str:
    """The text of a file shipped in ``bitext/review/templates/``."""
    return resources.files("bitext.review").joinpath("templates", name).read_text(encoding="utf-8")


def csp_source(text: str) -> str:
    """The CSP hash source (``'sha256-…'``) that allows exactly this inline text."""
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


def render_page(
    path: Path,
    *,
    outdir: Path,
    manifest: RunManifest,
    report: RunReport,
    provenance: Provenance,
    items: Sequence[ReviewItem],
    charts: Sequence[Chart],
    attention: ReviewAttention,
    rows: IO[str],
) -> int:
    """Write the page to ``path`` atomically, streaming the spooled pair rows into it.

    Args:
        rows: One :func:`script_json` pair row per line, positioned at the start.

    Returns:
        The page's size in bytes.

    Raises:
        ExportError: ``path`` cannot be written.
    """
    css, script = asset("review.css"), asset("review.js")
    run_data = {
        "items": [item.model_dump(mode="json", exclude_defaults=True) for item in items],
        "thresholds": {"low": LOW_SCORE, "mid": MID_SCORE},
    }
    context = {
        "outdir": outdir,
        "manifest": manifest,
        "report": report,
        "provenance": provenance,
        "charts": charts,
        "attention": attention,
        "thresholds": run_data["thresholds"],
        # The package's own files, inlined as they are (their hashes are in the CSP).
        "css": Markup(css),
        "script": Markup(script),
        "csp": f"default-src 'none'; style-src {csp_source(css)}; script-src {csp_source(script)}",
        "run_json": script_json(run_data),
        "pair_rows": _joined(rows),
    }
    with atomic_write(path) as handle:
        for chunk in _environment().get_template(TEMPLATE).generate(**context):
            handle.write(chunk)
    return path.stat().st_size


def _joined(rows: IO[str]) -> Iterator[Markup]:
    """The spooled rows (:func:`script_json` output), comma-separated, for inside a JSON array."""
    for number, line in enumerate(rows):
        yield Markup(("," if number else "") + line.rstrip("\n"))


@cache
def _environment() -> Any:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("bitext.review", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )

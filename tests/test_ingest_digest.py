"""Ingest's full output is unchanged by speed work: a digest stored from the code before it.

See ``tests/ingest_corpus.py`` for the item sets and how the digest was made. A failure
names the items whose documents changed; load one with ``bitext inspect --json`` on
the old and new code to see what moved.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ingest_corpus import DIGEST_FILE, SETS, combined, document_digests, set_files, shared_available


@pytest.fixture(scope="module")
def stored() -> dict[str, dict[str, object]]:
    return json.loads(DIGEST_FILE.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.mark.parametrize("name", SETS)
def test_ingest_output_matches_the_stored_digest(
    name: str, stored: dict[str, dict[str, object]], tmp_path: Path
) -> None:
    if not name.startswith("seeds") and not shared_available():
        pytest.skip("the shared dev sets (../shared/mt-dev, ../shared/news-dev) are not beside the checkout")
    paths, clean = set_files(name, tmp_path)
    digests = document_digests(paths, clean=clean)
    expected = stored[name]["per_item"]
    assert isinstance(expected, dict)
    changed = sorted(key for key in expected.keys() | digests.keys() if expected.get(key) != digests.get(key))
    assert not changed, f"{len(changed)} of {len(expected)} item(s) changed, first: {changed[:10]}"
    assert combined(digests) == stored[name]["sha256"]

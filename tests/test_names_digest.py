"""The name finder's output is unchanged by speed work: a digest stored from the code before it.

See ``tests/names_corpus.py`` for the sentence sets and how the digest was made. A failure
names the first sentences whose spans changed; compare ``find_names`` on them in the old
and new code to see what moved.
"""

from __future__ import annotations

import json

import pytest
from names_corpus import DIGEST_FILE, SETS, digests, sentences_of, shared_available


@pytest.fixture(scope="module")
def stored() -> dict[str, list[str]]:
    return json.loads(DIGEST_FILE.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@pytest.mark.parametrize("name", SETS)
def test_finder_output_matches_the_stored_digest(name: str, stored: dict[str, list[str]]) -> None:
    if name != "local" and not shared_available():
        pytest.skip("the shared news-dev set (../shared/news-dev) is not beside the checkout")
    texts = sentences_of(name)
    found = digests(name)
    assert len(found) == len(stored[name])
    changed = [text for text, new, old in zip(texts, found, stored[name], strict=True) if new != old]
    assert not changed, f"{len(changed)} of {len(texts)} sentence(s) changed, first: {changed[:5]}"

"""Spaces lost in scraping, restored: after punctuation, then between glued words.

Both repairs depend only on a paragraph's text and language, so their edits are worked
out once per paragraph and replayed on repeats (agency boilerplate, captions,
re-published items), as language id and segmentation remember theirs.
"""

from __future__ import annotations

import re
from functools import lru_cache

from bitext.ingest.draft import Draft, Step
from bitext.ingest.glue import repair_glued_words

CACHED_PARAGRAPHS = 8192  # paragraphs whose repairs are remembered ...
CACHED_LONGEST = 2000  # ... up to this length, so memory stays bounded

# , ; : ! ? between two letters (two before), or a full stop before a capitalised word.
_MISSING_SPACE = re.compile(r"(?<=[^\W\d_]{2})(?:[,;:!?]|\.(?=[A-ZÀ-Þ][a-zà-ÿ]))(?=[^\W\d_])")
_WORD_BEFORE = re.compile(r"[^\W\d_]+$")
_WORD_AFTER = re.compile(r"[^\W\d_]+")


def add_missing_spaces(draft: Draft) -> None:
    """Insert the space lost after punctuation: "personne,le" becomes "personne, le".

    Numbers ("1,6", "40.000"), domains ("vnba.org.vn"), initials ("U.S.") and
    "M.Dupont" are left alone: a full stop needs two letters before it and a
    capitalised word after it. The change shows the two words around the mark.
    """
    for match in reversed(list(_MISSING_SPACE.finditer(draft.text))):
        head = _WORD_BEFORE.search(draft.text, 0, match.start())
        tail = _WORD_AFTER.match(draft.text, match.end())
        start = head.start() if head else match.start()
        end = tail.end() if tail else match.end()
        after = draft.text[start : match.end()] + " " + draft.text[match.end() : end]
        draft.record("missing_space", start, end, after)
        draft.edit(match.end(), match.end(), " ")


def repair_spacing(draft: Draft, lang: str | None) -> None:
    """Both repairs, punctuation first so the words around it are seen apart.

    What they do to a paragraph depends only on its text and ``lang``, so for paragraphs up
    to :data:`CACHED_LONGEST` characters it is worked out once and replayed on repeats
    (agency boilerplate, captions, re-published items), as language id and segmentation
    remember theirs.
    """
    if len(draft.text) > CACHED_LONGEST:
        add_missing_spaces(draft)
        repair_glued_words(draft, lang)
        return
    draft.replay(_spacing_steps(draft.text, lang))


@lru_cache(maxsize=CACHED_PARAGRAPHS)
def _spacing_steps(text: str, lang: str | None) -> tuple[Step, ...]:
    """The edits and changes both repairs make to a paragraph of this text."""
    scratch = Draft(text, text, list(range(len(text) + 1)), journal=[])
    add_missing_spaces(scratch)
    repair_glued_words(scratch, lang)
    return tuple(scratch.journal or ())

"""A reset sentence between sentences, so that no sentence's English depends on the one before.

Apertium's structural transfer keeps global variables for the whole stream, and neither a
blank line nor null-flush (``-z``) resets them. ``fr-es``'s interchunk
(``apertium-fr-es.fr-es.t2x``) stores the gender and number of the last chunk that had them
(``genere``, ``nombre``; defaults ``<m>``, ``<sg>``) and gives them to a later chunk whose
gender or number the analyser left open: after "Nos activités sont nombreuses.",
"Nos jeunes sont partis." came out "Ours youngsters are left." instead of "Our youngsters
are left."; ``spa-eng``'s transfer keeps variables of the same kind. So one batch
translated a recurring sentence differently depending on its neighbours, and Ray workers
or another ``--chunk-items`` changed the corpus.

The engine sends :data:`RESET` on its own line between any two sentences: a one-chunk
sentence, masculine singular, that every stage's transfer reads like the start of a text,
so the variables hold their start values again. Its English is dropped. Chosen by
measurement: 22 sentences with words of open gender or number, each after 49 other
sentences (1,078 in all), came out as alone with "Il." or "Il" between, while ".", "Le."
and "Un." left 87 different; a period keeps the sentence closed for the next line's
capitaliser. ``bench/apertium_context.py`` checks news sentences alone, batched and
shuffled. It costs about 6-9% of the pipes' CPU (each
sentence gains a short one). The Catalan repair pipes showed no such dependence
(:mod:`bitext.translate.apertium_repair`) and go without it.
"""

from __future__ import annotations

from collections.abc import Sequence

RESET = "Il."
"""The reset sentence (French; "He." in English, dropped)."""

STRIDE = 2
"""Sentences per real sentence in the stream: each is followed by the reset."""


def with_resets(lines: Sequence[str]) -> list[str]:
    """``lines`` with :data:`RESET` between each two: sentence ``k`` is at position ``2k``."""
    stream: list[str] = []
    for line in lines:
        if stream:
            stream.append(RESET)
        stream.append(line)
    return stream

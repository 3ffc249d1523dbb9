"""Finished sentence translations kept for the next time the same sentence comes.

The sentence-level step (:meth:`bitext.translate.documents.Translator.sentences`) does
per-sentence work beyond the engine: names, places and numbers found and masked, the
English put back together, the quality estimate. The translation cache spares the engine
a sentence it has seen, not that work. News items repeat sentences (bylines, captions,
boilerplate), and ``bitext run`` with matching translates every French item twice (the
matching pass, then the write pass): measured on ``bench/run_scale.py --quick`` (1,000
items), the step handled 10,946 sentences of which about 1,100 were distinct, and the
work besides the engine was most of the translate stage.

A sentence's finished translation depends only on its text (Apertium's reset sentence
makes the engine's output independent of the neighbours; the protection and estimate
read the sentence alone), so a :class:`TranslationMemo` answers a sentence it has seen
with the same translation under the new sentence's id. It is bounded (least recently
used first out), so memory stays flat however long the run.
"""

from __future__ import annotations

from collections import OrderedDict

from bitext.models import Translation

MEMO_SIZE = 2048
"""Translations kept (about two kilobytes each, so a few megabytes): enough for the repeats
of a chunk and for a run of up to about 2,000 distinct French sentences to do the write
pass from the matching pass's work; a larger run's write pass redoes its sentences."""


class TranslationMemo:
    """Source text → its finished translation, the ``size`` most recently used.

    Args:
        size: How many translations to keep.
    """

    def __init__(self, size: int = MEMO_SIZE) -> None:
        self._size = size
        self._kept: OrderedDict[str, Translation] = OrderedDict()

    def get(self, text: str) -> Translation | None:
        """The translation kept for ``text``, or None."""
        found = self._kept.get(text)
        if found is not None:
            self._kept.move_to_end(text)
        return found

    def put(self, text: str, translation: Translation) -> None:
        """Keep ``translation`` for ``text``, forgetting the oldest past the size."""
        self._kept[text] = translation
        self._kept.move_to_end(text)
        while len(self._kept) > self._size:
            self._kept.popitem(last=False)

    def clear(self) -> None:
        """Forget everything (what produced the translations changed)."""
        self._kept.clear()

    def __len__(self) -> int:
        return len(self._kept)

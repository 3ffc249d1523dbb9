"""Put the canonical English of every glossary term into machine translations, for any engine.

The glossary is a producer for :mod:`bitext.protect`: each term found in a sentence becomes a
:class:`~bitext.models.ProtectedSpan` whose rendering is the canonical English (plural,
nationality and capitals applied) and whose known-wrong renderings are the entry's ``wrong``
list and its target in the wrong case. The protection mechanism does the rest, for terms,
names, places and numbers alike:

* placeholder-safe engines (Apertium): each term is replaced by one of the engine's opaque
  tokens and the token by the canonical English after translation; a sentence whose tokens
  do not all come back is translated again without them and repaired like any other;
* every engine: a *post-edit* that keeps canonical forms already there and replaces a
  known-wrong rendering;
* then, for what is still missing, aligning engines (Argos / CTranslate2) replace the output
  span the attention aligns with the source term, any other engine the span that reads as
  the engine's own translation of the term.

A term nothing can place is reported ``missing``, never invented. No token survives into
the output, and post-editing an enforced output changes nothing (idempotent).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from bitext.glossary.io import Glossary
from bitext.glossary.matcher import TermMatch
from bitext.glossary.spans import term_spans
from bitext.models import Sentence, TermStatus, Translation

if TYPE_CHECKING:
    from bitext.protect.repair import Locator
    from bitext.translate.base import Engine


def post_edit(
    target: str, matches: Sequence[TermMatch], locate: Locator | None = None
) -> tuple[str, list[TermStatus]]:
    """Make ``target`` render each of ``matches`` canonically where it can.

    Args:
        target: The engine's English.
        matches: The glossary terms of the source sentence.
        locate: Finds the output span of term ``i`` (avoiding the given spans) when no
            known rendering is there; ``None`` to stop at known renderings.

    Returns:
        The edited English and one status per match (``ok``, ``repaired``, ``missing``).
    """
    from bitext.protect.repair import post_edit as protect_post_edit

    text, statuses = protect_post_edit(target, term_spans(matches), locate)
    return text, statuses  # type: ignore[return-value]


def translate_with_glossary(
    engine: Engine,
    sentences: Sequence[Sentence],
    glossary: Glossary,
    *,
    cache: Any = None,
    progress: Callable[[int], None] | None = None,
) -> list[Translation]:
    """Translate ``sentences`` 1:1 with every glossary term in its canonical English form.

    Names, places and numbers are protected too (:func:`bitext.protect.translate_protected`).

    Args:
        engine: Any engine; placeholder-safe and aligning engines get stronger methods.
        sentences: Source sentences (French).
        glossary: The glossary to enforce.
        cache: A ``TranslationCache`` used for every engine call, or ``None``.
        progress: Called with the number of sentences just translated.

    Returns:
        One ``Translation`` per sentence, ``terms`` holding each term's status.
    """
    from bitext.protect import translate_protected

    return translate_protected(engine, sentences, glossary, cache=cache, progress=progress)

"""Glossary terms as protected spans: the glossary's part in :mod:`bitext.protect`.

Each term found in a sentence becomes a :class:`~bitext.models.ProtectedSpan` whose
rendering is the canonical English (plural, nationality and capitals applied) and whose
known-wrong renderings are the entry's ``wrong`` list and its target in the wrong case.
"""

from __future__ import annotations

from collections.abc import Sequence

from bitext.glossary.matcher import TermMatch
from bitext.models import ProtectedSpan

_MOVES_ADJECTIVE = frozenset({"title", "institution"})


def term_span(match: TermMatch) -> ProtectedSpan:
    """The protected span of one glossary term: its canonical English and its wrong forms."""
    entry = match.entry
    return ProtectedSpan(
        start=match.start,
        end=match.end,
        source=match.source,
        rendering=match.render(),
        kind="term",
        variants=tuple(variant for variant in (entry.target, entry.plural, *entry.wrong) if variant),
        nationality=match.nationality,
        reorder=entry.type in _MOVES_ADJECTIVE and match.nationality is None,
        label=entry.id,
    )


def term_spans(matches: Sequence[TermMatch]) -> list[ProtectedSpan]:
    """The protected spans of a sentence's glossary terms, in text order."""
    return [term_span(match) for match in matches]

"""The glossary stage: official titles, institutions and names in their canonical English.

Load with :func:`load_glossary`, translate with :func:`translate_with_glossary` (every term
comes out canonical, whatever the engine), check English items with
:func:`check_english`, and measure with :func:`term_accuracy`. The YAML format is
described in ``glossary/README.md`` at the project root.
"""

from bitext.glossary.enforce import post_edit, translate_with_glossary
from bitext.glossary.io import Glossary, default_glossary_dir, load_glossary
from bitext.glossary.matcher import TermMatch, TermMatcher
from bitext.glossary.qa import (
    check_english,
    check_translations,
    item_id,
    term_accuracy,
    term_accuracy_by_item,
)

__all__ = [
    "Glossary",
    "TermMatch",
    "TermMatcher",
    "check_english",
    "check_translations",
    "default_glossary_dir",
    "item_id",
    "load_glossary",
    "post_edit",
    "term_accuracy",
    "term_accuracy_by_item",
    "translate_with_glossary",
]

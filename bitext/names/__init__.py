"""Names, places, titles and numbers in French text, and their English form.

Producers of :class:`~bitext.models.ProtectedSpan` for :mod:`bitext.protect`:
:func:`find_names` (people, places, acronyms, civil titles) and :func:`find_numbers`
(amounts, percentages, ordinals, dates); :func:`locative_places` renders a place after
"à/au/aux" as English does ("in Geneva", "to Geneva"). The gazetteer and word lists are data files
in ``bitext/names/data`` with their provenance.
"""

from bitext.names.finder import find_names, is_name_token
from bitext.names.locative import locative_places
from bitext.names.numbers import find_numbers

__all__ = ["find_names", "find_numbers", "is_name_token", "locative_places"]

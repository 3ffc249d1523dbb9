"""One span-protection mechanism: spans of the source kept verbatim or rendered a fixed way.

Producers say which spans and their English (:mod:`bitext.glossary` for terms,
:mod:`bitext.names` for names, places and numbers); this package gets them through any
engine: tokens for placeholder-safe engines (:mod:`bitext.protect.mask`), check and repair
for the others (:mod:`bitext.protect.repair`). :func:`translate_protected` is the entry point.
"""

from bitext.protect.repair import post_edit
from bitext.protect.translate import plan_sentence, translate_protected

__all__ = ["plan_sentence", "post_edit", "translate_protected"]

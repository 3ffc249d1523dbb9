"""Two more Apertium routes for mining: a second English for the French, the English back into French.

Every first-look signal compares the English with *one* machine translation of the
French. Two other routes installed with Apertium give other views of the same pair:

* the Catalan route (``fra-cat | cat-eng``) gives a second English for each French
  sentence; mining reads the two translations joined, so a word either route chose
  counts (the spaces and the coverage signals see both);
* the reverse route (``eng-spa | es-fr``) puts each English sentence back into French,
  and :func:`route_signals` compares that with the French as written
  (:data:`ROUTE_SIGNALS`: word and character 4-gram TF-IDF cosines, how much of each
  side the other covers by word stems, and the word cosine's lead over the English
  sentence's best other candidate).

The ``sentences_routes`` weights in ``weights.json`` are fitted with both. Measured on
the tuning years with the year split of ``bench/mine_cv.py`` (fit on one year, score
on the other): F1 0.9454 → 0.9492; on newstest2011/2012 (``bench/mine.py``, weights
fitted on 2009/2010): 0.9439 → 0.9457 with 2x unpaired lines, 0.9429 → 0.9512 with 4x
(loaded machine). The price is MT time: the two routes together took about 2.7 times
the main translation there (76 s against 29 s for 3,000 lines a side, uncached), and
mining itself about 1.5 times as long; ``bitext mine --no-routes`` turns them off.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence

import numpy as np

from bitext.align.scoring import word_tokens
from bitext.errors import ModelError
from bitext.match.coverage import MIN_STEM_WORD, STEM_CHARS
from bitext.match.sparse import CsrMatrix, FloatArray, IntArray
from bitext.match.tokens import word_ngrams
from bitext.match.vectors import binary, count_rows, pair_cosines, row_sums, weigh
from bitext.translate.apertium_pipes import has_mode, run_modes

CATALAN_MODES = ("fra-cat", "cat-eng")
"""French→English through Catalan (Debian apertium-fra-cat and apertium-eng-cat)."""
REVERSE_MODES = ("eng-spa", "es-fr")
"""English→French through Spanish (Debian apertium-eng-spa and apertium-fr-es)."""
ROUTE_SIGNALS = (
    "reverse_words",
    "reverse_chars",
    "reverse_stems_left",
    "reverse_stems_right",
    "reverse_lead",
)
_SEPARATOR = "\n\n"
_CONTROL = str.maketrans({code: " " for code in [*range(0x20), 0x7F, 0x2028, 0x2029, 0xFFFE, 0xFFFF]})


class ApertiumRoute:
    """Sentences through a chain of Apertium modes (``apertium -u`` each), one call per batch.

    Args:
        modes: The modes, in order.
    """

    def __init__(self, modes: Sequence[str]) -> None:
        self.modes = tuple(modes)

    def available(self) -> bool:
        """Whether ``apertium`` and every mode are installed."""
        return shutil.which("apertium") is not None and all(has_mode(mode) for mode in self.modes)

    def translate(self, texts: Sequence[str]) -> list[str]:
        """Each of ``texts`` through the route, 1:1.

        Each text is one line with a blank line after it, so that Apertium neither
        joins nor splits sentences and its tagger starts afresh on each.

        Raises:
            ModelError: Apertium failed or did not keep one line per sentence.
        """
        if not texts:
            return []
        text = "".join(line.translate(_CONTROL).strip() + _SEPARATOR for line in texts)
        lines = run_modes(self.modes, text).split("\n")
        count = len(texts)
        if len(lines) < 2 * count or any(line.strip() for line in lines[1 : 2 * count : 2]):
            raise ModelError(
                f"apertium {' | '.join(self.modes)} did not keep one line per sentence ({count} sentences in)"
            )
        return [line.strip() for line in lines[0 : 2 * count : 2]]


def installed_routes() -> tuple[ApertiumRoute, ApertiumRoute] | None:
    """The Catalan and reverse routes, or ``None`` when a mode of either is not installed."""
    routes = ApertiumRoute(CATALAN_MODES), ApertiumRoute(REVERSE_MODES)
    return routes if all(route.available() for route in routes) else None


def joined_translations(first: Sequence[str], second: Sequence[str]) -> list[str]:
    """Both English translations of each French sentence, as one text."""
    return [f"{one} {two}" for one, two in zip(first, second, strict=True)]


def route_signals(
    src: Sequence[str], back: Sequence[str], rows: IntArray, cols: IntArray
) -> dict[str, FloatArray]:
    """The :data:`ROUTE_SIGNALS` of the candidate pairs ``(rows[i], cols[i])``.

    The lead compares a pair with the English sentence's *other candidates* only (its
    best rival is nearly always among them), so no search over all French sentences
    is needed. Character 4-grams are cut per word, each distinct word once (as
    :mod:`bitext.match.counting` does).

    Args:
        src: The French sentences (``rows`` index them).
        back: The English sentences back in French (``cols`` index them).
        rows: Candidate pairs' French sides.
        cols: Candidate pairs' English sides.
    """
    vocabulary: dict[str, int] = {}
    ids = [_ids(word_tokens(text), vocabulary) for text in (*src, *back)]
    counts = count_rows(ids, len(vocabulary))
    words = counts[: len(src)], counts[len(src) :]
    grams: dict[str, int] = {}
    gram_rows = count_rows([_ids(word_ngrams(word), grams) for word in vocabulary], len(grams))
    out: dict[str, FloatArray] = {}
    out["reverse_words"] = pair_cosines(*weigh(*words), rows, cols)
    out["reverse_lead"] = out["reverse_words"] - best_rival(out["reverse_words"], cols)
    out["reverse_chars"] = pair_cosines(*weigh(words[0] @ gram_rows, words[1] @ gram_rows), rows, cols)
    stems = _stem_columns(list(vocabulary))
    left, right = (binary(side @ stems) for side in words)
    shared = pair_cosines(left, right, rows, cols)
    out["reverse_stems_left"] = shared / np.maximum(row_sums(left)[rows], 1.0)
    out["reverse_stems_right"] = shared / np.maximum(row_sums(right)[cols], 1.0)
    return out


def best_rival(values: FloatArray, groups: IntArray) -> FloatArray:
    """Per candidate, the best value among the other candidates of its group (0 when alone)."""
    order = np.lexsort((-values, groups))
    sorted_groups = groups[order]
    starts = np.flatnonzero(np.r_[True, sorted_groups[1:] != sorted_groups[:-1]])
    size = np.diff(np.r_[starts, len(order)])
    first = np.repeat(values[order[starts]], size)
    second_index = np.minimum(starts + 1, len(order) - 1)
    second = np.repeat(np.where(size > 1, values[order[second_index]], 0.0), size)
    is_first = np.zeros(len(order), dtype=bool)
    is_first[starts] = True
    rival = np.empty(len(values))
    rival[order] = np.where(is_first, second, first)
    return rival


def _ids(tokens: Sequence[str], vocabulary: dict[str, int]) -> list[int]:
    return [vocabulary.setdefault(token, len(vocabulary)) for token in tokens]


def _stem_columns(vocabulary: list[str]) -> CsrMatrix:
    """Word → stem: its first :data:`STEM_CHARS` characters (none under :data:`MIN_STEM_WORD`)."""
    stems: dict[str, int] = {}
    ids = [[] if len(word) < MIN_STEM_WORD else _ids([word[:STEM_CHARS]], stems) for word in vocabulary]
    return count_rows(ids, len(stems))

"""The hot sparse operations of matching, timed against scipy's on the same matrices.

TF-IDF rows (words and character 4-grams, as matching uses) of English news lines
(newstest2009-2012, ``/work/shared/news-dev``): the first ``n`` lines against the next
``n``, at a small and a ten times larger ``n``. Each operation is timed in CPU seconds
(``time.process_time``, best of three, since the machine may be shared) for
:mod:`bitext.match` and, when scipy is importable (it is not a dependency), for scipy
doing the same job its best way in the same run; results are checked equal
(neighbour scores, pair cosines).

* ``nearest``: each row's 8 best rows of the other side (scipy: the block product and
  a per-row ``argpartition``, as bitext did with scipy);
* ``pairs``: the cosines of those (row, neighbour) pairs (scipy: ``multiply`` and ``sum``);

Last line: ``sparse_cpu_vs_scipy=R scaling_10x=S`` (R: our total CPU over scipy's at the
large size, ``nan`` without scipy; S: our total CPU at 10x the rows over the small size).
Usage: ``python bench/sparse_ops.py [--quick]`` (``--quick``: 300 and 3,000 lines, else 1,000 and 10,000).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np

from bitext.match.sparse import CsrMatrix
from bitext.match.tokens import char_ngrams, lexical
from bitext.match.vectors import nearest, pair_cosines, stack, tfidf_pair

NEWS = Path("/work/shared/news-dev")
K = 8


def lines() -> list[str]:
    return [line.strip() for year in range(2009, 2013) for line in (NEWS / f"newstest{year}.en").open()]


def matrices(text: list[str], n: int) -> tuple[CsrMatrix, CsrMatrix]:
    left, right = text[:n], text[n : 2 * n]
    words = tfidf_pair([lexical(t, "") for t in left], [lexical(t, "") for t in right])
    chars = tfidf_pair([char_ngrams(t) for t in left], [char_ngrams(t) for t in right])
    return stack([(words[0], 0.5), (chars[0], 0.5)]), stack([(words[1], 0.5), (chars[1], 0.5)])


def best_cpu(job: Callable[[], Any]) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(3):
        started = time.process_time()
        result = job()
        times.append(time.process_time() - started)
    return min(times), result


def ours(left: CsrMatrix, right: CsrMatrix) -> dict[str, Callable[[], Any]]:
    found = nearest(left, right, K).index
    rows = np.repeat(np.arange(left.shape[0]), K)[found.ravel() >= 0]
    cols = found.ravel()[found.ravel() >= 0]
    return {
        "nearest": lambda: nearest(left, right, K).score,
        "pairs": lambda: pair_cosines(left, right, rows, cols),
    }


def theirs(left: CsrMatrix, right: CsrMatrix) -> dict[str, Callable[[], Any]] | None:
    try:
        from scipy import sparse
    except ImportError:
        return None
    a, b = (sparse.csr_matrix((m.data, m.indices, m.indptr), shape=m.shape) for m in (left, right))
    found = nearest(left, right, K).index
    rows = np.repeat(np.arange(left.shape[0]), K)[found.ravel() >= 0]
    cols = found.ravel()[found.ravel() >= 0]

    def top_k() -> Any:
        score = np.full((a.shape[0], K), -np.inf)
        b_t = b.T.tocsr()
        for start in range(0, a.shape[0], 2048):
            product = (a[start : start + 2048] @ b_t).tocsr()
            product.eliminate_zeros()
            for row in range(product.shape[0]):
                first, last = int(product.indptr[row]), int(product.indptr[row + 1])
                values, columns = product.data[first:last], product.indices[first:last]
                top = np.argpartition(-values, K - 1)[:K] if last - first > K else np.arange(last - first)
                top = top[np.lexsort((columns[top], -values[top]))]
                score[start + row, : len(top)] = values[top]
        return score

    return {
        "nearest": top_k,
        "pairs": lambda: np.asarray(a[rows].multiply(b[cols]).sum(axis=1)).ravel(),
    }


def equal(ours: Any, theirs: Any) -> bool:
    """Same values (to rounding: scipy may add a cell's terms in another order)."""
    if isinstance(ours, list):
        return len(ours) == len(theirs) and all(equal(a, b) for a, b in zip(ours, theirs, strict=True))
    return bool(np.allclose(ours, theirs))


def measure(text: list[str], n: int) -> tuple[float, float]:
    left, right = matrices(text, n)
    mine, scipy_jobs = ours(left, right), theirs(left, right)
    total, scipy_total = 0.0, 0.0
    for name, job in mine.items():
        seconds, result = best_cpu(job)
        total += seconds
        line = f"  {n:6d} lines  {name:8s} bitext {seconds:7.3f}s CPU"
        if scipy_jobs is not None:
            their_seconds, their_result = best_cpu(scipy_jobs[name])
            scipy_total += their_seconds
            same = equal(result, their_result)
            line += f"  scipy {their_seconds:7.3f}s  ratio {seconds / their_seconds:5.2f}  same {same}"
        print(line, flush=True)
    return total, scipy_total


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="300 and 3,000 lines")
    small, large = (300, 3000) if parser.parse_args().quick else (1000, 10000)
    text = lines()
    small_total, _ = measure(text, small)
    large_total, scipy_total = measure(text, large)
    ratio = large_total / scipy_total if scipy_total else float("nan")
    print(f"  total at {large}: bitext {large_total:.3f}s CPU, scipy {scipy_total:.3f}s CPU")
    print(f"sparse_cpu_vs_scipy={ratio:.2f} scaling_10x={large_total / small_total:.2f}")


if __name__ == "__main__":
    main()

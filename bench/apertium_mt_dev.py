"""Score the Apertium engine on mt-dev (WMT newstest2014 fr→en, first 1,000 segments).

Translates ``../shared/mt-dev/newstest2014_fr_en/dev.fr`` with bitext's Apertium engine
and with the bare ``apertium -u fr-es | apertium -u spa-eng`` pipes (the baseline), and
prints sacreBLEU BLEU and chrF for both, with sacreBLEU's signatures.

Usage: python bench/apertium_mt_dev.py
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "mt-dev" / "newstest2014_fr_en"


def main() -> None:
    import sacrebleu

    from bitext.translate import apertium
    from bitext.translate.runner import translate_texts

    if not apertium.is_available():
        sys.exit(f"Apertium is missing ({', '.join(apertium.missing_parts())}): {apertium.INSTALL_HINT}")
    sources = (DEV / "dev.fr").read_text(encoding="utf-8").splitlines()
    references = (DEV / "dev.en").read_text(encoding="utf-8").splitlines()
    started = time.perf_counter()
    ours = translate_texts(apertium.ApertiumEngine(), sources)
    our_seconds = time.perf_counter() - started
    started = time.perf_counter()
    bare = subprocess.run(
        "apertium -u fr-es | apertium -u spa-eng",
        shell=True,
        input="\n".join(sources) + "\n",
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    bare_seconds = time.perf_counter() - started
    bleu, chrf = sacrebleu.BLEU(), sacrebleu.CHRF()
    for label, hypotheses, seconds in (
        ("bitext apertium", ours, our_seconds),
        ("bare pipes", bare, bare_seconds),
    ):
        b = bleu.corpus_score(hypotheses, [references])
        c = chrf.corpus_score(hypotheses, [references])
        rate = len(sources) / seconds
        print(f"{label:16s} BLEU {b.score:5.1f}  chrF {c.score:5.1f}  ({rate:.0f} sentences/s)")
    print(f"signatures: {bleu.get_signature()} | {chrf.get_signature()}")


if __name__ == "__main__":
    main()

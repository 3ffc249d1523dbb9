"""Repairs of pivot leaks, found while the pivot runs and sent to Catalan in blocks.

As each English sentence comes out of the pivot, :class:`StreamingRepair` reads its
leaks (:func:`bitext.translate.pivot.read_sentence`) and queues the French phrases not
seen yet; a worker thread sends them to the Catalan pipes in blocks, so the second pivot
translates while the first is still running and only the last block waits for the end.
The pipes are asked for at the first phrase to repair: loading Catalan costs about 1.4 s
of CPU, which a call without leaks (a short text, a clean chunk) does not pay, while a
call with leaks still loads it as the pivot runs.

The repair pipes run for the engine's lifetime, so their transfer variables carry from
phrase to phrase and call to call, as the pivot's do (:mod:`bitext.translate.apertium_reset`).
Measured, that changes no repair: the 1,310 phrases of 2,000 news sentences came back the
same in their order, shuffled twice, and with the reset sentence before each phrase, so
the phrases go without it (it would double the Catalan work). A repair is then a function
of its phrase, and the engine keeps repairs from call to call (``known``).

What the repairs cost (2,000 news-dev sentences, 1,350 phrases, CPU): the pipes' start-up
about 1.4 s, then about 1 ms a phrase (``cg-proc`` a third of it), so Catalan is about half
of what leak repair adds to the pivot. Two cheaper ways were measured and dropped:
phrases without the closing period run 18% faster but 243 of the 1,350 came back
misaligned; asking ``fra-cat``'s analyser first finds only 262 of the 555 phrases that
get no repair (a word it does not know), too few to pay for one more process.

A third, Catalan's dictionaries alone (four long-lived ``lt-proc``: analyser, both
bilingual dictionaries, English generator; branch ``leak6-dictionary``), starts in 0.4 s
and repairs 933 of the 1,255 phrases of 2,000 news sentences for 0.4 s more; the other
322 (pronouns, relatives, numerals, words a dictionary lacks) still need the pipes, so the
repairs cost 2.34 s instead of 2.46 s. Without the pipes (0.8 s in all) French words
stayed in the English ("cent", "Cela", "duquel", "milliards"): chrF 48.96 → 48.93,
leaks 0.0010 → 0.0017 a sentence.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable

from bitext.errors import ModelError
from bitext.translate.apertium_flush import FlushingPipes
from bitext.translate.apertium_pipes import PivotRun
from bitext.translate.apertium_stream import escape, render
from bitext.translate.pivot import Leak, needs_repair, read_sentence, repaired_text

BLOCK = 128
"""French phrases per request to the repair pipes."""
KNOWN_LIMIT = 100_000
"""Repairs an engine keeps between calls; past it the oldest half is forgotten."""


def repair_phrases(pipes: FlushingPipes, phrases: list[str]) -> dict[str, str | None]:
    """French phrase → its English through ``pipes`` (None where a word stayed unknown).

    Raises:
        ModelError: The pipes failed or broke the 1:1 contract.
    """
    if not phrases:
        return {}
    stream = "".join(f"{escape(phrase)}.[][\n\n]" for phrase in phrases)
    english = render(pipes.run(stream)).rstrip("\n").split("\n\n")
    if len(english) != len(phrases):
        raise ModelError(f"apertium repair returned {len(english)} lines for {len(phrases)} phrases")
    return {phrase: _clean(line) for phrase, line in zip(phrases, english, strict=True)}


def _clean(line: str) -> str | None:
    """A repair, or None when it still holds a mark or debris (a word neither stage knew)."""
    line = " ".join(line.split())
    return None if not line or any(char in line for char in "*#@<>") else line


class StreamingRepair:
    """Collects each sentence's leaks as the pivot yields it; repairs them in the background.

    Args:
        pipes: Gives the Catalan pipes (called once, at the first phrase to repair), or
            None to repair from the French words alone.
        sources: The French sentences, in order; sentence ``k`` is the pivot's ``k * stride``.
        stride: Pivot sentences per source sentence (the others are reset sentences).
        known: Repairs from earlier calls, not asked again; this call's are added to it.
    """

    def __init__(
        self,
        pipes: Callable[[], FlushingPipes] | None,
        sources: list[str],
        *,
        stride: int = 1,
        known: dict[str, str | None] | None = None,
    ) -> None:
        self._open_pipes = pipes
        self._pipes: FlushingPipes | None = None
        self._sources = sources
        self._stride = stride
        self._read: list[tuple[str, list[Leak]] | None] = [None] * len(sources)
        self._repairs: dict[str, str | None] = {} if known is None or pipes is None else known
        if len(self._repairs) > KNOWN_LIMIT:
            for phrase in list(self._repairs)[: KNOWN_LIMIT // 2]:
                del self._repairs[phrase]
        self._seen: set[str] = set()  # phrases queued by this call
        self._pending: list[str] = []
        self._blocks: queue.Queue[list[str] | None] = queue.Queue()
        self._error: BaseException | None = None
        self._worker = threading.Thread(target=self._work, daemon=True) if pipes is not None else None
        if self._worker is not None:
            self._worker.start()

    def see(self, run: PivotRun, index: int) -> None:
        """Read pivot sentence ``index`` of ``run`` and queue its new French phrases (never raises)."""
        source, rest = divmod(index, self._stride)
        if rest or source >= len(self._sources) or self._error is not None:
            return
        try:
            text, leaks = read_sentence(run, index, self._sources[source])
        except Exception as exc:  # re-raised by finish(), in the caller's thread
            self._error = exc
            return
        self._read[source] = (text, leaks)
        for leak in leaks:
            if needs_repair(leak) and leak.french not in self._seen and leak.french not in self._repairs:
                self._seen.add(leak.french)
                self._pending.append(leak.french)
        if self._pending and self._pipes is None and self._open_pipes is not None:
            try:
                self._pipes = self._open_pipes()
            except Exception as exc:  # re-raised by finish(), in the caller's thread
                self._error = exc
                return
        if len(self._pending) >= BLOCK:
            self._send()

    def finish(self) -> list[str]:
        """The repaired English of every sentence, once the last block is back.

        Raises:
            ModelError: A sentence never came out of the pivot, or the repair failed.
        """
        self._send()
        self.stop()
        if self._error is not None:
            raise self._error
        read = [sentence for sentence in self._read if sentence is not None]
        if len(read) != len(self._read):
            raise ModelError(
                f"apertium returned no translation for {len(self._read) - len(read)} sentence(s)"
            )
        return [repaired_text(text, leaks, self._repairs).strip() for text, leaks in read]

    def stop(self) -> None:
        """Let the worker finish its queue and end."""
        if self._worker is not None:
            self._blocks.put(None)
            self._worker.join()
            self._worker = None

    def _send(self) -> None:
        if self._pending and self._worker is not None:
            self._blocks.put(self._pending)
        self._pending = []

    def _work(self) -> None:
        while (block := self._blocks.get()) is not None:
            if self._error is not None:
                continue
            try:
                if self._pipes is None:  # a block is sent only once the pipes are open
                    raise ModelError("apertium repair pipes were not opened")
                self._repairs.update(repair_phrases(self._pipes, block))
            except Exception as exc:  # re-raised by finish(), in the caller's thread
                self._error = exc

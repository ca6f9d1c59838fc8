"""A finder's text-only work done on another thread while spaCy parses.

The encoder finder tags the raw text with its own tokeniser and needs the parse only afterwards,
to join sources to cues. Its tagging (onnxruntime) and spaCy's parse both spend most of their time
outside Python's lock, so on a machine with a second core one can run beside the other: the
extractor starts ``ReadAhead`` over a batch's texts before parsing, and each document's ``find``
takes its reading from ``get`` (waiting for it when the tagger is behind). On one core nothing is
gained and little lost (one thread, one document at a time, in order).

One ``ReadAhead`` per ``Extractor.extract`` call: its results are per document and die with it
(nothing is kept on the finder), and it runs at most two parse batches ahead of the claims. An exception in the finder's ``early`` is raised again by ``get``
for that document, in the caller's thread, as ``find`` would have raised it.
"""
from __future__ import annotations

import threading
from typing import Callable, Sequence


class ReadAhead:
    """``work(text)`` for each of ``texts`` in order on one daemon thread, at most ``ahead``
    results waiting to be taken (a long batch holds no more than that in memory); ``get(k)`` waits
    for the k-th result. ``close()`` stops the thread after the text it is on."""

    def __init__(self, work: Callable[[str], object], texts: Sequence[str], ahead: int = 32):
        self._work = work
        self._texts = list(texts)
        self._results: list = [None] * len(self._texts)
        self._ready = [threading.Event() for _ in self._texts]
        self._stop = threading.Event()
        self._room = threading.Semaphore(max(1, ahead))
        self._thread = threading.Thread(target=self._run, name="claimledger-read-ahead", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        for k, text in enumerate(self._texts):
            while not self._room.acquire(timeout=0.5):   # wait for the reader, or for close()
                if self._stop.is_set():
                    return
            if self._stop.is_set():
                break
            try:
                self._results[k] = (True, self._work(text))
            except BaseException as exc:       # handed to the caller's thread by get
                self._results[k] = (False, exc)
            self._texts[k] = None             # the text is the caller's; drop our reference
            self._ready[k].set()

    def get(self, k: int):
        """The k-th text's result (each result is handed out once and then dropped)."""
        if self._stop.is_set() and not self._ready[k].is_set():
            raise RuntimeError("read-ahead closed before this document was read")
        self._ready[k].wait()
        ok, value = self._results[k]
        self._results[k] = None
        self._room.release()
        if not ok:
            raise value
        return value

    def close(self) -> None:
        self._stop.set()

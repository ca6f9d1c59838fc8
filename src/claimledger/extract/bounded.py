"""Extraction with a time budget per document, in a worker process that can be stopped.

A pathological text (a quadratic rule, spaCy recursing on a 50,000-token sentence) must cost
one document, not the batch: each document is extracted in a worker process forked from this one
(so it shares the loaded model), and when a document takes longer than the budget the worker is
killed, the document is reported as failed with the reason, and a fresh worker takes the next
one. A worker that dies (a segmentation fault, the memory cap below) is reported the same way.
Where ``fork`` is unavailable, or with no budget, extraction runs in this process unbounded.
"""
from __future__ import annotations

import os
import signal
import sys
from dataclasses import dataclass
from typing import Any, Optional

from ..errors import CRASHED, TIMEOUT, ClaimLedgerError
from ..models import Claim, Document

#: Address space a worker may grow by beyond what it had when it started (the model included):
#: 20,000 nested brackets once took 1.6 GB; the cap turns that into one failed document.
MEMORY_HEADROOM = 3 * 1024 ** 3


@dataclass
class Outcome:
    claims: Optional[list[Claim]] = None
    code: Optional[str] = None          # set when extraction failed
    reason: Optional[str] = None

    @property
    def ok(self) -> bool:
        return self.code is None


def _describe(exc: BaseException) -> tuple[str, str]:
    if isinstance(exc, ClaimLedgerError):
        return exc.code, exc.message
    if isinstance(exc, MemoryError):
        return CRASHED, "extraction ran out of memory (pathological text?)"
    if isinstance(exc, RecursionError):
        return CRASHED, "extraction recursed too deeply (pathological text?)"
    return "CL299", f"extraction failed: {type(exc).__name__}: {exc}"


def extract_here(extractor, doc: Document) -> Outcome:
    """Extract in this process (no time bound); any exception becomes the outcome's reason."""
    try:
        return Outcome(claims=extractor.extract_one(doc))
    except Exception as exc:
        code, reason = _describe(exc)
        return Outcome(code=code, reason=reason)


def _cap_memory() -> None:
    try:
        import resource
        with open("/proc/self/status") as f:
            vm = next((int(l.split()[1]) * 1024 for l in f if l.startswith("VmSize:")), None)
        if vm:
            limit = vm + MEMORY_HEADROOM
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except Exception:  # no /proc, no resource module: run without the cap
        pass


def _serve(extractor, conn) -> None:
    """The worker's loop: a Document in, ("ok", claims) or ("error", code, reason) out."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)      # Ctrl-C is the parent's to handle
    _cap_memory()
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    while True:
        try:
            doc = conn.recv()
        except (EOFError, OSError):
            return
        if doc is None:
            return
        out = extract_here(extractor, doc)
        try:
            conn.send(("ok", out.claims) if out.ok else ("error", out.code, out.reason))
        except Exception as exc:          # claims that cannot be pickled: still one answer
            conn.send(("error", "CL299", f"extraction result could not be returned: {exc}"))


#: The time budget is per this many characters of text: extraction grows linearly with length
#: (about 20-35 CPU seconds per 500,000 characters of prose or repeated sentences here), so a
#: megabyte-long report gets twice the budget of a short one instead of failing for its length.
BUDGET_CHARS = 500_000


def budget_for(budget: Optional[float], chars: int) -> Optional[float]:
    """Seconds a document of ``chars`` characters may take: ``budget`` for each BUDGET_CHARS
    begun, never less than ``budget`` (None or 0: no bound)."""
    if not budget:
        return budget
    return budget * max(1, -(-chars // BUDGET_CHARS))


class BoundedExtractor:
    """``run(doc)`` -> Outcome, taking at most ``budget_for(budget, len(doc.text))`` seconds of
    wall time per document."""

    def __init__(self, extractor, budget: Optional[float]):
        self.extractor = extractor
        self.budget = budget
        self._proc: Any = None
        self._conn: Any = None
        self.forking = bool(budget) and _can_fork()

    def __enter__(self) -> "BoundedExtractor":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _start(self) -> None:
        import multiprocessing
        ctx = multiprocessing.get_context("fork")
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_serve, args=(self.extractor, child), daemon=True,
                           name="claimledger-extract")
        proc.start()
        child.close()
        self._proc, self._conn = proc, parent

    def _stop(self, kill: bool) -> Optional[int]:
        proc, conn = self._proc, self._conn
        self._proc = self._conn = None
        if proc is None:
            return None
        try:
            if not kill:
                try:
                    conn.send(None)
                except (OSError, ValueError):
                    pass
                proc.join(2)
            if proc.is_alive():
                proc.kill()
            proc.join(5)
        finally:
            conn.close()
        return proc.exitcode

    def close(self) -> None:
        self._stop(kill=False)

    def run(self, doc: Document) -> Outcome:
        if not self.forking:
            return extract_here(self.extractor, doc)
        if self._proc is None or not self._proc.is_alive():
            self._stop(kill=True)
            self._start()
        try:
            allowed = budget_for(self.budget, len(doc.text))
            self._conn.send(doc)
            ready = self._conn.poll(allowed)
            reply = self._conn.recv() if ready else None
        except (EOFError, OSError, BrokenPipeError):
            ready, reply = True, None
        except BaseException:                 # Ctrl-C while waiting: no worker left behind
            self._stop(kill=True)
            raise
        if reply is None:
            exitcode = self._stop(kill=True)
            if not ready:
                return Outcome(code=TIMEOUT, reason=f"extraction took longer than the time budget of "
                                                    f"{allowed:g} s (setting time_budget: {self.budget:g} s "
                                                    f"per {BUDGET_CHARS:,} characters); stopped")
            how = f"signal {-exitcode}" if exitcode is not None and exitcode < 0 else f"exit status {exitcode}"
            return Outcome(code=CRASHED, reason=f"extraction crashed ({how}); the text may be pathological")
        if reply[0] == "ok":
            return Outcome(claims=reply[1])
        return Outcome(code=reply[1], reason=reply[2])


def _can_fork() -> bool:
    if not hasattr(os, "fork"):
        return False
    import multiprocessing
    return "fork" in multiprocessing.get_all_start_methods()

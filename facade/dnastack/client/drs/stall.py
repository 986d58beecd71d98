"""The stall rule for byte downloads: fewer than ``min_bytes`` over ``window_seconds``.

A slow but steady server is fine; one that trickles (each byte resetting the read timeout)
or sends nothing is stopped once a whole window passes with fewer bytes than the rule asks
for. :class:`StallWatch` is pure bookkeeping with an injected clock: the read loop calls
:meth:`StallWatch.add` per chunk, and a driver's periodic check calls
:meth:`StallWatch.overdue` (no chunk arrives while a read blocks).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from dnastack.settings.sources import DEFAULT_DOWNLOAD_STALL_BYTES, DEFAULT_DOWNLOAD_STALL_SECONDS

__all__ = [
    "DEFAULT_STALL_MIN_BYTES",
    "DEFAULT_STALL_WINDOW_SECONDS",
    "StallMonitor",
    "StallRule",
    "StallWatch",
]

DEFAULT_STALL_MIN_BYTES: Final = DEFAULT_DOWNLOAD_STALL_BYTES
"""Bytes a download must receive per window (setting ``download_stall_bytes``)."""
DEFAULT_STALL_WINDOW_SECONDS: Final = DEFAULT_DOWNLOAD_STALL_SECONDS
"""The window, in seconds (setting ``download_stall_seconds``)."""


@dataclass(frozen=True)
class StallRule:
    """Fewer than ``min_bytes`` in ``window_seconds`` is a stall (``min_bytes=0``: off)."""

    min_bytes: int = DEFAULT_STALL_MIN_BYTES
    window_seconds: float = DEFAULT_STALL_WINDOW_SECONDS

    def describe(self) -> str:
        return f"fewer than {self.min_bytes} bytes in {self.window_seconds:g} s"


class StallWatch:
    """Bytes received per tumbling window of one response.

    :meth:`add` runs on the reading thread; :meth:`overdue` may run on another one (it only
    reads, and sets :attr:`stalled`).
    """

    def __init__(self, rule: StallRule, clock: Callable[[], float] = time.monotonic) -> None:
        self.rule = rule
        self._clock = clock
        self._window_start = self._last_bytes_at = clock()
        self._bytes = 0
        self.stalled = False

    def add(self, received: int) -> bool:
        """Count ``received`` bytes; True once a finished window fell short."""
        now = self._clock()
        window = self.rule.window_seconds
        if self.rule.min_bytes <= 0:
            return False
        if now - self._last_bytes_at >= window:  # a whole window passed without a byte
            self.stalled = True
        self._bytes += received
        if received:
            self._last_bytes_at = now
        if now - self._window_start >= window:
            if self._bytes < self.rule.min_bytes:
                self.stalled = True
            else:
                self._window_start = now
                self._bytes = 0
        return self.stalled

    def overdue(self, now: float) -> bool:
        """True (and :attr:`stalled` set) once a window ended with too few bytes, or a
        whole window passed without any byte (a read blocked all along)."""
        if self.rule.min_bytes <= 0:
            return False
        window = self.rule.window_seconds
        if now - self._last_bytes_at >= window or (
            now - self._window_start >= window and self._bytes < self.rule.min_bytes
        ):
            self.stalled = True
        return self.stalled


class StallMonitor:
    """The watches of the responses being read, checked by a driver's periodic tick.

    A read blocked on a silent server never reaches :meth:`StallWatch.add`; the driver
    calls :meth:`poll` (every fraction of a second) and the abort callback of an overdue
    response unblocks its read.
    """

    def __init__(self) -> None:
        self._active: dict[int, tuple[StallWatch, Callable[[], None]]] = {}
        self._lock = threading.Lock()

    def watch(self, watch: StallWatch, abort: Callable[[], None]) -> Callable[[], None]:
        """Check ``watch`` on every :meth:`poll` until the returned call unregisters it."""
        key = id(watch)
        with self._lock:
            self._active[key] = (watch, abort)
        return lambda: self._forget(key)

    def __len__(self) -> int:
        """The number of responses being watched."""
        with self._lock:
            return len(self._active)

    def _forget(self, key: int) -> None:
        with self._lock:
            self._active.pop(key, None)

    def poll(self, now: float) -> None:
        """Abort every response whose watch is overdue at ``now`` (a monotonic time)."""
        with self._lock:
            overdue = [entry for entry in self._active.values() if entry[0].overdue(now)]
            for watch, _ in overdue:
                self._active.pop(id(watch), None)
        for _, abort in overdue:
            abort()

"""Download progress: what a progress hook receives, and how often.

A hook is called with a :class:`DownloadProgress` when an object starts, at most every
:data:`DEFAULT_INTERVAL_SECONDS` while its bytes arrive (checked once per >= 1 MiB batch,
never per chunk), and once more when it ends. The CLI renders these; a notebook can too.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from dnastack.common.logs import sdk_logger

__all__ = ["DEFAULT_INTERVAL_SECONDS", "DownloadProgress", "ProgressHook", "ProgressReporter"]

DEFAULT_INTERVAL_SECONDS: Final = 0.25

_logger = sdk_logger("dnastack.drs")


@dataclass(frozen=True)
class DownloadProgress:
    """One progress report for one object.

    Attributes:
        object_id: the DRS object id.
        name: the local file name being written.
        bytes_done: bytes of the object on disk so far (a resumed prefix included).
        bytes_total: the object's size, when known.
        bytes_transferred: bytes received over the network for it in this run.
        resumed_from: bytes reused from an earlier partial download.
        done: True for the last report of the object (success or failure).
    """

    object_id: str
    name: str
    bytes_done: int
    bytes_total: int | None
    bytes_transferred: int
    resumed_from: int
    done: bool = False

    @property
    def fraction(self) -> float | None:
        """``bytes_done / bytes_total`` (None when the size is unknown or zero)."""
        if not self.bytes_total:
            return None
        return min(1.0, self.bytes_done / self.bytes_total)


ProgressHook = Callable[[DownloadProgress], None]


class ProgressReporter:
    """Throttled reports for one object (thread-safe; a failing hook is logged, not raised).

    Args:
        hooks: callables to notify (the user's hook, the client's event relay).
        clock: a monotonic clock (injected in tests).
        interval: minimum seconds between two intermediate reports.
    """

    def __init__(
        self,
        object_id: str,
        name: str,
        total: int | None,
        hooks: list[ProgressHook],
        *,
        clock: Callable[[], float] = time.monotonic,
        interval: float = DEFAULT_INTERVAL_SECONDS,
    ) -> None:
        self._object_id = object_id
        self._name = name
        self._total = total
        self._hooks = hooks
        self._clock = clock
        self._interval = interval
        self._lock = threading.Lock()
        self._done = 0
        self._transferred = 0
        self._resumed_from = 0
        self._last = clock()

    @property
    def bytes_transferred(self) -> int:
        return self._transferred

    def start(self, resumed_from: int) -> None:
        """Report the start (``resumed_from`` bytes are already on disk)."""
        with self._lock:
            self._resumed_from = resumed_from
            self._done = resumed_from
        self._emit(done=False)

    def restart(self) -> None:
        """The bytes on disk were discarded (the server ignored a range request)."""
        with self._lock:
            self._done = 0
            self._resumed_from = 0

    def advance(self, received: int) -> None:
        """``received`` more bytes were written; report if the interval has passed."""
        with self._lock:
            self._done += received
            self._transferred += received
            now = self._clock()
            due = now - self._last >= self._interval
            if due:
                self._last = now
        if due:
            self._emit(done=False)

    def finish(self) -> None:
        """Report the end of the object."""
        self._emit(done=True)

    def _emit(self, *, done: bool) -> None:
        if not self._hooks:
            return
        with self._lock:
            report = DownloadProgress(
                object_id=self._object_id,
                name=self._name,
                bytes_done=self._done,
                bytes_total=self._total,
                bytes_transferred=self._transferred,
                resumed_from=self._resumed_from,
                done=done,
            )
        for hook in self._hooks:
            try:
                hook(report)
            except Exception:
                _logger.warning("progress hook %r failed", hook, exc_info=True)

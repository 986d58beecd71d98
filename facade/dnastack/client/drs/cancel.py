"""One cancel signal per download call, reaching every transfer and hashing thread.

:class:`CancelToken` wraps a :class:`threading.Event`: read loops check
:attr:`CancelToken.cancelled` once per chunk (an attribute read), and whatever could block
without a chunk arriving (a socket read) registers a callback with
:meth:`CancelToken.on_cancel` that unblocks it (shuts the socket down). The driver that owns
the call (the thread waiting for the workers) turns ``KeyboardInterrupt`` or the caller's
own event into :meth:`CancelToken.cancel`. No threads of its own, no I/O: any driver
(threads, asyncio, executor tasks) uses it the same way.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable

from dnastack.client.drs.errors import DownloadCancelledError
from dnastack.common.logs import sdk_logger

__all__ = ["CancelToken"]

_logger = sdk_logger("dnastack.drs")


class CancelToken:
    """A cancel flag plus the callbacks that unblock waiting work when it is set.

    Args:
        event: the caller's event (setting it cancels once a driver notices, see
            :meth:`poll`); a fresh one by default.
    """

    def __init__(self, event: threading.Event | None = None) -> None:
        self._event = event if event is not None else threading.Event()
        self._fired = False
        self._callbacks: dict[int, Callable[[], None]] = {}
        self._ids = itertools.count()
        self._lock = threading.Lock()

    @property
    def cancelled(self) -> bool:
        """Whether the download is cancelled (cheap: check it once per chunk)."""
        return self._event.is_set()

    def cancel(self) -> None:
        """Cancel: set the flag and run every registered callback once."""
        self._event.set()
        self.poll()

    def poll(self) -> bool:
        """Run the callbacks if the event was set from outside; returns :attr:`cancelled`."""
        if not self._event.is_set():
            return False
        with self._lock:
            if self._fired:
                return True
            self._fired = True
            callbacks = list(self._callbacks.values())
            self._callbacks.clear()
        for callback in callbacks:
            _run(callback)
        return True

    def on_cancel(self, callback: Callable[[], None]) -> Callable[[], None]:
        """Call ``callback`` when cancelled (now, if already); returns the unregister call."""
        with self._lock:
            if not self._fired:
                key = next(self._ids)
                self._callbacks[key] = callback
                return lambda: self._unregister(key)
        _run(callback)
        return lambda: None

    def _unregister(self, key: int) -> None:
        with self._lock:
            self._callbacks.pop(key, None)

    def check(self, object_id: str, where: str = "") -> None:
        """Raise :class:`DownloadCancelledError` if cancelled."""
        if self._event.is_set():
            raise DownloadCancelledError(object_id, where)


def _run(callback: Callable[[], None]) -> None:
    try:
        callback()
    except Exception:  # a callback must not stop the others
        _logger.debug("cancel callback failed", exc_info=True)

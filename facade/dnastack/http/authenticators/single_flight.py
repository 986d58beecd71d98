"""The lock abstraction behind "one token request at a time", for threads and for tasks.

Obtaining credentials (restore, refresh, new grant) is one state machine,
:meth:`~dnastack.http.authenticators.abstract.Authenticator.initialize`, written once and
blocking. Two gates make it single-flight:

* :func:`flight_lock` (threads): one re-entrant lock per session id, process-wide. The
  first thread that needs a token runs the state machine; the others wait on the lock and
  then find the fresh session (in memory or in the store) instead of asking the issuer
  again. The session store's inter-process lock still guards each refresh, so a rotated
  refresh token is never spent twice, whether by threads, tasks or processes.
* :class:`AsyncSingleFlight` (tasks): the asyncio driver runs that same state machine in a
  worker thread, once per key at a time; every task needing the same credentials awaits the
  one running call (``asyncio.shield``: a cancelled waiter does not cancel the others').
"""

from __future__ import annotations

import asyncio
import threading
import weakref
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

__all__ = ["AsyncSingleFlight", "FlightLock", "flight_lock"]

_T = TypeVar("_T")

_LOCKS: weakref.WeakValueDictionary[str, FlightLock] = weakref.WeakValueDictionary()
_LOCKS_GUARD = threading.Lock()


def flight_lock(session_id: str) -> FlightLock:
    """The process-wide lock of one session id (held while obtaining its credentials).

    The lock lives as long as someone holds a reference to it (authenticators keep theirs).
    """
    with _LOCKS_GUARD:
        lock = _LOCKS.get(session_id)
        if lock is None:
            lock = FlightLock()
            _LOCKS[session_id] = lock
        return lock


class FlightLock:
    """A re-entrant lock that a weak reference can point to (``threading.RLock`` cannot)."""

    __slots__ = ("__weakref__", "_lock")

    def __init__(self) -> None:
        self._lock = threading.RLock()

    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool:
        return self._lock.acquire(blocking, timeout)

    def release(self) -> None:
        self._lock.release()

    def __enter__(self) -> bool:
        return self._lock.acquire()

    def __exit__(self, *exc: object) -> None:
        self._lock.release()


class AsyncSingleFlight(Generic[_T]):
    """At most one running call per key; concurrent callers await its outcome.

    The call is blocking (it may talk to the issuer, take file locks, or wait for a person
    in a device flow) and runs in a worker thread, so the event loop keeps running.
    """

    def __init__(self) -> None:
        self._running: dict[tuple[int, Hashable], asyncio.Future[_T]] = {}

    async def run(self, key: Hashable, call: Callable[[], _T]) -> _T:
        """The outcome of ``call()``, or of the identical call already running for ``key``."""
        loop = asyncio.get_running_loop()
        slot = (id(loop), key)
        running = self._running.get(slot)
        if running is None:
            running = asyncio.ensure_future(asyncio.to_thread(call))
            self._running[slot] = running
            running.add_done_callback(lambda _: self._forget(slot, running))
        return await asyncio.shield(running)

    def _forget(self, slot: tuple[int, Hashable], done: asyncio.Future[_T]) -> None:
        if self._running.get(slot) is done:
            del self._running[slot]
        if not done.cancelled():
            done.exception()  # retrieved: no "exception was never retrieved" warning

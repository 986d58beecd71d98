"""Test helpers that find leaked sockets without psutil: sockets of this process connected
to a port (``/proc/self/fd``), open descriptors, ``ResourceWarning``s as failures, and an
event loop running in another thread (debug mode: a call from the wrong thread raises)."""

from __future__ import annotations

import asyncio
import gc
import os
import socket
import sys
import threading
import warnings
from collections.abc import Coroutine, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from typing import Any, TypeVar

import pytest

__all__ = [
    "LoopInThread",
    "no_resource_warnings",
    "open_descriptors",
    "requires_proc_fd",
    "sockets_connected_to",
]

_T = TypeVar("_T")
WAIT_SECONDS = 30.0  # upper bound only: every wait ends as soon as its event happened

requires_proc_fd = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="counts descriptors in /proc/self/fd"
)


def open_descriptors() -> int:
    """How many file descriptors this process has open."""
    return len(os.listdir("/proc/self/fd")) - 1  # the listing's own


def sockets_connected_to(port: int, host: str = "127.0.0.1") -> int:
    """How many sockets of this process are connected to ``host:port`` (the client ends;
    a server in this process has the port as its local one, not as its peer)."""
    count = 0
    for name in os.listdir("/proc/self/fd"):
        try:
            if not os.readlink(f"/proc/self/fd/{name}").startswith("socket:"):
                continue
            with socket.socket(fileno=os.dup(int(name))) as copy:
                peer = copy.getpeername()
        except OSError:
            continue  # closed meanwhile, not connected, or not an internet socket
        if isinstance(peer, tuple) and peer[:2] == (host, port):
            count += 1
    return count


@contextmanager
def no_resource_warnings() -> Iterator[None]:
    """Fail if anything inside (or garbage left by it, collected at the end) warns that a
    transport or socket was not closed."""
    gc.collect()  # garbage of earlier tests is not ours
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        yield
        gc.collect()
    leaks = [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)]
    assert leaks == []


class LoopInThread:
    """An event loop running in its own thread under ``asyncio.run`` (debug mode, so a
    non-thread-safe call on it from another thread raises); errors its exception handler
    saw are kept in ``errors``."""

    def __init__(self) -> None:
        self.errors: list[dict[str, Any]] = []
        self._started: Future[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = Future()
        self._thread = threading.Thread(target=self._main, daemon=True)

    def _main(self) -> None:
        async def serve() -> None:
            loop = asyncio.get_running_loop()
            loop.set_exception_handler(lambda _, context: self.errors.append(context))
            stop = asyncio.Event()
            self._started.set_result((loop, stop))
            await stop.wait()

        asyncio.run(serve(), debug=True)

    def __enter__(self) -> LoopInThread:
        self._thread.start()
        self.loop, self._stop = self._started.result(WAIT_SECONDS)
        return self

    def run(self, coroutine: Coroutine[Any, Any, _T]) -> _T:
        """Run ``coroutine`` on the thread's loop and wait for its result."""
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(WAIT_SECONDS)

    def stop(self) -> None:
        """Let ``asyncio.run`` end (the loop is closed when this returns)."""
        if self._thread.is_alive():
            self.loop.call_soon_threadsafe(self._stop.set)
            self._thread.join(WAIT_SECONDS)
            assert not self._thread.is_alive()

    def __exit__(self, *exc: object) -> None:
        self.stop()

"""Reaching the HTTP/1.1 connection under an httpx response, best effort.

Two uses, both optional speed-ups or unblockers that do nothing when the layout differs
(another transport, HTTP/2, a future httpx/httpcore release):

- :func:`wide_socket_reads`: read a body in :data:`WIDE_READ_BYTES` socket reads.
- :func:`socket_aborter`: shut a response's socket down from another thread, so a read blocked on
  a silent server returns at once (cancel, stall monitor).
"""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    import httpx

__all__ = ["WIDE_READ_BYTES", "http11_connection", "socket_aborter", "wide_socket_reads"]

WIDE_READ_BYTES: Final = 124 * 1024
"""Socket read size for bodies: twice httpcore's 64 KiB, but below glibc's 128 KiB mmap
threshold, so each read buffer comes from the heap. Measured (1 GiB, download thread,
sha-256 on): about 10% less CPU than 64 KiB; 256 KiB and 1 MiB reads cost more (every
buffer is a fresh mmap, page-faulted in)."""


@contextmanager
def wide_socket_reads(response: httpx.Response) -> Iterator[None]:
    """Read this body in :data:`WIDE_READ_BYTES` socket reads instead of 64 KiB ones.

    Fewer ``recv`` calls, wake-ups and h11 events leave more CPU for hashing. Best
    effort: it reaches httpcore's HTTP/1.1 connection through httpx's response stream and
    does nothing when the layout differs (another transport, HTTP/2, a future release).
    The connection's own setting is restored afterwards.
    """
    connection = http11_connection(response)
    if connection is None:
        yield
        return
    connection.READ_NUM_BYTES = WIDE_READ_BYTES
    try:
        yield
    finally:
        with suppress(AttributeError):
            del connection.READ_NUM_BYTES  # back to the class default


def socket_aborter(response: httpx.Response) -> Callable[[], None]:
    """A call that shuts the response's socket down (unblocking a read in another thread);
    it does nothing when the transport's layout is not the known one (see
    :func:`http11_connection`): the read loop then stops at the next chunk."""
    connection = http11_connection(response)

    def abort() -> None:
        stream = getattr(connection, "_network_stream", None)
        get_extra_info = getattr(stream, "get_extra_info", None)
        sock = get_extra_info("socket") if callable(get_extra_info) else None
        if isinstance(sock, socket.socket):
            with suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    return abort


def http11_connection(response: httpx.Response) -> Any:
    stream: Any = response.stream
    for name in ("_stream", "_httpcore_stream", "_stream", "_connection"):
        stream = getattr(stream, name, None)
        if stream is None:
            return None
    return stream if isinstance(getattr(type(stream), "READ_NUM_BYTES", None), int) else None

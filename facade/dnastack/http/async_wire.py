"""``WireProtocol``: the bytes of one connection of
:class:`~dnastack.http.async_connection.AsyncStreamTransport`.

An ``asyncio.BufferedProtocol`` that buffers what arrives and lets one reader at a time take "up to
and including a separator", "exactly n bytes" or "what is there", each read bounded by a
point in time. Measured against ``asyncio.StreamReader`` with an ``asyncio.timeout`` per
read (issue 15), it does less per small exchange:

* a read whose bytes are already buffered returns without waiting (a small API answer
  usually arrives whole, head and body, in one socket read);
* time limits share one timer per connection, re-armed lazily: a read only records its
  limit, and the timer, when it fires, either fails the waiting read or re-arms for the
  latest limit (one timer event per read timeout's worth of time, not two per read);
* the socket is read into one receive buffer per connection (``recv_into``): a plain
  protocol gets a new 256 KiB ``bytes`` per read, which the C library maps and unmaps
  each time (three system calls and a page fault, ~18 µs here, per small answer).

Flow control: reading pauses while more than ``high_water`` bytes wait unread, and resumes
when a reader takes them or needs more; :meth:`drain` waits while the kernel's send buffer
is full. Errors are asyncio's own, as from a ``StreamReader``: ``TimeoutError``,
``asyncio.IncompleteReadError`` (closed before enough bytes came),
``asyncio.LimitOverrunError`` (no separator within the limit) and the ``OSError`` that
closed the connection.

TLS is started over the connection's socket transport (``loop.start_tls``, then
:meth:`WireProtocol.tls_started`), so the protocol keeps that transport at hand:
:meth:`WireProtocol.close_without_loop` closes the socket of a connection whose event loop is
closed, which the transport cannot do itself any more (its close is a ``call_soon``).
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Final

__all__ = ["DEFAULT_HIGH_WATER", "RECEIVE_BYTES", "WireProtocol"]

DEFAULT_HIGH_WATER: Final = 512 * 1024
"""Unread bytes buffered before reading from the socket pauses."""
RECEIVE_BYTES: Final = 64 * 1024
"""Size of a connection's receive buffer (the most one socket read takes)."""


class WireProtocol(asyncio.BufferedProtocol):
    """One connection's buffered bytes (see the module docstring).

    Args:
        loop: the running event loop.
        high_water: unread bytes kept before reading pauses.
        registry: a set this protocol is in while its socket is open (a pool's open
            connections).
    """

    def __init__(
        self,
        loop: asyncio.AbstractEventLoop,
        high_water: int = DEFAULT_HIGH_WATER,
        registry: set[WireProtocol] | None = None,
    ) -> None:
        self._loop = loop
        self._high_water = high_water
        self._registry = registry
        self._buffer = bytearray()
        self._received = memoryview(bytearray(RECEIVE_BYTES))
        self._transport: asyncio.Transport | None = None
        self._socket_transport: asyncio.Transport | None = None
        self._eof = False
        self._error: BaseException | None = None
        self._read_paused = False
        self._write_paused = False
        self._waiter: asyncio.Future[None] | None = None
        self._wait_until: float | None = None
        self._timer: asyncio.TimerHandle | None = None
        self._timer_at = 0.0

    # -- asyncio.BufferedProtocol ---------------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self._transport = self._socket_transport = transport
        if self._registry is not None:
            self._registry.add(self)

    def get_buffer(self, sizehint: int) -> memoryview:
        return self._received

    def buffer_updated(self, nbytes: int) -> None:
        self._buffer += self._received[:nbytes]
        if len(self._buffer) > self._high_water and not self._read_paused:
            self._pause_reading(True)
        self._wake()

    def eof_received(self) -> bool:
        self._eof = True
        self._wake()
        return False  # the transport closes itself

    def connection_lost(self, exc: Exception | None) -> None:
        self._eof = True
        self._error = exc
        self._forget()
        self._wake()

    def pause_writing(self) -> None:
        self._write_paused = True

    def resume_writing(self) -> None:
        self._write_paused = False
        self._wake()

    # -- state ----------------------------------------------------------------------------

    def at_eof(self) -> bool:
        """True once the peer closed and every buffered byte was read."""
        return self._eof and not self._buffer

    def is_closing(self) -> bool:
        """True once the connection is closed or closing (it cannot be reused)."""
        return self._transport is None or self._transport.is_closing() or self._error is not None

    def tls_started(self, transport: asyncio.Transport) -> None:
        """Read and write through ``transport`` (TLS started over the socket's) from now on."""
        self._transport = transport

    def close(self) -> None:
        if self._transport is not None:
            self._transport.close()
        self._stop_timer()

    def close_without_loop(self) -> None:
        """Close the socket now, without the event loop, which must be closed.

        A closed loop cannot run the transport's own close (``close()`` and ``abort()``
        end in ``loop.call_soon``, which raises), so the socket would stay open until the
        garbage collector finds it and warns (``ResourceWarning: unclosed transport``).
        Here ``abort()`` marks the transport (and a TLS layer over it) closed, and the
        socket transport's last step, ``_call_connection_lost`` (the one asyncio internal
        used: selector and proactor transports since Python 3.4), closes the socket and
        drops it. Protocol callbacks that it would schedule on the closed loop are skipped.
        The socket is not closed again if the transport already did it; without that
        internal (another event loop implementation) the collector does it, as before.

        Raises:
            RuntimeError: the loop is not closed (it would close the socket a second time).
        """
        if not self._loop.is_closed():
            raise RuntimeError("close_without_loop() on a connection whose loop is open")
        transport, raw = self._transport, self._socket_transport
        self._transport = self._socket_transport = None
        sock = raw.get_extra_info("socket") if raw is not None else None
        if transport is not None and raw is not None and sock is not None and sock.fileno() >= 0:
            with contextlib.suppress(RuntimeError):  # "Event loop is closed", once marked
                transport.abort()
            finish = getattr(raw, "_call_connection_lost", None)
            if finish is not None:
                with contextlib.suppress(RuntimeError):  # a callback it schedules on the loop
                    finish(None)
        self._eof = True
        if self._error is None:
            self._error = ConnectionAbortedError("the connection's event loop is closed")
        self._forget()

    def _forget(self) -> None:
        """The socket is closed: no timer, out of the registry."""
        self._stop_timer()
        if self._registry is not None:
            self._registry.discard(self)

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    # -- writing --------------------------------------------------------------------------

    def write(self, data: bytes) -> None:
        assert self._transport is not None
        self._transport.write(data)

    async def drain(self, until: float | None) -> None:
        """Wait while the send buffer is full (``until``: loop time limit, or None)."""
        while self._write_paused:
            if self._error is not None:
                raise self._error
            if self.is_closing():
                raise ConnectionResetError("the connection was closed while sending")
            await self._wait(until)

    # -- reading --------------------------------------------------------------------------

    async def read_until(self, separator: bytes, limit: int, until: float | None) -> bytes:
        """The bytes up to and including ``separator``, which must come within ``limit``
        bytes."""
        start = 0
        while True:
            buffer = self._buffer
            found = buffer.find(separator, start)
            if found >= 0:
                end = found + len(separator)
                if end > limit:
                    raise asyncio.LimitOverrunError("separator found past the limit", end)
                return self._take(end)
            if len(buffer) > limit:
                raise asyncio.LimitOverrunError("no separator within the limit", len(buffer))
            if self._eof:
                raise self._closed_early(None)
            start = max(0, len(buffer) - len(separator) + 1)
            await self._wait(until)

    async def read_exactly(self, size: int, until: float | None) -> bytes:
        """Exactly ``size`` bytes."""
        while len(self._buffer) < size:
            if self._eof:
                raise self._closed_early(size)
            await self._wait(until)
        return self._take(size)

    async def read_some(self, most: int, until: float | None) -> bytes:
        """Between 1 and ``most`` bytes, or ``b""`` once the peer closed and all was read."""
        while not self._buffer:
            if self._eof:
                if self._error is not None:
                    raise self._error
                return b""
            await self._wait(until)
        return self._take(min(most, len(self._buffer)))

    def _take(self, size: int) -> bytes:
        buffer = self._buffer
        if size == len(buffer):
            data = bytes(buffer)
            buffer.clear()
        else:
            data = bytes(memoryview(buffer)[:size])
            del buffer[:size]
        if self._read_paused and len(buffer) <= self._high_water:
            self._pause_reading(False)
        return data

    def _closed_early(self, expected: int | None) -> BaseException:
        if self._error is not None:
            return self._error
        return asyncio.IncompleteReadError(bytes(self._buffer), expected)

    # -- waiting --------------------------------------------------------------------------

    async def _wait(self, until: float | None) -> None:
        """Wait for the next event on the connection (bytes, close, writable), at most until
        loop time ``until``."""
        if self._read_paused:
            self._pause_reading(False)  # a reader needs more than is buffered
        waiter = self._loop.create_future()
        self._waiter = waiter
        self._wait_until = until
        if until is not None and (self._timer is None or self._timer_at > until):
            self._arm(until)
        try:
            await waiter
        finally:
            self._waiter = None
            self._wait_until = None

    def _wake(self) -> None:
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    def _arm(self, when: float) -> None:
        if self._timer is not None:
            self._timer.cancel()
        self._timer = self._loop.call_at(when, self._on_timer)
        self._timer_at = when

    def _on_timer(self) -> None:
        self._timer = None
        waiter, until = self._waiter, self._wait_until
        if waiter is None or waiter.done() or until is None:
            return  # nobody waits: the next wait arms again
        if self._loop.time() >= until:
            waiter.set_exception(TimeoutError())
        else:
            self._arm(until)

    def _pause_reading(self, pause: bool) -> None:
        transport = self._transport
        if transport is None or transport.is_closing():
            return
        self._read_paused = pause
        if pause:
            transport.pause_reading()
        else:
            transport.resume_reading()

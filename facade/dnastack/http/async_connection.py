"""``AsyncStreamTransport``: HTTP/1.1 over asyncio, the innermost async transport.

Measured on this project's devserver (issue 15): ``httpx.AsyncClient`` on its default
transport (httpcore's async pool) resolving DRS ids 16 at a time was slower than the sync
client one by one, while a bare asyncio loop over keep-alive connections was 4-10x faster.
This transport is that bare loop behind httpx's transport interface, so httpx (and the
generated clients) keep their API while the bytes move with little per-request overhead:

* a pool of keep-alive connections per origin (``max_connections`` in total, at most
  ``max_keepalive`` idle ones kept), reused LIFO; a reused connection the server closed in
  the meantime is replaced once, transparently, before any byte of the answer arrived;
* request: one ``write`` of head and body; response head parsed by hand (status line,
  headers, at most :data:`MAX_HEAD_BYTES`); body by ``Content-Length``, chunked, or until
  close; bodies up to :data:`EAGER_BODY_BYTES` are read at once, longer ones stream;
* the bytes of each connection go through a :class:`~dnastack.http.async_wire.WireProtocol`
  (buffered reads that do not wait when the bytes are there, one lazily re-armed timer per
  connection instead of one per read);
* timeouts from the request's ``timeout`` extension (connect, read, write, pool), each
  shortened to the current call's deadline (:data:`~dnastack.http.limits.CURRENT_DEADLINE`,
  set by the bounded transport), raised as the matching httpx exceptions; OS and protocol
  failures as ``httpx.ConnectError``, ``ReadError``, ``WriteError``, ``RemoteProtocolError``;
* TLS through ``asyncio`` (the given ``ssl.SSLContext``; ``verify=False`` turns
  verification off). Proxies and HTTP/2 are not handled here: the client builder mounts
  httpx's own transport for proxied origins.

Cancelling the awaiting task closes the connection being used (it is never returned to the
pool half-read).

A pool serves the event loop of its first connection.
:meth:`AsyncStreamTransport.release_without_loop` gives its connections up from outside that
loop (another loop, another thread, or none), e.g. when a client moves on to a new loop;
``aclose()`` awaited on another loop does the same.
"""

from __future__ import annotations

import asyncio
import re
import ssl
from collections.abc import AsyncIterator

import httpx

from dnastack.common.error_mapping import ErrorMapping
from dnastack.http.async_wire import WireProtocol
from dnastack.http.limits import limited_timeout

__all__ = ["EAGER_BODY_BYTES", "MAX_HEAD_BYTES", "AsyncStreamTransport", "BufferedBody"]

MAX_HEAD_BYTES = 64 * 1024
"""Longest response head (status line and headers) accepted."""
EAGER_BODY_BYTES = 256 * 1024
"""Bodies with a known length up to this size are read in one go; longer ones stream."""
_CHUNK = 128 * 1024
_NO_BODY_STATUSES = frozenset({204, 304})
_LINE_BREAK = re.compile(rb"[\r\n\x00]")

_Origin = tuple[str, str, int]


class _Connection:
    __slots__ = ("origin", "reused", "wire")

    def __init__(self, origin: _Origin, wire: WireProtocol) -> None:
        self.origin = origin
        self.wire = wire
        self.reused = False

    def close(self) -> None:
        self.wire.close()


def _until(timeout: float | None) -> float | None:
    """The loop time a wait of ``timeout`` seconds (None: no limit) ends at."""
    return None if timeout is None else asyncio.get_running_loop().time() + timeout


class AsyncStreamTransport(httpx.AsyncBaseTransport):
    """HTTP/1.1 keep-alive connections on asyncio streams (see the module docstring).

    Args:
        verify: an ``ssl.SSLContext``, ``True`` (system defaults) or ``False`` (no checks).
        max_connections: open connections at a time, over all origins.
        max_keepalive: idle connections kept for reuse.
    """

    def __init__(
        self,
        *,
        verify: ssl.SSLContext | bool = True,
        max_connections: int = 100,
        max_keepalive: int = 20,
    ) -> None:
        self._verify = verify
        self._ssl_context: ssl.SSLContext | None = None
        self._slots = asyncio.Semaphore(max_connections) if max_connections else None
        self._max_keepalive = max_keepalive
        self._idle: dict[_Origin, list[_Connection]] = {}
        self._idle_count = 0
        self._closed = False
        self._loop: asyncio.AbstractEventLoop | None = None  # of the connections
        self._open: set[WireProtocol] = set()  # every connection whose socket is open

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        timeouts: dict[str, float | None] = request.extensions.get("timeout", {})
        url = request.url
        origin = (url.scheme, url.host, url.port or (443 if url.scheme == "https" else 80))
        head = _request_head(request)
        body = await _request_body(request)
        if self._slots is not None:
            await self._slot(timeouts.get("pool"), request)
        try:
            while True:
                connection = await self._connection(origin, timeouts, request)
                try:
                    raw_head = await self._send(connection, head, body, request, timeouts)
                    break
                except _StaleConnection:
                    connection.close()  # the server closed an idle connection: use a new one
            parsed = _parse_head(raw_head, request)
        except BaseException:
            if self._slots is not None:
                self._slots.release()
            raise
        # from here on the body owns the connection and its slot (released when read or closed)
        status, headers, length, chunked, keep_alive = parsed
        if request.method == "HEAD" or status in _NO_BODY_STATUSES or 100 <= status < 200:
            length, chunked = 0, False
        read_timeout = timeouts.get("read")
        body_stream = _Body(self, connection, length, chunked, keep_alive, read_timeout, request)
        response = httpx.Response(
            status,
            headers=headers,
            stream=body_stream,
            request=request,
            extensions={"http_version": b"HTTP/1.1"},
        )
        if raw_head.isascii():  # httpx's own verdict on such headers, without decoding each
            response.headers.encoding = "ascii"
        if length is not None and length <= EAGER_BODY_BYTES:
            response.stream = BufferedBody(await body_stream.read_all())
        return response

    async def _slot(self, timeout: float | None, request: httpx.Request) -> None:
        """Take a connection slot (waiting under the pool timeout only when none is free)."""
        assert self._slots is not None
        if not self._slots.locked():
            await self._slots.acquire()  # free: returns at once
            return
        try:
            async with asyncio.timeout(limited_timeout(timeout, httpx.PoolTimeout)):
                await self._slots.acquire()
        except TimeoutError as exc:
            raise httpx.PoolTimeout("no connection slot free in time", request=request) from exc

    async def aclose(self) -> None:
        """Close the idle connections (those in use close when given back); awaited on
        another loop than the pool's, :meth:`release_without_loop`."""
        if self._loop is not None and self._loop is not asyncio.get_running_loop():
            self.release_without_loop()
            return
        self._closed = True
        self._close_idle()

    def release_without_loop(self) -> bool:
        """Close this pool from outside its event loop: from any thread, with another loop
        running or none. No connection is pooled afterwards.

        * The pool's loop is closed (e.g. after ``asyncio.run``): every connection, idle or
          in use, has its socket closed here and now, without the loop
          (:meth:`~dnastack.http.async_wire.WireProtocol.close_without_loop`).
        * It is not closed (running in another thread, or stopped and able to run again):
          this pool is not touched from here; a callback scheduled on that loop
          (``call_soon_threadsafe``) closes the idle connections when it runs, and those in
          use close when given back. If that loop is closed before it ran the callback,
          call this again: the sockets are then closed as above.

        Returns:
            True once every connection's socket is closed (nothing left to release).
        """
        self._closed = True
        loop = self._loop
        if loop is not None and not loop.is_closed():
            try:
                loop.call_soon_threadsafe(self._close_idle)
            except RuntimeError:  # closed in the meantime
                pass
            else:
                return not self._open
        for wire in list(self._open):
            wire.close_without_loop()
        self._open.clear()
        self._idle.clear()
        self._idle_count = 0
        return True

    def _close_idle(self) -> None:
        """On the pool's loop: close the idle connections."""
        for connections in self._idle.values():
            for connection in connections:
                connection.close()
        self._idle.clear()
        self._idle_count = 0

    # -- connections ----------------------------------------------------------------------

    async def _connection(
        self, origin: _Origin, timeouts: dict[str, float | None], request: httpx.Request
    ) -> _Connection:
        idle = self._idle.get(origin)
        while idle:
            connection = idle.pop()
            self._idle_count -= 1
            if not connection.wire.at_eof() and not connection.wire.is_closing():
                connection.reused = True
                return connection
            connection.close()
        scheme, host, port = origin
        context = self._context() if scheme == "https" else None
        loop = self._loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(
                limited_timeout(timeouts.get("connect"), httpx.ConnectTimeout)
            ):
                socket_transport, wire = await loop.create_connection(
                    lambda: WireProtocol(loop, registry=self._open), host, port
                )
                if context is not None:
                    await _start_tls(loop, socket_transport, wire, context, host)
        except TimeoutError as exc:
            raise httpx.ConnectTimeout(
                f"connecting to {host}:{port} timed out", request=request
            ) from exc
        except (OSError, ssl.SSLError) as exc:
            raise httpx.ConnectError(f"{type(exc).__name__}: {exc}", request=request) from exc
        return _Connection(origin, wire)

    def _context(self) -> ssl.SSLContext:
        if self._ssl_context is None:
            if isinstance(self._verify, ssl.SSLContext):
                self._ssl_context = self._verify
            elif self._verify:
                self._ssl_context = ssl.create_default_context()
            else:
                context = ssl.create_default_context()
                context.check_hostname = False
                context.verify_mode = ssl.CERT_NONE
                self._ssl_context = context
        return self._ssl_context

    def _release(self, connection: _Connection, reusable: bool) -> None:
        if self._slots is not None:
            self._slots.release()
        if (
            reusable
            and not self._closed
            and self._idle_count < self._max_keepalive
            and not connection.wire.is_closing()
        ):
            self._idle.setdefault(connection.origin, []).append(connection)
            self._idle_count += 1
        else:
            connection.close()

    # -- one exchange ---------------------------------------------------------------------

    async def _send(
        self,
        connection: _Connection,
        head: bytes,
        body: bytes,
        request: httpx.Request,
        timeouts: dict[str, float | None],
    ) -> bytes:
        """Write the request and read the response head (the connection is closed on any
        failure, and on cancellation: it is never left mid-exchange)."""
        wire = connection.wire
        try:
            try:
                wire.write(head + body)
                await wire.drain(_until(limited_timeout(timeouts.get("write"), httpx.WriteTimeout)))
            except TimeoutError as exc:
                raise httpx.WriteTimeout("sending the request timed out", request=request) from exc
            except OSError as exc:
                if connection.reused:
                    raise _StaleConnection from exc
                raise httpx.WriteError(f"{type(exc).__name__}: {exc}", request=request) from exc
            try:
                return await wire.read_until(
                    b"\r\n\r\n",
                    MAX_HEAD_BYTES,
                    _until(limited_timeout(timeouts.get("read"), httpx.ReadTimeout)),
                )
            except asyncio.IncompleteReadError as exc:
                if connection.reused and not exc.partial:
                    raise _StaleConnection from exc
                raise httpx.RemoteProtocolError(
                    "the server closed the connection without an answer", request=request
                ) from exc
            except asyncio.LimitOverrunError as exc:
                raise httpx.RemoteProtocolError("response head too long", request=request) from exc
            except TimeoutError as exc:
                raise httpx.ReadTimeout(
                    "waiting for the answer timed out", request=request
                ) from exc
            except OSError as exc:
                if connection.reused:
                    raise _StaleConnection from exc
                raise httpx.ReadError(f"{type(exc).__name__}: {exc}", request=request) from exc
        except BaseException:
            connection.close()
            raise


async def _start_tls(
    loop: asyncio.AbstractEventLoop,
    socket_transport: asyncio.Transport,
    wire: WireProtocol,
    context: ssl.SSLContext,
    host: str,
) -> None:
    """TLS over a connected socket (as ``create_connection(ssl=...)`` does), keeping the
    socket's own transport in ``wire`` (for :meth:`WireProtocol.close_without_loop`)."""
    try:
        tls = await loop.start_tls(socket_transport, wire, context, server_hostname=host)
        if tls is None:
            raise ConnectionResetError("the connection closed during the TLS handshake")
    except BaseException as exc:
        socket_transport.abort()  # (start_tls closed it already once the handshake began)
        wire.connection_lost(exc if isinstance(exc, Exception) else None)  # TLS layer's: not told
        raise
    wire.tls_started(tls)


class BufferedBody(httpx.ByteStream):
    """A response body already read into memory (``content``): the layers above bound it
    at once instead of chunk by chunk."""

    def __init__(self, content: bytes) -> None:
        super().__init__(content)
        self.content = content


class _StaleConnection(Exception):
    """A reused keep-alive connection turned out closed before any answer: retry on a new one."""


class _Body(httpx.AsyncByteStream):
    """The body of one response; gives the connection back when fully read."""

    def __init__(
        self,
        pool: AsyncStreamTransport,
        connection: _Connection,
        length: int | None,
        chunked: bool,
        keep_alive: bool,
        read_timeout: float | None,
        request: httpx.Request,
    ) -> None:
        self._pool = pool
        self._connection: _Connection | None = connection
        self._remaining = length
        self._chunked = chunked
        self._keep_alive = keep_alive and (length is not None or chunked)
        self._timeout = read_timeout
        self.request = request

    async def read_all(self) -> bytes:
        """The whole body (one read when its length is known)."""
        connection, remaining = self._connection, self._remaining
        if connection is None or self._chunked or remaining is None:
            return b"".join([chunk async for chunk in self])
        with _ReadErrors(self):
            data = (
                await connection.wire.read_exactly(remaining, self._until()) if remaining else b""
            )
        self._remaining = 0
        self._finish(reusable=self._keep_alive)
        return data

    async def __aiter__(self) -> AsyncIterator[bytes]:
        connection = self._connection
        if connection is None:
            return
        wire = connection.wire
        with _ReadErrors(self):
            if self._chunked:
                async for chunk in self._chunks(wire):
                    yield chunk
            elif self._remaining is None:
                while chunk := await wire.read_some(_CHUNK, self._until()):
                    yield chunk
            else:
                while self._remaining > 0:
                    chunk = await wire.read_some(min(self._remaining, _CHUNK), self._until())
                    if not chunk:
                        raise asyncio.IncompleteReadError(b"", self._remaining)
                    self._remaining -= len(chunk)
                    yield chunk
        self._finish(reusable=self._keep_alive)

    async def _chunks(self, wire: WireProtocol) -> AsyncIterator[bytes]:
        while True:
            line = await wire.read_until(b"\r\n", MAX_HEAD_BYTES, self._until())
            try:
                size = int(line.split(b";", 1)[0].strip(), 16)
            except ValueError as exc:
                raise httpx.RemoteProtocolError("bad chunk size", request=self.request) from exc
            if size == 0:
                while (await wire.read_until(b"\r\n", MAX_HEAD_BYTES, self._until())) != b"\r\n":
                    pass  # trailers
                return
            while size > 0:
                chunk = await wire.read_some(min(size, _CHUNK), self._until())
                if not chunk:
                    raise asyncio.IncompleteReadError(b"", size)
                size -= len(chunk)
                yield chunk
            await wire.read_exactly(2, self._until())

    def _until(self) -> float | None:
        return _until(limited_timeout(self._timeout, httpx.ReadTimeout))

    def _finish(self, *, reusable: bool) -> None:
        connection, self._connection = self._connection, None
        if connection is not None:
            self._pool._release(connection, reusable)

    async def aclose(self) -> None:
        self._finish(reusable=False)  # closed before the end: the rest is unread


class _ReadErrors(ErrorMapping):
    """Around a body read: on any failure the connection is given up (never reused
    half-read), and asyncio's errors are raised as httpx's."""

    __slots__ = ("_body",)

    def __init__(self, body: _Body) -> None:
        self._body = body

    def on_error(self, exc: BaseException) -> BaseException | None:
        body = self._body
        body._finish(reusable=False)
        if isinstance(exc, TimeoutError):
            return httpx.ReadTimeout("reading the body timed out", request=body.request)
        if isinstance(exc, asyncio.IncompleteReadError | asyncio.LimitOverrunError):
            return httpx.RemoteProtocolError(
                "the body ended early or is malformed", request=body.request
            )
        if isinstance(exc, OSError):
            return httpx.ReadError(f"{type(exc).__name__}: {exc}", request=body.request)
        return None


def _request_head(request: httpx.Request) -> bytes:
    url = request.url
    target = url.raw_path or b"/"
    if _LINE_BREAK.search(target):
        raise httpx.LocalProtocolError("the request target contains a line break", request=request)
    raw = request.headers.raw
    if _LINE_BREAK.search(b"".join([part for header in raw for part in header])):
        raise httpx.LocalProtocolError("a header contains a line break", request=request)
    lines = [request.method.encode("ascii") + b" " + target + b" HTTP/1.1"]
    if "host" not in request.headers:
        lines.append(b"Host: " + url.netloc)
    lines.extend([name + b": " + value for name, value in raw])
    return b"\r\n".join(lines) + b"\r\n\r\n"


async def _request_body(request: httpx.Request) -> bytes:
    stream = request.stream
    if isinstance(stream, httpx.ByteStream):
        return bytes(stream._stream)
    parts = [part async for part in stream]  # type: ignore[union-attr]
    return b"".join(parts)


def _parse_head(
    raw: bytes, request: httpx.Request
) -> tuple[int, list[tuple[bytes, bytes]], int | None, bool, bool]:
    """(status, headers, content length, chunked, keep-alive) of a response head."""
    lines = raw[:-4].split(b"\r\n")
    parts = lines[0].split(b" ", 2)
    if len(parts) < 2 or not parts[0].startswith(b"HTTP/1.") or not parts[1].isdigit():
        raise httpx.RemoteProtocolError("malformed status line", request=request)
    status = int(parts[1])
    keep_alive = parts[0] == b"HTTP/1.1"
    headers: list[tuple[bytes, bytes]] = []
    length: int | None = None
    chunked = False
    for line in lines[1:]:
        name, sep, value = line.partition(b":")
        if not sep or not name or name != name.strip():
            raise httpx.RemoteProtocolError("malformed header line", request=request)
        value = value.strip()
        headers.append((name, value))
        lowered = name.lower()
        if lowered == b"content-length":
            if not value.isdigit() or (length is not None and length != int(value)):
                raise httpx.RemoteProtocolError("bad Content-Length", request=request)
            length = int(value)
        elif lowered == b"transfer-encoding":
            chunked = value.lower().endswith(b"chunked")
        elif lowered == b"connection":
            tokens = {t.strip().lower() for t in value.split(b",")}
            keep_alive = b"close" not in tokens and (keep_alive or b"keep-alive" in tokens)
    if chunked:
        length = None  # RFC 9112 6.3: Transfer-Encoding wins over Content-Length
    return status, headers, length, chunked, keep_alive

"""``AsyncBoundedTransport``: :class:`~dnastack.http.bounded_transport.BoundedTransport` for
asyncio, the outermost layer of the :mod:`dnastack.aio` clients' transport.

The same bounds, from the same I/O-free pieces
(:func:`~dnastack.http.bounded_transport.call_bounds`,
:func:`~dnastack.http.bounded_transport.body_guard`, :class:`~dnastack.http.limits.Deadline`,
:class:`~dnastack.http.limits.DecodedBodyGuard`). The call's deadline is set in
:data:`~dnastack.http.limits.CURRENT_DEADLINE` for the layers below, as in the sync
transport: the retry waits and, when the innermost transport honours it
(:class:`~dnastack.http.async_connection.AsyncStreamTransport`), every wait for a byte end
by it; over any other transport (httpx's, for a proxy) the attempts run under one
``asyncio.timeout`` of the time left instead. A streamed body's chunks are each awaited
under the time left, so a server trickling bytes meets the deadline however often it resets
the read timeout. Errors raised:
:class:`~dnastack.exceptions.DeadlineExceededError` (a ``TransportError``) and
:class:`~dnastack.exceptions.ResponseTooLargeError`, both naming the URL.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from datetime import timedelta

import httpx

from dnastack.exceptions import DeadlineExceededError
from dnastack.http.async_connection import BufferedBody
from dnastack.http.bounded_transport import body_guard, call_bounds, decoded_chunk
from dnastack.http.limits import CURRENT_DEADLINE, Deadline, DecodedBodyGuard

__all__ = ["AsyncBoundedTransport"]


class AsyncBoundedTransport(httpx.AsyncBaseTransport):
    """Applies the deadline and the decoded-size cap to each call through ``wrapped``.

    Args:
        wrapped: usually the :class:`~dnastack.http.async_transport.AsyncRetryTransport`.
        max_response_bytes: default cap in decoded bytes (None: no cap).
        deadline_seconds: default total deadline of a call (None: no deadline).
        clock: monotonic seconds (injectable; checked between body chunks).
        inner_honours_deadline: the innermost transport ends its waits by
            :data:`~dnastack.http.limits.CURRENT_DEADLINE` (no timer needed here).

    Requests override either default with the extensions of :mod:`dnastack.http.limits`.
    """

    def __init__(
        self,
        wrapped: httpx.AsyncBaseTransport,
        *,
        max_response_bytes: int | None,
        deadline_seconds: float | None,
        clock: Callable[[], float] = time.monotonic,
        inner_honours_deadline: bool = False,
    ) -> None:
        self._wrapped = wrapped
        self._max_response_bytes = max_response_bytes
        self._deadline_seconds = deadline_seconds
        self._clock = clock
        self._inner_honours_deadline = inner_honours_deadline

    @property
    def wrapped(self) -> httpx.AsyncBaseTransport:
        """The transport this one bounds (the retrying transport)."""
        return self._wrapped

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        started = time.perf_counter()
        limit, deadline = call_bounds(
            request, self._max_response_bytes, self._deadline_seconds, self._clock
        )
        token = CURRENT_DEADLINE.set(deadline)
        try:
            if self._inner_honours_deadline or deadline is None:
                response = await self._wrapped.handle_async_request(request)
            else:
                async with asyncio.timeout(_time_left(deadline)):
                    response = await self._wrapped.handle_async_request(request)
        except (TimeoutError, httpx.TimeoutException) as exc:
            error = _deadline_error(deadline, exc)
            if error is None:
                raise
            raise error from exc
        finally:
            CURRENT_DEADLINE.reset(token)
        if limit is None and deadline is None:
            return _as_read(response, started)
        headers, guard = body_guard(response, request, limit)
        response.headers = headers
        stream = response.stream
        if isinstance(stream, BufferedBody):  # read already: bound it now, nothing to wait for
            if guard is not None:
                content = decoded_chunk(guard.feed, stream.content)
                tail = decoded_chunk(_finish(guard), b"")
                if tail or content is not stream.content:  # decoded: hand on the new bytes
                    response.stream = BufferedBody(content + tail)
            return _as_read(response, started)
        assert isinstance(stream, httpx.AsyncByteStream)
        response.stream = _AsyncBoundedStream(stream, guard, deadline)
        return response

    async def aclose(self) -> None:
        await self._wrapped.aclose()


def _as_read(response: httpx.Response, started: float) -> httpx.Response:
    """A body read already (:class:`BufferedBody`) put in httpx's read state, so that
    ``AsyncClient.send`` and ``aread`` take it as it is instead of iterating it again (a
    chain of async generators, ~90 Python calls per response); ``elapsed`` is set as
    httpx sets it when a body has been read."""
    stream = response.stream
    if isinstance(stream, BufferedBody):
        response._content = stream.content  # httpx's own mark of a read body
        response.elapsed = timedelta(seconds=time.perf_counter() - started)
    return response


def _finish(guard: DecodedBodyGuard) -> Callable[[bytes], bytes]:
    return lambda _: guard.finish()


def _time_left(deadline: Deadline | None) -> float | None:
    """Seconds for an ``asyncio.timeout`` (None: no deadline; raises once passed)."""
    return None if deadline is None else deadline.clamp(None)


def _deadline_error(deadline: Deadline | None, exc: Exception) -> DeadlineExceededError | None:
    """The deadline's typed error when it caused ``exc`` (our ``asyncio.timeout`` fired, or a
    read timeout fired with no time left), else None (``exc`` stands)."""
    if deadline is not None and (
        not isinstance(exc, httpx.TimeoutException) or deadline.remaining() <= 0
    ):
        return deadline.error()
    return None


class _AsyncBoundedStream(httpx.AsyncByteStream):
    """The raw body, decoded under the cap and each chunk awaited under the deadline."""

    def __init__(
        self,
        raw: httpx.AsyncByteStream,
        guard: DecodedBodyGuard | None,
        deadline: Deadline | None,
    ) -> None:
        self._raw = raw
        self._guard = guard
        self._deadline = deadline

    async def __aiter__(self) -> AsyncIterator[bytes]:
        guard, deadline = self._guard, self._deadline
        chunks = aiter(self._raw)
        while True:
            try:
                async with asyncio.timeout(_time_left(deadline)):
                    chunk = await anext(chunks)
            except StopAsyncIteration:
                break
            except (TimeoutError, httpx.TimeoutException) as exc:
                error = _deadline_error(deadline, exc)
                if error is None:
                    raise
                raise error from exc
            if guard is None:
                yield chunk
                continue
            decoded = decoded_chunk(guard.feed, chunk)
            if decoded:
                yield decoded
        if guard is not None:
            tail = decoded_chunk(_finish(guard), b"")
            if tail:
                yield tail

    async def aclose(self) -> None:
        await self._raw.aclose()

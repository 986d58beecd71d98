"""``BoundedTransport``: the outermost transport layer, giving every API call a total deadline
and a cap on its decoded body (rules in :mod:`dnastack.http.limits`).

It wraps the retrying transport, so the deadline covers every attempt and wait of a call, and
it returns the final response with its body stream wrapped: the body is decoded here, chunk
by chunk, under the cap (``Content-Encoding`` and ``Content-Length`` are then dropped from
the response, whose body is the decoded one), and each chunk is read under the deadline.
Errors raised: :class:`~dnastack.exceptions.DeadlineExceededError` (a ``TransportError``),
:class:`~dnastack.exceptions.ResponseTooLargeError` and
:class:`~dnastack.exceptions.UnsupportedContentEncodingError`, all naming the URL.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Callable, Iterator

import httpx

from dnastack.http.limits import (
    ACCEPT_ENCODING,
    CURRENT_DEADLINE,
    DEADLINE_EXTENSION,
    MAX_RESPONSE_BYTES_EXTENSION,
    Deadline,
    DeadlineNetworkBackend,
    DecodedBodyGuard,
    accept_encoding,
)

__all__ = ["BoundedTransport", "body_guard", "call_bounds", "install_deadline_backend"]

_UNSET = object()


class BoundedTransport(httpx.BaseTransport):
    """Applies the deadline and the decoded-size cap to each call through ``wrapped``.

    Args:
        wrapped: usually the :class:`~dnastack.http.transport.RetryTransport`.
        max_response_bytes: default cap in decoded bytes (None: no cap).
        deadline_seconds: default total deadline of a call (None: no deadline).
        clock: monotonic seconds (injectable).

    A request overrides either default with the extensions
    :data:`~dnastack.http.limits.MAX_RESPONSE_BYTES_EXTENSION` and
    :data:`~dnastack.http.limits.DEADLINE_EXTENSION` (None turns it off: byte downloads).
    """

    def __init__(
        self,
        wrapped: httpx.BaseTransport,
        *,
        max_response_bytes: int | None,
        deadline_seconds: float | None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._wrapped = wrapped
        self._max_response_bytes = max_response_bytes
        self._deadline_seconds = deadline_seconds
        self._clock = clock

    @property
    def wrapped(self) -> httpx.BaseTransport:
        """The transport this one bounds (the retrying transport)."""
        return self._wrapped

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        limit, deadline = call_bounds(
            request, self._max_response_bytes, self._deadline_seconds, self._clock
        )
        token = CURRENT_DEADLINE.set(deadline)
        try:
            response = self._wrapped.handle_request(request)
        except httpx.TimeoutException as exc:
            if deadline is not None and deadline.remaining() <= 0:
                raise deadline.error() from exc
            raise
        finally:
            CURRENT_DEADLINE.reset(token)
        if limit is None and deadline is None:
            return response
        headers, guard = body_guard(response, request, limit)
        assert isinstance(response.stream, httpx.SyncByteStream)
        return httpx.Response(
            response.status_code,
            headers=headers,
            stream=_BoundedStream(response.stream, guard, deadline),
            extensions=response.extensions,
            request=request,
        )

    def close(self) -> None:
        self._wrapped.close()


def call_bounds(
    request: httpx.Request,
    max_response_bytes: int | None,
    deadline_seconds: float | None,
    clock: Callable[[], float],
) -> tuple[int | None, Deadline | None]:
    """The cap and the (started) deadline of one call: the transport's defaults unless the
    request's extensions override them (None turns a bound off). Shared by both transports.

    A capped call's ``Accept-Encoding`` is narrowed to the codings the guard decodes
    (:func:`~dnastack.http.limits.accept_encoding`): nothing else is advertised, whatever
    decoders httpx has installed.
    """
    limit = request.extensions.get(MAX_RESPONSE_BYTES_EXTENSION, max_response_bytes)
    if limit is not None:
        requested = request.headers.get("accept-encoding")
        if requested is not None and requested != ACCEPT_ENCODING:
            request.headers["Accept-Encoding"] = accept_encoding(requested)
    seconds = request.extensions.get(DEADLINE_EXTENSION, deadline_seconds)
    deadline = (
        Deadline(seconds, method=request.method, url=request.url, clock=clock)
        if seconds is not None
        else None
    )
    return (None if limit is None else int(limit)), deadline


def body_guard(
    response: httpx.Response, request: httpx.Request, limit: int | None
) -> tuple[httpx.Headers, DecodedBodyGuard | None]:
    """The headers of the bounded response and the guard decoding its body (None: no cap).

    When the guard takes charge of the body's coding (it decodes it, or refuses a coding it
    does not decode: :class:`~dnastack.exceptions.UnsupportedContentEncodingError` at the
    first byte), ``Content-Encoding`` and ``Content-Length`` are dropped (the body handed on
    is the decoded one, so httpx must not decode it again).
    """
    if limit is None:
        return response.headers, None
    encoding = response.headers.get("content-encoding")
    if encoding is None:
        return response.headers, DecodedBodyGuard(None, limit, request.url)
    status = response.status_code
    guard = DecodedBodyGuard(encoding, limit, request.url, status_code=status)
    if not DecodedBodyGuard.decodes(encoding):  # identity
        return response.headers, guard
    headers = httpx.Headers(
        [
            (k, v)
            for k, v in response.headers.multi_items()
            if k.lower() not in ("content-encoding", "content-length")
        ]
    )
    return headers, guard


class _BoundedStream(httpx.SyncByteStream):
    """The raw body, decoded under the cap and read under the deadline."""

    def __init__(
        self,
        raw: httpx.SyncByteStream,
        guard: DecodedBodyGuard | None,
        deadline: Deadline | None,
    ) -> None:
        self._raw = raw
        self._guard = guard
        self._deadline = deadline

    def __iter__(self) -> Iterator[bytes]:
        guard, deadline = self._guard, self._deadline
        chunks = iter(self._raw)
        token = CURRENT_DEADLINE.set(deadline)
        try:
            while True:
                if deadline is not None:
                    deadline.check()
                try:
                    chunk = next(chunks)
                except StopIteration:
                    break
                except httpx.TimeoutException as exc:
                    if deadline is not None and deadline.remaining() <= 0:
                        raise deadline.error() from exc
                    raise
                if guard is None:
                    yield chunk
                    continue
                decoded = decoded_chunk(guard.feed, chunk)
                if decoded:
                    yield decoded
            if guard is not None:
                tail = decoded_chunk(lambda _: guard.finish(), b"")
                if tail:
                    yield tail
        finally:
            CURRENT_DEADLINE.reset(token)

    def close(self) -> None:
        self._raw.close()


def decoded_chunk(step: Callable[[bytes], bytes], chunk: bytes) -> bytes:
    """``step(chunk)`` (a guard's feed or finish), a corrupt compressed body raised as httpx's
    ``DecodingError`` (as httpx's own decoders do)."""
    try:
        return step(chunk)
    except zlib.error as exc:
        raise httpx.DecodingError(f"the compressed body is corrupt ({exc})") from exc


def install_deadline_backend(transport: httpx.BaseTransport) -> httpx.BaseTransport:
    """Make an ``httpx.HTTPTransport``'s sockets respect the current call's deadline.

    Reaches httpcore's pool (``_pool._network_backend``, httpx 0.28 / httpcore 1.x); a
    transport without one (a ``MockTransport``) is returned unchanged: the deadline is then
    checked between body chunks only.
    """
    pool = getattr(transport, "_pool", None)
    backend = getattr(pool, "_network_backend", _UNSET)
    if backend is not _UNSET and not isinstance(backend, DeadlineNetworkBackend):
        pool._network_backend = DeadlineNetworkBackend(backend)  # type: ignore[union-attr]
    return transport

"""``AsyncHttpSession``: :class:`~dnastack.http.session.HttpSession` for asyncio.

Same request preparation (``traceparent``, idempotent hint, credentials or none) and same
typed errors as the sync session (the shared functions
:func:`~dnastack.http.session.prepare_request` and
:func:`~dnastack.http.session.check_response`), on an ``httpx.AsyncClient``. At most
``limit``'s worth of requests are in flight at once (the client's ``max_concurrency``).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx

from dnastack.common.tracing import Span
from dnastack.http.session import (
    built_request,
    byte_transfer,
    check_response,
    prepare_request,
    unbound,
)
from dnastack.http.transport import translated_errors

__all__ = ["AsyncHttpSession"]


class AsyncHttpSession:
    """Sends requests for one asyncio client (built by the client, not by users).

    Args:
        client: the client's ``httpx.AsyncClient``.
        auth: the endpoint's ``httpx.Auth`` (``None`` without credentials).
        enable_auth: ``False`` sends every request without credentials.
        limit: bounds the requests in flight (shared by the client's sessions).
        suppress_error: when ``False``, HTTP errors are also logged (always raised).
    """

    def __init__(
        self,
        client: httpx.AsyncClient,
        *,
        auth: httpx.Auth | None,
        enable_auth: bool,
        limit: asyncio.Semaphore,
        suppress_error: bool = True,
    ) -> None:
        self._client = client
        self._auth = auth
        self._enable_auth = enable_auth
        self._limit = limit
        self._suppress_error = suppress_error

    async def submit(
        self,
        method: str,
        url: str | httpx.URL,
        *,
        trace_context: Span | None = None,
        idempotent: bool = False,
        **kwargs: Any,
    ) -> httpx.Response:
        """Send one request and return its (2xx) response, body read.

        Raises:
            HttpError: a non-2xx response (the subclass for its status).
            TransportError: no response.
            AuthenticationError: no credentials could be obtained or they kept being refused.
        """
        client, limit = self._client, self._limit
        # A call waiting for its turn holds no request yet; acquire/release rather than
        # ``async with``: two fewer objects per waiting call (thousands may wait at once).
        await limit.acquire()
        try:
            call = prepare_request(trace_context, idempotent, kwargs, self._enable_auth, self._auth)
            with translated_errors(method, url):
                request = built_request(client, method, url, call)
                response = unbound(await client.send(request, **call.send_options))
        finally:
            limit.release()
        check_response(response, call.span, self._suppress_error)
        return response

    @asynccontextmanager
    async def stream(
        self,
        method: str,
        url: str | httpx.URL,
        *,
        trace_context: Span | None = None,
        idempotent: bool = False,
        **kwargs: Any,
    ) -> AsyncIterator[httpx.Response]:
        """Like :meth:`submit`, but the body is not read: ``async for`` over
        ``response.aiter_bytes()`` inside the ``async with`` block. A byte transfer: as in
        the sync session, neither ``max_response_bytes`` nor ``request_deadline`` applies."""
        call = prepare_request(trace_context, idempotent, kwargs, self._enable_auth, self._auth)
        byte_transfer(call.options)
        client = self._client
        async with self._limit:
            with translated_errors(method, url):
                request = built_request(client, method, url, call)
                response = await client.send(request, stream=True, **call.send_options)
                try:
                    if not response.is_success:
                        await response.aread()
                    check_response(response, call.span, self._suppress_error)
                    yield response
                finally:
                    await response.aclose()

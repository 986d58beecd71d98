"""The ``httpx.AsyncClient`` of :mod:`dnastack.aio`: the sync client's behaviour, async I/O.

:func:`build_async_http_client` takes the options of
:func:`~dnastack.http.transport.build_http_client` and builds the same stack for asyncio:

* :class:`AsyncRetryTransport` drives the one retry loop
  (:func:`~dnastack.http.retry_plan.retry_plan`) with ``await``;
* innermost, :class:`~dnastack.http.async_connection.AsyncStreamTransport` (HTTP/1.1 on
  asyncio streams, chosen on measurements, see that module); a proxied origin goes through
  httpx's own ``AsyncHTTPTransport`` instead;
* outermost, :class:`~dnastack.http.async_bounded_transport.AsyncBoundedTransport`: the
  sync client's total deadline and decoded-size cap (``request_deadline``,
  ``max_response_bytes``);
* the same ``User-Agent``, timeouts, ``traceparent`` hook, TLS verification, redirects,
  and the same ``httpx.Auth`` (its ``async_auth_flow``, see :mod:`dnastack.http.auth`).
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from dnastack.http.async_bounded_transport import AsyncBoundedTransport
from dnastack.http.async_connection import AsyncStreamTransport
from dnastack.http.limits import CURRENT_DEADLINE, DEFAULT_MAX_RESPONSE_BYTES, default_deadline
from dnastack.http.retry import DEFAULT_POLICY, RetryPolicy
from dnastack.http.retry_plan import Discard, RetryPlan, Wait, retry_plan
from dnastack.http.transport import (
    DEFAULT_CONNECT_TIMEOUT_SECONDS,
    DEFAULT_READ_TIMEOUT_SECONDS,
    SetCookieJar,
    _add_trace_context,
    _install_httpx_log_redaction,
    _log_exchange,
    tls_verification,
    user_agent,
)

__all__ = ["AsyncRetryTransport", "build_async_http_client", "connection_pool"]


class AsyncRetryTransport(httpx.AsyncBaseTransport):
    """The asyncio driver of :func:`~dnastack.http.retry_plan.retry_plan` (the policy and
    its logging are the sync :class:`~dnastack.http.transport.RetryTransport`'s).

    Args:
        wrapped: the transport that sends.
        policy: see :mod:`dnastack.http.retry`.
        sleep, monotonic, wall_clock, rng: injected for deterministic tests.
    """

    def __init__(
        self,
        wrapped: httpx.AsyncBaseTransport,
        *,
        policy: RetryPolicy = DEFAULT_POLICY,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        monotonic: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
        rng: Callable[[], float] = random.random,
    ) -> None:
        _install_httpx_log_redaction()
        self._wrapped = wrapped
        self._policy = policy
        self._sleep = sleep
        self._monotonic = monotonic
        self._wall_clock = wall_clock
        self._rng = rng

    @property
    def policy(self) -> RetryPolicy:
        return self._policy

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        plan: RetryPlan = retry_plan(
            request,
            self._policy,
            monotonic=self._monotonic,
            wall_clock=self._wall_clock,
            rng=self._rng,
        )
        reply: httpx.Response | httpx.TransportError | None = None
        while True:
            try:
                step = plan.send(reply)
            except StopIteration as done:
                response: httpx.Response = done.value
                return response
            reply = None
            if isinstance(step, Wait):
                await self._wait(step.seconds)
            elif isinstance(step, Discard):
                await _discard(step.response)
            else:
                sent = time.perf_counter()
                try:
                    reply = await self._wrapped.handle_async_request(step)
                    _log_exchange(step, str(reply.status_code), sent)
                except httpx.TransportError as exc:
                    _log_exchange(step, type(exc).__name__, sent)
                    reply = exc

    async def _wait(self, seconds: float) -> None:
        """Sleep before the next attempt; a wait the call's deadline
        (:data:`~dnastack.http.limits.CURRENT_DEADLINE`) would end sleeps until then and
        raises ``TimeoutError``, which the bounded transport reports as the deadline."""
        deadline = CURRENT_DEADLINE.get()
        if deadline is None or seconds < deadline.remaining():
            await self._sleep(seconds)
            return
        await self._sleep(max(0.0, deadline.remaining()))
        raise TimeoutError("the retry wait outlasts the call's deadline")

    async def aclose(self) -> None:
        await self._wrapped.aclose()


async def _discard(response: httpx.Response) -> None:
    try:
        await response.aread()
    except httpx.HTTPError:
        pass
    finally:
        await response.aclose()


class _SdkAsyncClient(SetCookieJar, httpx.AsyncClient):
    """``httpx.AsyncClient`` with the cheaper cookie extraction (same jar, same rules) and
    the connection pool the builder made for it."""

    stream_pool: AsyncStreamTransport | None = None


def connection_pool(client: httpx.AsyncClient) -> AsyncStreamTransport | None:
    """The :class:`~dnastack.http.async_connection.AsyncStreamTransport` that
    :func:`build_async_http_client` made for ``client`` (None when a transport was injected:
    its owner manages it)."""
    return client.stream_pool if isinstance(client, _SdkAsyncClient) else None


async def _add_trace_context_async(request: httpx.Request) -> None:
    _add_trace_context(request)


def build_async_http_client(
    *,
    connect_timeout: float = DEFAULT_CONNECT_TIMEOUT_SECONDS,
    read_timeout: float = DEFAULT_READ_TIMEOUT_SECONDS,
    retry_policy: RetryPolicy = DEFAULT_POLICY,
    ca_cert: str | None = None,
    proxy: str | None = None,
    trust_env: bool = True,
    auth: httpx.Auth | None = None,
    follow_redirects: bool = True,
    limits: httpx.Limits | None = None,
    transport: Any = None,
    async_transport: httpx.AsyncBaseTransport | None = None,
    async_sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    rng: Callable[[], float] = random.random,
    max_response_bytes: int | None = DEFAULT_MAX_RESPONSE_BYTES,
    request_deadline: float | None = None,
    clock: Callable[[], float] = time.monotonic,
    **_sync_only: Any,
) -> httpx.AsyncClient:
    """Build the SDK's pooled, keep-alive ``httpx.AsyncClient``.

    Takes the options of :func:`~dnastack.http.transport.build_http_client`; a sync
    ``transport`` (and ``sleep``) given for the sync client are ignored here: tests inject
    ``async_transport`` and ``async_sleep`` instead. ``max_response_bytes`` and
    ``request_deadline`` bound each call as in the sync client
    (:class:`~dnastack.http.async_bounded_transport.AsyncBoundedTransport`).
    """
    verify = tls_verification(ca_cert)
    limits = limits or httpx.Limits(max_connections=100, max_keepalive_connections=20)

    deadline = request_deadline if request_deadline is not None else default_deadline(read_timeout)

    def retrying(inner: httpx.AsyncBaseTransport) -> AsyncBoundedTransport:
        return AsyncBoundedTransport(
            AsyncRetryTransport(inner, policy=retry_policy, sleep=async_sleep, rng=rng),
            max_response_bytes=max_response_bytes,
            deadline_seconds=deadline,
            clock=clock,
            inner_honours_deadline=isinstance(inner, AsyncStreamTransport),
        )

    def via_proxy(url: str) -> AsyncBoundedTransport:
        return retrying(
            httpx.AsyncHTTPTransport(verify=verify, trust_env=trust_env, limits=limits, proxy=url)
        )

    injected = async_transport if async_transport is not None else None
    if injected is None and isinstance(transport, httpx.AsyncBaseTransport):
        injected = transport
    use_environment = trust_env and injected is None
    inner = injected or AsyncStreamTransport(
        verify=verify,
        max_connections=limits.max_connections or 0,
        max_keepalive=limits.max_keepalive_connections or 0,
    )
    mounts: dict[str, httpx.AsyncBaseTransport | None] = {}
    if proxy:
        mounts = {"all://": via_proxy(proxy)}
    elif use_environment:
        from httpx._utils import get_environment_proxies

        mounts = {
            pattern: None if url is None else via_proxy(url)
            for pattern, url in get_environment_proxies().items()
        }
    client = _SdkAsyncClient(
        auth=auth,
        headers={"User-Agent": user_agent()},
        timeout=httpx.Timeout(read_timeout, connect=connect_timeout),
        follow_redirects=follow_redirects,
        trust_env=use_environment,
        transport=retrying(inner),
        mounts=mounts,
        event_hooks={"request": [_add_trace_context_async]},
    )
    if isinstance(inner, AsyncStreamTransport) and injected is None:
        client.stream_pool = inner
    return client

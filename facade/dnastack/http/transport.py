"""The one configured ``httpx.Client`` every facade and generated client sends through.

Behaviour lives in httpx extension points, not in a wrapper around each call:

* :class:`RetryTransport` (an ``httpx.BaseTransport`` around ``httpx.HTTPTransport``)
  retries idempotent requests on connection failures and 429/502/503/504, honouring
  ``Retry-After`` (policy: :mod:`dnastack.http.retry`);
* a request event hook adds a W3C ``traceparent`` (from :class:`~dnastack.common.tracing.Span`)
  unless the caller already set one; the client's default headers carry the ``User-Agent``;
* credentials come from an ``httpx.Auth`` (:class:`dnastack.http.auth.EndpointAuth`) that
  only ever talks to its endpoint's origin.

Generated clients receive the same client::

    client = build_http_client(auth=EndpointAuth(authenticators))
    api = ga4gh_drs.Client(base_url=endpoint.url).set_httpx_client(client)

httpx exceptions are translated to :class:`~dnastack.exceptions.TransportError` at the
facade boundary with :func:`translated_errors`; non-2xx responses become typed
:class:`~dnastack.exceptions.HttpError` subclasses with :func:`raise_for_status`
(``HttpSession`` does both; a facade client calling a generated client wraps the call in
``translated_errors`` the same way). The transport itself keeps httpx's contract and raises
httpx exceptions.

Logging: nothing is configured at import. Building a :class:`RetryTransport` adds one filter
to the ``httpx`` logger that strips query strings and user-info from the URL in httpx's own
``HTTP Request: ...`` lines (levels and handlers are left alone); httpcore's DEBUG lines carry
no URLs or header values.
"""

from __future__ import annotations

import logging
import platform
import random
import ssl
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
from httpx._client import BaseClient  # the base of Client and AsyncClient

from dnastack.common.error_mapping import ErrorMapping
from dnastack.common.logs import sdk_logger
from dnastack.common.tracing import Span
from dnastack.exceptions import ConfigurationError, TransportError, http_error_for, safe_url
from dnastack.http.bounded_transport import BoundedTransport, install_deadline_backend
from dnastack.http.limits import (
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_READ_TIMEOUT_SECONDS,
    default_deadline,
)
from dnastack.http.retry import DEFAULT_POLICY, RetryPolicy
from dnastack.http.retry_plan import IDEMPOTENT_EXTENSION, Discard, RetryPlan, Wait, retry_plan
from dnastack.http.urls import follow_server_url

__all__ = [
    "DEFAULT_CONNECT_TIMEOUT_SECONDS",
    "DEFAULT_READ_TIMEOUT_SECONDS",
    "IDEMPOTENT_EXTENSION",
    "NOVERIFY",
    "RetryTransport",
    "build_http_client",
    "raise_for_status",
    "tls_verification",
    "translated_errors",
    "user_agent",
]

DEFAULT_CONNECT_TIMEOUT_SECONDS = 10.0
NOVERIFY = "NOVERIFY"
"""``ca_cert`` value that turns TLS certificate verification off (as dxpy's DX_CA_CERT)."""

_logger = sdk_logger("dnastack.http")


def user_agent() -> str:
    """``dnastack-sdk/<version> python/<version> httpx/<version>``."""
    from dnastack import __version__

    return (
        f"dnastack-sdk/{__version__} python/{platform.python_version()} httpx/{httpx.__version__}"
    )


def tls_verification(ca_cert: str | None) -> ssl.SSLContext | bool:
    """The ``verify`` value for a CA bundle path, a CA directory, ``NOVERIFY`` or ``None``.

    Raises:
        ConfigurationError: the path does not exist or is not a readable CA bundle.
    """
    if ca_cert is None or ca_cert == "":
        return True
    if ca_cert == NOVERIFY:
        return False
    path = Path(ca_cert).expanduser()
    try:
        if path.is_dir():
            return ssl.create_default_context(capath=str(path))
        return ssl.create_default_context(cafile=str(path))
    except (OSError, ssl.SSLError) as exc:
        raise ConfigurationError(
            f"CA certificate bundle {ca_cert!r} cannot be used: {exc}"
        ) from exc


class RetryTransport(httpx.BaseTransport):
    """Retries idempotent requests on connection failures and retryable statuses.

    Args:
        wrapped: the transport that sends (``httpx.HTTPTransport``; a ``MockTransport`` in tests).
        policy: bounds and sets (see :mod:`dnastack.http.retry`).
        sleep, monotonic, wall_clock, rng: injected for deterministic tests.

    A request is retried when its method is idempotent or it carries the
    :data:`IDEMPOTENT_EXTENSION` extension, and its body can be replayed (bytes, form or
    JSON; not a one-shot generator). Every retry is logged at WARNING on ``dnastack.http``
    with the method, the URL without query string, the cause, the attempt and the delay.
    """

    def __init__(
        self,
        wrapped: httpx.BaseTransport,
        *,
        policy: RetryPolicy = DEFAULT_POLICY,
        sleep: Callable[[float], None] = time.sleep,
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

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Drive :func:`~dnastack.http.retry_plan.retry_plan` with blocking I/O."""
        plan = self.plan(request)
        reply: httpx.Response | httpx.TransportError | None = None
        while True:
            try:
                step = plan.send(reply)
            except StopIteration as done:
                response: httpx.Response = done.value
                return response
            reply = None
            if isinstance(step, Wait):
                self._sleep(step.seconds)
            elif isinstance(step, Discard):
                _discard(step.response)
            else:
                sent = time.perf_counter()
                try:
                    reply = self._wrapped.handle_request(step)
                    _log_exchange(step, reply.status_code, sent)
                except httpx.TransportError as exc:
                    _log_exchange(step, type(exc).__name__, sent)
                    reply = exc

    def plan(self, request: httpx.Request) -> RetryPlan:
        """The I/O-free retry loop of ``request`` under this transport's policy and clocks."""
        return retry_plan(
            request,
            self._policy,
            monotonic=self._monotonic,
            wall_clock=self._wall_clock,
            rng=self._rng,
        )

    def close(self) -> None:
        self._wrapped.close()


def _log_exchange(request: httpx.Request, outcome: int | str, sent: float) -> None:
    """One DEBUG line per request sent (``--debug``): method, redacted URL, status, time."""
    if _logger.isEnabledFor(logging.DEBUG):
        elapsed_ms = (time.perf_counter() - sent) * 1000
        _logger.debug(
            "%s %s -> %s (%.0f ms)", request.method, safe_url(request.url), outcome, elapsed_ms
        )


class _HttpxUrlRedaction(logging.Filter):
    """Drops query strings and user-info from URLs in httpx's own log records.

    httpx logs ``HTTP Request: GET <full URL> ...`` at INFO; a signed DRS access URL or an
    ``?access_token=`` query would otherwise reach any log handler listening at that level.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and any(isinstance(a, httpx.URL) for a in record.args):
            record.args = tuple(safe_url(a) if isinstance(a, httpx.URL) else a for a in record.args)
        return True


def _install_httpx_log_redaction() -> None:
    """Add the redaction filter to the ``httpx`` logger once (levels and handlers untouched)."""
    httpx_logger = logging.getLogger("httpx")
    if not any(isinstance(f, _HttpxUrlRedaction) for f in httpx_logger.filters):
        httpx_logger.addFilter(_HttpxUrlRedaction())


_DISCARD_LIMIT = 64 * 1024


def _discard(response: httpx.Response) -> None:
    """Drain a small body undecoded (so the connection can be reused) and close a response
    that will be retried; a large or compressed-bomb body is not read."""
    try:
        drained = 0
        for chunk in response.iter_raw():
            drained += len(chunk)
            if drained > _DISCARD_LIMIT:
                break
    except (httpx.HTTPError, httpx.StreamError):  # StreamConsumed: a body already in memory
        pass
    finally:
        response.close()


class _SetCookieCookies(httpx.Cookies):
    """Cookies that look at a response only when it sets one: httpx's cookie extraction
    builds a ``urllib`` request per response, a tenth of a small API call's client time
    (shared by the sync and asyncio clients)."""

    def extract_cookies(self, response: httpx.Response) -> None:
        if "set-cookie" in response.headers:
            super().extract_cookies(response)


class SetCookieJar(BaseClient):
    """Client mixin: the jar is a :class:`_SetCookieCookies` (same jar, same rules, cheaper);
    listed before ``httpx.Client`` or ``httpx.AsyncClient``."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.cookies = self._cookies  # through the setter below

    @property
    def cookies(self) -> httpx.Cookies:
        return self._cookies

    @cookies.setter
    def cookies(self, cookies: Any) -> None:
        self._cookies = _SetCookieCookies(cookies)


class _SdkClient(SetCookieJar, httpx.Client):
    """``httpx.Client`` with the cheaper cookie extraction above."""


def _add_trace_context(request: httpx.Request) -> None:
    if "traceparent" not in request.headers:
        request.headers.update(Span().create_http_headers())


def build_http_client(
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
    transport: httpx.BaseTransport | None = None,
    sleep: Callable[[float], None] = time.sleep,
    rng: Callable[[], float] = random.random,
    max_response_bytes: int | None = DEFAULT_MAX_RESPONSE_BYTES,
    request_deadline: float | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> httpx.Client:
    """Build the SDK's pooled, keep-alive ``httpx.Client``.

    Args:
        connect_timeout: seconds to establish a connection.
        read_timeout: seconds to wait for data (also used for writes and the pool).
        retry_policy: see :mod:`dnastack.http.retry` (``RetryPolicy.with_max_retries(n)``).
        ca_cert: a CA bundle file or directory, :data:`NOVERIFY`, or ``None`` for the default.
        proxy: one proxy URL for every request; when ``None`` and ``trust_env`` is true,
            ``HTTP_PROXY``/``HTTPS_PROXY``/``ALL_PROXY``/``NO_PROXY`` apply.
        auth: usually an :class:`~dnastack.http.auth.EndpointAuth`.
        follow_redirects: follow 3xx (``Authorization`` is dropped on cross-origin hops).
        transport: the innermost transport (tests inject ``httpx.MockTransport`` here);
            it is still wrapped by :class:`RetryTransport`.
        sleep, rng: injected into :class:`RetryTransport`.
        max_response_bytes: cap on the decoded size of a response, enforced while reading
            (None: no cap); see :mod:`dnastack.http.limits`.
        request_deadline: total seconds for a call, attempts, waits and body included
            (None: :func:`~dnastack.http.limits.default_deadline` of ``read_timeout``).
        clock: monotonic clock of the deadline (injected in tests).

    Streams opened by :meth:`HttpSession.stream` (byte downloads) have neither bound.
    Redirects are followed only to http(s) URLs (:class:`~dnastack.exceptions.UnsafeUrlError`).
    """
    verify = tls_verification(ca_cert)
    limits = limits or httpx.Limits(max_connections=100, max_keepalive_connections=20)

    deadline = request_deadline if request_deadline is not None else default_deadline(read_timeout)

    def retrying(inner: httpx.BaseTransport) -> BoundedTransport:
        return BoundedTransport(
            RetryTransport(
                install_deadline_backend(inner), policy=retry_policy, sleep=sleep, rng=rng
            ),
            max_response_bytes=max_response_bytes,
            deadline_seconds=deadline,
            clock=clock,
        )

    def via_proxy(url: str) -> BoundedTransport:
        return retrying(
            httpx.HTTPTransport(verify=verify, trust_env=trust_env, limits=limits, proxy=url)
        )

    use_environment = trust_env and transport is None  # an injected transport stays in charge
    inner = transport or httpx.HTTPTransport(verify=verify, trust_env=trust_env, limits=limits)
    return _SdkClient(
        auth=auth,
        headers={"User-Agent": user_agent()},
        timeout=httpx.Timeout(read_timeout, connect=connect_timeout),
        follow_redirects=follow_redirects,
        trust_env=use_environment,
        transport=retrying(inner),
        mounts=_proxy_mounts(proxy, use_environment, via_proxy),
        event_hooks={"request": [_add_trace_context], "response": [_refuse_unsafe_redirect]},
    )


def _refuse_unsafe_redirect(response: httpx.Response) -> None:
    """A redirect is followed only to an http(s) URL with a host (UnsafeUrlError)."""
    if response.has_redirect_location:  # a redirect status first: no header look-up otherwise
        follow_server_url(response.url, response.headers["Location"], what="redirect")


def _proxy_mounts(
    proxy: str | None, use_environment: bool, via_proxy: Callable[[str], BoundedTransport]
) -> dict[str, httpx.BaseTransport | None]:
    """Proxy transports, each wrapped for retries (httpx's own env mounts would not be)."""
    if proxy:
        return {"all://": via_proxy(proxy)}
    if not use_environment:
        return {}
    # The same table httpx builds from the environment, so NO_PROXY patterns keep working.
    from httpx._utils import get_environment_proxies

    return {
        pattern: None if url is None else via_proxy(url)
        for pattern, url in get_environment_proxies().items()
    }


class translated_errors(ErrorMapping):
    """Re-raise any httpx exception as :class:`TransportError` (``raise ... from exc``).

    The message names the method and the URL without query string; it never includes
    headers or bodies.
    """

    __slots__ = ("_method", "_url")

    def __init__(self, method: str, url: httpx.URL | str) -> None:
        self._method = method
        self._url = url

    def on_error(self, exc: BaseException) -> BaseException | None:
        method, url = self._method, self._url
        if isinstance(exc, httpx.TimeoutException):
            reason = f"timed out ({type(exc).__name__})"
        elif isinstance(exc, httpx.HTTPError | httpx.InvalidURL | httpx.StreamError):
            reason = f"{type(exc).__name__}: {exc}"
        elif isinstance(exc, OverflowError):  # asyncio's connect() on a port past 65535
            reason = f"cannot connect ({exc})"
        else:
            return None
        return TransportError(reason, method=method, url=safe_url(url))


def raise_for_status(response: httpx.Response, trace_context: Span | None = None) -> None:
    """Raise the typed :class:`~dnastack.exceptions.HttpError` for a non-2xx response.

    A streamed body is read first (so the error can quote the server's message).
    """
    if response.is_success:
        return
    with translated_errors(response.request.method, response.request.url):
        response.read()
    raise http_error_for(response, trace_context)

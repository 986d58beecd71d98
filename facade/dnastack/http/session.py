"""``HttpSession``: the documented request session, on the SDK's one configured httpx client.

Every request goes through :meth:`HttpSession.submit` (``get``/``post``/... and ``stream``
are thin shims): credentials from the session's authenticators (only for their endpoint's
origin), a ``traceparent`` from the caller's :class:`~dnastack.common.tracing.Span`, retries
in the transport, and typed errors at the boundary:

* no response (connect/read failure, timeout): :class:`~dnastack.exceptions.TransportError`;
* a non-2xx response: the :class:`HttpError` subclass for its status
  (:func:`dnastack.exceptions.http_error_for`), carrying the span as ``trace``;
* credentials that cannot be obtained or keep being refused: :class:`AuthenticationError`.

``suppress_error`` keeps its documented default (``True``) but, unlike the reference
library, never turns an error into a silently returned response: errors are always raised.
It only controls logging: with ``suppress_error=False`` each HTTP error is also logged at
WARNING on ``dnastack.http`` (method, URL without query string, status).
"""

from __future__ import annotations

import json as _json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, NamedTuple
from uuid import uuid4

import httpx

from dnastack.common.closing import Closeable
from dnastack.common.events import EventSource
from dnastack.common.logs import sdk_logger
from dnastack.common.tracing import Span
from dnastack.exceptions import (
    AuthenticationError,
    HttpError,
    ModelValidationError,
    ServerError,
    safe_url,
)
from dnastack.exceptions import ClientRequestError as ClientError  # the reference's name
from dnastack.http.auth import EndpointAuth
from dnastack.http.authenticators.abstract import AUTH_EVENTS, Authenticator
from dnastack.http.limits import DEADLINE_EXTENSION, MAX_RESPONSE_BYTES_EXTENSION
from dnastack.http.parsed_urls import parsed_url
from dnastack.http.plain_request import plain_request
from dnastack.http.transport import (
    IDEMPOTENT_EXTENSION,
    build_http_client,
    raise_for_status,
    translated_errors,
)

__all__ = ["AuthenticationError", "ClientError", "HttpError", "HttpSession", "ServerError"]

_logger = sdk_logger("dnastack.http")


class HttpSession(Closeable):
    """A pooled HTTP session with authentication, tracing, retries and typed errors.

    Args:
        uuid: an id for this session (a random UUID by default).
        authenticators: the endpoint's authenticator, then its fallbacks.
        suppress_error: when ``False``, HTTP errors are also logged (they are always raised).
        enable_auth: ``False`` sends every request without credentials.
        session: a pre-built ``httpx.Client`` (e.g. from
            :func:`~dnastack.http.transport.build_http_client` with the user's settings),
            shared rather than owned: :meth:`close` leaves it open. Without one, the session
            builds a default client on first use and closes it in :meth:`close`.
    """

    def __init__(
        self,
        uuid: str | None = None,
        authenticators: Sequence[Authenticator] | None = None,
        suppress_error: bool = True,
        enable_auth: bool = True,
        session: httpx.Client | None = None,
    ) -> None:
        self._id = uuid or str(uuid4())
        self._authenticators = list(authenticators or [])
        self._suppress_error = suppress_error
        self._enable_auth = enable_auth
        self._auth = EndpointAuth(self._authenticators) if self._authenticators else None
        self._client = session
        self._owns_client = session is None
        self._events = EventSource(AUTH_EVENTS, origin=self)
        for authenticator in self._authenticators:
            authenticator.events.relay_to(self._events)

    @property
    def id(self) -> str:
        return self._id

    @property
    def authenticators(self) -> list[Authenticator]:
        return list(self._authenticators)

    @property
    def events(self) -> EventSource:
        """Every authenticator's events, relayed (see ``AUTH_EVENTS``)."""
        return self._events

    @property
    def httpx_client(self) -> httpx.Client:
        """The configured client; generated clients use it via ``set_httpx_client``.

        A client built here carries this session's authentication as its default ``auth``.
        """
        if self._client is None or self._client.is_closed:
            auth = self._auth if self._enable_auth else None
            self._client = build_http_client(auth=auth)
            self._owns_client = True
        return self._client

    def submit(
        self,
        method: str,
        url: str | httpx.URL,
        *,
        trace_context: Span | None = None,
        idempotent: bool = False,
        **kwargs: Any,
    ) -> httpx.Response:
        """Send one request and return its (2xx) response.

        Args:
            method: the HTTP method.
            url: the absolute URL.
            trace_context: the caller's span; the request runs in a child span.
            idempotent: safe to retry although the method is not idempotent (e.g. a
                Data Connect page fetch by POST).
            kwargs: passed to ``httpx.Client.request`` (``params``, ``json``, ``data``,
                ``content``, ``files``, ``headers``, ``timeout``...).

        Raises:
            HttpError: a non-2xx response (the subclass for its status).
            TransportError: no response.
            AuthenticationError: no credentials could be obtained or they kept being refused.
        """
        call = self._prepare(trace_context, idempotent, kwargs)
        client = self.httpx_client
        with translated_errors(method, url):
            request = built_request(client, method, url, call)
            response = unbound(client.send(request, **call.send_options))
        self._raise_for_status(response, call.span)
        return response

    @contextmanager
    def stream(
        self,
        method: str,
        url: str | httpx.URL,
        *,
        trace_context: Span | None = None,
        idempotent: bool = False,
        **kwargs: Any,
    ) -> Iterator[httpx.Response]:
        """Like :meth:`submit`, but the body is not read: iterate ``response.iter_bytes()``.

        Failures while reading the body inside the ``with`` block are also raised as
        :class:`~dnastack.exceptions.TransportError`. A stream is a byte transfer: neither
        the API calls' ``max_response_bytes`` cap nor their ``request_deadline`` applies
        (unless set with the request extensions of :mod:`dnastack.http.limits`).
        """
        call = self._prepare(trace_context, idempotent, kwargs)
        byte_transfer(call.options)
        client = self.httpx_client
        with translated_errors(method, url):
            request = built_request(client, method, url, call)
            response = client.send(request, stream=True, **call.send_options)
            try:
                self._raise_for_status(response, call.span)
                yield response
            finally:
                response.close()

    def get(
        self, url: str | httpx.URL, trace_context: Span | None = None, **kwargs: Any
    ) -> httpx.Response:
        return self.submit("GET", url, trace_context=trace_context, **kwargs)

    def post(
        self, url: str | httpx.URL, trace_context: Span | None = None, **kwargs: Any
    ) -> httpx.Response:
        return self.submit("POST", url, trace_context=trace_context, **kwargs)

    def put(
        self, url: str | httpx.URL, trace_context: Span | None = None, **kwargs: Any
    ) -> httpx.Response:
        return self.submit("PUT", url, trace_context=trace_context, **kwargs)

    def delete(
        self, url: str | httpx.URL, trace_context: Span | None = None, **kwargs: Any
    ) -> httpx.Response:
        return self.submit("DELETE", url, trace_context=trace_context, **kwargs)

    def head(
        self, url: str | httpx.URL, trace_context: Span | None = None, **kwargs: Any
    ) -> httpx.Response:
        return self.submit("HEAD", url, trace_context=trace_context, **kwargs)

    def json_patch(
        self, url: str | httpx.URL, trace_context: Span | None = None, **kwargs: Any
    ) -> httpx.Response:
        """PATCH with ``Content-Type: application/json-patch+json`` (the reference's)."""
        headers = httpx.Headers(kwargs.pop("headers", None))
        headers["Content-Type"] = "application/json-patch+json"
        return self.submit("PATCH", url, trace_context=trace_context, headers=headers, **kwargs)

    @staticmethod
    def generate_http_user_agent(comments: list[str] | None = None) -> str:
        """``dnastack-sdk/<version> (<comments>; Platform/...; Python/x.y.z)``: the
        reference library's helper, with this SDK's name."""
        import platform
        import sys

        from dnastack import __version__

        version = "{}.{}.{}".format(*sys.version_info)
        parts = [*(comments or []), f"Platform/{platform.platform()}", f"Python/{version}"]
        return f"dnastack-sdk/{__version__} ({'; '.join(parts)})"

    def close(self) -> None:
        """Close the client if this session built it (a shared client stays open)."""
        if self._client is not None and self._owns_client:
            self._client.close()
        self._client = None

    def __repr__(self) -> str:
        return f"HttpSession(id={self._id!r}, authenticators={self._authenticators!r})"

    def _prepare(
        self, trace_context: Span | None, idempotent: bool, kwargs: dict[str, Any]
    ) -> PreparedCall:
        return prepare_request(trace_context, idempotent, kwargs, self._enable_auth, self._auth)

    def _raise_for_status(self, response: httpx.Response, span: Span) -> None:
        check_response(response, span, self._suppress_error)


_DROPPED_REQUESTS_OPTIONS = ("stream", "verify", "cert", "proxies")
"""``requests`` options with no per-request meaning in httpx: ``stream`` (use
:meth:`HttpSession.stream`), TLS and proxies (settings of the client). Dropping ``verify`` or
``cert`` can only make a request fail, never trust what was refused."""


_REQUESTS_SPELLINGS = frozenset(("allow_redirects", "data", *_DROPPED_REQUESTS_OPTIONS))


def requests_style_options(kwargs: dict[str, Any]) -> dict[str, Any]:
    """``kwargs`` with the reference library's ``requests`` spellings made httpx ones:
    ``allow_redirects`` -> ``follow_redirects``, ``data`` as bytes/str -> ``content``,
    ``timeout=(connect, read)`` -> an ``httpx.Timeout``; see :data:`_DROPPED_REQUESTS_OPTIONS`."""
    if kwargs.keys().isdisjoint(_REQUESTS_SPELLINGS) and not isinstance(
        kwargs.get("timeout"), tuple
    ):
        return kwargs
    options = {k: v for k, v in kwargs.items() if k not in _DROPPED_REQUESTS_OPTIONS}
    if "allow_redirects" in options:
        options["follow_redirects"] = bool(options.pop("allow_redirects"))
    if isinstance(options.get("data"), bytes | str):
        options["content"] = options.pop("data")
    timeout = options.get("timeout")
    if isinstance(timeout, tuple) and len(timeout) == 2:
        connect, read = timeout
        options["timeout"] = httpx.Timeout(read, connect=connect)
    return options


class PreparedCall(NamedTuple):
    """One request's span and ``httpx`` arguments, from :func:`prepare_request`."""

    span: Span
    options: dict[str, Any]
    """Keyword arguments of ``build_request`` (``headers``, ``content``, ``extensions``...)."""
    send_options: dict[str, Any]
    """Keyword arguments of ``send`` (``auth``, ``follow_redirects``) given or decided here."""
    traceparent: str | None
    """Set on the built request when the call has neither headers nor a body (else in
    ``options["headers"]``): the same header at the same place (last), without merging a
    second header set into the client's (two ``httpx.Headers`` built and decoded per call)."""


_SEND_OPTIONS = ("auth", "follow_redirects")
_BODY_OPTIONS = frozenset(("content", "data", "files"))


def prepare_request(
    trace_context: Span | None,
    idempotent: bool,
    kwargs: dict[str, Any],
    enable_auth: bool,
    auth: httpx.Auth | None,
) -> PreparedCall:
    """The request's span and its ``httpx`` arguments (``traceparent``, the idempotent hint,
    credentials or none): shared by the sync and asyncio sessions (:func:`built_request`)."""
    span = trace_context.new_span() if trace_context else Span()
    kwargs = requests_style_options(kwargs)
    given = kwargs.pop("headers", None)
    is_json = "json" in kwargs
    if is_json:
        kwargs["content"] = json_body(kwargs.pop("json"))
    trace = span.create_http_headers()["traceparent"]
    merged = bool(given) or not kwargs.keys().isdisjoint(_BODY_OPTIONS)
    if merged:  # a body's own headers (Content-Length...) come before these
        headers = httpx.Headers(given)  # the caller's win (names compared without case)
        headers.setdefault("traceparent", trace)
        if is_json:
            headers.setdefault("content-type", "application/json")
        kwargs["headers"] = headers
    send_options = {name: kwargs.pop(name) for name in _SEND_OPTIONS if name in kwargs}
    if idempotent:
        kwargs["extensions"] = {**kwargs.get("extensions", {}), IDEMPOTENT_EXTENSION: True}
    if not enable_auth:
        send_options["auth"] = None  # also overrides an auth the shared client carries
    elif auth is not None:
        send_options["auth"] = auth
    return PreparedCall(span, kwargs, send_options, None if merged else trace)


def built_request(
    client: httpx.Client | httpx.AsyncClient, method: str, url: str | httpx.URL, call: PreparedCall
) -> httpx.Request:
    """``client.build_request`` for a prepared call (then ``client.send(request,
    **call.send_options)``): what ``client.request`` does, shared by both sessions."""
    method, target, options, trace = method.upper(), parsed_url(url), call.options, call.traceparent
    if trace is None:
        return client.build_request(method, target, **options)
    if not options or options.keys() == {"extensions"}:
        plain = plain_request(client, method, target, trace, options.get("extensions"))
        if plain is not None:
            return plain
    request = client.build_request(method, target, **options)
    request.headers["traceparent"] = trace
    return request


def unbound(response: httpx.Response) -> httpx.Response:
    """A read response whose stream is its bytes: httpx's client wraps every response's
    stream in one pointing back at the response (to time it when closed), a reference cycle
    that keeps the request, the response and their headers (~20 objects per call) until the
    garbage collector runs. Once the body is read the wrapper has done its work; the bytes
    stay readable (``content``, ``iter_bytes``/``aiter_bytes``...)."""
    response.stream = httpx.ByteStream(response.content)
    return response


def json_body(value: Any) -> bytes:
    """``value`` as a JSON request body: ASCII, so any ``str`` is sent (a lone surrogate,
    valid in JSON text, becomes ``\\udXXX`` where httpx's UTF-8 encoding would raise).

    Raises:
        ModelValidationError: ``value`` is not JSON (NaN or infinity, a type JSON lacks,
            nesting too deep).
    """
    try:
        return _json.dumps(value, ensure_ascii=True, allow_nan=False, separators=(",", ":")).encode(
            "ascii"
        )
    except (TypeError, ValueError, RecursionError) as exc:
        raise ModelValidationError(f"the request body is not JSON ({exc})") from None


def byte_transfer(options: dict[str, Any]) -> None:
    """Exempt a streamed request (a byte transfer) from the API calls' cap and deadline,
    unless the caller set them with the extensions of :mod:`dnastack.http.limits`."""
    options["extensions"] = {
        MAX_RESPONSE_BYTES_EXTENSION: None,
        DEADLINE_EXTENSION: None,
        **options.get("extensions", {}),
    }


def check_response(response: httpx.Response, span: Span, suppress_error: bool) -> None:
    """Raise the typed error of a non-2xx response (its body must be read already when
    the response came from an ``httpx.AsyncClient``)."""
    if response.is_success:
        return
    if not suppress_error:
        _logger.warning(
            "%s %s -> HTTP %d",
            response.request.method,
            safe_url(response.request.url),
            response.status_code,
        )
    raise_for_status(response, span)

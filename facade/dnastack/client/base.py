"""``BaseServiceClient``: what every service client has, and the one way clients call out.

Every client (Data Connect, DRS, Service Registry, Collections, Explorer) is built from a
:class:`~dnastack.client.models.ServiceEndpoint` and offers the documented members
``endpoint``, ``url``, ``events``, ``make(endpoint)``, ``get_adapter_type()``,
``get_supported_service_types()`` and ``create_http_session(suppress_error, no_auth)``.

One pooled ``httpx.Client`` per service client (built by
:func:`dnastack.http.transport.build_http_client` from the resolved settings: timeouts,
retries, CA bundle, proxy; credentials from the endpoint's authenticators, or the security
context) carries every request, whether it goes through an
:class:`~dnastack.http.session.HttpSession` (``create_http_session``, the paginator) or
through a generated operation (:meth:`BaseServiceClient._call`). ``close()`` (or leaving a
``with`` block) closes it.

:meth:`BaseServiceClient._call` runs a generated ``sync_detailed`` operation and gives it
the behaviour of the session path: the caller's trace span as ``traceparent``, ``no_auth``,
:class:`~dnastack.exceptions.TransportError` for a request without response, the typed
:class:`~dnastack.exceptions.HttpError` subclass for a non-2xx status, and
:class:`~dnastack.exceptions.ResponseParseError` for a body that does not match the spec
(the generated ``UnparseableResponse``), each raised ``from`` the lower-layer error.
"""

from __future__ import annotations

import contextvars
import importlib
import threading
from collections.abc import AsyncGenerator, Callable, Generator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, Self, TypeVar

from dnastack.common.closing import Closeable
from dnastack.common.events import EventSource
from dnastack.common.tracing import Span
from dnastack.exceptions import ResponseParseError, http_error_for

if TYPE_CHECKING:
    import httpx

    from dnastack.client.models import ServiceEndpoint
    from dnastack.client.pagination_core import PollingPolicy
    from dnastack.client.service_registry.models import ServiceType
    from dnastack.http.authenticators.abstract import Authenticator
    from dnastack.http.session import HttpSession
    from dnastack.settings import Settings

__all__ = ["BaseServiceClient", "normalize_base_url"]

_T_co = TypeVar("_T_co", covariant=True)


class _DetailedResponse(Protocol[_T_co]):
    """What a generated ``sync_detailed`` returns (``<package>.types.Response``)."""

    @property
    def parsed(self) -> _T_co: ...


def normalize_base_url(url: str) -> str:
    """The URL with exactly one trailing slash (relative paths then join below it)."""
    return url.rstrip("/") + "/"


@dataclass
class _CallScope:
    """Per-call state of a generated operation, read by the client's hooks and auth."""

    span: Span
    no_auth: bool
    response: httpx.Response | None = None


_CALL_SCOPE: contextvars.ContextVar[_CallScope | None] = contextvars.ContextVar(
    "dnastack_generated_call", default=None
)


def _scope_request_hook(request: httpx.Request) -> None:
    scope = _CALL_SCOPE.get()
    if scope is not None:
        request.headers["traceparent"] = scope.span.create_http_headers()["traceparent"]


def _scope_response_hook(response: httpx.Response) -> None:
    scope = _CALL_SCOPE.get()
    if scope is not None:
        scope.response = response


def _make_scoped_auth(inner: httpx.Auth) -> httpx.Auth:
    """An ``httpx.Auth`` that defers to ``inner`` unless the current call asked for no auth."""
    import httpx

    class ScopedAuth(httpx.Auth):
        requires_request_body = True

        def auth_flow(
            self, request: httpx.Request
        ) -> Generator[httpx.Request, httpx.Response, None]:
            scope = _CALL_SCOPE.get()
            if scope is not None and scope.no_auth:
                yield request
                return
            yield from inner.auth_flow(request)

        async def async_auth_flow(
            self, request: httpx.Request
        ) -> AsyncGenerator[httpx.Request, httpx.Response]:
            scope = _CALL_SCOPE.get()
            if scope is not None and scope.no_auth:
                yield request
                return
            flow = inner.async_auth_flow(request)
            try:
                step = await flow.__anext__()
                while True:
                    response = yield step
                    step = await flow.asend(response)
            except StopAsyncIteration:
                return

    return ScopedAuth()


_GENERATED_ERRORS: dict[str, type[Exception]] = {}


def _unparseable_response_class(package: str) -> type[Exception]:
    found = _GENERATED_ERRORS.get(package)
    if found is None:
        errors = importlib.import_module(f"{package}.errors")
        found = _GENERATED_ERRORS[package] = errors.UnparseableResponse
    return found


class BaseServiceClient(Closeable):
    """The base class for all DNAstack clients.

    Args:
        endpoint: the service endpoint (URL, type, authentication).
        settings: resolved settings (timeouts, retries, CA bundle, proxy, security context,
            session storage); resolved from the environment and configuration file on first
            use when not given.
        http_options: extra keyword arguments for
            :func:`~dnastack.http.transport.build_http_client` (e.g. ``transport`` and
            ``sleep`` in tests); they win over the settings.
    """

    #: Subclasses set the generated package their operations come from, if any.
    _generated_package: ClassVar[str | None] = None

    def __init__(
        self,
        endpoint: ServiceEndpoint,
        *,
        settings: Settings | None = None,
        http_options: Mapping[str, Any] | None = None,
    ) -> None:
        self._endpoint = endpoint
        self._url = normalize_base_url(endpoint.url)
        self._settings = settings
        self._http_options = dict(http_options or {})
        self._events = EventSource(origin=self)
        self._lock = threading.RLock()
        self._http_client: httpx.Client | None = None
        self._authenticators: list[Authenticator] | None = None
        self._sessions: dict[tuple[bool, bool], HttpSession] = {}
        self._generated_clients: dict[type[Any], Any] = {}

    # -- documented members ---------------------------------------------------------------

    @property
    def endpoint(self) -> ServiceEndpoint:
        """The service endpoint this client talks to."""
        return self._endpoint

    @property
    def url(self) -> str:
        """The base URL to the endpoint (always ending with ``/``)."""
        return self._url

    @property
    def events(self) -> EventSource:
        """Events of this client; its authenticators' events are relayed here."""
        return self._events

    @classmethod
    def make(cls, endpoint: ServiceEndpoint, **options: Any) -> Self:
        """Create this class with the given ``endpoint`` (``options``: the constructor's
        keyword arguments, e.g. ``max_concurrency`` or ``settings``)."""
        return cls(endpoint, **options)

    def require_authentication(self) -> bool:
        """Whether the endpoint declares any authentication (the reference library's check)."""
        return bool(self._endpoint.authentications())

    @staticmethod
    def get_adapter_type() -> str:
        """Get the descriptive adapter type."""
        raise NotImplementedError("a service client defines its adapter type")

    @staticmethod
    def get_supported_service_types() -> list[ServiceType]:
        """The list of supported service types

        The first one is always regarded as the default type.
        """
        raise NotImplementedError("a service client defines its service types")

    @classmethod
    def get_default_service_type(cls) -> ServiceType:
        """The first supported service type."""
        return cls.get_supported_service_types()[0]

    def create_http_session(
        self, suppress_error: bool = False, no_auth: bool = False
    ) -> HttpSession:
        """Create HTTP session wrapper

        The session uses this client's pooled connection and is reused by later calls with
        the same arguments. Closing it is a no-op: :meth:`close` on the client closes it.

        Args:
            suppress_error: as in the reference library: ``True`` returns a non-2xx
                response to the caller instead of raising its
                :class:`~dnastack.exceptions.HttpError` (transport and authentication
                failures still raise); ``False`` (the default) raises.
            no_auth: send requests without credentials even if the endpoint has some.
        """
        return self._pooled_session(no_auth, errors_returned=suppress_error)

    def _pooled_session(self, no_auth: bool, *, errors_returned: bool) -> HttpSession:
        key = (errors_returned, no_auth)
        with self._lock:
            session = self._sessions.get(key)
            if session is None:
                session_class: Any = _shared_session_class()  # takes errors_returned
                session = session_class(
                    authenticators=self._get_authenticators(),
                    enable_auth=not no_auth,
                    session=self._get_http_client(),
                    errors_returned=errors_returned,
                )
                self._sessions[key] = session
            return session

    # -- lifecycle --------------------------------------------------------------------------

    def close(self) -> None:
        """Close the pooled connections (the client can be used again; it reconnects)."""
        with self._lock:
            for session in self._sessions.values():
                session._release()  # type: ignore[attr-defined]
            self._sessions.clear()
            self._generated_clients.clear()
            if self._http_client is not None:
                self._http_client.close()
            self._http_client = None

    def __repr__(self) -> str:
        from dnastack.exceptions import safe_url

        return f"{type(self).__name__}(url={safe_url(self._url)!r})"

    # -- helpers for subclasses ---------------------------------------------------------------

    def _generated_client(self, generated_client_class: type[Any]) -> Any:
        """An instance of a generated ``Client`` class wired to this client's pooled
        ``httpx.Client`` and the endpoint URL (cached per class)."""
        with self._lock:
            found = self._generated_clients.get(generated_client_class)
            if found is None:
                found = generated_client_class(base_url=self._url).set_httpx_client(
                    self._get_http_client()
                )
                self._generated_clients[generated_client_class] = found
            return found

    def _call(
        self,
        operation: Callable[..., _DetailedResponse[_T_co]],
        /,
        *,
        trace: Span | None = None,
        no_auth: bool = False,
        **kwargs: Any,
    ) -> _T_co:
        """Run a generated ``sync_detailed`` operation and return its parsed 2xx body.

        Raises:
            HttpError: a non-2xx response (the subclass for its status).
            TransportError: no response (connection failure, timeout).
            ResponseParseError: a 2xx body that does not match the specification.
            AuthenticationError: credentials could not be obtained.
        """
        import httpx

        from dnastack.http.transport import translated_errors

        package = operation.__module__.partition(".")[0]
        client_module = importlib.import_module(f"{package}.client")
        client = self._generated_client(client_module.Client)
        unparseable = _unparseable_response_class(package)
        span = trace.new_span() if trace is not None else Span()
        scope = _CallScope(span=span, no_auth=no_auth)
        token = _CALL_SCOPE.set(scope)
        try:
            detailed = operation(client=client, **kwargs)
        except httpx.HTTPError as exc:
            request = _request_of(exc)
            method = request.method if request is not None else "?"
            url: httpx.URL | str = request.url if request is not None else self._url
            with translated_errors(method, url):
                raise
            raise  # pragma: no cover - translated_errors always raises
        except (RecursionError, OverflowError) as exc:  # a hostile body: too deep, too big
            response = scope.response
            raise ResponseParseError(
                f"the response body cannot be parsed ({type(exc).__name__})",
                operation=getattr(operation, "__module__", None),
                status_code=response.status_code if response is not None else None,
            ) from exc
        except unparseable as exc:
            response = scope.response
            if response is not None and not response.is_success:
                raise http_error_for(response, span) from exc
            raise ResponseParseError(
                str(exc),
                operation=getattr(exc, "operation", None),
                status_code=getattr(exc, "status_code", None),
            ) from exc
        finally:
            _CALL_SCOPE.reset(token)
        response = scope.response
        if response is not None and not response.is_success:
            raise http_error_for(response, span)
        return detailed.parsed

    def _polling_policy(self, polling: PollingPolicy | None = None) -> PollingPolicy:
        """``polling`` when given, else the default policy bounded by the
        ``polling_max_wait`` setting."""
        if polling is not None:
            return polling
        from dnastack.client.pagination_core import PollingPolicy

        return PollingPolicy(max_total_wait=self._resolved_settings().polling_max_wait)

    def _session(self, no_auth: bool = False) -> HttpSession:
        """The pooled session for requests made by this client's methods (errors raise)."""
        return self._pooled_session(no_auth, errors_returned=False)

    # -- building the pooled client ------------------------------------------------------

    def _resolved_settings(self) -> Settings:
        if self._settings is None:
            from dnastack.settings import resolve_settings

            self._settings = resolve_settings()
        return self._settings

    def _get_authenticators(self) -> list[Authenticator]:
        with self._lock:
            if self._authenticators is None:
                self._authenticators = self._build_authenticators()
                for authenticator in self._authenticators:
                    authenticator.events.relay_to(self._events)
            return self._authenticators

    def _build_authenticators(self) -> list[Authenticator]:
        # Thin adapter over the HTTP layer's public factory: the endpoint's own
        # authentication, or the settings' security context (a static token for every
        # endpoint) which replaces it.
        settings = self._resolved_settings()
        security = settings.security_context
        if security is None and not self._endpoint.authentications():
            return []
        from dnastack.http.authenticators.factory import authenticators_for

        context = (
            {"auth_token": security.auth_token, "auth_token_type": security.auth_token_type}
            if security is not None
            else None
        )
        return authenticators_for(
            self._endpoint, settings.session_manager(), security_context=context
        )

    def _get_http_client(self) -> httpx.Client:
        with self._lock:
            if self._http_client is None or self._http_client.is_closed:
                self._http_client = self._build_http_client()
            return self._http_client

    def _build_http_client(self) -> httpx.Client:
        from dnastack.http.transport import build_http_client

        client = build_http_client(**self._http_client_options())
        client.base_url = self._url
        hooks = client.event_hooks
        client.event_hooks = {
            "request": [_scope_request_hook, *hooks.get("request", [])],
            "response": [*hooks.get("response", []), _scope_response_hook],
        }
        return client

    def _http_client_options(self) -> dict[str, Any]:
        """Keyword arguments of the client builders (sync and :mod:`dnastack.aio`): the
        settings' timeouts, retries, CA bundle and proxy, ``http_options``, and the auth."""
        from dnastack.http.auth import EndpointAuth
        from dnastack.http.retry import RetryPolicy

        settings = self._resolved_settings()
        options: dict[str, Any] = {
            "retry_policy": RetryPolicy.with_max_retries(settings.max_retries),
            "ca_cert": settings.ca_cert,
        }
        if settings.timeout is not None:
            options["connect_timeout"] = options["read_timeout"] = settings.timeout
        options["request_deadline"] = settings.request_deadline
        options["max_response_bytes"] = settings.max_response_bytes
        proxy = _explicit_proxy(settings, self._url)
        if proxy:
            options["proxy"] = proxy
        options.update(self._http_options)
        authenticators = self._get_authenticators()
        options["auth"] = (
            _make_scoped_auth(EndpointAuth(authenticators)) if authenticators else None
        )
        return options


def _request_of(exc: httpx.HTTPError) -> httpx.Request | None:
    try:
        return exc.request
    except RuntimeError:  # httpx raises when the exception carries no request
        return None


def _explicit_proxy(settings: Settings, url: str) -> str | None:
    """A proxy set by argument, session override or config (httpx reads the environment)."""
    name = "https_proxy" if url.startswith("https:") else "http_proxy"
    value = settings.value_of(name)
    source = settings.sources.get(name, "default")
    if not value or source == "default" or source.startswith("environment"):
        return None
    return str(value)


_SHARED_SESSION_CLASS: type[HttpSession] | None = None


def _shared_session_class() -> type[HttpSession]:
    """``HttpSession`` whose ``close()`` leaves the client's pooled connection alone."""
    global _SHARED_SESSION_CLASS
    if _SHARED_SESSION_CLASS is None:
        from dnastack.http.session import HttpSession

        class ClientHttpSession(HttpSession):
            """A client's session: closed by the client (``close()`` here is a no-op).

            With ``_errors_returned`` (``create_http_session(suppress_error=True)``, the
            reference library's behaviour) a non-2xx response is returned, not raised.
            """

            def __init__(self, *, errors_returned: bool = False, **options: Any) -> None:
                super().__init__(**options)
                self._errors_returned = errors_returned

            def _raise_for_status(self, response: httpx.Response, span: Span) -> None:
                if self._errors_returned and not response.is_success:
                    return
                super()._raise_for_status(response, span)

            def close(self) -> None:
                """No-op: the owning service client closes its pooled connection."""

            def _release(self) -> None:
                HttpSession.close(self)

        _SHARED_SESSION_CLASS = ClientHttpSession
    return _SHARED_SESSION_CLASS

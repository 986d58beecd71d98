"""``AsyncServiceClient``: what every :mod:`dnastack.aio` client shares.

An async client wraps its sync twin (:attr:`AsyncServiceClient.sync`) for everything that
is not I/O: endpoint, URL, settings, authenticators (so the same single-flight token
state), events, id resolution, errors. It owns an ``httpx.AsyncClient`` built from the same
options (:func:`~dnastack.http.async_transport.build_async_http_client`) and drives the
same flows as the sync client (:mod:`dnastack.client.flows`) with ``await``.

Requests in flight are bounded by ``max_concurrency`` (argument, else the
``max_concurrency`` setting, default 16). The ``httpx.AsyncClient`` belongs to the event
loop that first used it; a client used from another loop later gets a new one (one loop at
a time: a module-level client driven by successive ``asyncio.run`` calls, notebook cells, a
loop per test). Moving on releases the previous loop's connections
(:meth:`~dnastack.http.async_connection.AsyncStreamTransport.release_without_loop`):

* that loop is closed (the usual case, after ``asyncio.run``): their sockets are closed at
  once, without it;
* it is still open (running in another thread, or stopped and able to run again): it is
  never used from this thread; a callback scheduled on it (``call_soon_threadsafe``)
  closes the idle connections when it runs (an ``asyncio.run`` there has closed them when
  it returns), and those in use there close when their response is read; if that loop is
  closed before running the callback, the client's next ``aclose()`` (or next move)
  closes them.

``aclose()`` awaited on another loop than the one the connections belong to releases them
the same way. Connections through a proxy (httpx's own transport) are left to that loop.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, ClassVar, Generic, Self, TypeVar

from dnastack.client.base import BaseServiceClient
from dnastack.client.flows import Flow, arun_flow

if TYPE_CHECKING:
    import httpx

    from dnastack.aio.session import AsyncHttpSession
    from dnastack.client.models import ServiceEndpoint
    from dnastack.client.service_registry.models import ServiceType
    from dnastack.common.events import EventSource
    from dnastack.http.async_connection import AsyncStreamTransport
    from dnastack.settings import Settings

__all__ = ["AsyncServiceClient"]

SyncClient = TypeVar("SyncClient", bound=BaseServiceClient)
_T = TypeVar("_T")


class AsyncServiceClient(Generic[SyncClient]):
    """Base of the asyncio clients.

    Args:
        endpoint: the service endpoint (URL, type, authentication).
        settings: resolved settings (resolved on first use when not given).
        http_options: extra options for the HTTP client builders (tests inject
            ``async_transport`` and ``async_sleep`` here).
        max_concurrency: requests in flight at once (default: the ``max_concurrency``
            setting).
        sync_options: further constructor arguments of the sync twin.
    """

    _sync_class: ClassVar[type[BaseServiceClient]]

    def __init__(
        self,
        endpoint: ServiceEndpoint,
        *,
        settings: Settings | None = None,
        http_options: Mapping[str, Any] | None = None,
        max_concurrency: int | None = None,
        **sync_options: Any,
    ) -> None:
        sync: Any = self._sync_class(
            endpoint, settings=settings, http_options=http_options, **sync_options
        )
        self._sync: SyncClient = sync
        self._max_concurrency = max_concurrency
        self._http_options = dict(http_options or {})
        self._client: httpx.AsyncClient | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._limit: asyncio.Semaphore | None = None
        self._sessions: dict[bool, AsyncHttpSession] = {}
        self._unreleased: list[AsyncStreamTransport] = []  # of loops left, sockets still open

    # -- the sync twin's non-I/O members ---------------------------------------------------

    @property
    def sync(self) -> SyncClient:
        """The sync twin: same endpoint, settings, authenticators and events."""
        return self._sync

    @property
    def endpoint(self) -> ServiceEndpoint:
        """The service endpoint this client talks to."""
        return self._sync.endpoint

    @property
    def url(self) -> str:
        """The base URL to the endpoint (always ending with ``/``)."""
        return self._sync.url

    @property
    def events(self) -> EventSource:
        """The sync twin's events (its authenticators' events are relayed there)."""
        return self._sync.events

    @property
    def max_concurrency(self) -> int:
        """Requests in flight at once."""
        if self._max_concurrency is None:
            self._max_concurrency = self._sync._resolved_settings().max_concurrency
        return self._max_concurrency

    @classmethod
    def make(cls, endpoint: ServiceEndpoint, **options: Any) -> Self:
        """Create this class with the given ``endpoint`` (``options``: the constructor's
        keyword arguments, e.g. ``max_concurrency`` or ``settings``)."""
        return cls(endpoint, **options)

    @classmethod
    def get_adapter_type(cls) -> str:
        """Get the descriptive adapter type (the sync twin's)."""
        return cls._sync_class.get_adapter_type()

    @classmethod
    def get_supported_service_types(cls) -> list[ServiceType]:
        """The list of supported service types (the sync twin's); the first is the default."""
        return cls._sync_class.get_supported_service_types()

    @classmethod
    def get_default_service_type(cls) -> ServiceType:
        """The first supported service type (the sync twin's)."""
        return cls._sync_class.get_default_service_type()

    def require_authentication(self) -> bool:
        """Whether the endpoint declares any authentication (as the sync twin)."""
        return self._sync.require_authentication()

    # -- lifecycle --------------------------------------------------------------------------

    async def aclose(self) -> None:
        """Close the pooled connections (the client can be used again; it reconnects),
        also those of another loop (see the module docstring)."""
        client, self._client = self._client, None
        self._sessions.clear()
        if client is not None and self._loop is asyncio.get_running_loop():
            await client.aclose()
            client = None
        self._leave(client)
        self._sync.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        from dnastack.exceptions import safe_url

        return f"{type(self).__name__}(url={safe_url(self.url)!r})"

    def create_http_session(
        self, suppress_error: bool = False, no_auth: bool = False
    ) -> AsyncHttpSession:
        """This client's pooled session on the running loop (the same one on each call):
        ``await session.submit(method, url)``, ``async with session.stream(...)``. HTTP
        errors are always raised (typed); ``suppress_error=True`` (return them) is not
        offered on asyncio sessions.

        Raises:
            ValueError: ``suppress_error=True``.
        """
        if suppress_error:
            raise ValueError(
                f"{type(self).__name__}.create_http_session(): suppress_error=True is not "
                "supported; HTTP errors are raised as dnastack.exceptions.HttpError"
            )
        return self._session(no_auth)

    # -- for subclasses ---------------------------------------------------------------------

    def _session(self, no_auth: bool = False) -> AsyncHttpSession:
        """The pooled session of the running loop (with or without credentials)."""
        loop = asyncio.get_running_loop()
        if self._client is None or self._loop is not loop or self._client.is_closed:
            self._open(loop)
        session = self._sessions.get(no_auth)
        if session is None:
            from dnastack.aio.session import AsyncHttpSession

            assert self._client is not None and self._limit is not None
            options = self._sync._http_client_options()
            session = AsyncHttpSession(
                self._client,
                auth=options.get("auth"),
                enable_auth=not no_auth,
                limit=self._limit,
            )
            self._sessions[no_auth] = session
        return session

    async def _run(self, flow: Flow[_T]) -> _T:
        """Drive a flow of the sync client's operations with this client's sessions."""
        sleep = self._http_options.get("async_sleep", asyncio.sleep)
        return await arun_flow(flow, self._session, sleep)

    def _open(self, loop: asyncio.AbstractEventLoop) -> None:
        from dnastack.http.async_transport import build_async_http_client

        self._leave(self._client)
        options = self._sync._http_client_options()
        options.pop("auth", None)  # each session passes its own (or none)
        self._client = build_async_http_client(**options)
        self._loop = loop
        self._limit = asyncio.Semaphore(self.max_concurrency)
        self._sessions.clear()

    def _leave(self, client: httpx.AsyncClient | None) -> None:
        """Release the connections of ``client`` (of a loop this client leaves, or None), and
        those of loops left earlier that still had some open."""
        from dnastack.http.async_transport import connection_pool

        pool = connection_pool(client) if client is not None else None
        if pool is not None:
            self._unreleased.append(pool)
        self._unreleased = [p for p in self._unreleased if not p.release_without_loop()]

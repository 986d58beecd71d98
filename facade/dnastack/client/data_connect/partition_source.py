"""Where a partition is read: the endpoint, and credentials found *on the worker*.

A :class:`DataConnectSource` holds the endpoint URL, the configuration context and file
names, and optionally a credentials provider (a picklable callable returning a bearer
token, called on the worker): never a token. On a worker, :meth:`DataConnectSource.client`
resolves settings there (environment, configuration file, ``DNASTACK_SECURITY_CONTEXT``) and
uses the configured endpoint with this URL, with its authentication and session storage.

:func:`in_flight_slot` bounds the partitions of one server read at the same time: a
``distributed.Semaphore`` named after the server inside a Dask worker (shared by the whole
cluster), a process-wide semaphore otherwise.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from dnastack.client.data_connect.client import DataConnectClient
    from dnastack.client.models import ServiceEndpoint
    from dnastack.settings import Settings

__all__ = ["CredentialsProvider", "DataConnectSource", "in_flight_slot"]

CredentialsProvider = Callable[[], str]
"""Returns a bearer token; called on the worker each time a partition's client is made."""

_CLIENTS: dict[DataConnectSource, DataConnectClient] = {}
_CLIENTS_LOCK = threading.Lock()


@dataclass(frozen=True)
class DataConnectSource:
    """A Data Connect endpoint as a worker finds it (picklable; holds no secret).

    Attributes:
        url: the Data Connect base URL.
        context: the configuration context to resolve on the worker (None: its default).
        config_file: the configuration file to read on the worker (None: its default).
        credentials: a provider of bearer tokens (None: the configuration's).
        no_auth: send no credentials at all.
    """

    url: str
    context: str | None = None
    config_file: str | None = None
    credentials: CredentialsProvider | None = None
    no_auth: bool = False

    def __repr__(self) -> str:
        from dnastack.exceptions import safe_url

        return f"DataConnectSource(url={safe_url(self.url)!r}, context={self.context!r})"

    def client(self) -> DataConnectClient:
        """A client for this endpoint built here (cached per process unless a provider
        gives the token: then a new one per call, so a fresh token is asked for)."""
        if self.credentials is not None:
            return self._build()
        with _CLIENTS_LOCK:
            found = _CLIENTS.get(self)
            if found is None:
                found = _CLIENTS[self] = self._build()
            return found

    def _build(self) -> DataConnectClient:
        from dnastack.client.data_connect.client import DataConnectClient

        settings = self._settings()
        return DataConnectClient(self._endpoint(settings), settings=settings, prefetch=True)

    def _settings(self) -> Settings:
        from dnastack.settings import resolve_settings

        return resolve_settings(config_file=self.config_file, context=self.context)

    def _endpoint(self, settings: Settings) -> ServiceEndpoint:
        from dnastack.client.models import ServiceEndpoint

        if self.credentials is not None:
            token = self.credentials()
            return ServiceEndpoint(url=self.url, authentication={"type": "bearer", "token": token})
        configured = configured_endpoint(settings, self.url)
        return configured if configured is not None else ServiceEndpoint(url=self.url)


def configured_endpoint(settings: Settings, url: str) -> ServiceEndpoint | None:
    """The endpoint of ``settings``' context whose URL is ``url`` (with its credentials)."""
    wanted = url.rstrip("/")
    for endpoint in settings.configured_endpoints:
        if endpoint.url.rstrip("/") == wanted:
            return settings.endpoint("data_connect", endpoint_id=endpoint.id)
    return None


# -- partitions in flight per server ------------------------------------------------------

_LOCAL_SLOTS: dict[tuple[str, int], threading.BoundedSemaphore] = {}
_LOCAL_SLOTS_LOCK = threading.Lock()


def server_of(url: str) -> str:
    """``host:port`` of ``url`` (what the in-flight bound counts per)."""
    parts = urlsplit(url)
    return parts.netloc.rpartition("@")[2] or url


@contextlib.contextmanager
def in_flight_slot(url: str, limit: int) -> Iterator[None]:
    """Hold one of ``limit`` slots for the server of ``url`` while the block runs."""
    semaphore = _cluster_semaphore(server_of(url), limit)
    if semaphore is not None:
        with semaphore:
            yield
        return
    key = (server_of(url), limit)
    with _LOCAL_SLOTS_LOCK:
        local = _LOCAL_SLOTS.setdefault(key, threading.BoundedSemaphore(limit))
    with local:
        yield


def _cluster_semaphore(server: str, limit: int) -> Any:
    try:
        from distributed import Semaphore, get_worker
    except ImportError:
        return None
    try:
        get_worker()
    except ValueError:  # not inside a Dask worker task
        return None
    semaphore: Any = Semaphore
    return semaphore(max_leases=limit, name=f"dnastack-data-connect:{server}:{limit}")

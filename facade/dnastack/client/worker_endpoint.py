"""A service endpoint as a worker process finds it: credentials from *its* configuration.

Work shipped to other processes or machines (Dask tasks, Spark partitions, executor jobs)
carries a :class:`WorkerEndpoint`: the endpoint URL and kind, the configuration context and
file names, and optionally a credentials provider (a picklable callable returning a bearer
token, called on the worker): never a token. On the worker, :meth:`WorkerEndpoint.client`
resolves settings there (environment, configuration file, ``DNASTACK_SECURITY_CONTEXT``) and
uses the configured endpoint with this URL, with its authentication and session storage.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from dnastack.exceptions import ConfigurationError

if TYPE_CHECKING:
    from dnastack.client.base import BaseServiceClient
    from dnastack.client.models import ServiceEndpoint
    from dnastack.settings import Settings

__all__ = ["CredentialsProvider", "WorkerEndpoint", "configured_endpoint", "worker_endpoint_for"]

CredentialsProvider = Callable[[], str]
"""Returns a bearer token; called on the worker each time a client is made there."""

_CLIENTS: dict[WorkerEndpoint, Any] = {}
_CLIENTS_LOCK = threading.Lock()


@dataclass(frozen=True)
class WorkerEndpoint:
    """An endpoint as a worker finds it (picklable; holds no secret).

    Attributes:
        url: the service's base URL.
        short_type: ``data_connect`` or ``drs``.
        context: the configuration context to resolve on the worker (None: its default).
        config_file: the configuration file to read on the worker (None: its default).
        credentials: a provider of bearer tokens (None: the configuration's).
        no_auth: send no credentials at all.
    """

    url: str
    short_type: str = "data_connect"
    context: str | None = None
    config_file: str | None = None
    credentials: CredentialsProvider | None = None
    no_auth: bool = False

    def __repr__(self) -> str:
        from dnastack.exceptions import safe_url

        return f"WorkerEndpoint(url={safe_url(self.url)!r}, context={self.context!r})"

    def client(self) -> Any:
        """A client for this endpoint built here (cached per process unless a provider
        gives the token: then a new one per call, so a fresh token is asked for)."""
        if self.credentials is not None:
            return self._build()
        with _CLIENTS_LOCK:
            found = _CLIENTS.get(self)
            if found is None:
                found = _CLIENTS[self] = self._build()
            return found

    def _build(self) -> BaseServiceClient:
        from dnastack.settings import resolve_settings

        settings = resolve_settings(config_file=self.config_file, context=self.context)
        return _client_class(self.short_type)(self._endpoint(settings), settings=settings)

    def _endpoint(self, settings: Settings) -> ServiceEndpoint:
        from dnastack.client.models import ServiceEndpoint

        if self.credentials is not None:
            token = self.credentials()
            return ServiceEndpoint(url=self.url, authentication={"type": "bearer", "token": token})
        configured = configured_endpoint(settings, self.url, self.short_type)
        return configured if configured is not None else ServiceEndpoint(url=self.url)


def _client_class(short_type: str) -> type[BaseServiceClient]:
    if short_type == "drs":
        from dnastack.client.drs.client import DrsClient

        return DrsClient
    from dnastack.client.data_connect.client import DataConnectClient

    return DataConnectClient


def configured_endpoint(
    settings: Settings, url: str, short_type: str = "data_connect"
) -> ServiceEndpoint | None:
    """The endpoint of ``settings``' context whose URL is ``url`` (with its credentials)."""
    wanted = url.rstrip("/")
    for endpoint in settings.configured_endpoints:
        if endpoint.url.rstrip("/") == wanted:
            return settings.endpoint(short_type, endpoint_id=endpoint.id)
    return None


def worker_endpoint_for(
    client: BaseServiceClient,
    short_type: str,
    credentials: CredentialsProvider | None,
    no_auth: bool,
) -> WorkerEndpoint:
    """The :class:`WorkerEndpoint` of ``client``.

    Raises:
        ConfigurationError: the client has credentials a worker could not find (not in the
            configuration context, no security context, no provider).
    """
    settings = client._resolved_settings()
    if (
        credentials is None
        and not no_auth
        and client.endpoint.authentications()
        and settings.security_context is None
        and configured_endpoint(settings, client.url, short_type) is None
    ):
        raise ConfigurationError(
            "this client's credentials are not in the configuration context "
            f"{settings.context!r}, so workers could not find them: configure the endpoint "
            "(dnastack use ...), or pass credentials=<a picklable callable returning a token>"
        )
    return WorkerEndpoint(
        url=client.url,
        short_type=short_type,
        context=settings.context,
        config_file=str(settings.config_file),
        credentials=credentials,
        no_auth=no_auth,
    )

"""``dnastack.use(registry_url)``: set up every service a Service Registry lists.

::

    import dnastack

    node = dnastack.use("http://127.0.0.1:8080/")
    rows = list(node.data_connect().query("SELECT * FROM variants LIMIT 5"))
    node.drs().download(["hello.json"], "out/")

The registry is asked for its services; each becomes an endpoint (its ``authentication``
entries mapped to the configuration's auth dicts), the first service of each type becomes
that type's default, and the result hands out clients: ``data_connect()``, ``drs()``,
``collections()``, ``explorer()``, ``registry()`` or ``get(cls)``; and, as the reference
library's endpoint repository does, ``all()``, ``get(endpoint_id)`` and
``get_one_of(client_class=..., endpoint_type=...)``. With ``save=True`` the
endpoints and defaults are written to the configuration file as a context (made current),
so the CLI and ``ConfigurationBasedClientFactory`` use them too.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast, overload
from urllib.parse import urlsplit

from dnastack.client.models import ServiceEndpoint
from dnastack.common.closing import Closeable
from dnastack.configuration.short_types import SHORT_TYPES, short_type_of
from dnastack.exceptions import DnastackError, MissingEndpointError, safe_url

if TYPE_CHECKING:
    import os

    from dnastack.client.base import BaseServiceClient
    from dnastack.client.collections.client import CollectionServiceClient
    from dnastack.client.data_connect import DataConnectClient
    from dnastack.client.drs import DrsClient
    from dnastack.client.explorer.client import ExplorerClient
    from dnastack.client.service_registry.client import ServiceRegistry
    from dnastack.client.service_registry.models import ServiceType
    from dnastack.common.events import EventHandler
    from dnastack.configuration.models import Context
    from dnastack.settings import Settings

__all__ = ["RegistryContext", "SingleEndpointIdentifyingCriteriaError", "context_name_for", "use"]

_C = TypeVar("_C", bound="BaseServiceClient")


def context_name_for(registry_url: str) -> str:
    """The default context name of a registry: ``host:port`` (``host`` without a port), as
    the reference library and CLI name it; never the URL's user-info."""
    parts = urlsplit(registry_url)
    host = parts.hostname or "registry"
    if ":" in host:
        host = f"[{host}]"
    return f"{host}:{parts.port}" if parts.port else host


def _legacy_context_name(registry_url: str) -> str:
    """The name earlier versions of ``use()`` gave (``127.0.0.1-8080``)."""
    parts = urlsplit(registry_url)
    host = parts.hostname or "registry"
    return f"{host}-{parts.port}" if parts.port else host


class SingleEndpointIdentifyingCriteriaError(DnastackError, RuntimeError):
    """``get_one_of`` found no endpoint, or several, for its criteria (``endpoints``)."""

    def __init__(self, endpoints: list[ServiceEndpoint], condition: str) -> None:
        self.endpoints = endpoints
        if not endpoints:
            message = f"No endpoints for {condition}"
        else:
            listed = ", ".join(f"{e.id} ({e.type})" for e in endpoints)
            message = f"Too many endpoints for {condition} (Endpoints: {listed})"
        super().__init__(message)


class RegistryContext(Closeable):
    """The endpoints discovered from a registry, and clients for them.

    Attributes:
        registry_url: the registry that was asked.
        context_name: the name of the context (saved or not).
        endpoints: one endpoint per registered service (ids are the service ids).
        defaults: short type -> the default endpoint id for that type.
        saved: whether the context was written to the configuration file.
    """

    def __init__(
        self,
        registry_url: str,
        context_name: str,
        endpoints: list[ServiceEndpoint],
        defaults: dict[str, str],
        *,
        settings: Settings | None = None,
        saved: bool = False,
    ) -> None:
        self.registry_url = registry_url
        self.context_name = context_name
        self.endpoints = endpoints
        self.defaults = defaults
        self.saved = saved
        self._settings = settings
        self._clients: dict[tuple[type[Any], str], BaseServiceClient] = {}
        self._lock = threading.Lock()
        self._interceptors: dict[str, EventHandler] = {}

    def __repr__(self) -> str:
        return (
            f"RegistryContext(registry_url={safe_url(self.registry_url)!r}, "
            f"context_name={self.context_name!r}, endpoints={[e.id for e in self.endpoints]!r})"
        )

    # -- look-ups -----------------------------------------------------------------------

    def endpoint(self, short_type: str, endpoint_id: str | None = None) -> ServiceEndpoint:
        """The endpoint ``endpoint_id``, or the default endpoint of ``short_type``.

        Raises:
            MissingEndpointError: the registry lists no such service.
        """
        wanted = endpoint_id or self.defaults.get(short_type)
        for endpoint in self.endpoints:
            if endpoint.id == wanted:
                return endpoint
        listed = ", ".join(f"{e.id} ({short_type_of(e.type) or e.type})" for e in self.endpoints)
        what = f"endpoint {endpoint_id!r}" if endpoint_id else f"{short_type} service"
        raise MissingEndpointError(
            f"the registry {safe_url(self.registry_url)} lists no {what}; it lists: "
            f"{listed or 'nothing'}"
        )

    def as_context(self) -> Context:
        """The configuration context these endpoints and defaults make."""
        from dnastack.configuration.models import Context

        return Context(endpoints=list(self.endpoints), defaults=dict(self.defaults))

    # -- clients --------------------------------------------------------------------------

    def all(
        self,
        *,
        endpoint_type: ServiceType | None = None,
        client_class: type[BaseServiceClient] | None = None,
    ) -> list[ServiceEndpoint]:
        """The endpoints, or those of ``endpoint_type`` (exactly), or those a
        ``client_class`` serves (same group and artifact, within its major versions)."""
        if endpoint_type is None and client_class is None:
            return list(self.endpoints)
        return [e for e in self.endpoints if _compatible(e, endpoint_type, client_class)]

    def get_one_of(
        self,
        *,
        endpoint_type: ServiceType | None = None,
        client_class: type[_C] | None = None,
    ) -> Any:
        """The client for the one endpoint matching the criteria (see :meth:`all`); when
        several fit ``client_class``, those of a type registered to it are preferred.

        Raises:
            SingleEndpointIdentifyingCriteriaError: no endpoint, or several, match.
        """
        if endpoint_type is None and client_class is None:
            raise SingleEndpointIdentifyingCriteriaError([], "no criteria")
        found = self.all(endpoint_type=endpoint_type, client_class=client_class)
        if len(found) > 1 and client_class is not None:
            # several types fit (ExplorerClient also reads the Explorer collection service):
            # the endpoints whose type is registered to the class win
            from dnastack.client.constants import client_class_for

            own = [e for e in found if e.type and client_class_for(e.type) is client_class]
            found = own or found
        if len(found) != 1:
            condition = (
                f"endpoint_type = {endpoint_type}"
                if endpoint_type is not None
                else f"client_class = {getattr(client_class, '__name__', client_class)}"
            )
            raise SingleEndpointIdentifyingCriteriaError(found, condition)
        cls = client_class or _class_for_endpoint(found[0])
        return self._cached(cls, found[0])

    @overload
    def get(self, cls: str) -> BaseServiceClient | None: ...
    @overload
    def get(self, cls: type[_C], endpoint_id: str | None = None, **kwargs: Any) -> _C: ...
    def get(
        self, cls: type[_C] | str, endpoint_id: str | None = None, **kwargs: Any
    ) -> _C | BaseServiceClient | None:
        """A ``cls`` client for the default endpoint of its type (or ``endpoint_id``).

        Clients are cached per class and endpoint (one connection pool each) until
        :meth:`close`. Extra ``kwargs`` go to the constructor (and bypass the cache).

        ``get("endpoint-id")`` (the reference library's form) gives the client for that
        endpoint, of the class registered for its type, or None when there is no such
        endpoint.

        Raises:
            MissingEndpointError: the registry lists no service of a type ``cls`` serves.
            UnsupportedServiceTypeError: no client class serves the endpoint's type.
        """
        if isinstance(cls, str):
            for endpoint in self.endpoints:
                if endpoint.id == cls:
                    return self._cached(_class_for_endpoint(endpoint), endpoint)
            return None
        short_type = _short_type(cls)
        endpoint = self.endpoint(short_type, endpoint_id)
        if kwargs:
            return self._build(cls, endpoint, kwargs)
        return self._cached(cls, endpoint)

    def _cached(self, cls: type[_C], endpoint: ServiceEndpoint) -> _C:
        key = (cls, endpoint.id)
        with self._lock:
            client = self._clients.get(key)
            if client is None:
                client = self._clients[key] = self._build(cls, endpoint, {})
        for name, handler in self._interceptors.items():  # also on a cached client (once)
            client.events.on(name, handler)
        return cast(_C, client)

    def data_connect(self, endpoint_id: str | None = None) -> DataConnectClient:
        """The Data Connect client."""
        from dnastack.client.data_connect import DataConnectClient

        return self.get(DataConnectClient, endpoint_id)

    def drs(self, endpoint_id: str | None = None) -> DrsClient:
        """The DRS client."""
        from dnastack.client.drs import DrsClient

        return self.get(DrsClient, endpoint_id)

    def collections(self, endpoint_id: str | None = None) -> CollectionServiceClient:
        """The Collection Service client."""
        from dnastack.client.collections.client import CollectionServiceClient

        return self.get(CollectionServiceClient, endpoint_id)

    def explorer(self, endpoint_id: str | None = None) -> ExplorerClient:
        """The Explorer client."""
        from dnastack.client.explorer.client import ExplorerClient

        return self.get(ExplorerClient, endpoint_id)

    def registry(self, endpoint_id: str | None = None) -> ServiceRegistry:
        """The Service Registry client."""
        from dnastack.client.service_registry.client import ServiceRegistry

        return self.get(ServiceRegistry, endpoint_id)

    def set_default_event_interceptors(
        self, interceptors: Mapping[str, EventHandler | None]
    ) -> None:
        """Event handlers (event name -> handler; None removes one) registered on every
        client handed out from now on, a cached one included (the reference library's
        method)."""
        for name, handler in interceptors.items():
            if handler is None:
                self._interceptors.pop(name, None)
            else:
                self._interceptors[name] = handler

    def _build(self, cls: type[_C], endpoint: ServiceEndpoint, kwargs: Mapping[str, Any]) -> _C:
        options = dict(kwargs)
        if self._settings is not None:
            options.setdefault("settings", self._settings)
        client = cls(endpoint, **options)
        for name, handler in self._interceptors.items():
            client.events.on(name, handler)
        return client

    def close(self) -> None:
        """Close every client handed out."""
        with self._lock:
            clients = list(self._clients.values())
            self._clients.clear()
        for client in clients:
            client.close()


def _compatible(
    endpoint: ServiceEndpoint,
    endpoint_type: ServiceType | None,
    client_class: type[BaseServiceClient] | None,
) -> bool:
    from dnastack.client.service_registry.factory import type_matches

    if endpoint.type is None:
        return False
    if endpoint_type is not None and type_matches(endpoint.type, endpoint_type):
        return True
    return client_class is not None and any(
        type_matches(endpoint.type, supported, exact_match=False)
        for supported in client_class.get_supported_service_types()
    )


def _class_for_endpoint(endpoint: ServiceEndpoint) -> type[BaseServiceClient]:
    from dnastack.client.constants import client_class_for
    from dnastack.client.service_registry.factory import UnsupportedServiceTypeError

    cls = client_class_for(endpoint.type) if endpoint.type is not None else None
    if cls is None:
        raise UnsupportedServiceTypeError(endpoint)
    return cls


def _short_type(cls: type[BaseServiceClient]) -> str:
    from dnastack.configuration.short_types import normalize_short_type

    return normalize_short_type(cls.get_adapter_type())


def use(
    registry_url: str,
    no_auth: bool = False,
    *,
    context_name: str | None = None,
    save: bool = False,
    config_file: str | os.PathLike[str] | None = None,
    settings: Settings | None = None,
    registry_authentication: Mapping[str, Any] | None = None,
    authentication_overrides: Mapping[str, Any] | None = None,
) -> RegistryContext:
    """Discover the services of a Service Registry and hand out clients for them.

    Args:
        registry_url: the registry's base URL (e.g. ``http://127.0.0.1:8080/``); a bare
            ``host[:port]`` means ``https://host[:port]/``, as in the reference library.
        no_auth: ignore the registry's ``authentication`` entries (public services); the
            one argument after the URL that may be positional (as in the reference library).
        context_name: the context name (default: the registry's host and port).
        save: write the context to the configuration file and make it current.
        config_file: the configuration file to write (default: the resolved settings').
        settings: resolved settings for the clients (default: resolved on first use).
        registry_authentication: an auth dict for the registry itself, when its listing
            is not public.
        authentication_overrides: merged into every discovered auth dict (e.g. a
            ``client_secret`` and ``grant_type: client_credentials``).

    Raises:
        ServiceListingError: the registry could not list its services.
    """
    from dnastack.client.service_registry.builders import endpoint_from_service
    from dnastack.client.service_registry.client import ServiceRegistry

    if "://" not in registry_url:
        registry_url = f"https://{registry_url.strip('/')}/"
    registry_endpoint = ServiceEndpoint(
        id="registry",
        url=registry_url,
        type=SHORT_TYPES["registry"],
        authentication=dict(registry_authentication) if registry_authentication else None,
    )
    with ServiceRegistry(registry_endpoint, settings=settings) as registry:
        services = registry.list_services()
    endpoints: list[ServiceEndpoint] = []
    for service in services:
        if not service.url:
            continue
        endpoint = endpoint_from_service(
            service, source_id=registry_url, authentication_overrides=authentication_overrides
        )
        if no_auth:
            endpoint = endpoint.copy(
                update={"authentication": None, "fallback_authentications": None}
            )
        endpoints.append(endpoint)
    if not any(short_type_of(e.type) == "registry" for e in endpoints):
        endpoints.append(registry_endpoint)
    defaults: dict[str, str] = {}
    for endpoint in endpoints:
        short_type = short_type_of(endpoint.type)
        if short_type is not None:
            defaults.setdefault(short_type, endpoint.id)
    name = context_name or context_name_for(registry_url)
    result = RegistryContext(registry_url, name, endpoints, defaults, settings=settings)
    if save:
        _save(result, config_file, settings, None if context_name else registry_url)
        result.saved = True
    return result


def _save(
    result: RegistryContext,
    config_file: str | os.PathLike[str] | None,
    settings: Settings | None,
    default_named_for: str | None = None,
) -> None:
    """Write the context; ``default_named_for``: the registry URL when the name was not
    given, so a context saved under the old default name is updated, not duplicated."""
    from dnastack.configuration.manager import ConfigurationManager
    from dnastack.configuration.models import Configuration

    if config_file is None:
        if settings is None:
            from dnastack.settings import resolve_settings

            settings = resolve_settings()
        config_file = settings.config_file

    def change(configuration: Configuration) -> None:
        if default_named_for is not None and result.context_name not in configuration.contexts:
            legacy = _legacy_context_name(default_named_for)
            if legacy in configuration.contexts:
                result.context_name = legacy
        configuration.contexts[result.context_name] = result.as_context()
        configuration.current_context = result.context_name

    ConfigurationManager(config_file).update(change)

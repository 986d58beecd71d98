"""``ClientFactory``: service clients for the services that Service Registries list.

A client class serves the service types it declares (``get_supported_service_types()``),
matched by (group, artifact) and a version range (the declared major version: ``1.0.0``
covers every ``1.x``). The class asked for is the class returned: ``create(ExplorerClient,
...)`` gives an ``ExplorerClient`` built on an Explorer entry, never another client that
happens to share a group.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from dnastack.client.constants import SERVICE_CLIENT_CLASS, VersionRange
from dnastack.client.models import ServiceEndpoint
from dnastack.client.service_registry.builders import endpoint_from_service
from dnastack.client.service_registry.client import REGISTRY_SERVICE_TYPES, ServiceRegistry
from dnastack.client.service_registry.models import Service, ServiceType
from dnastack.common.logs import sdk_logger
from dnastack.common.model import Model, model
from dnastack.exceptions import DnastackError, safe_url

if TYPE_CHECKING:
    from dnastack.settings import Settings

__all__ = [
    "ClientFactory",
    "RegisteredServiceEndpoint",
    "RegisteredServiceInfo",
    "ServiceEndpointNotFound",
    "UnregisteredServiceEndpointError",
    "UnsupportedClientClassError",
    "UnsupportedServiceTypeError",
    "UsePreConditionError",
    "type_matches",
]


class ServiceEndpointNotFound(DnastackError, RuntimeError):
    """Raised when the requested service endpoint is not found"""


class UsePreConditionError(DnastackError, RuntimeError):
    """:meth:`ClientFactory.use` was given no registry."""


class UnregisteredServiceEndpointError(ServiceEndpointNotFound):
    """Raised when the requested service endpoint is not registered

    Attributes:
        services: the registered services of the requested kind (the alternatives).
    """

    def __init__(self, services: Iterable[Service], requested: str | None = None) -> None:
        self.services = list(services)
        self.requested = requested
        alternatives = ", ".join(f"{s.id} ({safe_url(s.url or '')})" for s in self.services)
        what = (
            f"{requested!r} is not a registered service of the requested type"
            if requested
            else "the requested service endpoint is not registered"
        )
        super().__init__(f"{what}; registered: {alternatives or 'none'}")


class UnsupportedClientClassError(DnastackError):
    """Raised when the given client class is not supported

    Attributes:
        cls: the class that was given.
    """

    def __init__(self, cls: type) -> None:
        self.cls = cls
        super().__init__(
            f"{getattr(cls, '__name__', cls)!s} is not a service client class "
            "(it declares no supported service types)"
        )


class UnsupportedServiceTypeError(DnastackError, RuntimeError):
    """No client class serves the endpoint's service type (``endpoint``)."""

    def __init__(self, endpoint: ServiceEndpoint) -> None:
        self.endpoint = endpoint
        kind = endpoint.type
        described = f"{kind.group}:{kind.artifact}:{kind.version}" if kind else "no type"
        super().__init__(f"{endpoint.id}: {described} is not supported")


_logger = sdk_logger("dnastack.service_registry")


@model
class RegisteredServiceInfo(Model):
    """A service as one registry lists it (``source_url``: that registry's URL)."""

    source_url: str
    info: Service


@model
class RegisteredServiceEndpoint(Model):
    """An endpoint built from a registry entry (``source_url``: that registry's URL)."""

    source_url: str
    endpoint: ServiceEndpoint


def type_matches(candidate: ServiceType, wanted: ServiceType, exact_match: bool = True) -> bool:
    """Whether ``candidate`` is ``wanted`` (exactly), or the same (group, artifact) within
    the major version of ``wanted`` (``exact_match=False``)."""
    if exact_match:
        return (candidate.group, candidate.artifact, candidate.version) == (
            wanted.group,
            wanted.artifact,
            wanted.version,
        )
    return (
        candidate.group == wanted.group
        and candidate.artifact == wanted.artifact
        and candidate.version in VersionRange.major_of(wanted.version)
    )


def _same_url(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and a.rstrip("/") == b.rstrip("/")


class ClientFactory:
    """Service Client Factory using Service Registries

    Args:
        registries: the registries to search, in order.
        settings: resolved settings handed to every client created (optional).
        authentication_overrides: merged into every authentication dict of the created
            endpoints (e.g. ``{"grant_type": "client_credentials", "client_secret": ...}``
            for a confidential client the registry cannot publish).
    """

    def __init__(
        self,
        registries: list[ServiceRegistry],
        *,
        settings: Settings | None = None,
        authentication_overrides: Mapping[str, Any] | None = None,
    ) -> None:
        self._registries = list(registries)
        self._settings = settings
        self._auth_overrides = dict(authentication_overrides or {})

    @property
    def registries(self) -> list[ServiceRegistry]:
        return list(self._registries)

    def find_services(
        self,
        url: str | None = None,
        types: list[ServiceType] | None = None,
        exact_match: bool = True,
    ) -> Iterable[Service]:
        """Find GA4GH services

        Args:
            url: only the service at this base URL (a trailing ``/`` does not matter).
            types: only services of one of these types.
            exact_match: types must match exactly; otherwise same group and artifact and a
                version within the wanted major version.

        Raises:
            ServiceListingError: a registry could not list its services.
        """
        return [service for _, service in self._find(url, types, exact_match)]

    def _find(
        self, url: str | None, types: Sequence[ServiceType] | None, exact_match: bool
    ) -> Iterator[tuple[ServiceRegistry, Service]]:
        for registry in self._registries:
            for service in registry.list_services():
                if types and not any(type_matches(service.type, t, exact_match) for t in types):
                    continue
                if url is not None and not _same_url(service.url, url):
                    continue
                yield registry, service

    def all_service_infos(self) -> Iterator[RegisteredServiceInfo]:
        """Every service every registry lists, with the registry it came from.

        A registry that cannot list its services is skipped with a warning (the others are
        still listed). OAuth2 entries that differ only in ``resource`` and ``scope`` are
        merged so that one token can serve them all
        (:func:`~dnastack.client.service_registry.auth_merge.merge_authentications`).
        """
        from dnastack.client.service_registry.auth_merge import merge_authentications

        entries: list[RegisteredServiceInfo] = []
        for registry in self._registries:
            try:
                services = registry.list_services()
            except DnastackError as exc:
                _logger.warning(
                    "Unable to retrieve the list of services from %s: %s",
                    safe_url(registry.url),
                    exc,
                )
                continue
            entries.extend(
                RegisteredServiceInfo(source_url=registry.url, info=service) for service in services
            )
        merge_authentications(
            (entry.source_url, entry.info.id, entry.info.authentication) for entry in entries
        )
        return iter(entries)

    def get_service_endpoint_by_url(
        self, client_class: type[SERVICE_CLIENT_CLASS], service_endpoint_url: str
    ) -> ServiceEndpoint:
        """The endpoint of the registered service at this base URL, of a type
        ``client_class`` serves (the first one found, registries in order).

        Raises:
            UnsupportedClientClassError: ``client_class`` is not a service client class.
            UnregisteredServiceEndpointError: no such service; ``services`` lists those of
                the same kinds whose URL starts with the given one (the alternatives).
            ServiceListingError: a registry could not list its services.
        """
        supported = _supported_types(client_class)
        for registry, service in self._find(service_endpoint_url, supported, exact_match=False):
            return self._endpoint_for(registry, service)
        prefix = service_endpoint_url.rstrip("/")
        alternatives = [
            service
            for _, service in self._find(None, supported, exact_match=False)
            if (service.url or "").startswith(prefix)
        ]
        raise UnregisteredServiceEndpointError(alternatives, service_endpoint_url)

    def create(
        self, cls: type[SERVICE_CLIENT_CLASS], service_id_or_url: str, **kwargs: Any
    ) -> SERVICE_CLIENT_CLASS:
        """An instance of ``cls`` for the registered service with this id or base URL.

        Args:
            cls: the client class, e.g. ``DataConnectClient`` or ``ExplorerClient``.
            service_id_or_url: the service's registry id, or its base URL.
            kwargs: extra keyword arguments for the client's constructor.

        Raises:
            UnsupportedClientClassError: ``cls`` is not a service client class.
            UnregisteredServiceEndpointError: no service of a type ``cls`` serves has this
                id or URL (the error lists those that do exist).
        """
        supported = _supported_types(cls)
        candidates = list(self._find(None, supported, exact_match=False))
        for registry, service in candidates:
            if service.id == service_id_or_url or _same_url(service.url, service_id_or_url):
                return self._instantiate(cls, self._endpoint_for(registry, service), kwargs)
        raise UnregisteredServiceEndpointError([s for _, s in candidates], service_id_or_url)

    def get(self, id: str) -> Any:
        """The client for the registered service ``id``, of the class registered for its
        type (``DataConnectClient``, ``DrsClient``, ``CollectionServiceClient``...).

        Raises:
            UnregisteredServiceEndpointError: no registry lists a service with this id.
            UnsupportedServiceTypeError: no client class serves the service's type.
        """
        from dnastack.client.constants import client_class_for

        listed = list(self._find(None, None, True))
        for registry, service in listed:
            if service.id == id:
                endpoint = self._endpoint_for(registry, service)
                cls = client_class_for(service.type)
                if cls is None:
                    raise UnsupportedServiceTypeError(endpoint)
                return self._instantiate(cls, endpoint, {})
        raise UnregisteredServiceEndpointError([s for _, s in listed], id)

    def create_all(self, cls: type[SERVICE_CLIENT_CLASS]) -> list[SERVICE_CLIENT_CLASS]:
        """One ``cls`` client per registered service of a type it serves."""
        supported = _supported_types(cls)
        return [
            self._instantiate(cls, self._endpoint_for(registry, service), {})
            for registry, service in self._find(None, supported, exact_match=False)
        ]

    def endpoints(self) -> list[ServiceEndpoint]:
        """An endpoint for every registered service that has a URL."""
        return [self._endpoint_for(r, s) for r, s in self._find(None, None, True) if s.url]

    def _endpoint_for(self, registry: ServiceRegistry, service: Service) -> ServiceEndpoint:
        return endpoint_from_service(
            service,
            source_id=registry.url,
            authentication_overrides=self._auth_overrides or None,
        )

    def _instantiate(
        self, cls: type[SERVICE_CLIENT_CLASS], endpoint: ServiceEndpoint, kwargs: Mapping[str, Any]
    ) -> SERVICE_CLIENT_CLASS:
        if self._settings is not None and "settings" not in kwargs:
            return cls(endpoint, settings=self._settings, **kwargs)
        return cls(endpoint, **kwargs) if kwargs else cls.make(endpoint)

    @staticmethod
    def use(
        *service_registry_endpoints: str | ServiceEndpoint, settings: Settings | None = None
    ) -> ClientFactory:
        """A factory over these registries (URLs or endpoints).

        .. note:: This only works with public registries.

        Args:
            service_registry_endpoints: registry base URLs or endpoints.
            settings: resolved settings for the registries and the clients created.

        Raises:
            UsePreConditionError: no registry was given.
        """
        if not service_registry_endpoints:
            raise UsePreConditionError("There must be at least one service endpoint defined.")
        endpoints = [
            ServiceEndpoint(id=f"auto-sr-{index}", url=item, type=REGISTRY_SERVICE_TYPES[0])
            if isinstance(item, str)
            else item
            for index, item in enumerate(service_registry_endpoints)
        ]
        registries = [ServiceRegistry(endpoint, settings=settings) for endpoint in endpoints]
        return ClientFactory(registries, settings=settings)


def _supported_types(cls: type) -> list[ServiceType]:
    from dnastack.client.base import BaseServiceClient

    if not isinstance(cls, type) or not issubclass(cls, BaseServiceClient):
        raise UnsupportedClientClassError(cls)
    try:
        types = cls.get_supported_service_types()
    except NotImplementedError:
        raise UnsupportedClientClassError(cls) from None
    if not types:
        raise UnsupportedClientClassError(cls)
    return list(types)

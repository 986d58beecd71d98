"""``ServiceRegistry``: the GA4GH Service Registry client (``/services``, ``/services/types``).

Entries come back as the documented :class:`~dnastack.client.service_registry.models.Service`
(built from the generated ``ga4gh_service_registry`` models), ``authentication`` included.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from dnastack.client.base import BaseServiceClient
from dnastack.client.constants import register_service_client
from dnastack.client.service_registry.builders import (
    service_from_generated,
    service_type_from_generated,
)
from dnastack.client.service_registry.models import Service, ServiceType
from dnastack.exceptions import DnastackError, NotFoundError, safe_url
from dnastack.exceptions import HttpError as HttpError  # the reference's re-export

if TYPE_CHECKING:
    from dnastack.common.tracing import Span

__all__ = [
    "REGISTRY_SERVICE_TYPES",
    "STANDARD_SERVICE_REGISTRY_TYPE_V1_0",
    "ServiceListingError",
    "ServiceRegistry",
]

STANDARD_SERVICE_REGISTRY_TYPE_V1_0: Final = ServiceType(
    group="org.ga4gh", artifact="service-registry", version="1.0.0"
)
REGISTRY_SERVICE_TYPES: Final = (STANDARD_SERVICE_REGISTRY_TYPE_V1_0,)


class ServiceListingError(DnastackError):
    """Raised when the service listing encounters error

    The message names the registry URL and the cause (the lower-level error is chained).
    """


class ServiceRegistry(BaseServiceClient):
    """The base class for all DNAStack Clients

    A client for a GA4GH Service Registry (``endpoint.url`` is the registry base URL, e.g.
    ``http://127.0.0.1:8080/``).
    """

    _generated_package = "ga4gh_service_registry"

    @staticmethod
    def get_adapter_type() -> str:
        """Get the descriptive adapter type"""
        return "registry"

    @staticmethod
    def get_supported_service_types() -> list[ServiceType]:
        """The list of supported service types

        The first one is always regarded as the default type.
        """
        return list(REGISTRY_SERVICE_TYPES)

    def list_services(self, *, no_auth: bool = False, trace: Span | None = None) -> list[Service]:
        """Every service the registry lists.

        Raises:
            ServiceListingError: the registry could not be reached, answered an error or
                sent a listing that does not match the specification.
        """
        from ga4gh_service_registry.api.services import get_services

        try:
            parsed = self._call(get_services.sync_detailed, trace=trace, no_auth=no_auth)
        except DnastackError as exc:
            raise ServiceListingError(
                f"cannot list the services of {safe_url(self.url)}: {exc}"
            ) from exc
        if not isinstance(parsed, list):
            raise ServiceListingError(
                f"{safe_url(self.url)}services did not answer a list of services"
            )
        return [service_from_generated(item) for item in parsed]

    def get_service(
        self, service_id: str, *, no_auth: bool = False, trace: Span | None = None
    ) -> Service:
        """One registered service.

        Raises:
            NotFoundError: no service with this id.
            ServiceListingError: any other failure.
        """
        from ga4gh_service_registry.api.services import get_service_by_id
        from ga4gh_service_registry.models import ExternalService

        try:
            parsed = self._call(
                get_service_by_id.sync_detailed,
                trace=trace,
                no_auth=no_auth,
                service_id=service_id,
            )
        except NotFoundError:
            raise
        except DnastackError as exc:
            raise ServiceListingError(
                f"cannot get service {service_id!r} from {safe_url(self.url)}: {exc}"
            ) from exc
        if not isinstance(parsed, ExternalService):
            raise ServiceListingError(f"{safe_url(self.url)} did not answer a service")
        return service_from_generated(parsed)

    def list_service_types(
        self, *, no_auth: bool = False, trace: Span | None = None
    ) -> list[ServiceType]:
        """The distinct service types the registry lists.

        Raises:
            ServiceListingError: the registry could not be reached or answered an error.
        """
        from ga4gh_service_registry.api.services import get_service_types

        try:
            parsed = self._call(get_service_types.sync_detailed, trace=trace, no_auth=no_auth)
        except DnastackError as exc:
            raise ServiceListingError(
                f"cannot list the service types of {safe_url(self.url)}: {exc}"
            ) from exc
        if not isinstance(parsed, list):
            raise ServiceListingError(f"{safe_url(self.url)} did not answer a list of types")
        return [service_type_from_generated(item) for item in parsed]


register_service_client(ServiceRegistry)

"""The reference library's ``dnastack.client.factory`` names, for scripts that import them.

``EndpointRepository`` (what ``dnastack.use()`` returns) is
:class:`~dnastack.client.use.RegistryContext`; the errors are the SDK's own.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from dnastack.client.service_registry.factory import UnsupportedServiceTypeError
from dnastack.client.use import RegistryContext, SingleEndpointIdentifyingCriteriaError

if TYPE_CHECKING:
    from dnastack.client.base import BaseServiceClient
    from dnastack.client.models import ServiceEndpoint

__all__ = [
    "EndpointRepository",
    "SingleEndpointIdentifyingCriteriaError",
    "UnsupportedServiceTypeError",
    "create",
]

EndpointRepository = RegistryContext
"""The reference library's name for what ``dnastack.use()`` returns."""


def create(
    endpoint: ServiceEndpoint,
    additional_service_client_classes: Iterable[type[BaseServiceClient]] | None = None,
) -> BaseServiceClient:
    """A client of the class serving ``endpoint``'s type (the registered ones first, then
    ``additional_service_client_classes``), as the reference library's ``create``.

    Raises:
        UnsupportedServiceTypeError: no class serves the endpoint's type.
    """
    from dnastack.client.constants import client_class_for

    found = client_class_for(endpoint.type) if endpoint.type is not None else None
    if found is None:
        found = next(
            (
                cls
                for cls in additional_service_client_classes or ()
                if endpoint.type in cls.get_supported_service_types()
            ),
            None,
        )
    if found is None:
        raise UnsupportedServiceTypeError(endpoint)
    return found.make(endpoint)

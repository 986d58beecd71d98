"""``parse_ga4gh_service_info``: the 3.x helper that turns a registry entry into an endpoint."""

from __future__ import annotations

from typing import Any

from dnastack.client.models import ServiceEndpoint
from dnastack.client.service_registry.builders import endpoint_from_service
from dnastack.client.service_registry.models import Service

__all__ = ["parse_ga4gh_service_info"]


def __getattr__(name: str) -> Any:
    if name == "GRANT_TYPE_TOKEN_EXCHANGE":  # the reference library's name, loaded on use
        from dnastack.http.authenticators.grants.token_endpoint import TOKEN_EXCHANGE_GRANT

        return TOKEN_EXCHANGE_GRANT
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def parse_ga4gh_service_info(
    service: Service, alternate_service_id: str | None = None
) -> ServiceEndpoint:
    """The endpoint of a registry entry: its id (or ``alternate_service_id``), type, URL and
    authentication (the registry's camelCase entries as configuration dicts; the first is
    ``authentication``, the others ``fallback_authentications``)."""
    return endpoint_from_service(service, endpoint_id=alternate_service_id or None)

"""From registry entries to facade models and configured endpoints.

* ``service_from_generated`` builds the documented :class:`Service` from the generated
  ``ga4gh_service_registry`` ``ExternalService`` (so a generator rename never reaches users).
* :func:`endpoint_from_service` turns a registry entry into a :class:`ServiceEndpoint`,
  mapping the registry's camelCase ``authentication`` entries (``accessTokenUrl``,
  ``deviceCodeUrl``, ``clientId``, ``resource``, ``grantType`` ...) to the configuration's
  snake_case auth dicts (``token_endpoint``, ``device_code_endpoint``, ``client_id``,
  ``resource_url``, ``grant_type`` ...).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

from dnastack.client.models import EndpointSource, ServiceEndpoint
from dnastack.client.service_registry.models import Organization, Service, ServiceType

if TYPE_CHECKING:
    from ga4gh_service_registry.models import ExternalService
    from ga4gh_service_registry.models import ServiceType as GeneratedServiceType

__all__ = [
    "DEVICE_CODE_GRANT",
    "auth_dict_from_registry",
    "endpoint_from_service",
    "service_from_generated",
    "service_type_from_generated",
]

DEVICE_CODE_GRANT: Final = "urn:ietf:params:oauth:grant-type:device_code"
CLIENT_CREDENTIALS_GRANT: Final = "client_credentials"

_REGISTRY_AUTH_KEYS: Final = {
    "accessTokenUrl": "token_endpoint",
    "tokenUrl": "token_endpoint",
    "deviceCodeUrl": "device_code_endpoint",
    "revocationUrl": "revocation_endpoint",
    "clientId": "client_id",
    "clientSecret": "client_secret",
    "resource": "resource_url",
    "resourceUrl": "resource_url",
    "grantType": "grant_type",
    "tokenEndpointAuthMethod": "token_endpoint_auth_method",
}
_CAMEL_BOUNDARY = re.compile(r"(?<=[a-z0-9])([A-Z])")


def service_type_from_generated(generated: GeneratedServiceType) -> ServiceType:
    """The facade :class:`ServiceType` of a generated one."""
    return ServiceType(
        group=generated.group, artifact=generated.artifact, version=generated.version
    )


def _text(value: Any) -> str | None:
    from ga4gh_service_registry.types import Unset

    if isinstance(value, Unset) or value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.isoformat().replace("+00:00", "Z")
    return str(value)


def service_from_generated(generated: ExternalService) -> Service:
    """The documented :class:`Service` of a generated ``ExternalService``.

    Keys the generated model does not know (``authentication`` among them) are kept.
    """
    extra = dict(generated.additional_properties)
    authentication = extra.pop("authentication", None)
    organization = generated.organization
    return Service.construct(
        id=generated.id,
        name=generated.name,
        type=service_type_from_generated(generated.type_),
        url=generated.url,
        description=_text(generated.description),
        organization=Organization.construct(
            name=organization.name,
            url=organization.url,
            **dict(organization.additional_properties),
        ),
        contactUrl=_text(generated.contact_url),
        documentationUrl=_text(generated.documentation_url),
        createdAt=_text(generated.created_at),
        updatedAt=_text(generated.updated_at),
        environment=_text(generated.environment),
        version=generated.version,
        authentication=(
            [dict(a) for a in authentication if isinstance(a, Mapping)]
            if isinstance(authentication, list)
            else None
        ),
        **extra,
    )


def auth_dict_from_registry(entry: Mapping[str, Any]) -> dict[str, Any]:
    """A configuration auth dict (snake_case) from a registry ``authentication`` entry.

    Known camelCase keys are renamed (``accessTokenUrl`` -> ``token_endpoint`` ...), other
    camelCase keys become snake_case, snake_case keys pass through. Without a
    ``grantType``, the device code grant is chosen when a device endpoint is given, else
    client credentials.
    """
    result: dict[str, Any] = {}
    for key, value in entry.items():
        if value is None:
            continue
        name = _REGISTRY_AUTH_KEYS.get(key) or _CAMEL_BOUNDARY.sub(r"_\1", key).lower()
        result.setdefault(name, value)
    result["type"] = str(result.get("type") or "oauth2").lower()
    if result["type"] == "oauth2" and not result.get("grant_type"):
        result["grant_type"] = (
            DEVICE_CODE_GRANT if result.get("device_code_endpoint") else CLIENT_CREDENTIALS_GRANT
        )
    return result


def endpoint_from_service(
    service: Service,
    *,
    source_id: str | None = None,
    endpoint_id: str | None = None,
    authentication_overrides: Mapping[str, Any] | None = None,
) -> ServiceEndpoint:
    """A configured endpoint for a registry entry.

    Args:
        service: the registry entry (it must have a ``url``).
        source_id: the registry the entry came from (recorded as the endpoint's source).
        endpoint_id: the endpoint id (default: the service id).
        authentication_overrides: merged into every auth dict (e.g. a ``client_secret``
            and ``grant_type: client_credentials`` the registry cannot publish).

    Raises:
        ValueError: the entry has no URL.
    """
    if not service.url:
        raise ValueError(f"service {service.id!r} has no url")
    auths = [
        {**auth_dict_from_registry(entry), **(authentication_overrides or {})}
        for entry in service.authentication or []
    ]
    return ServiceEndpoint(
        id=endpoint_id or service.id,
        url=service.url,
        type=service.type,
        authentication=auths[0] if auths else None,
        fallback_authentications=auths[1:] or None,
        source=EndpointSource(source_id=source_id, external_id=service.id) if source_id else None,
    )

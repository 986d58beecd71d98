"""Service short types (``data_connect``, ``drs``, ``registry``, ``collections``, ``explorer``).

A short type names a kind of service in the configuration file (``defaults``), on the
command line and in ``set_endpoint_url``. Each maps to one GA4GH service type; an endpoint
belongs to a short type when its type has the same group and artifact (any version).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from dnastack.client.service_registry.models import ServiceType
from dnastack.exceptions import UnknownClientShortTypeError

__all__ = [
    "SHORT_TYPES",
    "URL_ENVIRONMENT_VARIABLES",
    "normalize_short_type",
    "service_type_for",
    "short_type_of",
]

SHORT_TYPES: Mapping[str, ServiceType] = MappingProxyType(
    {
        "data_connect": ServiceType(group="org.ga4gh", artifact="data-connect", version="1.0.0"),
        "drs": ServiceType(group="org.ga4gh", artifact="drs", version="1.5.0"),
        "registry": ServiceType(group="org.ga4gh", artifact="service-registry", version="1.0.0"),
        "collections": ServiceType(
            group="com.dnastack", artifact="collection-service", version="1.0.0"
        ),
        "explorer": ServiceType(group="com.dnastack", artifact="explorer", version="1.0.0"),
    }
)
"""Short type -> the service type a new endpoint of that kind gets."""

URL_ENVIRONMENT_VARIABLES: Mapping[str, str] = MappingProxyType(
    {
        "data_connect": "DNASTACK_DATA_CONNECT_URL",
        "drs": "DNASTACK_DRS_URL",
        "registry": "DNASTACK_SERVICE_REGISTRY_URL",
        "collections": "DNASTACK_COLLECTIONS_URL",
        "explorer": "DNASTACK_EXPLORER_URL",
    }
)
"""Short type -> the environment variable that overrides its URL."""

# Older spellings (adapter types of old configuration files, hyphenated names).
_ALIASES = {
    "service_registry": "registry",
    "collection": "collections",
    "collection_service": "collections",
}


def normalize_short_type(name: str) -> str:
    """The canonical short type for ``name`` (case, ``-``/``_`` and old aliases ignored).

    Raises:
        UnknownClientShortTypeError: ``name`` is not a known short type.
    """
    key = name.strip().lower().replace("-", "_") if isinstance(name, str) else ""
    key = _ALIASES.get(key, key)
    if key not in SHORT_TYPES:
        raise UnknownClientShortTypeError(
            f"unknown service short type {name!r}; expected one of {', '.join(SHORT_TYPES)}"
        )
    return key


def service_type_for(short_type: str) -> ServiceType:
    """The service type of a short type (aliases accepted)."""
    return SHORT_TYPES[normalize_short_type(short_type)]


def short_type_of(service_type: ServiceType | None) -> str | None:
    """The short type whose group and artifact match ``service_type``, or None."""
    if service_type is None:
        return None
    for short_type, known in SHORT_TYPES.items():
        if known.same_artifact(service_type):
            return short_type
    return _PUBLISHED_ALIASES.get((service_type.group, service_type.artifact))


# Types DNAstack registries publish that the reference library maps to one of our clients.
_PUBLISHED_ALIASES = {("com.dnastack.explorer", "collection-service"): "collections"}

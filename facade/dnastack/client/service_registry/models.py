"""GA4GH service-info / Service Registry models: ``ServiceType``, ``Organization``, ``Service``.

Field names are the documented ones (camelCase, as the registries send them).
"""

from __future__ import annotations

from typing import Any

from dnastack.common.model import Model, field, model
from dnastack.common.redact import redacted_mapping_repr, redacted_url_repr

__all__ = ["Organization", "Service", "ServiceType"]


@model(frozen=True)
class ServiceType(Model):
    """GA4GH Service Type (``group``, ``artifact``, ``version``); immutable and hashable.

    https://raw.githubusercontent.com/ga4gh-discovery/ga4gh-service-info/v1.0.0/service-info.yaml#/components/schemas/ServiceType
    """

    group: str
    artifact: str
    version: str

    def same_artifact(self, other: ServiceType) -> bool:
        """Same group and artifact, whatever the version."""
        return self.group == other.group and self.artifact == other.artifact

    def __str__(self) -> str:
        return f"{self.group}:{self.artifact}:{self.version}"


@model(extra="allow")
class Organization(Model):
    """Organization providing a service."""

    name: str
    url: str


@model(extra="allow")
class Service(Model):
    """GA4GH Service, as listed by a Service Registry (unknown keys are kept).

    * https://github.com/ga4gh-discovery/ga4gh-service-registry/blob/develop/service-registry.yaml#/components/schemas/ExternalService
    * https://raw.githubusercontent.com/ga4gh-discovery/ga4gh-service-info/v1.0.0/service-info.yaml#/components/schemas/Service
    """

    id: str
    name: str
    type: ServiceType
    url: str | None = field(default=None, repr=redacted_url_repr)
    description: str | None = None
    organization: Organization | None = None
    contactUrl: str | None = None
    documentationUrl: str | None = None
    createdAt: str | None = None
    updatedAt: str | None = None
    environment: str | None = None
    version: str | None = None
    authentication: list[dict[str, Any]] | None = field(default=None, repr=redacted_mapping_repr)

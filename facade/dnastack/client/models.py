"""``ServiceEndpoint``: one configured service (URL, type and authentication).

This is what every client is built from and what the configuration file stores per
context. Authentication dicts use the snake_case layout of CONTRIBUTING.md
(``{type: oauth2, grant_type, token_endpoint, client_id, ...}`` or
``{type: bearer, token}``); they are kept as plain dicts, so unknown keys survive a
load/save round trip. Secrets in them never appear in a repr.
"""

from __future__ import annotations

import uuid
from typing import Any

from dnastack.client.service_registry.models import ServiceType
from dnastack.common.model import Model, field, model
from dnastack.common.redact import redacted_mapping_repr, redacted_url_repr

__all__ = ["EndpointSource", "ServiceEndpoint"]

SERVICE_ENDPOINT_MODEL_VERSION = 2.0


def _new_endpoint_id() -> str:
    return str(uuid.uuid4())


@model(extra="allow")
class EndpointSource(Model):
    """Where an endpoint came from (e.g. the Service Registry that listed it)."""

    source_id: str
    external_id: str


@model(extra="allow")
class ServiceEndpoint(Model):
    """A service endpoint: ``id``, ``url``, ``type`` and how to authenticate to it.

    Attributes:
        dnastack_schema_version: schema version of this record (serialised as
            ``model_version``, which is also the constructor argument).
        id: unique id within a context (a UUID when not given).
        url: base URL of the service.
        type: the GA4GH service type, or None when unknown.
        authentication: the primary authentication dict, or None for public services.
        fallback_authentications: further authentication dicts to try in order.
        source: where the endpoint was discovered, if it was.
        mode: an optional client mode (kept for compatibility with the reference).
        adapter_type: deprecated short type of old configuration files;
            ``ConfigurationManager.migrate_endpoint`` turns it into ``type``.
    """

    dnastack_schema_version: float = field(
        default=SERVICE_ENDPOINT_MODEL_VERSION, alias="model_version"
    )
    id: str = field(factory=_new_endpoint_id)
    url: str = field(repr=redacted_url_repr)
    type: ServiceType | None = None
    authentication: dict[str, Any] | None = field(default=None, repr=redacted_mapping_repr)
    fallback_authentications: list[dict[str, Any]] | None = field(
        default=None, repr=redacted_mapping_repr
    )
    source: EndpointSource | None = None
    mode: str | None = None
    adapter_type: str | None = None

    @property
    def model_version(self) -> float:
        """Alias of :attr:`dnastack_schema_version` (the serialised name)."""
        return self.dnastack_schema_version

    def authentications(self) -> list[dict[str, Any]]:
        """The primary authentication followed by the fallbacks (empty when public)."""
        found = [self.authentication] if self.authentication else []
        return found + [a for a in self.fallback_authentications or [] if a]

    def get_authentications(self) -> list[dict[str, Any]]:
        """The reference library's name of :meth:`authentications`: new dicts, with a
        pre-2022 ``{"oauth2": {...}}`` entry unwrapped to ``{..., "type": "oauth2"}``."""
        return [_unwrapped(auth) for auth in self.authentications()]

    def get_content_hash(self) -> str:
        """SHA-256 (hex) of the endpoint's JSON without null fields, keys sorted (as the
        reference library computes it; equal endpoints have equal hashes)."""
        return self.hash(self.dict(exclude_none=True))

    @classmethod
    def hash(cls, content: Any) -> str:
        """SHA-256 (hex) of ``content`` as JSON with sorted keys."""
        import hashlib
        import json

        text = json.dumps(content, sort_keys=True)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _unwrapped(auth: dict[str, Any]) -> dict[str, Any]:
    nested = auth.get("oauth2")
    if isinstance(nested, dict):
        return {**nested, "type": "oauth2"}
    return dict(auth)

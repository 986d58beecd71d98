"""Migration of older configuration layouts to the current one.

Two kinds of change happen on load:

* **layout** (raw document, before validation): top-level ``endpoints``/``defaults``
  without ``contexts`` (older files) move into the context named by ``current_context``
  (or ``default``); :func:`migrate_document` also reports where each moved item came
  from, so a validation error still points at the right line of the original file;
* **records** (validated models): an endpoint's ``adapter_type`` becomes its ``type``
  (``data_connect``, ``drs``, ``collections``, ``registry``/``service_registry``,
  ``explorer``); an authentication dict without ``type`` gets ``oauth2`` (or ``bearer``
  when it only holds a token); ``defaults`` keys with old spellings are normalised.
"""

from __future__ import annotations

from typing import Any

from dnastack.client.models import ServiceEndpoint
from dnastack.common.logs import sdk_logger
from dnastack.configuration.models import CONFIGURATION_VERSION, DEFAULT_CONTEXT_NAME, Configuration
from dnastack.configuration.short_types import SHORT_TYPES, normalize_short_type
from dnastack.exceptions import ModelValidationError, UnknownClientShortTypeError

__all__ = ["PathMap", "migrate_configuration", "migrate_document", "migrate_endpoint"]

_logger = sdk_logger("dnastack.configuration")

Path = tuple[str | int, ...]
PathMap = dict[Path, Path]
"""New path prefix (after the layout migration) -> the path it came from."""

_LEGACY_KEYS = ("endpoints", "defaults")


def migrate_document(data: dict[str, Any]) -> tuple[dict[str, Any], PathMap]:
    """Move legacy top-level ``endpoints``/``defaults`` into a context.

    Returns:
        The migrated document (a new dict; ``data`` is not changed) and a map from new
        path prefixes to the original ones.

    Raises:
        ModelValidationError: a legacy key or the target context has the wrong type.
    """
    if not any(key in data for key in _LEGACY_KEYS):
        return data, {}
    document = dict(data)
    current = document.get("current_context")
    name = current if isinstance(current, str) and current else DEFAULT_CONTEXT_NAME
    contexts = document.get("contexts")
    if contexts is None:
        contexts = {}
    if not isinstance(contexts, dict):
        raise ModelValidationError("expected an object, got a list", path=("contexts",))
    contexts = dict(contexts)
    context = contexts.get(name) or {}
    if not isinstance(context, dict):
        raise ModelValidationError("expected an object", path=("contexts", name))
    context = dict(context)
    moved: PathMap = {}

    legacy_endpoints = document.pop("endpoints", None)
    if legacy_endpoints is not None:
        if not isinstance(legacy_endpoints, list):
            raise ModelValidationError("expected a list", path=("endpoints",))
        endpoints = list(context.get("endpoints") or [])
        known_ids = {e.get("id") for e in endpoints if isinstance(e, dict)}
        for index, endpoint in enumerate(legacy_endpoints):
            if isinstance(endpoint, dict) and endpoint.get("id") in known_ids:
                continue
            moved[("contexts", name, "endpoints", len(endpoints))] = ("endpoints", index)
            endpoints.append(endpoint)
        context["endpoints"] = endpoints

    legacy_defaults = document.pop("defaults", None)
    if legacy_defaults is not None:
        if not isinstance(legacy_defaults, dict):
            raise ModelValidationError("expected an object", path=("defaults",))
        defaults = dict(context.get("defaults") or {})
        for key, value in legacy_defaults.items():
            if key not in defaults:
                defaults[key] = value
                moved[("contexts", name, "defaults", str(key))] = ("defaults", str(key))
        context["defaults"] = defaults

    contexts[name] = context
    document["contexts"] = contexts
    document.setdefault("current_context", name)
    _logger.info("migrated a configuration without contexts into context %r", name)
    return document, moved


def original_path(path: Path, moved: PathMap) -> Path:
    """Translate a path in the migrated document back to the original document."""
    for size in range(len(path), 0, -1):
        source = moved.get(path[:size])
        if source is not None:
            return source + path[size:]
    return path


def migrate_endpoint(endpoint: ServiceEndpoint) -> ServiceEndpoint:
    """A migrated copy of ``endpoint`` (``adapter_type`` -> ``type``; auth ``type`` filled)."""
    updates: dict[str, Any] = {}
    if endpoint.adapter_type:
        if endpoint.type is None:
            try:
                updates["type"] = SHORT_TYPES[normalize_short_type(endpoint.adapter_type)]
                updates["adapter_type"] = None
            except UnknownClientShortTypeError:
                _logger.warning(
                    "endpoint %r: unknown adapter_type %r left as it is",
                    endpoint.id,
                    endpoint.adapter_type,
                )
        else:
            updates["adapter_type"] = None
    if endpoint.authentication is not None:
        authentication = _with_auth_type(endpoint.authentication)
        if authentication is not endpoint.authentication:
            updates["authentication"] = authentication
    if endpoint.fallback_authentications:
        fallbacks = [_with_auth_type(a) for a in endpoint.fallback_authentications]
        if any(
            a is not b for a, b in zip(fallbacks, endpoint.fallback_authentications, strict=True)
        ):
            updates["fallback_authentications"] = fallbacks
    if not updates:
        return endpoint
    return endpoint.copy(update=updates)


def _with_auth_type(authentication: dict[str, Any]) -> dict[str, Any]:
    nested = authentication.get("oauth2")
    if isinstance(nested, dict) and not authentication.get("type"):
        return {**nested, "type": "oauth2"}  # the pre-2022 layout, as the reference reads it
    if authentication.get("type"):
        return authentication
    only_token = "token" in authentication and "client_id" not in authentication
    return {"type": "bearer" if only_token else "oauth2", **authentication}


def migrate_configuration(configuration: Configuration) -> Configuration:
    """A migrated copy: endpoints migrated, ``defaults`` keys normalised, current version."""
    contexts = {}
    for name, context in configuration.contexts.items():
        defaults: dict[str, str] = {}
        for key, value in context.defaults.items():
            try:
                canonical = normalize_short_type(key)
            except UnknownClientShortTypeError:
                canonical = key  # a short type of another tool: keep it
            if canonical not in defaults or canonical == key:
                defaults[canonical] = value
        contexts[name] = context.copy(
            update={
                "endpoints": [migrate_endpoint(e) for e in context.endpoints],
                "defaults": defaults,
            }
        )
    return configuration.copy(update={"version": CONFIGURATION_VERSION, "contexts": contexts})

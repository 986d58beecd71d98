"""The configuration model: ``Configuration`` -> ``contexts`` -> ``Context``.

On disk (YAML, ``~/.dnastack/config.yaml`` by default)::

    version: 4.0
    current_context: default
    contexts:
      default:
        endpoints:
          - id: drs-1
            url: http://127.0.0.1:8080/ga4gh/drs/v1/
            type: {group: org.ga4gh, artifact: drs, version: 1.5.0}
            authentication: {type: oauth2, grant_type: ..., token_endpoint: ..., client_id: ...}
            fallback_authentications: [...]
        defaults: {drs: drs-1}
    settings: {timeout: 30, max_retries: 3}   # optional, see dnastack.settings

Unknown keys at every model level are kept and written back.
"""

from __future__ import annotations

from typing import Any

from dnastack.client.models import ServiceEndpoint
from dnastack.common.model import Model, field, model

__all__ = ["CONFIGURATION_VERSION", "DEFAULT_CONTEXT_NAME", "Configuration", "Context"]

CONFIGURATION_VERSION = 4.0
"""The layout version this SDK writes, and the newest it reads."""

DEFAULT_CONTEXT_NAME = "default"
DEFAULT_CONTEXT = DEFAULT_CONTEXT_NAME  # the reference library's name (importable, not exported)


@model(extra="allow")
class Context(Model):
    """A named set of endpoints, with a default endpoint id per short type."""

    endpoints: list[ServiceEndpoint] = field(factory=list)
    defaults: dict[str, str] = field(factory=dict)


@model(extra="allow")
class Configuration(Model):
    """The whole configuration file.

    A new configuration (and a missing or empty file) has one empty context,
    ``default``, which is current, as in dnastack-client-library 3.x.

    Attributes:
        version: layout version (:data:`CONFIGURATION_VERSION` after migration).
        current_context: the context used when none is chosen (``default`` when None).
        contexts: context name -> :class:`Context`.
        settings: optional SDK settings stored in the file (``timeout``,
            ``max_retries``, ``ca_cert``, ``log_level``, ``session_dir``); resolved by
            :mod:`dnastack.settings`, below arguments, session overrides and environment.
    """

    version: float = CONFIGURATION_VERSION
    current_context: str | None = DEFAULT_CONTEXT_NAME
    contexts: dict[str, Context] = field(factory=lambda: {DEFAULT_CONTEXT_NAME: Context()})
    settings: dict[str, Any] = field(factory=dict)

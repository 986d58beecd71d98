"""dnastack: a spec-driven SDK for GA4GH Data Connect, DRS and Service Registry.

``import dnastack`` is cheap: every public name below is imported on first use, so a script
that needs only the DRS client never pays for the Data Connect one, the CLI, YAML or pandas.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from dnastack.distribution_check import check_no_conflicting_distribution

check_no_conflicting_distribution()  # dnastack-client-library in the same folder: one clear error

__version__ = "0.1.0"

# The library's NullHandler is added by dnastack.common.logs, with the first module that
# logs: `import dnastack` itself does not load `logging`. Applications (and the CLI) add
# their own handlers.

# public name -> module that defines it (imported on first attribute access)
_EXPORTS: dict[str, str] = {
    # clients
    "DataConnectClient": "dnastack.client.data_connect",
    "DrsClient": "dnastack.client.drs",
    "CollectionServiceClient": "dnastack.client.collections.client",
    "ExplorerClient": "dnastack.client.explorer.client",
    "ServiceRegistry": "dnastack.client.service_registry.client",
    "ClientFactory": "dnastack.client.service_registry.factory",
    "ServiceEndpoint": "dnastack.client.models",
    "use": "dnastack.client.use",
    # configuration and session overrides
    "ConfigurationManager": "dnastack.configuration.manager",
    "set_security_context": "dnastack.settings",
    "set_endpoint_url": "dnastack.settings",
    "set_context": "dnastack.settings",
    "clear_session_overrides": "dnastack.settings",
    "describe_settings": "dnastack.settings",
    "resolve_settings": "dnastack.settings",
    # errors
    "DnastackError": "dnastack.exceptions",
    "ConfigurationError": "dnastack.exceptions",
    "TransportError": "dnastack.exceptions",
    "HttpError": "dnastack.exceptions",
    "AuthenticationError": "dnastack.exceptions",
    "ResponseParseError": "dnastack.exceptions",
}

__all__ = [
    "AuthenticationError",
    "ClientFactory",
    "CollectionServiceClient",
    "ConfigurationError",
    "ConfigurationManager",
    "DataConnectClient",
    "DnastackError",
    "DrsClient",
    "ExplorerClient",
    "HttpError",
    "ResponseParseError",
    "ServiceEndpoint",
    "ServiceRegistry",
    "TransportError",
    "__version__",
    "clear_session_overrides",
    "describe_settings",
    "resolve_settings",
    "set_context",
    "set_endpoint_url",
    "set_security_context",
    "use",
]


def __getattr__(name: str) -> Any:
    module_name = _EXPORTS.get(name)
    if module_name is None:
        raise AttributeError(f"module 'dnastack' has no attribute {name!r}")
    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value  # later lookups skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))


if TYPE_CHECKING:  # the static view of the lazy names, for type checkers and IDEs
    from dnastack.client.collections.client import CollectionServiceClient
    from dnastack.client.data_connect import DataConnectClient
    from dnastack.client.drs import DrsClient
    from dnastack.client.explorer.client import ExplorerClient
    from dnastack.client.models import ServiceEndpoint
    from dnastack.client.service_registry.client import ServiceRegistry
    from dnastack.client.service_registry.factory import ClientFactory
    from dnastack.client.use import use
    from dnastack.configuration.manager import ConfigurationManager
    from dnastack.exceptions import (
        AuthenticationError,
        ConfigurationError,
        DnastackError,
        HttpError,
        ResponseParseError,
        TransportError,
    )
    from dnastack.settings import (
        clear_session_overrides,
        describe_settings,
        resolve_settings,
        set_context,
        set_endpoint_url,
        set_security_context,
    )

"""Configuration: the YAML file of contexts, endpoints and defaults.

``import dnastack.configuration`` is cheap: the names below load on first use (and YAML
only when a file is actually read or written).
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS: dict[str, str] = {
    "CONFIGURATION_VERSION": "dnastack.configuration.models",
    "Configuration": "dnastack.configuration.models",
    "ConfigurationError": "dnastack.configuration.exceptions",
    "ConfigurationManager": "dnastack.configuration.manager",
    "ConfigurationWrapper": "dnastack.configuration.wrapper",
    "Context": "dnastack.configuration.models",
    "DEFAULT_CONTEXT_NAME": "dnastack.configuration.models",
    "MissingEndpointError": "dnastack.configuration.exceptions",
    "SHORT_TYPES": "dnastack.configuration.short_types",
    "UnknownClientShortTypeError": "dnastack.configuration.exceptions",
    "UnsupportedModelVersionError": "dnastack.configuration.exceptions",
    "default_config_file": "dnastack.configuration.manager",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module_name = _EXPORTS.get(name)
    if module_name is None:
        raise AttributeError(f"module 'dnastack.configuration' has no attribute {name!r}")
    return getattr(importlib.import_module(module_name), name)

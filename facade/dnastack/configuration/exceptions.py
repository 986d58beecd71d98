"""Configuration errors (re-exported from :mod:`dnastack.exceptions`, the one error tree)."""

from __future__ import annotations

from dnastack.exceptions import (
    ConfigurationError,
    MissingEndpointError,
    UnknownClientShortTypeError,
    UnsupportedModelVersionError,
)

__all__ = [
    "ConfigurationError",
    "MissingEndpointError",
    "UnknownClientShortTypeError",
    "UnsupportedModelVersionError",
]

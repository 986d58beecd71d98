"""The errors the contract runner raises before it can test anything."""

from __future__ import annotations

from dnastack.exceptions import ConfigurationError

__all__ = ["ContractUsageError"]


class ContractUsageError(ConfigurationError):
    """A contract run was asked for something it cannot do (unknown API, bad option, no spec)."""

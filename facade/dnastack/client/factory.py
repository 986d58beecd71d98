"""The reference library's ``dnastack.client.factory`` names, for scripts that import them.

``EndpointRepository`` (what ``dnastack.use()`` returns) is
:class:`~dnastack.client.use.RegistryContext`; the errors are the SDK's own.
"""

from __future__ import annotations

from dnastack.client.service_registry.factory import UnsupportedServiceTypeError
from dnastack.client.use import RegistryContext, SingleEndpointIdentifyingCriteriaError

__all__ = [
    "EndpointRepository",
    "SingleEndpointIdentifyingCriteriaError",
    "UnsupportedServiceTypeError",
]

EndpointRepository = RegistryContext
"""The reference library's name for what ``dnastack.use()`` returns."""

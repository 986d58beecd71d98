"""The reference library's (3.x) ``dnastack.client.base_exceptions``, inside the SDK's tree.

The HTTP ones are bases of the SDK's status classes (see :mod:`dnastack.reference_errors`):
``except UnauthenticatedApiAccessError`` catches every 401 the SDK raises, ``except
MissingResourceError`` every 404, ``except ApiError`` every non-2xx response.
"""

from __future__ import annotations

from dnastack.exceptions import DnastackError
from dnastack.reference_errors import (
    ApiError,
    DataConnectError,
    MissingResourceError,
    ServerApiError,
    UnauthenticatedApiAccessError,
    UnauthorizedApiAccessError,
)

__all__ = [
    "AmbiguousArgumentsError",
    "ApiError",
    "DataConnectError",
    "MissingResourceError",
    "ServerApiError",
    "UnauthenticatedApiAccessError",
    "UnauthorizedApiAccessError",
]


class AmbiguousArgumentsError(DnastackError, AssertionError):
    """Raised when two or more arguments for the same reason are provided."""

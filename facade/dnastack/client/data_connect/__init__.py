"""GA4GH Data Connect: SQL over federated tables.

``DataConnectClient`` streams query results and table rows page by page; ``Table`` wraps one
table; ``TableInfo`` and ``Error`` are the documented models; ``QueryError`` is raised when a
result cannot be read to its end.
"""

from __future__ import annotations

from dnastack.client.data_connect.client import DATA_CONNECT_TYPE_V1_0, DataConnectClient
from dnastack.client.data_connect.errors import (
    DataConnectRequestError,
    DataConnectServerError,
    DataConversionError,
    InactiveQuerySessionError,
    InterruptedLoadingError,
    InvalidDataLoadingError,
    InvalidQueryError,
    QueryError,
    TableNotFoundError,
    UnexpectedRequestError,
)
from dnastack.client.data_connect.models import Error, TableInfo
from dnastack.client.data_connect.table import Table

# names the reference library's module also offers (importable, not exported)
from dnastack.client.result_iterator import InactiveLoaderError as InactiveLoaderError
from dnastack.client.result_iterator import ResultIterator as ResultIterator
from dnastack.exceptions import ClientRequestError
from dnastack.exceptions import HttpError as HttpError
from dnastack.reference_errors import DataConnectError as DataConnectError
from dnastack.reference_errors import MissingResourceError as MissingResourceError
from dnastack.reference_errors import UnauthenticatedApiAccessError as UnauthenticatedApiAccessError
from dnastack.reference_errors import UnauthorizedApiAccessError as UnauthorizedApiAccessError

__all__ = [
    "DATA_CONNECT_TYPE_V1_0",
    "DataConnectClient",
    "DataConnectRequestError",
    "DataConnectServerError",
    "DataConversionError",
    "Error",
    "InactiveQuerySessionError",
    "InterruptedLoadingError",
    "InvalidDataLoadingError",
    "InvalidQueryError",
    "QueryError",
    "Table",
    "TableInfo",
    "TableNotFoundError",
    "UnexpectedRequestError",
]

ClientError = ClientRequestError
"""The reference library's name of :class:`~dnastack.exceptions.ClientRequestError`."""

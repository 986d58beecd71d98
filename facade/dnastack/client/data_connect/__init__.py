"""GA4GH Data Connect: SQL over federated tables.

``DataConnectClient`` streams query results and table rows page by page; ``Table`` wraps one
table; ``TableInfo`` and ``Error`` are the documented models; ``QueryError`` is raised when a
result cannot be read to its end.
"""

from __future__ import annotations

from dnastack.client.data_connect.client import DATA_CONNECT_TYPE_V1_0, DataConnectClient
from dnastack.client.data_connect.errors import (
    DataConversionError,
    InvalidDataLoadingError,
    InvalidQueryError,
    QueryError,
    TableNotFoundError,
    UnexpectedRequestError,
)
from dnastack.client.data_connect.models import Error, TableInfo
from dnastack.client.data_connect.table import Table

__all__ = [
    "DATA_CONNECT_TYPE_V1_0",
    "DataConnectClient",
    "DataConversionError",
    "Error",
    "InvalidDataLoadingError",
    "InvalidQueryError",
    "QueryError",
    "Table",
    "TableInfo",
    "TableNotFoundError",
    "UnexpectedRequestError",
]

"""GA4GH Data Connect: SQL over federated tables.

``DataConnectClient`` streams query results and table rows page by page; ``Table`` wraps one
table; ``TableInfo`` and ``Error`` are the documented models; ``QueryError`` is raised when a
result cannot be read to its end.
"""

from __future__ import annotations

from dnastack.client.data_connect.client import DataConnectClient
from dnastack.client.data_connect.errors import QueryError
from dnastack.client.data_connect.models import Error, TableInfo
from dnastack.client.data_connect.table import Table

__all__ = ["DataConnectClient", "Error", "QueryError", "Table", "TableInfo"]

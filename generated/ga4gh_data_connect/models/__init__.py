# Generated from specs/data-connect.yaml by `make generate` (openapi-python-client + generator/templates). Do not edit.
"""Contains all the data models used in inputs/outputs"""

from .error import Error
from .error_response import ErrorResponse
from .json_schema import JsonSchema
from .list_tables_response import ListTablesResponse
from .pagination import Pagination
from .search_request import SearchRequest
from .service import Service
from .service_organization import ServiceOrganization
from .service_type import ServiceType
from .table import Table
from .table_data import TableData

__all__ = (
    "Error",
    "ErrorResponse",
    "JsonSchema",
    "ListTablesResponse",
    "Pagination",
    "SearchRequest",
    "Service",
    "ServiceOrganization",
    "ServiceType",
    "Table",
    "TableData",
)

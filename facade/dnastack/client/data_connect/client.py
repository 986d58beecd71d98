"""``DataConnectClient``: GA4GH Data Connect 1.0 (SQL search and tables), streaming."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from dnastack.client.base import BaseServiceClient
from dnastack.client.constants import register_service_client
from dnastack.client.data_connect.errors import QueryError
from dnastack.client.data_connect.models import TableInfo
from dnastack.client.data_connect.pages import parse_table_list_page
from dnastack.client.data_connect.table import Table, stream_rows
from dnastack.client.pagination import PageRequest, Paginator, PollingPolicy
from dnastack.client.result_iterator import ResultIterator
from dnastack.client.service_registry.models import ServiceType

if TYPE_CHECKING:
    from dnastack.client.models import ServiceEndpoint
    from dnastack.common.tracing import Span
    from dnastack.settings import Settings

__all__ = ["DATA_CONNECT_TYPE_V1_0", "DataConnectClient"]

DATA_CONNECT_TYPE_V1_0 = ServiceType(group="org.ga4gh", artifact="data-connect", version="1.0.0")


def _jsonable(value: Any) -> Any:
    """A query parameter as JSON: dates and times in ISO 8601, decimals and UUIDs as text."""
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


class DataConnectClient(BaseServiceClient):
    """A Client for the GA4GH Data Connect standard

    Results stream page by page in constant memory: the next page is fetched in the
    background while the current one is consumed, values are converted per the page's
    ``data_model``, and a result that cannot be read to its end raises
    :class:`~dnastack.client.data_connect.QueryError` (with ``rows_so_far``) instead of
    ending early.

    Args:
        endpoint: the Data Connect endpoint (base URL such as ``.../data-connect/``).
        settings, http_options: see :class:`~dnastack.client.base.BaseServiceClient`.
        polling: how to wait on pages without rows that still have a next page (default:
            backoff, bounded by the ``polling_max_wait`` setting).
        prefetch: fetch the next page in a background thread (default on).
    """

    _generated_package = "ga4gh_data_connect"

    def __init__(
        self,
        endpoint: ServiceEndpoint,
        *,
        settings: Settings | None = None,
        http_options: Mapping[str, Any] | None = None,
        polling: PollingPolicy | None = None,
        prefetch: bool = True,
    ) -> None:
        super().__init__(endpoint, settings=settings, http_options=http_options)
        self._polling = polling
        self._prefetch = prefetch

    @staticmethod
    def get_adapter_type() -> str:
        """Get the descriptive adapter type"""
        return "data_connect"

    @staticmethod
    def get_supported_service_types() -> list[ServiceType]:
        """The list of supported service types

        The first one is always regarded as the default type.
        """
        return [DATA_CONNECT_TYPE_V1_0]

    def query(
        self,
        query: str,
        no_auth: bool = False,
        trace: Span | None = None,
        *,
        parameters: Sequence[Any] | None = None,
        convert_types: bool = True,
    ) -> ResultIterator[dict[str, Any]]:
        """Run an SQL query

        Args:
            query: the SQL, with ``?`` placeholders for ``parameters``.
            no_auth: send the requests without credentials.
            trace: the caller's span; every page request runs in a child span.
            parameters: positional values for the placeholders (dates, decimals and UUIDs
                are sent as text); keyword-only, so ``query(sql, True)`` keeps the
                reference library's meaning (``no_auth``).
            convert_types: convert values per the ``data_model`` (bigint -> int, decimal ->
                Decimal, dates, times, timestamps, intervals, nested arrays and objects);
                ``False`` gives the JSON values as sent.

        Returns:
            A lazy iterator over the rows (dicts); nothing is sent before the first row is
            asked for.

        Raises:
            InvalidQueryError: the service refused the query (400, e.g. invalid SQL); an
                :class:`~dnastack.exceptions.HttpError` like every other refusal.
            QueryError: a page reported errors, or a page after the first failed.
            DataConversionError: a value does not convert per the ``data_model``.
            ResponseParseError: a page does not match the specification.
        """
        if not isinstance(no_auth, bool):
            raise TypeError(
                "DataConnectClient.query(query, no_auth, trace): parameters are keyword-only, "
                "as in query(sql, parameters=[...])"
            )
        body: dict[str, Any] = {"query": query}
        if parameters is not None:
            body["parameters"] = [_jsonable(p) for p in parameters]
        return stream_rows(
            self._session(no_auth),
            PageRequest(url=f"{self.url}search", method="POST", json=body),
            convert_types=convert_types,
            trace=trace,
            polling=self._polling_policy(self._polling),
            prefetch=self._prefetch,
            what="query",
            query=query,
        )

    def iterate_tables(self, no_auth: bool = False) -> Iterator[TableInfo]:
        """Iterate the list of tables (every page, lazily)."""
        paginator: Paginator[TableInfo] = Paginator(
            self._session(no_auth),
            PageRequest(url=f"{self.url}tables"),
            parse_table_list_page,
            polling=self._polling_policy(self._polling),
            error_class=QueryError,
            prefetch=False,
            what="table listing",
        )
        return ResultIterator(
            paginator.items(), rows_so_far=lambda: paginator.rows_so_far, close=paginator.close
        )

    def list_tables(self, no_auth: bool = False) -> list[TableInfo]:
        """List all tables"""
        return list(self.iterate_tables(no_auth))

    def table(self, table: TableInfo | Table | str, no_auth: bool = False) -> Table:
        """Get the table wrapper

        Args:
            table: a table name, a :class:`TableInfo` (its schema is reused when present)
                or a :class:`Table` (rebound to this client).
            no_auth: send the table's requests without credentials.
        """
        info: TableInfo | None = None
        if isinstance(table, Table):
            name = table.name
        elif isinstance(table, TableInfo):
            name, info = table.name, table
        else:
            name = table
        return Table(
            name,
            self.url,
            self._session(no_auth),
            info=info,
            polling=self._polling_policy(self._polling),
            prefetch=self._prefetch,
        )


register_service_client(DataConnectClient)

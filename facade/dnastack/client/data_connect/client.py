"""``DataConnectClient``: GA4GH Data Connect 1.0 (SQL search and tables), streaming."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from dnastack.client.base import BaseServiceClient
from dnastack.client.constants import register_service_client
from dnastack.client.data_connect.errors import PartitionRefusedError, QueryError
from dnastack.client.data_connect.models import TableInfo
from dnastack.client.data_connect.pages import parse_table_list_page
from dnastack.client.data_connect.table import Table, stream_rows
from dnastack.client.pagination import PageRequest, Paginator, PollingPolicy
from dnastack.client.result_iterator import ResultIterator
from dnastack.client.service_registry.models import ServiceType
from dnastack.exceptions import ConfigurationError

if TYPE_CHECKING:
    from dnastack.client.data_connect.partition_source import (
        CredentialsProvider,
        DataConnectSource,
    )
    from dnastack.client.data_connect.partitions import PartitionPlan, Strategy
    from dnastack.client.models import ServiceEndpoint
    from dnastack.common.tracing import Span
    from dnastack.http.session import HttpSession
    from dnastack.settings import Settings

__all__ = ["DATA_CONNECT_TYPE_V1_0", "DataConnectClient"]

P = TypeVar("P", bound=Paginator[Any])

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
        return stream_rows(
            self._session(no_auth),
            self._search_request(query, parameters),
            convert_types=convert_types,
            trace=trace,
            polling=self._polling_policy(self._polling),
            prefetch=self._prefetch,
            what="query",
            query=query,
        )

    def _search_request(self, query: str, parameters: Sequence[Any] | None) -> PageRequest:
        """The first request of a query (shared with ``AsyncDataConnectClient``)."""
        body: dict[str, Any] = {"query": query}
        if parameters is not None:
            body["parameters"] = [_jsonable(p) for p in parameters]
        return PageRequest(url=f"{self.url}search", method="POST", json=body)

    def partition_query(
        self,
        query: str,
        parameters: Sequence[Any] | None = None,
        *,
        partition_column: str | None,
        partitions: int,
        strategy: Strategy = "range",
        lower_bound: Any = None,
        upper_bound: Any = None,
        credentials: CredentialsProvider | None = None,
        no_auth: bool = False,
    ) -> PartitionPlan:
        """Split ``query`` into ``partitions`` sub-queries over ``partition_column``.

        ``range`` cuts ``[lower_bound, upper_bound]`` (from one ``min``/``max`` query when
        not given, as Spark's JDBC reader) into strides, the first partition also taking
        rows below and NULL keys, the last rows above; ``modulo`` (integer keys) puts a row
        in partition ``((k % N) + N) % N``, NULL keys in partition 0. Either way each row
        of ``query`` is in exactly one partition. Caveats: a ``LIMIT`` without ``ORDER
        BY`` may select other rows per sub-query; data changing between sub-queries is
        read as each sees it.

        The plan is picklable and holds no secret: on a worker, credentials come from the
        configuration context this client was resolved with (same configuration file and
        ``DNASTACK_SECURITY_CONTEXT`` there), or from ``credentials``, a picklable callable
        returning a bearer token, called on the worker.

        Raises:
            PartitionRefusedError: not one SELECT, duplicate output names, a key absent
                from the ``data_model``, ``modulo`` on a non-integer key, too many
                partitions, or credentials a worker could not find.
        """
        from dnastack.client.data_connect.partitions import plan_partitions

        settings = self._resolved_settings()
        source = self._partition_source(credentials, no_auth)
        return plan_partitions(
            self,
            query,
            [_jsonable(p) for p in parameters] if parameters is not None else None,
            partition_column=partition_column,
            partitions=partitions,
            strategy=strategy,
            source=source,
            lower_bound=lower_bound,
            upper_bound=upper_bound,
            max_partitions=settings.max_partitions,
            max_in_flight=settings.partitions_in_flight,
            retries=settings.partition_retries,
        )

    def _partition_source(
        self, credentials: CredentialsProvider | None, no_auth: bool
    ) -> DataConnectSource:
        from dnastack.client.worker_endpoint import worker_endpoint_for

        try:
            return worker_endpoint_for(self, "data_connect", credentials, no_auth)
        except ConfigurationError as exc:
            raise PartitionRefusedError(str(exc)) from exc

    def iterate_tables(self, no_auth: bool = False) -> Iterator[TableInfo]:
        """Iterate the list of tables (every page, lazily)."""
        paginator = self._tables_paginator(Paginator, self._session(no_auth))
        return ResultIterator(
            paginator.items(), rows_so_far=lambda: paginator.rows_so_far, close=paginator.close
        )

    def _tables_paginator(self, paginator_class: type[P], session: Any, **options: Any) -> P:
        """The table listing's paginator (shared with ``AsyncDataConnectClient``)."""
        return paginator_class(
            session,
            PageRequest(url=f"{self.url}tables"),
            parse_table_list_page,
            polling=self._polling_policy(self._polling),
            error_class=QueryError,
            prefetch=False,
            what="table listing",
            **options,
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
        return self._table(table, self._session(no_auth))

    def _table(self, table: TableInfo | Table | str, session: HttpSession | None) -> Table:
        """``table`` bound to this client and ``session`` (shared with the asyncio client)."""
        info: TableInfo | None = None
        if isinstance(table, Table):
            name = table.name
        elif isinstance(table, TableInfo):
            name, info = table.name, table
        else:
            name = table
        table_wrapper = Table(
            name,
            self.url,
            session,
            info=info,
            polling=self._polling_policy(self._polling),
            prefetch=self._prefetch,
        )
        table_wrapper._client = self
        return table_wrapper


register_service_client(DataConnectClient)

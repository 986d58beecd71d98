"""``AsyncDataConnectClient``: :class:`~dnastack.client.data_connect.DataConnectClient`
for asyncio.

``client.query(sql, parameters=...)`` returns an :class:`AsyncResultIterator` at once
(nothing is sent before the first row is asked for)::

    async for row in client.query("SELECT * FROM t WHERE g = ?", parameters=["BRCA1"]):
        ...
    rows = await client.query(sql).to_list()

Same first request, page parser, pagination rules (:class:`~dnastack.aio.pagination.
AsyncPaginator` drives the shared core), prefetch of the next page, and the same typed
errors, mid-stream ones included (``QueryError`` with ``rows_so_far``...).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from dnastack.aio.base import AsyncServiceClient
from dnastack.client.data_connect.client import DataConnectClient
from dnastack.client.data_connect.models import TableInfo
from dnastack.client.data_connect.table import Table

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    from dnastack.aio.pagination import AsyncPaginator
    from dnastack.client.models import ServiceEndpoint
    from dnastack.client.pagination import PageRequest
    from dnastack.client.pagination_core import PollingPolicy
    from dnastack.common.tracing import Span
    from dnastack.settings import Settings

__all__ = ["AsyncDataConnectClient", "AsyncResultIterator", "AsyncTable"]


class AsyncResultIterator:
    """Rows of a query: ``async for row in result``, or ``await result.to_list()``,
    ``to_pandas()``, ``to_arrow()`` (the last two need the ``dataframes`` extra and build
    the frame in a worker thread)."""

    def __init__(self, paginator: AsyncPaginator[dict[str, Any]], query: str | None) -> None:
        self._paginator = paginator
        self._query = query
        self._rows = self._stream()

    def __aiter__(self) -> AsyncIterator[dict[str, Any]]:
        return self._rows

    async def __anext__(self) -> dict[str, Any]:
        return await self._rows.__anext__()

    @property
    def data_model(self) -> Mapping[str, Any] | None:
        """The JSON Schema of the rows, once the first page arrived."""
        meta: Mapping[str, Any] | None = self._paginator.last_meta
        return meta

    @property
    def rows_so_far(self) -> int:
        """Rows of the pages consumed so far."""
        return self._paginator.rows_so_far

    async def to_list(self) -> list[dict[str, Any]]:
        """Every remaining row, as a list."""
        rows: list[dict[str, Any]] = []
        async for items in self._item_lists():
            rows.extend(items)
        return rows

    async def to_arrow(self) -> pa.Table:
        """The remaining rows as a ``pyarrow.Table`` (as ``ResultIterator.to_arrow``): its
        :meth:`iter_batches` batches of 10,000 rows put side by side."""
        from dnastack.client.data_connect.batches import TABLE_BATCH_ROWS, batches_to_arrow
        from dnastack.client.result_iterator import require_optional

        require_optional("pyarrow", "AsyncResultIterator.to_arrow()")
        batches = [batch async for batch in self.iter_batches(TABLE_BATCH_ROWS)]
        return batches_to_arrow(batches, lambda: self.data_model)

    async def to_pandas(self) -> pd.DataFrame:
        """The remaining rows as a ``pandas.DataFrame`` (as ``ResultIterator.to_pandas``;
        from :meth:`to_arrow`, converted in a worker thread; without pyarrow, from the rows)."""
        import importlib.util

        from dnastack.client.result_iterator import require_optional

        require_optional("pandas", "AsyncResultIterator.to_pandas()")
        if importlib.util.find_spec("pyarrow") is None:  # pandas-only install
            from dnastack.client.data_connect.frames import rows_to_pandas

            rows = await self.to_list()
            return await asyncio.to_thread(rows_to_pandas, rows, lambda: self.data_model)
        from dnastack.client.data_connect.batches import table_to_pandas

        table = await self.to_arrow()
        return await asyncio.to_thread(table_to_pandas, table, lambda: self.data_model)

    async def iter_batches(self, rows: int | None = None) -> AsyncIterator[pa.RecordBatch]:
        """The rows as typed ``pyarrow.RecordBatch``es of at most ``rows`` rows (default
        50,000), each built in a worker thread as soon as enough pages arrived, by the
        sync result's builder (same types, one schema). Needs the ``arrow`` extra."""
        from dnastack.client.data_connect.batches import DEFAULT_BATCH_ROWS, RecordBatchBuilder
        from dnastack.client.result_iterator import require_optional

        require_optional("pyarrow", "AsyncResultIterator.iter_batches()")
        size = DEFAULT_BATCH_ROWS if rows is None else rows
        if size < 1:
            raise ValueError(f"rows per batch must be >= 1, not {size}")
        builder = RecordBatchBuilder(lambda: self.data_model)
        pending: list[Mapping[str, Any]] = []
        async for items in self._item_lists():
            pending.extend(items)
            del items
            while len(pending) >= size:
                chunk, pending = pending[:size], pending[size:]
                yield await asyncio.to_thread(builder.build, chunk)
        if pending:
            yield await asyncio.to_thread(builder.build, pending)

    async def aclose(self) -> None:
        """Stop: no further page is fetched."""
        await self._rows.aclose()

    async def _stream(self) -> AsyncGenerator[dict[str, Any], None]:
        async for items in self._item_lists():
            for row in items:
                yield row

    async def _item_lists(self) -> AsyncIterator[list[dict[str, Any]]]:
        from dnastack.client.data_connect.table import row_stream_error
        from dnastack.client.pagination import PageParseError
        from dnastack.exceptions import HttpError

        try:
            async for page in self._paginator.apages():
                items = page.items
                del page
                yield items
        except (HttpError, PageParseError) as exc:
            translated = row_stream_error(exc, self._query)
            if translated is None:
                raise
            raise translated[0] from translated[1]


class AsyncDataConnectClient(AsyncServiceClient[DataConnectClient]):
    """Asyncio client for Data Connect (same arguments as ``DataConnectClient``, plus
    ``max_concurrency``)."""

    _sync_class = DataConnectClient

    def __init__(
        self,
        endpoint: ServiceEndpoint,
        *,
        settings: Settings | None = None,
        http_options: Mapping[str, Any] | None = None,
        polling: PollingPolicy | None = None,
        prefetch: bool = True,
        max_concurrency: int | None = None,
    ) -> None:
        super().__init__(
            endpoint,
            settings=settings,
            http_options=http_options,
            max_concurrency=max_concurrency,
            polling=polling,
            prefetch=prefetch,
        )
        self._polling = polling
        self._prefetch = prefetch

    def query(
        self,
        query: str,
        no_auth: bool = False,
        trace: Span | None = None,
        *,
        parameters: Sequence[Any] | None = None,
        convert_types: bool = True,
    ) -> AsyncResultIterator:
        """Run an SQL query (see :meth:`DataConnectClient.query`); iterate with ``async for``.

        Raises (while iterating):
            InvalidQueryError, QueryError, DataConversionError, ResponseParseError: as the
            sync client.
        """
        first: PageRequest = self._sync._search_request(query, parameters)
        return self._rows(first, no_auth, trace, convert_types, "query", query)

    def _rows(
        self,
        first: PageRequest,
        no_auth: bool,
        trace: Span | None,
        convert_types: bool,
        what: str,
        query: str | None,
    ) -> AsyncResultIterator:
        """A lazy row stream over ``TableData`` pages from ``first`` (as ``stream_rows``)."""
        from dnastack.aio.pagination import AsyncPaginator
        from dnastack.client.data_connect.errors import QueryError
        from dnastack.client.data_connect.pages import TableDataParser

        paginator: AsyncPaginator[dict[str, Any]] = AsyncPaginator(
            self._session(no_auth),
            first,
            TableDataParser(convert_types),
            trace=trace,
            polling=self._sync._polling_policy(self._polling),
            error_class=QueryError,
            prefetch=self._prefetch,
            what=what,
            sleep=self._sleep(),
        )
        return AsyncResultIterator(paginator, query)

    async def iterate_tables(self, no_auth: bool = False) -> AsyncIterator[TableInfo]:
        """Every table (``async for``; pages fetched as consumed), as ``iterate_tables``."""
        from dnastack.aio.pagination import AsyncPaginator

        paginator: AsyncPaginator[TableInfo] = self._sync._tables_paginator(
            AsyncPaginator, self._session(no_auth), sleep=self._sleep()
        )
        async for page in paginator.apages():
            for info in page.items:
                yield info

    async def list_tables(self, no_auth: bool = False) -> list[TableInfo]:
        """List all tables"""
        return [info async for info in self.iterate_tables(no_auth)]

    def table(
        self, table: TableInfo | Table | AsyncTable | str, no_auth: bool = False
    ) -> AsyncTable:
        """The table wrapper (no request sent): ``await table.info()``, ``table.data``.

        Args:
            table: a table name, a :class:`TableInfo` (its schema is reused when present)
                or a ``Table`` / :class:`AsyncTable` (rebound to this client).
            no_auth: send the table's requests without credentials.
        """
        name_or_info = table.name if isinstance(table, AsyncTable) else table
        return AsyncTable(self, self._sync._table(name_or_info, None), no_auth)

    def _sleep(self) -> Callable[[float], Awaitable[None]]:
        sleep: Callable[[float], Awaitable[None]] = self._http_options.get(
            "async_sleep", asyncio.sleep
        )
        return sleep


class AsyncTable:
    """One Data Connect table for asyncio (from :meth:`AsyncDataConnectClient.table`):
    ``await table.info()`` (the schema, fetched once), ``async for row in table.data``.

    The request and parsing are the sync ``Table``'s (its ``info_flow``, driven here with
    ``await``); the rows stream as a query's.
    """

    _sync_class = Table

    def __init__(self, client: AsyncDataConnectClient, table: Table, no_auth: bool) -> None:
        self._client = client
        self._table = table
        self._no_auth = no_auth

    @property
    def name(self) -> str:
        """The name of the table"""
        return self._table.name

    async def info(self) -> TableInfo:
        """The information of the table, such as schema (fetched once, then kept)."""
        if self._table._info is None:
            self._table._info = await self._client._run(self._table.info_flow())
        return self._table._info

    @property
    def data(self) -> AsyncResultIterator:
        """The table's rows (a new lazy stream on each access; nothing sent before the
        first row is asked for)."""
        from dnastack.client.pagination import PageRequest

        return self._client._rows(
            PageRequest(url=self._table._table_url("data")),
            self._no_auth,
            self._table._trace,
            True,
            f"table {self.name} data",
            None,
        )

    def __repr__(self) -> str:
        return f"AsyncTable(name={self.name!r})"

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
from collections.abc import AsyncGenerator, AsyncIterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from dnastack.aio.base import AsyncServiceClient
from dnastack.client.data_connect.client import DataConnectClient

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    from dnastack.aio.pagination import AsyncPaginator
    from dnastack.client.models import ServiceEndpoint
    from dnastack.client.pagination_core import PollingPolicy
    from dnastack.common.tracing import Span
    from dnastack.settings import Settings

__all__ = ["AsyncDataConnectClient", "AsyncResultIterator"]


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
        """The remaining rows as a ``pyarrow.Table`` (as ``ResultIterator.to_arrow``)."""
        result = await self._as_sync_result()
        return await asyncio.to_thread(result.to_arrow)

    async def to_pandas(self) -> pd.DataFrame:
        """The remaining rows as a ``pandas.DataFrame`` (as ``ResultIterator.to_pandas``)."""
        result = await self._as_sync_result()
        return await asyncio.to_thread(result.to_pandas)

    async def aclose(self) -> None:
        """Stop: no further page is fetched."""
        await self._rows.aclose()

    async def _as_sync_result(self) -> Any:
        from dnastack.client.result_iterator import ResultIterator

        rows = await self.to_list()
        return ResultIterator(rows, data_model=self.data_model)

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
        from dnastack.aio.pagination import AsyncPaginator
        from dnastack.client.data_connect.errors import QueryError
        from dnastack.client.data_connect.pages import TableDataParser

        paginator: AsyncPaginator[dict[str, Any]] = AsyncPaginator(
            self._session(no_auth),
            self._sync._search_request(query, parameters),
            TableDataParser(convert_types),
            trace=trace,
            polling=self._sync._polling_policy(self._polling),
            error_class=QueryError,
            prefetch=self._prefetch,
            what="query",
            sleep=self._http_options.get("async_sleep", asyncio.sleep),
        )
        return AsyncResultIterator(paginator, query)

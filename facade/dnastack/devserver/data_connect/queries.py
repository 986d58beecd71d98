"""Open queries, paged out without re-running them: a bounded cache of live DuckDB cursors.

Each query keeps its cursor open; page ``n`` reads the next ``page_size`` rows with
``fetchmany``. The cache is an LRU with an idle TTL: unknown, evicted and expired query
ids answer 404. The last page served is kept, so a client may retry it once more.

Page URLs look like ``{base}/search/{query_id}?page={n}`` (``base`` is absolute by
default). Data pages are numbered from 1; in polling mode the first response is an empty
page (no rows, no ``data_model``) pointing to page 1. While a page travels to the client,
the next one is already being read (for pages of up to 10,000 rows), so DuckDB and the
network overlap.
"""

from __future__ import annotations

import asyncio
import secrets
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import orjson
from starlette.concurrency import run_in_threadpool

from dnastack.devserver.data_connect.engine import (
    DuckDbEngine,
    EngineClosedError,
    QueryError,
    StreamingCursor,
)
from dnastack.devserver.errors import ApiError

__all__ = ["DataConnectScope", "Page", "QueryService", "render_page"]

PREFETCH_MAX_PAGE_SIZE = 10_000


@dataclass(frozen=True)
class DataConnectScope:
    """Where a Data Connect request runs: all tables, or one collection's tables."""

    key: str
    base_path: str
    tables: frozenset[str] | None = None


@dataclass(frozen=True)
class Page:
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class _OpenQuery:
    query_id: str
    scope_key: str
    base_path: str
    page_size: int
    stream: StreamingCursor
    data_model_json: bytes
    last_used: float
    next_page: int = 1
    last_page: tuple[int, bytes] | None = None
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    prefetch: asyncio.Task[tuple[list[str], bool]] | None = None

    def page_url(self, page: int) -> str:
        return f"{self.base_path}/search/{self.query_id}?page={page}"


def render_page(data_model_json: bytes | None, rows: Sequence[str], next_url: str | None) -> bytes:
    """A TableData page; rows are JSON object texts produced by DuckDB."""
    document: dict[str, Any] = {}
    if data_model_json is not None:
        document["data_model"] = orjson.Fragment(data_model_json)
    document["data"] = orjson.Fragment(("[" + ",".join(rows) + "]").encode())
    if next_url is not None:
        document["pagination"] = {"next_page_url": next_url}
    return orjson.dumps(document)


class QueryService:
    """Starts queries on the engine and serves their pages in order."""

    def __init__(
        self,
        engine: DuckDbEngine,
        *,
        max_open: int = 64,
        ttl_seconds: float = 300.0,
        polling_retry_after: int = 0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._engine = engine
        self._max_open = max(1, max_open)
        self._ttl = ttl_seconds
        self._polling_retry_after = polling_retry_after
        self._clock = clock
        self._open: OrderedDict[str, _OpenQuery] = OrderedDict()

    @property
    def engine(self) -> DuckDbEngine:
        return self._engine

    @property
    def open_count(self) -> int:
        return len(self._open)

    async def start(
        self,
        sql: str,
        parameters: Sequence[Any],
        scope: DataConnectScope,
        *,
        page_size: int,
        polling: bool,
    ) -> Page:
        """Run ``sql`` and answer its first page (an empty one when ``polling``)."""
        stream = await run_in_threadpool(self._engine.open_query, sql, parameters, scope.tables)
        query = _OpenQuery(
            query_id=secrets.token_urlsafe(12),
            scope_key=scope.key,
            base_path=scope.base_path,
            page_size=page_size,
            stream=stream,
            data_model_json=orjson.dumps(stream.data_model),
            last_used=self._clock(),
        )
        self._remember(query)
        if polling:
            body = render_page(None, [], query.page_url(1))
            return Page(body, {"Retry-After": str(self._polling_retry_after)})
        return await self.page(query.query_id, 1, scope)

    async def page(self, query_id: str, page: int, scope: DataConnectScope) -> Page:
        self.sweep()
        query = self._open.get(query_id)
        if query is None or query.scope_key != scope.key:
            raise ApiError(404, f"Query {query_id} is unknown or has expired")
        async with query.lock:
            if self._open.get(query_id) is not query:
                raise ApiError(404, f"Query {query_id} is unknown or has expired")
            query.last_used = self._clock()
            self._open.move_to_end(query_id)
            if query.last_page is not None and query.last_page[0] == page:
                return Page(query.last_page[1])
            if page != query.next_page:
                raise ApiError(
                    404,
                    f"Page {page} of query {query_id} is not available; "
                    f"the next page is {query.next_page}",
                )
            try:
                rows, more = await self._read(query)
            except QueryError as exc:
                self._close(query_id)
                raise ApiError(400, f"The query failed: {exc}", title="Query failed") from exc
            except EngineClosedError as exc:
                raise ApiError(503, str(exc)) from exc
            if more and query.page_size <= PREFETCH_MAX_PAGE_SIZE:
                query.prefetch = asyncio.create_task(
                    run_in_threadpool(query.stream.read, query.page_size)
                )
            next_url = query.page_url(page + 1) if more else None
            body = render_page(query.data_model_json, rows, next_url)
            query.next_page = page + 1
            query.last_page = (page, body)
            query.last_used = self._clock()
            return Page(body)

    @staticmethod
    async def _read(query: _OpenQuery) -> tuple[list[str], bool]:
        """The next page's rows: the prefetched ones if a prefetch is under way."""
        if query.prefetch is not None:
            prefetch, query.prefetch = query.prefetch, None
            return await prefetch
        return await run_in_threadpool(query.stream.read, query.page_size)

    def _remember(self, query: _OpenQuery) -> None:
        self._open[query.query_id] = query
        self.sweep()

    def sweep(self) -> None:
        """Close expired queries and the least recently used beyond the limit (if idle)."""
        now = self._clock()
        for query_id, query in list(self._open.items()):
            if now - query.last_used > self._ttl and not query.lock.locked():
                self._close(query_id)
        for query_id, query in list(self._open.items()):
            if len(self._open) <= self._max_open:
                break
            if not query.lock.locked():
                self._close(query_id)

    def _close(self, query_id: str) -> None:
        query = self._open.pop(query_id)
        prefetch, query.prefetch = query.prefetch, None
        if prefetch is None:
            query.stream.close()
            return

        # a thread may still be reading this cursor: close it once that read is over
        def close_stream(task: asyncio.Task[tuple[list[str], bool]]) -> None:
            if not task.cancelled():
                task.exception()  # retrieved: an abandoned prefetch may fail quietly
            query.stream.close()

        prefetch.add_done_callback(close_stream)

    async def sweep_forever(self, interval: float) -> None:
        while True:
            await asyncio.sleep(interval)
            self.sweep()

    async def aclose_all(self) -> None:
        """Close every query, waiting for reads in flight (interrupt the engine first)."""
        pending = [q.prefetch for q in self._open.values() if q.prefetch is not None]
        for query_id in list(self._open):
            self._close(query_id)
        if pending:
            await asyncio.gather(*pending, return_exceptions=True)

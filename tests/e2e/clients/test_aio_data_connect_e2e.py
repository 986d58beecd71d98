"""AsyncDataConnectClient beyond the parametrised sync tests: Arrow batches built as pages
arrive (the sync result's builder), tables and the pooled session on the running loop."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from drs_e2e_support import isolated_settings

from dnastack.aio import AsyncDataConnectClient, AsyncResultIterator, AsyncTable
from dnastack.client.data_connect import DataConnectClient
from dnastack.client.models import ServiceEndpoint
from tests.fixtures.devserver import DevServer

pytestmark = pytest.mark.e2e
pa = pytest.importorskip("pyarrow")
pd = pytest.importorskip("pandas")

ALL_TYPES = "SELECT * FROM all_types ORDER BY id"


def _clients(devserver: DevServer, tmp_path: Path) -> tuple[DataConnectClient, Any]:
    endpoint = ServiceEndpoint(url=devserver.data_connect_url)
    settings = isolated_settings(tmp_path)
    return DataConnectClient(endpoint, settings=settings), AsyncDataConnectClient(
        endpoint, settings=settings
    )


def test_async_batches_come_as_pages_arrive(devserver: DevServer, tmp_path: Path) -> None:
    _, client = _clients(devserver, tmp_path)

    async def main() -> tuple[int, list[int], int]:
        async with client:
            result = client.table("big").data  # 10,000 rows, 100 per page
            batches = result.iter_batches(rows=250)
            first = await anext(batches)
            received_at_first = result.rows_so_far
            sizes = [first.num_rows] + [batch.num_rows async for batch in batches]
            return received_at_first, sizes, result.rows_so_far

    received_at_first, sizes, received = asyncio.run(main())

    assert received_at_first <= 400  # three pages (and a prefetch), not the 10,000 rows
    assert sizes == [250] * 40 and received == 10_000


def test_async_batches_and_frames_equal_the_sync_ones(devserver: DevServer, tmp_path: Path) -> None:
    sync, client = _clients(devserver, tmp_path)

    async def main() -> tuple[list[Any], Any, Any]:
        async with client:
            batches = [b async for b in client.query(ALL_TYPES).iter_batches(rows=1)]
            return (
                batches,
                await client.query(ALL_TYPES).to_arrow(),
                await client.query(ALL_TYPES).to_pandas(),
            )

    batches, table, frame = asyncio.run(main())

    sync_batches = list(sync.query(ALL_TYPES).iter_batches(rows=1))
    assert len(batches) == 3  # row 3 is all NULL: conformed to the first batch's schema
    assert all(b.schema == sync_batches[0].schema for b in batches)
    assert pa.Table.from_batches(batches).equals(pa.Table.from_batches(sync_batches))
    assert table.equals(sync.query(ALL_TYPES).to_arrow())
    pd.testing.assert_frame_equal(frame, sync.query(ALL_TYPES).to_pandas())


def test_async_to_arrow_never_collects_the_rows_first(
    devserver: DevServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, client = _clients(devserver, tmp_path)

    async def refused(self: AsyncResultIterator) -> list[Any]:
        raise AssertionError("to_list() called: the rows were collected")

    monkeypatch.setattr(AsyncResultIterator, "to_list", refused)

    async def main() -> tuple[int, int]:
        async with client:
            table = await client.query("SELECT * FROM variants").to_arrow()
            frame = await client.query("SELECT * FROM variants").to_pandas()
            return table.num_rows, len(frame)

    assert asyncio.run(main()) == (1000, 1000)


def test_async_tables_and_session(devserver: DevServer, tmp_path: Path) -> None:
    _, client = _clients(devserver, tmp_path)

    async def main() -> None:
        async with client:
            names = [info.name async for info in client.iterate_tables()]
            assert names == [info.name for info in await client.list_tables()]
            table = client.table("samples")
            assert isinstance(table, AsyncTable) and repr(table) == "AsyncTable(name='samples')"
            info, rows = await asyncio.gather(table.info(), table.data.to_list())
            assert await table.info() is info  # fetched once
            assert info.name == "samples" and len(rows) == 100
            session = client.create_http_session()
            assert session is client.create_http_session(no_auth=False)
            response = await session.submit("GET", f"{client.url}tables")
            assert response.status_code == 200
            with pytest.raises(ValueError, match="suppress_error"):
                client.create_http_session(suppress_error=True)

    asyncio.run(main())

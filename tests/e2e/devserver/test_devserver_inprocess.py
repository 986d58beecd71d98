"""The devserver app built in-process (``create_app``), and query expiry with an injected clock."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest

from dnastack.devserver.app import create_app
from dnastack.devserver.config import DevServerConfig, config_from_args
from dnastack.devserver.data_connect.engine import DuckDbEngine
from dnastack.devserver.data_connect.queries import DataConnectScope, QueryService
from dnastack.devserver.drs.ranges import ByteRange, RangeNotSatisfiable, parse_range
from dnastack.devserver.errors import ApiError
from dnastack.devserver.sample_data import ensure_sample_data

SCOPE = DataConnectScope(key="node", base_path="/data-connect")


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_create_app_serves_in_process(tmp_path: Path) -> None:
    app = create_app(DevServerConfig(data_dir=tmp_path / "data", rows=50, page_size=20))

    async def scenario() -> None:
        transport = httpx.ASGITransport(app=app)
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(transport=transport, base_url="http://node.test") as http,
        ):
            services = (await http.get("/services")).json()
            assert "http://node.test/data-connect/" in {s["url"] for s in services}
            response = await http.post("/data-connect/search", json={"query": "SELECT id FROM big"})
            page = response.json()
            assert len(page["data"]) == 20
            assert page["pagination"]["next_page_url"].startswith(
                "http://node.test/data-connect/search/"
            )
        assert app.state.node.queries.open_count == 0

    asyncio.run(scenario())


def test_config_from_args_defaults_and_validation(tmp_path: Path) -> None:
    config = config_from_args(["--data", str(tmp_path)])
    assert (config.host, config.port, config.page_size) == ("127.0.0.1", 8080, 100)
    assert config.auth_enabled is False
    with pytest.raises(SystemExit):
        config_from_args(["--data", str(tmp_path), "--page-size", "0"])


def test_idle_queries_expire_after_the_ttl(tmp_path: Path) -> None:
    ensure_sample_data(tmp_path, 100)
    engine = DuckDbEngine(tmp_path / "tables")
    clock = FakeClock()
    service = QueryService(engine, ttl_seconds=60, clock=clock)

    async def scenario() -> None:
        await service.start("SELECT id FROM big", [], SCOPE, page_size=10, polling=True)
        (query_id,) = list(service._open)
        clock.now += 59
        assert (await service.page(query_id, 1, SCOPE)).body
        clock.now += 61
        service.sweep()
        assert service.open_count == 0
        with pytest.raises(ApiError) as raised:
            await service.page(query_id, 2, SCOPE)
        assert raised.value.status == 404
        await service.aclose_all()

    try:
        asyncio.run(scenario())
    finally:
        engine.close()


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, None),
        ("bytes=0-9", ByteRange(0, 9)),
        ("bytes=90-", ByteRange(90, 99)),
        ("bytes=-5", ByteRange(95, 99)),
        ("bytes=-500", ByteRange(0, 99)),
        ("bytes=50-500", ByteRange(50, 99)),
        ("bytes=0-1,3-4", None),
        ("items=0-1", None),
    ],
)
def test_range_parsing(header: str | None, expected: ByteRange | None) -> None:
    assert parse_range(header, 100) == expected


@pytest.mark.parametrize("header", ["bytes=100-", "bytes=9-3", "bytes=x-1", "bytes=-0", "bytes="])
def test_unsatisfiable_ranges(header: str) -> None:
    with pytest.raises(RangeNotSatisfiable):
        parse_range(header, 100)

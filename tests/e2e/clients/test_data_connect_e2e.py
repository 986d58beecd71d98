"""DataConnectClient, Table and TableInfo end to end against the devserver."""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from aio_e2e_support import CLIENT_KINDS, Blocking

from dnastack.aio import AsyncDataConnectClient, AsyncTable
from dnastack.client.data_connect import DataConnectClient, QueryError, Table, TableInfo
from dnastack.client.data_connect.conversion import Interval
from dnastack.client.models import ServiceEndpoint
from dnastack.client.pagination import PollingPolicy
from dnastack.common.tracing import Span
from dnastack.exceptions import ClientRequestError, NotFoundError
from dnastack.settings import SessionOverrides, Settings, resolve_settings
from tests.fixtures.devserver import DevServer, DevServerFactory

pytestmark = pytest.mark.e2e

SAMPLE_TABLES = ["all_types", "big", "partition_keys", "samples", "variants"]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return resolve_settings(
        config_file=tmp_path / "config.yaml",
        session_dir=tmp_path / "sessions",
        environ={},
        overrides=SessionOverrides(),
    )


@pytest.fixture(params=CLIENT_KINDS)
def client(
    request: pytest.FixtureRequest, devserver: DevServer, settings: Settings
) -> Iterator[DataConnectClient]:
    """``DataConnectClient``, then ``AsyncDataConnectClient`` behind a blocking view."""
    endpoint = ServiceEndpoint(url=devserver.data_connect_url)
    if request.param == "async":
        with Blocking(AsyncDataConnectClient(endpoint, settings=settings)) as blocking:
            yield blocking  # type: ignore[misc]
        return
    with DataConnectClient(endpoint, settings=settings) as client:
        yield client


def check_all_types_row(row: dict[str, object]) -> None:
    """Every column of the sample ``all_types`` table, converted per its data_model."""
    if row["id"] == 1:
        assert row["c_boolean"] is True
        assert row["c_tinyint"] == -8 and row["c_smallint"] == -16 and row["c_integer"] == -32
        assert row["c_bigint"] == 9007199254740993  # beyond a double's precision
        assert row["c_utinyint"] == 200 and row["c_uinteger"] == 4000000000
        assert row["c_ubigint"] == decimal.Decimal("18446744073709551615")
        assert row["c_real"] == 1.5 and row["c_double"] == 2.25
        assert row["c_decimal"] == decimal.Decimal("12345.678")
        assert row["c_decimal38"] == decimal.Decimal("123456789012345678901234567890")
        assert row["c_varchar"] == 'héllo, "world"'
        assert row["c_date"] == dt.date(2024, 2, 29)
        assert row["c_time"] == dt.time(13, 45, 30, 123456)
        assert row["c_timestamp"] == dt.datetime(2024, 2, 29, 13, 45, 30, 500000)
        assert row["c_timestamptz"] == dt.datetime(2024, 2, 29, 11, 45, 30, tzinfo=dt.UTC)
        assert row["c_interval"] == Interval(
            14, dt.timedelta(days=3, hours=4, minutes=5, seconds=6.5)
        )
        assert row["c_list"] == [1, 2, 3] and row["c_list_varchar"] == ["a", None]
        assert row["c_struct"] == {"a": 1, "b": "x", "c": dt.date(2024, 1, 1)}
        assert row["c_map"] == {"k1": 1, "k2": 2}
        assert row["c_list_struct"] == [{"amount": decimal.Decimal("1.25")}]
        assert row["c_blob"] == b"\xde\xad\xbe\xef"
        assert row["c_uuid"] == "123e4567-e89b-12d3-a456-426614174000"
    elif row["id"] == 2:
        assert row["c_bigint"] == -9223372036854775808
        assert row["c_decimal"] == decimal.Decimal("-0.001")
        assert row["c_timestamptz"] == dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
        assert row["c_interval"] == Interval(0, dt.timedelta(minutes=90))
        assert row["c_struct"] == {"a": None, "b": None, "c": None}
        assert row["c_map"] == {} and row["c_list_struct"] == [] and row["c_blob"] == b""
    else:
        assert row["id"] == 3
        assert all(value is None for name, value in row.items() if name not in ("id", "k"))


def test_data_connect_query_with_positional_parameters(client: DataConnectClient) -> None:
    rows = client.query(
        "SELECT variant_id, position FROM variants WHERE gene = ? AND position > ? "
        "ORDER BY variant_id LIMIT 5",
        parameters=["BRCA1", 100_000],
    ).to_list()

    assert len(rows) == 5
    assert all(row["position"] > 100_000 for row in rows)
    assert rows == sorted(rows, key=lambda r: r["variant_id"])


def test_data_connect_20000_rows_across_pages_convert_every_type(
    client: DataConnectClient,
) -> None:
    result = client.query(
        "SELECT t.*, r.range AS k FROM all_types t CROSS JOIN range(6667) r "
        "ORDER BY k, t.id LIMIT 20000"
    )
    count = 0
    for row in result:
        count += 1
        check_all_types_row(row)
    assert count == 20_000
    assert result.rows_so_far == 20_000
    assert result.data_model is not None and "c_interval" in result.data_model["properties"]


def test_data_connect_results_to_pandas_and_arrow(client: DataConnectClient) -> None:
    pytest.importorskip("pandas")
    pa = pytest.importorskip("pyarrow")

    frame = client.query("SELECT * FROM all_types ORDER BY id").to_pandas()
    assert str(frame["c_bigint"].dtype) == "Int64"
    assert str(frame["c_timestamptz"].dtype) == "datetime64[us, UTC]"
    assert frame["c_decimal"][0] == decimal.Decimal("12345.678")

    table = client.query("SELECT * FROM all_types ORDER BY id").to_arrow()
    assert table.schema.field("c_decimal").type == pa.decimal128(18, 3)
    assert table.schema.field("c_date").type == pa.date32()
    assert table.schema.field("c_struct").type.num_fields == 3
    assert table.num_rows == 3


def test_data_connect_polling_mode_is_waited_out(
    devserver_factory: DevServerFactory, settings: Settings
) -> None:
    server = devserver_factory.start("--polling", "--polling-retry-after", "2", "--page-size", "7")
    waits: list[float] = []
    client = DataConnectClient(
        ServiceEndpoint(url=server.data_connect_url),
        settings=settings,
        polling=PollingPolicy(sleep=waits.append),
    )

    rows = client.query("SELECT * FROM samples ORDER BY sample_id").to_list()

    assert len(rows) == 100
    assert rows[0]["sample_id"] == "sample-001"
    assert waits == [2.0]  # the empty first page's Retry-After, honoured once


def test_data_connect_absolute_next_page_urls(
    devserver_factory: DevServerFactory, settings: Settings
) -> None:
    server = devserver_factory.start("--page-size", "9")  # absolute next_page_urls: the default
    client = DataConnectClient(ServiceEndpoint(url=server.data_connect_url), settings=settings)
    first = httpx.get(server.data_connect_url + "tables", params={"page_size": 1}).json()
    assert first["pagination"]["next_page_url"].startswith(server.base_url + "/")
    assert len(client.query("SELECT * FROM variants").to_list()) == 1000
    assert [t.name for t in client.list_tables()] == SAMPLE_TABLES


def test_data_connect_relative_next_page_urls(
    devserver_factory: DevServerFactory, settings: Settings
) -> None:
    server = devserver_factory.start("--relative-page-urls", "--page-size", "9")
    client = DataConnectClient(ServiceEndpoint(url=server.data_connect_url), settings=settings)
    first = httpx.get(server.data_connect_url + "tables", params={"page_size": 1}).json()
    assert first["pagination"]["next_page_url"].startswith("/data-connect/tables?")
    assert len(client.query("SELECT * FROM variants").to_list()) == 1000
    assert [t.name for t in client.list_tables()] == SAMPLE_TABLES


@pytest.mark.parametrize("kind", CLIENT_KINDS)
def test_data_connect_list_and_iterate_tables_across_pages(
    devserver_factory: DevServerFactory, settings: Settings, kind: str
) -> None:
    server = devserver_factory.start("--page-size", "3")  # five tables: two pages
    endpoint = ServiceEndpoint(url=server.data_connect_url)
    client: DataConnectClient = (
        Blocking(AsyncDataConnectClient(endpoint, settings=settings))  # type: ignore[assignment]
        if kind == "async"
        else DataConnectClient(endpoint, settings=settings)
    )

    try:
        listed = client.list_tables()
        iterated = list(client.iterate_tables())
    finally:
        client.close()

    assert [t.name for t in listed] == SAMPLE_TABLES
    assert listed == iterated
    assert all(isinstance(t, TableInfo) and t.data_model for t in listed)


def test_data_connect_table_info_and_data(client: DataConnectClient) -> None:
    table = client.table("samples")
    assert isinstance(getattr(table, "client", table), Table | AsyncTable)  # async: a view
    assert table.name == "samples"

    info = table.info
    assert info.name == "samples"
    assert set(info.data_model["properties"]) >= {"sample_id", "collected_on"}  # type: ignore[index]

    rows = list(table.data)
    assert len(rows) == 100  # the devserver's default page size is 100: one page ...
    assert isinstance(rows[0]["collected_on"], dt.date)

    big_rows = sum(1 for _ in client.table("big").data)  # ... and 100 pages here
    assert big_rows == 10_000


def test_data_connect_table_from_table_info_or_table(client: DataConnectClient) -> None:
    info = next(t for t in client.iterate_tables() if t.name == "variants")
    from_info = client.table(info)
    assert from_info.info is info  # the schema is not fetched again
    assert client.table(from_info).name == "variants"
    assert sum(1 for _ in from_info.data) == 1000


def test_data_connect_unknown_table_and_bad_sql_are_typed_errors(
    client: DataConnectClient,
) -> None:
    with pytest.raises(NotFoundError):
        _ = client.table("no_such_table").info
    with pytest.raises(ClientRequestError) as caught:
        client.query("SELEC nothing").to_list()
    assert caught.value.status_code == 400


def test_data_connect_expired_query_mid_stream_raises_query_error(
    devserver_factory: DevServerFactory, settings: Settings
) -> None:
    server = devserver_factory.start("--page-size", "10", "--max-open-queries", "1")
    client = DataConnectClient(
        ServiceEndpoint(url=server.data_connect_url), settings=settings, prefetch=False
    )
    first = iter(client.query("SELECT * FROM variants"))
    consumed = sum(1 for _ in zip(range(10), first, strict=False))
    client.query("SELECT 1 AS x").to_list()  # evicts the first query's cursor

    with pytest.raises(QueryError) as caught:
        for _ in first:
            consumed += 1
    assert caught.value.rows_so_far == consumed
    assert isinstance(caught.value.__cause__, NotFoundError)


def test_data_connect_trace_and_session_reuse(client: DataConnectClient) -> None:
    span = Span()
    assert client.query("SELECT 1 AS one", trace=span).to_list() == [{"one": 1}]
    assert client.create_http_session() is client.create_http_session()
    assert client.url.endswith("/data-connect/")
    assert DataConnectClient.get_adapter_type() == "data_connect"
    assert str(DataConnectClient.get_supported_service_types()[0]) == "org.ga4gh:data-connect:1.0.0"
    made = DataConnectClient.make(client.endpoint)
    assert isinstance(made, DataConnectClient) and made.endpoint is client.endpoint

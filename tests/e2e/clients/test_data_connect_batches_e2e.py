"""Big results against the devserver: typed Arrow batches, to_arrow/to_pandas built from
them (same types and values as the row-based conversion), Parquet and CSV written batch by
batch."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from dnastack.client.data_connect import DataConnectClient
from dnastack.client.data_connect.frames import rows_to_arrow, rows_to_pandas
from dnastack.client.models import ServiceEndpoint
from dnastack.settings import SessionOverrides, resolve_settings
from tests.fixtures.devserver import DevServer

pytestmark = pytest.mark.e2e
pa = pytest.importorskip("pyarrow")
pd = pytest.importorskip("pandas")

ALL_TYPES = "SELECT * FROM all_types ORDER BY id"


@pytest.fixture
def client(devserver: DevServer, tmp_path: Path) -> Iterator[DataConnectClient]:
    settings = resolve_settings(
        config_file=tmp_path / "config.yaml", environ={}, overrides=SessionOverrides()
    )
    with DataConnectClient(
        ServiceEndpoint(url=devserver.data_connect_url), settings=settings
    ) as client:
        yield client


def test_iter_batches_are_typed_sized_and_share_one_schema(client: DataConnectClient) -> None:
    batches = list(client.query("SELECT * FROM big ORDER BY id LIMIT 2500").iter_batches(rows=1000))
    assert [b.num_rows for b in batches] == [1000, 1000, 500]
    assert len({b.schema for b in batches}) == 1
    schema = batches[0].schema
    assert schema.field("id").type == pa.int64()
    assert schema.field("amount").type == pa.decimal128(18, 3)
    assert schema.field("event_date").type == pa.date32()
    ids = [i for b in batches for i in b.column("id").to_pylist()]
    assert ids == list(range(2500))


def test_to_arrow_and_to_pandas_equal_the_row_conversion_for_every_type(
    client: DataConnectClient,
) -> None:
    rows_result = client.query(ALL_TYPES)
    rows = rows_result.to_list()
    model = rows_result.data_model
    expected_table = rows_to_arrow(rows, lambda: model)
    expected_frame = rows_to_pandas(rows, lambda: model)

    table = client.query(ALL_TYPES).to_arrow()
    frame = client.query(ALL_TYPES).to_pandas()

    assert table.schema == expected_table.schema
    assert table.to_pylist() == expected_table.to_pylist()
    assert dict(frame.dtypes) == dict(expected_frame.dtypes)
    for name in expected_frame.columns:
        got, want = frame[name].tolist(), expected_frame[name].tolist()
        assert [None if pd.isna(v) is True else v for v in got] == [
            None if pd.isna(v) is True else v for v in want
        ], name


def test_to_arrow_of_batches_across_pages_keeps_every_row(client: DataConnectClient) -> None:
    result = client.query("SELECT id, amount, details FROM big ORDER BY id LIMIT 9999")
    table = result.to_arrow()
    assert table.num_rows == 9999
    assert table.column("id").to_pylist() == list(range(9999))
    assert pa.types.is_struct(table.schema.field("details").type)


def test_empty_result_keeps_its_columns(client: DataConnectClient, tmp_path: Path) -> None:
    query = "SELECT id, name FROM big WHERE id < 0"
    assert list(client.query(query).iter_batches()) == []
    table = client.query(query).to_arrow()
    assert table.num_rows == 0 and table.column_names == ["id", "name"]
    assert table.schema.field("id").type == pa.int64()
    assert list(client.query(query).to_pandas().columns) == ["id", "name"]
    assert client.query(query).to_parquet(tmp_path / "empty.parquet") == 0
    assert pa.parquet.read_table(tmp_path / "empty.parquet").column_names == ["id", "name"]


def test_to_parquet_and_csv_write_every_row_batch_by_batch(
    client: DataConnectClient, tmp_path: Path
) -> None:
    import pyarrow.csv as pcsv
    import pyarrow.parquet as pq

    query = "SELECT id, name, amount, event_date, created_at FROM big ORDER BY id LIMIT 7000"
    written = client.query(query).to_parquet(tmp_path / "rows.parquet", rows=3000)
    assert written == 7000
    parquet = pq.read_table(tmp_path / "rows.parquet")
    assert parquet.equals(client.query(query).to_arrow())
    assert pq.ParquetFile(tmp_path / "rows.parquet").metadata.num_row_groups == 3

    assert client.query(query).to_csv(tmp_path / "rows.csv", rows=3000) == 7000
    csv = pcsv.read_csv(tmp_path / "rows.csv")
    assert csv.num_rows == 7000
    assert csv.column("id").to_pylist() == list(range(7000))
    assert csv.column_names == parquet.column_names


def test_iter_batches_rejects_a_size_below_one(client: DataConnectClient) -> None:
    with pytest.raises(ValueError, match=">= 1"):
        next(client.query("SELECT 1 AS x").iter_batches(rows=-1))


def test_to_csv_writes_nested_values_as_json_text(
    client: DataConnectClient, tmp_path: Path
) -> None:
    import csv
    import json

    path = tmp_path / "nested.csv"
    sql = "SELECT id, c_list, c_struct, c_map, c_decimal FROM all_types ORDER BY id"
    assert client.query(sql).to_csv(path) == 3
    with path.open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert json.loads(rows[0]["c_list"]) == [1, 2, 3]
    assert json.loads(rows[0]["c_struct"]) == {"a": 1, "b": "x", "c": "2024-01-01"}
    assert json.loads(rows[0]["c_map"]) == {"k1": 1, "k2": 2}
    assert rows[0]["c_decimal"] == "12345.678"
    assert rows[2]["c_list"] == ""

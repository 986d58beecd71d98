"""ResultIterator of Data Connect rows: positional parameters, lazy start, to_list, and
DataFrame / Arrow column types from the data_model (pandas/pyarrow optional)."""

from __future__ import annotations

import datetime as dt
import decimal
import json
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from dnastack.client.data_connect import DataConnectClient
from dnastack.client.models import ServiceEndpoint
from dnastack.client.result_iterator import ResultIterator
from dnastack.settings import SessionOverrides, resolve_settings

MODEL = {
    "type": "object",
    "properties": {
        "id": {"type": "string", "format": "bigint"},
        "n": {"type": "integer", "format": "integer"},
        "score": {"type": "number", "format": "double"},
        "ok": {"type": "boolean", "format": "boolean"},
        "amount": {"type": "string", "format": "decimal(10,2)"},
        "day": {"type": "string", "format": "date"},
        "at": {"type": "string", "format": "timestamp"},
        "at_tz": {"type": "string", "format": "timestamp with time zone"},
        "label": {"type": "string", "format": "varchar"},
        "tags": {"type": "array", "items": {"type": "string"}},
    },
}
ROWS = [
    {
        "id": "9007199254740993",
        "n": 1,
        "score": 1.5,
        "ok": True,
        "amount": "12.30",
        "day": "2024-02-29",
        "at": "2024-02-29T13:45:30.5",
        "at_tz": "2024-02-29T11:45:30Z",
        "label": "a",
        "tags": ["x"],
    },
    {
        "id": None,
        "n": None,
        "score": None,
        "ok": None,
        "amount": None,
        "day": None,
        "at": None,
        "at_tz": None,
        "label": None,
        "tags": None,
    },
]


@pytest.fixture
def requests_sent() -> list[httpx.Request]:
    return []


@pytest.fixture
def client(tmp_path: Path, requests_sent: list[httpx.Request]) -> DataConnectClient:
    def handler(request: httpx.Request) -> httpx.Response:
        requests_sent.append(request)
        return httpx.Response(200, json={"data_model": MODEL, "data": ROWS})

    settings = resolve_settings(
        config_file=tmp_path / "config.yaml", environ={}, overrides=SessionOverrides()
    )
    return DataConnectClient(
        ServiceEndpoint(url="http://dc.test/data-connect"),
        settings=settings,
        http_options={"transport": httpx.MockTransport(handler)},
    )


def test_data_connect_query_is_lazy_and_sends_positional_parameters(
    client: DataConnectClient, requests_sent: list[httpx.Request]
) -> None:
    result = client.query(
        "SELECT * FROM t WHERE a = ? AND b > ? AND c = ?",
        parameters=[1, dt.date(2024, 1, 2), decimal.Decimal("1.50")],
    )
    assert requests_sent == []
    rows = result.to_list()

    assert json.loads(requests_sent[0].content) == {
        "query": "SELECT * FROM t WHERE a = ? AND b > ? AND c = ?",
        "parameters": [1, "2024-01-02", "1.50"],
    }
    assert str(requests_sent[0].url) == "http://dc.test/data-connect/search"
    assert rows[0]["id"] == 9007199254740993
    assert rows[0]["amount"] == decimal.Decimal("12.30")
    assert rows[0]["at_tz"] == dt.datetime(2024, 2, 29, 11, 45, 30, tzinfo=dt.UTC)
    assert result.data_model == MODEL


def test_data_connect_query_without_conversion_gives_json_values(
    client: DataConnectClient,
) -> None:
    rows = client.query("SELECT 1", convert_types=False).to_list()
    assert rows[0]["id"] == "9007199254740993" and rows[0]["day"] == "2024-02-29"


def test_data_connect_query_parameters_are_keyword_only(client: DataConnectClient) -> None:
    with pytest.raises(TypeError, match="keyword-only"):
        client.query("SELECT ?", ["x"])  # type: ignore[arg-type]


def test_data_connect_query_accepts_the_reference_positional_no_auth(
    client: DataConnectClient, requests_sent: list[httpx.Request]
) -> None:
    client.query("SELECT 1", True).to_list()
    assert "parameters" not in json.loads(requests_sent[0].content)


def test_data_connect_to_pandas_takes_dtypes_from_the_data_model(
    client: DataConnectClient,
) -> None:
    pytest.importorskip("pandas")
    frame = client.query("SELECT 1").to_pandas()

    dtypes = {name: str(dtype) for name, dtype in frame.dtypes.items()}
    assert list(frame.columns) == list(MODEL["properties"])  # type: ignore[call-overload]
    assert dtypes["id"] == "Int64"
    assert dtypes["n"] == "Int32"
    assert dtypes["score"] == "float64"
    assert dtypes["ok"] == "boolean"
    assert dtypes["amount"] == "object"
    assert dtypes["day"].startswith("datetime64")
    assert dtypes["at"] == "datetime64[us]"
    assert dtypes["at_tz"] == "datetime64[us, UTC]"
    assert frame["id"][0] == 9007199254740993
    assert frame["amount"][0] == decimal.Decimal("12.30")
    assert frame["id"].isna()[1]


def test_data_connect_to_arrow_takes_types_from_the_data_model(
    client: DataConnectClient,
) -> None:
    pa = pytest.importorskip("pyarrow")
    table = client.query("SELECT 1").to_arrow()

    types = {field.name: field.type for field in table.schema}
    assert types["id"] == pa.int64()
    assert types["n"] == pa.int32()
    assert types["amount"] == pa.decimal128(10, 2)
    assert types["day"] == pa.date32()
    assert types["at"] == pa.timestamp("us")
    assert types["at_tz"] == pa.timestamp("us", tz="UTC")
    assert types["tags"] == pa.list_(pa.string())
    assert table.num_rows == 2
    assert table.column("id").to_pylist() == [9007199254740993, None]


def test_data_connect_to_pandas_without_pandas_names_the_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"pip install 'dnastack-sdk\[pandas\]'"):
        ResultIterator(iter([{"a": 1}])).to_pandas()


def test_data_connect_to_arrow_without_pyarrow_names_the_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(ImportError, match=r"pip install 'dnastack-sdk\[arrow\]'"):
        ResultIterator(iter([{"a": 1}])).to_arrow()


def test_data_connect_result_iterator_over_models_and_plain_rows() -> None:
    pytest.importorskip("pandas")
    rows: list[dict[str, Any]] = [{"a": 1, "b": "x"}, {"a": 2, "b": "y"}]
    frame = ResultIterator(iter(rows)).to_pandas()
    assert frame.to_dict("records") == rows
    empty = ResultIterator(iter([]), data_model=MODEL).to_pandas()
    assert list(empty.columns) == list(MODEL["properties"])  # type: ignore[call-overload]
    assert len(empty) == 0

"""Data Connect on the devserver: tables, type mapping, search, paging, polling, errors."""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urljoin

import httpx
import pytest

from tests.fixtures.devserver import DevServer, DevServerFactory

pytestmark = pytest.mark.e2e

SAMPLE_TABLES = ["all_types", "big", "partition_keys", "samples", "variants"]
Follow = Callable[..., Any]


def _search(
    http: httpx.Client, query: str, *params: object, **query_args: object
) -> httpx.Response:
    return http.post(
        "/data-connect/search",
        json={"query": query, "parameters": list(params)},
        params=query_args,
    )


def _assert_error_response(response: httpx.Response, status: int) -> str:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    errors = response.json()["errors"]
    assert errors and errors[0]["title"]
    return str(errors[0].get("detail", ""))


@pytest.fixture(scope="module")
def paging_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevServer]:
    """A server with a 20,000-row `big` table and 1000-row pages."""
    factory = DevServerFactory(tmp_path_factory.mktemp("paging"))
    server = factory.start("--rows", "20000", "--page-size", "1000", "--max-open-queries", "3")
    try:
        yield server
    finally:
        factory.stop_all()


# -- tables ----------------------------------------------------------------------------------


def test_tables_lists_every_sample_table(client: httpx.Client) -> None:
    response = client.get("/data-connect/tables")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert "pagination" not in body
    names = [t["name"] for t in body["tables"]]
    assert names == SAMPLE_TABLES
    for table in body["tables"]:
        assert table["data_model"]["type"] == "object"
        assert table["data_model"]["properties"]


def test_tables_are_paginated_with_absolute_next_page_urls(client: httpx.Client) -> None:
    response = client.get("/data-connect/tables", params={"page_size": 3})
    first = response.json()
    assert [t["name"] for t in first["tables"]] == SAMPLE_TABLES[:3]
    next_url = first["pagination"]["next_page_url"]
    assert next_url.startswith(str(client.base_url).rstrip("/") + "/data-connect/tables?")
    second = client.get(next_url).json()
    assert [t["name"] for t in second["tables"]] == SAMPLE_TABLES[3:]
    assert "pagination" not in second


def test_table_info_and_unknown_table(client: httpx.Client) -> None:
    info = client.get("/data-connect/table/variants/info").json()
    assert info["name"] == "variants"
    assert info["data_model"]["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert list(info["data_model"]["properties"])[:3] == ["variant_id", "chromosome", "position"]
    _assert_error_response(client.get("/data-connect/table/nope/info"), 404)
    _assert_error_response(client.get("/data-connect/table/nope/data"), 404)


EXPECTED_SCHEMAS = {
    "c_boolean": {"type": "boolean", "format": "boolean"},
    "c_tinyint": {"type": "integer", "format": "tinyint"},
    "c_integer": {"type": "integer", "format": "integer"},
    "c_bigint": {"type": "string", "format": "bigint"},
    "c_ubigint": {"type": "string", "format": "decimal(20,0)"},
    "c_real": {"type": "number", "format": "real"},
    "c_double": {"type": "number", "format": "double"},
    "c_decimal": {"type": "string", "format": "decimal(18,3)"},
    "c_varchar": {"type": "string", "format": "varchar"},
    "c_date": {"type": "string", "format": "date"},
    "c_time": {"type": "string", "format": "time"},
    "c_timestamp": {"type": "string", "format": "timestamp"},
    "c_timestamptz": {"type": "string", "format": "timestamp with time zone"},
    "c_interval": {"type": "string", "format": "interval"},
    "c_list": {
        "type": "array",
        "format": "array",
        "items": {"type": "integer", "format": "integer"},
    },
    "c_map": {
        "type": "object",
        "format": "map",
        "additionalProperties": {"type": "integer", "format": "integer"},
    },
    "c_blob": {"type": "string", "format": "varbinary", "contentEncoding": "base64"},
    "c_uuid": {"type": "string", "format": "uuid"},
}


def test_data_model_follows_the_data_connect_type_conventions(client: httpx.Client) -> None:
    properties = client.get("/data-connect/table/all_types/info").json()["data_model"]["properties"]
    for column, schema in EXPECTED_SCHEMAS.items():
        assert properties[column] == schema, column
    struct = properties["c_struct"]
    assert struct["type"] == "object"
    assert struct["properties"]["c"] == {"type": "string", "format": "date"}
    nested = properties["c_list_struct"]["items"]["properties"]["amount"]
    assert nested == {"type": "string", "format": "decimal(5,2)"}


def test_values_are_converted_as_the_data_model_says(client: httpx.Client) -> None:
    response = client.get("/data-connect/table/all_types/data")
    assert response.status_code == 200
    first, second, nulls = response.json()["data"]
    assert first["c_boolean"] is True
    assert first["c_tinyint"] == -8
    assert first["c_bigint"] == "9007199254740993"
    assert first["c_ubigint"] == "18446744073709551615"
    assert first["c_real"] == 1.5
    assert first["c_decimal"] == "12345.678"
    assert first["c_decimal38"] == "123456789012345678901234567890"
    assert first["c_varchar"] == 'héllo, "world"'
    assert first["c_date"] == "2024-02-29"
    assert first["c_time"] == "13:45:30.123456"
    assert first["c_timestamp"] == "2024-02-29T13:45:30.5"
    assert first["c_timestamptz"] == "2024-02-29T11:45:30Z"
    assert first["c_interval"] == "P1Y2M3DT4H5M6.5S"
    assert first["c_list"] == [1, 2, 3]
    assert first["c_list_varchar"] == ["a", None]
    assert first["c_struct"] == {"a": 1, "b": "x", "c": "2024-01-01"}
    assert first["c_map"] == {"k1": 1, "k2": 2}
    assert first["c_list_struct"] == [{"amount": "1.25"}]
    assert base64.b64decode(first["c_blob"]) == b"\xde\xad\xbe\xef"
    assert first["c_uuid"] == "123e4567-e89b-12d3-a456-426614174000"
    assert second["c_bigint"] == "-9223372036854775808"
    assert second["c_decimal"] == "-0.001"
    assert second["c_interval"] == "PT1H30M"
    assert second["c_list"] == []
    assert second["c_map"] == {}
    assert all(value is None for key, value in nulls.items() if key != "id")


# -- search ----------------------------------------------------------------------------------


def test_search_binds_positional_parameters(client: httpx.Client) -> None:
    response = _search(
        client,
        "SELECT sample_id, age FROM samples WHERE population = ? AND age >= ? ORDER BY sample_id",
        "EUR",
        60,
    )
    assert response.status_code == 200
    body = response.json()
    assert body["data"]
    assert all(row["age"] >= 60 for row in body["data"])
    assert set(body["data_model"]["properties"]) == {"sample_id", "age"}


def test_search_parameter_types_follow_json(client: httpx.Client) -> None:
    response = _search(
        client, "SELECT ? AS b, ? AS s, ? + 1 AS n, ? AS l", True, "text", 41, [1, 2]
    )
    assert response.json()["data"] == [{"b": True, "s": "text", "n": 42, "l": [1, 2]}]


def test_search_over_duplicate_column_names_gives_unique_keys(client: httpx.Client) -> None:
    response = _search(client, "SELECT 1 AS a, 2 AS a -- a trailing comment")
    assert response.json()["data"] == [{"a": 1, "a_2": 2}]


@pytest.mark.parametrize(
    "query",
    [
        "SELEC 1",
        "SELECT nope FROM variants",
        "CREATE TABLE t (a INTEGER)",
        "SELECT 1; SELECT 2",
        "SELECT * FROM read_csv('/etc/passwd')",
        "COPY variants TO '/tmp/x.csv'",
        "SET threads = 1",
    ],
)
def test_bad_sql_is_a_400_with_an_error_body(client: httpx.Client, query: str) -> None:
    _assert_error_response(_search(client, query), 400)


def test_wrong_number_of_parameters_is_a_400(client: httpx.Client) -> None:
    _assert_error_response(_search(client, "SELECT ? AS a"), 400)


def test_unknown_table_in_search_is_a_404(client: httpx.Client) -> None:
    detail = _assert_error_response(_search(client, "SELECT * FROM no_such_table"), 404)
    assert "no_such_table" in detail


@pytest.mark.parametrize(
    "body",
    [
        b"{not json",
        b"[1, 2]",
        b'{"parameters": []}',
        b'{"query": ""}',
        b'{"query": "SELECT 1", "parameters": 5}',
    ],
)
def test_malformed_search_bodies_are_400(client: httpx.Client, body: bytes) -> None:
    response = client.post(
        "/data-connect/search", content=body, headers={"content-type": "application/json"}
    )
    _assert_error_response(response, 400)


def test_invalid_page_size_is_a_400(client: httpx.Client) -> None:
    _assert_error_response(_search(client, "SELECT 1", page_size="zero"), 400)
    _assert_error_response(_search(client, "SELECT 1", page_size=0), 400)


# -- paging ----------------------------------------------------------------------------------


def test_large_result_pages_in_order_without_gaps(
    paging_server: DevServer, follow_pages: Follow
) -> None:
    with httpx.Client(base_url=paging_server.base_url, timeout=30) as http:
        first = _search(http, "SELECT id, name, amount, details FROM big ORDER BY id DESC")
        rows, pages = follow_pages(http, first)
    assert len(rows) == 20_000
    assert len(pages) == 20
    assert [int(r["id"]) for r in rows] == list(range(19_999, -1, -1))
    assert rows[0]["name"] == "row-19999"
    assert all(len(page["data"]) == 1000 for page in pages)
    models = [page["data_model"] for page in pages]
    assert all(model == models[0] for model in models)
    for page in pages[:-1]:
        assert page["pagination"]["next_page_url"].startswith(
            f"{paging_server.base_url}/data-connect/search/"
        )
    assert "pagination" not in pages[-1]


def test_table_data_is_paged_too(paging_server: DevServer, follow_pages: Follow) -> None:
    with httpx.Client(base_url=paging_server.base_url, timeout=30) as http:
        rows, pages = follow_pages(http, http.get("/data-connect/table/big/data"))
    assert len(rows) == 20_000
    assert len(pages) == 20


def test_page_size_can_be_overridden_per_request(
    paging_server: DevServer, follow_pages: Follow
) -> None:
    with httpx.Client(base_url=paging_server.base_url, timeout=30) as http:
        first = _search(http, "SELECT id FROM big WHERE id < 25 ORDER BY id", page_size=10)
        rows, pages = follow_pages(http, first)
    assert [len(p["data"]) for p in pages] == [10, 10, 5]
    assert [int(r["id"]) for r in rows] == list(range(25))


def test_last_page_may_be_fetched_again_but_not_skipped_ahead(paging_server: DevServer) -> None:
    with httpx.Client(base_url=paging_server.base_url, timeout=30) as http:
        first = _search(http, "SELECT id FROM big ORDER BY id", page_size=5).json()
        second_url = first["pagination"]["next_page_url"]
        second = http.get(second_url)
        again = http.get(second_url)
        assert again.status_code == 200
        assert again.json() == second.json()
        skipped = second_url.replace("page=2", "page=9")
        _assert_error_response(http.get(skipped), 404)


def test_unknown_query_id_is_a_404(client: httpx.Client) -> None:
    _assert_error_response(client.get("/data-connect/search/no-such-query?page=2"), 404)


def test_least_recently_used_queries_are_closed_beyond_the_limit(paging_server: DevServer) -> None:
    with httpx.Client(base_url=paging_server.base_url, timeout=30) as http:
        urls = [
            _search(http, "SELECT id FROM big", page_size=1).json()["pagination"]["next_page_url"]
            for _ in range(4)
        ]
        _assert_error_response(http.get(urls[0]), 404)
        assert http.get(urls[-1]).status_code == 200


def test_empty_result_has_a_data_model_and_no_next_page(client: httpx.Client) -> None:
    body = _search(client, "SELECT * FROM variants WHERE false").json()
    assert body["data"] == []
    assert body["data_model"]["properties"]
    assert "pagination" not in body


# -- polling ---------------------------------------------------------------------------------


def test_polling_header_gives_an_empty_first_page(
    client: httpx.Client, follow_pages: Follow
) -> None:
    first = client.post(
        "/data-connect/search",
        json={"query": "SELECT sample_id FROM samples ORDER BY sample_id"},
        headers={"X-Devserver-Polling": "1"},
    )
    assert first.status_code == 200
    assert first.headers["retry-after"] == "0"
    body = first.json()
    assert body["data"] == []
    assert "data_model" not in body
    assert body["pagination"]["next_page_url"]
    rows, pages = follow_pages(client, first)
    assert len(rows) == 100
    assert pages[1]["data_model"]["properties"] == {
        "sample_id": {"type": "string", "format": "varchar"}
    }


def test_polling_option_applies_to_every_query(
    devserver_factory: DevServerFactory, follow_pages
) -> None:  # type: ignore[no-untyped-def]
    server = devserver_factory.start("--polling", "--polling-retry-after", "2")
    with httpx.Client(base_url=server.base_url) as http:
        first = http.get("/data-connect/table/samples/data")
        assert first.json()["data"] == []
        assert first.headers["retry-after"] == "2"
        rows, _ = follow_pages(http, first)
        assert len(rows) == 100
        direct = http.post(
            "/data-connect/search",
            json={"query": "SELECT 1 AS one"},
            headers={"X-Devserver-Polling": "0"},
        )
        assert direct.json()["data"] == [{"one": 1}]


def test_polling_still_reports_bad_sql_at_once(client: httpx.Client) -> None:
    response = client.post(
        "/data-connect/search",
        json={"query": "SELEC 1"},
        headers={"X-Devserver-Polling": "1"},
    )
    _assert_error_response(response, 400)


def test_relative_page_urls_option(
    devserver_factory: DevServerFactory, follow_pages: Follow
) -> None:
    server = devserver_factory.start("--relative-page-urls", "--page-size", "40")
    with httpx.Client(base_url=server.base_url) as http:
        first = http.get("/data-connect/table/samples/data")
        rows, pages = follow_pages(http, first)
        response = http.get("/data-connect/tables", params={"page_size": 1})
        tables = response.json()
        second = http.get(urljoin(str(response.url), tables["pagination"]["next_page_url"]))
    assert len(rows) == 100
    assert pages[0]["pagination"]["next_page_url"].startswith("/data-connect/search/")
    assert tables["pagination"]["next_page_url"].startswith("/data-connect/tables?")
    assert second.status_code == 200
    assert second.json()["tables"][0]["name"] == SAMPLE_TABLES[1]


def test_absolute_page_urls_option_is_still_accepted(devserver_factory: DevServerFactory) -> None:
    server = devserver_factory.start("--absolute-page-urls")
    with httpx.Client(base_url=server.base_url) as http:
        tables = http.get("/data-connect/tables", params={"page_size": 1}).json()
    assert tables["pagination"]["next_page_url"].startswith(f"{server.base_url}/data-connect/")


def test_a_query_failing_mid_stream_ends_with_a_400(paging_server: DevServer) -> None:
    query = "SELECT id, CAST(CASE WHEN id = 15000 THEN 'x' ELSE '1' END AS INTEGER) AS v FROM big"
    with httpx.Client(base_url=paging_server.base_url, timeout=30) as http:
        response = _search(http, query)
        pages = 1
        while response.status_code == 200:
            next_url = (response.json().get("pagination") or {}).get("next_page_url")
            assert next_url, "the failing row was never reached"
            response = http.get(next_url)
            pages += 1
    detail = _assert_error_response(response, 400)
    assert "Conversion" in detail or "convert" in detail
    assert pages <= 20

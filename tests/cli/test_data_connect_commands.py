"""``dnastack data-connect`` against the devserver: tables, queries, formats, errors."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
import yaml

from dnastack.cli.output import csv_cell, to_jsonable
from dnastack.client.data_connect import DataConnectClient
from dnastack.client.models import ServiceEndpoint
from tests.cli.support import DnastackCli
from tests.fixtures.devserver import DevServer

pytestmark = pytest.mark.e2e

QUERY = "SELECT * FROM variants WHERE gene = ? AND quality >= ? ORDER BY variant_id"
PARAMS = ["BRCA1", 50]


@pytest.fixture
def dc(cli: DnastackCli, devserver: DevServer) -> DnastackCli:
    cli.env["DNASTACK_DATA_CONNECT_URL"] = devserver.data_connect_url
    return cli


@pytest.fixture(scope="module")
def sdk_client(devserver: DevServer) -> Iterator[DataConnectClient]:
    with DataConnectClient(ServiceEndpoint(id="dc", url=devserver.data_connect_url)) as client:
        yield client


def _sdk_rows(client: DataConnectClient, sql: str, params: list[Any]) -> tuple[list, list[str]]:
    result = client.query(sql, parameters=params)
    rows = list(result)
    assert result.data_model is not None
    return rows, list(result.data_model["properties"])


def test_tables_list(dc: DnastackCli) -> None:
    table = dc("dc", "tables", "list", "-o", "table")
    jsonl = dc("data-connect", "tables", "list", "-o", "jsonl")
    piped = dc("dc", "tables", "list")  # stdout is not a terminal: JSON, as the reference

    assert table.exit_code == jsonl.exit_code == 0, table
    assert table.stdout.split()[:3] == ["name", "description", "columns"]
    names = [json.loads(line)["name"] for line in jsonl.stdout.splitlines()]
    assert {"variants", "samples", "all_types", "big"} <= set(names)
    assert "data_model" in json.loads(jsonl.stdout.splitlines()[0])
    assert [t["name"] for t in json.loads(piped.stdout)] == names


def test_tables_get_shows_the_columns(dc: DnastackCli) -> None:
    table = dc("dc", "tables", "get", "samples", "-o", "table")
    as_json = dc("dc", "tables", "get", "samples", "-o", "json")

    assert table.exit_code == 0, table
    assert table.stdout.startswith("samples")
    for column in ("sample_id", "population", "collected_on", "date"):
        assert column in table.stdout
    info = json.loads(as_json.stdout)
    assert info["name"] == "samples"
    assert list(info["data_model"]["properties"])[:2] == ["sample_id", "population"]


def test_unknown_table_is_exit_code_3_with_url_and_status_on_one_line(
    dc: DnastackCli, devserver: DevServer
) -> None:
    result = dc("dc", "tables", "get", "no_such_table")

    assert result.exit_code == 3
    assert result.stdout == ""
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("dnastack dc tables get: GET ")
    assert f"{devserver.data_connect_url}table/no_such_table/info" in line
    assert "HTTP 404" in line and "no_such_table" in line.split("HTTP 404", 1)[1]


def test_bad_sql_is_exit_code_3_with_the_servers_message(dc: DnastackCli) -> None:
    result = dc("dc", "query", "SELEC nothing")

    assert result.exit_code == 3
    (line,) = result.stderr.strip().splitlines()
    assert "POST" in line and "/data-connect/search" in line and "HTTP 400" in line
    assert "syntax error" in line.lower()


def test_jsonl_parses_back_to_the_rows_the_sdk_returns(
    dc: DnastackCli, sdk_client: DataConnectClient
) -> None:
    expected, _ = _sdk_rows(sdk_client, QUERY, PARAMS)

    result = dc("dc", "query", QUERY, "--param", "BRCA1", "--param", "50", "-o", "jsonl")

    assert result.exit_code == 0, result
    assert len(expected) > 10
    assert [json.loads(line) for line in result.stdout.splitlines()] == to_jsonable(expected)


def test_csv_parses_back_to_the_rows_the_sdk_returns_with_the_data_model_header(
    dc: DnastackCli, sdk_client: DataConnectClient
) -> None:
    expected, columns = _sdk_rows(sdk_client, "SELECT * FROM all_types ORDER BY id", [])

    result = dc("dc", "query", "SELECT * FROM all_types ORDER BY id", "-o", "csv")

    assert result.exit_code == 0, result
    parsed = list(csv.reader(io.StringIO(result.stdout)))
    assert parsed[0] == columns
    assert parsed[1:] == [[csv_cell(row.get(c)) for c in columns] for row in expected]


def test_csv_header_of_an_empty_result_comes_from_the_data_model(dc: DnastackCli) -> None:
    result = dc("dc", "query", "SELECT sample_id, age FROM samples WHERE age < 0", "-o", "csv")

    assert result.exit_code == 0, result
    assert result.stdout == "sample_id,age\n"


def test_json_and_yaml_stream_every_page(dc: DnastackCli, devserver: DevServer) -> None:
    sql = "SELECT variant_id, position FROM variants ORDER BY variant_id"  # 1000 rows, 10 pages

    as_json = json.loads(dc("dc", "query", sql, "-o", "json").stdout)
    as_yaml = yaml.safe_load(dc("dc", "query", sql, "-o", "yaml").stdout)

    assert len(as_json) == 1000 and as_json == as_yaml
    assert as_json[0] == {"variant_id": "var-00000", "position": 10000}


def test_table_output_shows_the_first_rows(dc: DnastackCli) -> None:
    result = dc(
        "dc", "query", QUERY, "--param", "BRCA1", "--param", "50", "--limit", "3", "-o", "table"
    )

    assert result.exit_code == 0, result
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert lines[0].split()[:3] == ["variant_id", "chromosome", "position"]
    assert len([line for line in lines if line.startswith("var-")]) == 3
    assert "--limit 3; more rows are available" in result.stderr


def test_sql_from_a_file_and_from_stdin(dc: DnastackCli) -> None:
    sql_file = dc.workdir / "q.sql"
    sql_file.write_text("SELECT COUNT(*) AS n FROM samples WHERE population = ?\n")

    from_file = dc("dc", "query", f"@{sql_file}", "--param", "EUR", "-o", "jsonl")
    from_stdin = dc("dc", "query", "@-", "-o", "jsonl", input="SELECT 41 + 1 AS answer")
    missing = dc("dc", "query", "@/no/such/file.sql")

    assert from_file.stdout == '{"n":20}\n'
    assert from_stdin.stdout == '{"answer":42}\n'
    assert missing.exit_code == 1 and "/no/such/file.sql" in missing.stderr


def test_without_a_data_connect_endpoint_the_error_says_how_to_set_one(cli: DnastackCli) -> None:
    result = cli("dc", "tables", "list")

    assert result.exit_code == 1
    (line,) = result.stderr.strip().splitlines()
    assert "no data_connect endpoint" in line and "DNASTACK_DATA_CONNECT_URL" in line


def test_an_unreachable_server_is_exit_code_3(cli: DnastackCli) -> None:
    result = cli(
        "dc",
        "tables",
        "list",
        env={"DNASTACK_DATA_CONNECT_URL": "http://127.0.0.1:9/", "DNASTACK_MAX_RETRIES": "0"},
    )

    assert result.exit_code == 3
    (line,) = result.stderr.strip().splitlines()
    assert "http://127.0.0.1:9/tables" in line

"""Machine output never changes a value (issue 14 item 2) and is JSON when not on a
terminal (issue 11 item 8)."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pytest

from dnastack.cli.output import MAX_EXACT_INT, JsonStyle, write_rows
from tests.cli.support import DnastackCli
from tests.fixtures.devserver import DevServer

ROW = {
    "small": MAX_EXACT_INT,
    "negative": -MAX_EXACT_INT,
    "big": MAX_EXACT_INT + 1,
    "very_negative": -(MAX_EXACT_INT + 1),
    "price": Decimal("0.10"),
    "nested": {"ids": [1, 2**70]},
    "flag": True,
}


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_integers_beyond_2_53_are_strings_by_default(fmt: str) -> None:
    stream = io.StringIO()
    write_rows([ROW], fmt, stream=stream)

    (row,) = json.loads(stream.getvalue()) if fmt == "json" else [json.loads(stream.getvalue())]
    assert row["small"] == MAX_EXACT_INT and row["negative"] == -MAX_EXACT_INT
    assert row["big"] == "9007199254740993" and row["very_negative"] == "-9007199254740993"
    assert row["nested"] == {"ids": [1, str(2**70)]}
    assert row["price"] == "0.10" and row["flag"] is True


def test_bare_numbers_and_float_decimals_on_request() -> None:
    stream = io.StringIO()
    write_rows([ROW], "jsonl", stream=stream, style=JsonStyle(big_ints="number", decimals="float"))

    row = json.loads(stream.getvalue())
    assert row["big"] == MAX_EXACT_INT + 1 and row["price"] == 0.1


@pytest.mark.e2e
def test_dc_query_writes_json_when_stdout_is_not_a_terminal(
    cli: DnastackCli, devserver: DevServer
) -> None:
    cli.env["DNASTACK_DATA_CONNECT_URL"] = devserver.data_connect_url
    sql = "SELECT CAST(9007199254740993 AS BIGINT) AS big, CAST(-0.25 AS DECIMAL(5,2)) AS d"

    default = cli("dc", "query", sql)
    numbers = cli("dc", "query", sql, "--big-int-as", "number", "--decimal-as", "float")
    table = cli("dc", "query", sql, "-o", "table")

    assert default.exit_code == 0, default
    assert json.loads(default.stdout) == [{"big": "9007199254740993", "d": "-0.25"}]
    assert numbers.stdout.strip().startswith("[") and '"big":9007199254740993' in numbers.stdout
    assert json.loads(numbers.stdout)[0]["d"] == -0.25
    assert "9007199254740993" in table.stdout and "-0.25" in table.stdout
    assert not table.stdout.lstrip().startswith("[")


@pytest.mark.e2e
def test_endpoint_id_is_accepted_like_the_reference(cli: DnastackCli, devserver: DevServer) -> None:
    assert cli("use", devserver.registry_url, "--no-auth").exit_code == 0
    endpoints = json.loads(cli("config", "endpoints", "list", "-o", "json").stdout)
    dc_id = next(e["id"] for e in endpoints if e["type"]["artifact"] == "data-connect")

    result = cli("dc", "query", "SELECT 1 AS one", "--endpoint-id", dc_id)

    assert result.exit_code == 0, result
    assert json.loads(result.stdout) == [{"one": 1}]

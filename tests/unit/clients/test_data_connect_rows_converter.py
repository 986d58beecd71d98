"""The page-level converter gives exactly what the checked row converter gives: same values,
same untouched keys, same errors naming the column."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from dnastack.client.data_connect.conversion import (
    ValueConversionError,
    build_row_converter,
    build_rows_converter,
)

MODEL: dict[str, Any] = {
    "type": "object",
    "properties": {
        "id": {"type": "string", "format": "bigint"},
        "plain": {"type": "string", "format": "varchar"},
        "amount": {"type": "string", "format": "decimal(18,3)"},
        "day": {"type": "string", "format": "date"},
        "at": {"type": "string", "format": "time"},
        "ts": {"type": "string", "format": "timestamp"},
        "tz": {"type": "string", "format": "timestamp with time zone"},
        "ym": {"type": "string", "format": "interval year to month"},
        "dts": {"type": "string", "format": "interval day to second"},
        "iv": {"type": "string", "format": "interval"},
        "blob": {"type": "string", "format": "varbinary", "contentEncoding": "base64"},
        "amounts": {"type": "array", "items": {"type": "string", "format": "decimal(5,2)"}},
        "row": {"type": "object", "properties": {"d": {"type": "string", "format": "date"}}},
        "by_day": {"type": "object", "additionalProperties": {"type": "string", "format": "date"}},
    },
}
ROWS: list[dict[str, Any]] = [
    {
        "id": "9007199254740993",
        "plain": "x",
        "amount": "12.500",
        "day": "2024-02-29",
        "at": "13:45:30.5",
        "ts": "2024-02-29T13:45:30",
        "tz": "2024-02-29T11:45:30Z",
        "ym": "P1Y2M",
        "dts": "P3DT4H",
        "iv": "P1Y2M3DT4H5M6.5S",
        "blob": "3q2+7w==",
        "amounts": ["1.25", None],
        "row": {"d": "2024-01-01"},
        "by_day": {"a": "2024-01-02"},
    },
    {"id": 42, "amount": 1.5, "day": None},  # non-string values take the checked path
    {"plain": "only"},  # missing keys stay missing
    {key: None for key in MODEL["properties"]},
]


def test_data_connect_rows_converter_matches_the_row_converter() -> None:
    rows_converter = build_rows_converter(MODEL)
    row_converter = build_row_converter(MODEL)
    assert rows_converter is not None and row_converter is not None

    fast = copy.deepcopy(ROWS)
    checked = copy.deepcopy(ROWS)
    rows_converter(fast)
    for row in checked:
        row_converter(row)

    assert fast == checked
    assert [set(row) for row in fast] == [set(row) for row in ROWS]


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("id", "12x"),
        ("id", True),
        ("amount", "1,5"),
        ("day", "2024-13-01"),
        ("tz", "soon"),
        ("amounts", ["x"]),
        ("blob", "***"),
    ],
)
def test_data_connect_rows_converter_raises_the_checked_error(column: str, value: Any) -> None:
    rows_converter = build_rows_converter(MODEL)
    assert rows_converter is not None
    rows = copy.deepcopy([ROWS[0], {**ROWS[0], column: value}])

    with pytest.raises(ValueConversionError, match=f"column '{column}'"):
        rows_converter(rows)


def test_data_connect_rows_converter_is_none_when_nothing_converts() -> None:
    plain = {"type": "object", "properties": {"a": {"format": "json"}, "b": {}}}
    assert build_rows_converter(plain) is None
    assert build_rows_converter(None) is None


def test_data_connect_rows_converter_never_compiles_column_names() -> None:
    hostile = {
        "type": "object",
        "properties": {'x"]\nimport os\n#': {"type": "string", "format": "bigint"}},
    }
    rows_converter = build_rows_converter(hostile)
    assert rows_converter is not None
    rows = [{'x"]\nimport os\n#': "7"}]
    rows_converter(rows)
    assert rows == [{'x"]\nimport os\n#': 7}]

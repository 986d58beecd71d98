"""One validation path for every JSON-Schema type and format of a data_model: the row
converter (row by row) and the page converter (compiled fast path) accept and reject the
same values, with the same errors."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from dnastack.client.data_connect.conversion import (
    ValueConversionError,
    build_row_converter,
    build_rows_converter,
)

SCHEMAS: dict[str, dict[str, Any]] = {
    "integer": {"type": "integer"},
    "int64": {"type": "integer", "format": "int64"},
    "bigint": {"type": "string", "format": "bigint"},
    "nullable_integer": {"type": ["integer", "null"]},
    "number": {"type": "number"},
    "double": {"type": "number", "format": "double"},
    "boolean": {"type": "boolean"},
    "string": {"type": "string"},
    "varchar": {"type": "string", "format": "varchar"},
    "date": {"type": "string", "format": "date"},
    "decimal": {"type": "string", "format": "decimal(10,2)"},
    "ints": {"type": "array", "items": {"type": "integer"}},
    "strings": {"type": "array", "items": {"type": "string"}},
    "record": {"type": "object", "properties": {"n": {"type": "integer"}}},
    "map": {"type": "object", "additionalProperties": {"type": "boolean"}},
    "untyped": {},
}

ACCEPTED = [
    ("integer", 7, 7),
    ("integer", "7", 7),
    ("integer", 7.0, 7),
    ("int64", "9007199254740993", 9007199254740993),
    ("int64", 7, 7),
    ("bigint", "12", 12),
    ("nullable_integer", 3, 3),
    ("number", 1.5, 1.5),
    ("number", 2, 2),
    ("number", "1.5", 1.5),
    ("double", 0.25, 0.25),
    ("boolean", True, True),
    ("string", "abc", "abc"),
    ("varchar", "", ""),
    ("date", "2024-02-29", __import__("datetime").date(2024, 2, 29)),
    ("decimal", "1.25", Decimal("1.25")),
    ("ints", [1, "2", None], [1, 2, None]),
    ("strings", ["a", None], ["a", None]),
    ("record", {"n": "5"}, {"n": 5}),
    ("map", {"a": True, "b": None}, {"a": True, "b": None}),
    ("untyped", {"anything": [1]}, {"anything": [1]}),
]

REJECTED = [
    ("integer", "abc"),
    ("int64", "abc"),
    ("bigint", "abc"),
    ("integer", 1.5),
    ("int64", 1.5),
    ("integer", True),
    ("integer", [1]),
    ("integer", "9" * 5000),  # past int's digit limit: typed, not a raw ValueError
    ("nullable_integer", "x"),
    ("number", "abc"),
    ("number", False),
    ("number", {}),
    ("boolean", "true"),
    ("boolean", 1),
    ("string", 5),
    ("varchar", ["a"]),
    ("date", "not a date"),
    ("decimal", "1,5"),
    ("ints", [1, "x"]),
    ("ints", "1,2"),
    ("strings", [1]),
    ("record", {"n": "five"}),
    ("record", "not an object"),
    ("map", {"a": "yes"}),
]


def _both(column: str, value: Any) -> tuple[Any, Any]:
    model = {"type": "object", "properties": {column: SCHEMAS[column]}}
    row_converter = build_row_converter(model)
    rows_converter = build_rows_converter(model)
    if row_converter is None or rows_converter is None:
        assert row_converter is None and rows_converter is None
        return value, value
    import copy

    page = [{column: copy.deepcopy(value)}]
    rows_converter(page)
    return row_converter({column: copy.deepcopy(value)})[column], page[0][column]


@pytest.mark.parametrize(("column", "value", "expected"), ACCEPTED)
def test_accepted_values_convert_the_same_on_both_paths(
    column: str, value: Any, expected: Any
) -> None:
    by_row, by_page = _both(column, value)
    assert by_row == expected and type(by_row) is type(expected)
    assert by_page == expected and type(by_page) is type(expected)


@pytest.mark.parametrize(("column", "value"), REJECTED)
def test_rejected_values_fail_the_same_on_both_paths(column: str, value: Any) -> None:
    model = {"type": "object", "properties": {column: SCHEMAS[column]}}
    row_converter = build_row_converter(model)
    rows_converter = build_rows_converter(model)
    assert row_converter is not None and rows_converter is not None
    with pytest.raises(ValueConversionError) as by_row:
        row_converter({column: value})
    with pytest.raises(ValueConversionError) as by_page:
        rows_converter([{column: value}])
    assert str(by_row.value) == str(by_page.value)
    assert f"column {column!r}" in str(by_page.value)
    assert len(str(by_page.value)) < 300  # a huge value is not echoed whole


def test_integer_without_format_rejects_abc_like_int64() -> None:
    for schema in ({"type": "integer"}, {"type": "integer", "format": "int64"}):
        convert = build_rows_converter({"properties": {"c": schema}})
        assert convert is not None
        with pytest.raises(ValueConversionError, match="not an integer: 'abc'"):
            convert([{"c": "abc"}])


def test_a_failing_row_is_left_unchanged() -> None:
    convert = build_rows_converter(
        {"properties": {"a": {"type": "integer"}, "b": {"type": "string"}}}
    )
    assert convert is not None
    row = {"a": "5", "b": 6}
    with pytest.raises(ValueConversionError, match="column 'b'"):
        convert([row])
    assert row == {"a": "5", "b": 6}

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
    "year_month": {"type": "string", "format": "interval year to month"},
    "day_time": {"type": "string", "format": "interval day to second"},
    "interval": {"type": "string", "format": "interval"},
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
    # intervals: not a string, or numbers out of range (no raw TypeError/OverflowError)
    ("year_month", 5),
    ("day_time", True),
    ("interval", ["P1D"]),
    ("day_time", "P99999999999D"),
    ("interval", "P99999999999D"),
    ("day_time", "PT" + "9" * 400 + "S"),
    ("year_month", "P" + "9" * 5000 + "Y"),
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


# -- rows of many columns: the compiled page converter reads by subscript, falls back to the
#    checked row code when a key is missing, and names a failure's column by the line that
#    raised; each must give what the row converter gives.

WIDE_MODEL: dict[str, Any] = {"type": "object", "properties": dict(SCHEMAS)}
WIDE_MODEL["properties"]["pair"] = {
    "type": "object",
    "properties": {"x": {"type": "integer"}, "label": {"type": "string"}},
}
GOOD_ROW: dict[str, Any] = {
    "integer": 1,
    "int64": "2",
    "bigint": "3",
    "nullable_integer": None,
    "number": 1.5,
    "double": 2,
    "boolean": False,
    "string": "s",
    "varchar": "v",
    "date": "2024-01-02",
    "decimal": "1.50",
    "ints": [1, "2"],
    "strings": ["a"],
    "record": {"n": "4"},
    "map": {"k": True},
    "untyped": [1, {"a": 2}],
    "pair": {"x": 5, "label": "five"},
}


def _wide_outcomes(row: Any) -> tuple[Any, Any]:
    """What the row converter and the page converter make of ``row``: the converted row,
    or the error's text (a failing row is compared by its error only)."""
    import copy

    row_converter = build_row_converter(WIDE_MODEL)
    rows_converter = build_rows_converter(WIDE_MODEL)
    assert row_converter is not None and rows_converter is not None
    outcomes = []
    for convert in (row_converter, lambda value: rows_converter([value])):
        value = copy.deepcopy(row)
        try:
            convert(value)
        except ValueConversionError as exc:
            outcomes.append(f"error: {exc}")
        else:
            outcomes.append(value)
    return outcomes[0], outcomes[1]


def test_a_wide_row_converts_the_same_on_both_paths() -> None:
    by_row, by_page = _wide_outcomes(GOOD_ROW)
    assert isinstance(by_page, dict) and by_page == by_row
    assert by_page["int64"] == 2 and by_page["decimal"] == Decimal("1.50")
    assert by_page["record"] == {"n": 4} and by_page["double"] == 2


@pytest.mark.parametrize("column", sorted(GOOD_ROW))
def test_a_missing_column_is_read_as_null_on_both_paths(column: str) -> None:
    row = {k: v for k, v in GOOD_ROW.items() if k != column}
    by_row, by_page = _wide_outcomes(row)
    assert isinstance(by_page, dict) and by_page == by_row and column not in by_page


@pytest.mark.parametrize("member", ["x", "label"])
def test_a_nested_object_missing_a_member_passes_on_both_paths(member: str) -> None:
    row = {**GOOD_ROW, "pair": {k: v for k, v in GOOD_ROW["pair"].items() if k != member}}
    by_row, by_page = _wide_outcomes(row)
    assert isinstance(by_page, dict) and by_page == by_row


@pytest.mark.parametrize(("column", "value"), [*REJECTED, ("pair", {"x": "one"}), ("pair", 3)])
def test_a_bad_value_in_a_wide_row_names_its_column_on_both_paths(column: str, value: Any) -> None:
    by_row, by_page = _wide_outcomes({**GOOD_ROW, column: value})
    assert by_page == by_row and f"column {column!r}" in by_page


def test_a_bad_value_after_a_missing_column_is_still_found() -> None:
    row = {k: v for k, v in GOOD_ROW.items() if k != "integer"}
    by_row, by_page = _wide_outcomes({**row, "date": "soon"})
    assert by_page == by_row and "column 'date'" in by_page


def test_a_row_that_is_not_an_object_fails_as_on_the_row_path() -> None:
    rows_converter = build_rows_converter(WIDE_MODEL)
    assert rows_converter is not None
    for row in (["a", "b"], "text", None, 5):
        with pytest.raises(AttributeError):
            rows_converter([row])

"""Data Connect values become Python types per the page's data_model."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from dnastack.client.data_connect.conversion import (
    ValueConversionError,
    YearMonthInterval,
    build_row_converter,
    parse_day_time_interval,
    parse_year_month_interval,
)

UTC = dt.UTC


def _convert(schema: dict[str, Any], value: Any) -> Any:
    convert = build_row_converter({"properties": {"c": schema}})
    assert convert is not None
    return convert({"c": value})["c"]


@pytest.mark.parametrize(
    ("schema", "raw", "expected"),
    [
        ({"type": "string", "format": "bigint"}, "9223372036854775807", 9223372036854775807),
        ({"type": "integer", "format": "int64"}, 42, 42),
        ({"type": "string", "format": "decimal"}, "12345.678910", Decimal("12345.678910")),
        ({"type": "string", "format": "decimal(18,3)"}, "1.500", Decimal("1.500")),
        ({"type": "number", "format": "numeric"}, 1.25, Decimal("1.25")),
        ({"type": "string", "format": "date"}, "2020-05-27", dt.date(2020, 5, 27)),
        ({"type": "string", "format": "time"}, "12:22:27.000", dt.time(12, 22, 27)),
        (
            {"type": "string", "format": "time with time zone"},
            "12:22:27.000-03:00",
            dt.time(12, 22, 27, tzinfo=dt.timezone(dt.timedelta(hours=-3))),
        ),
        (
            {"type": "string", "format": "timestamp"},
            "2020-05-27T12:22:27.000",
            dt.datetime(2020, 5, 27, 12, 22, 27),
        ),
        (
            {"type": "string", "format": "timestamp without time zone"},
            "2020-05-27 12:22:27",
            dt.datetime(2020, 5, 27, 12, 22, 27),
        ),
        (
            {"type": "string", "format": "timestamp with time zone"},
            "2020-05-27T12:22:27.000Z",
            dt.datetime(2020, 5, 27, 12, 22, 27, tzinfo=UTC),
        ),
        (
            {"type": "string", "format": "interval year to month"},
            "P3Y2M",
            YearMonthInterval(3, 2),
        ),
        (
            {"type": "string", "format": "interval day to second"},
            "P3DT4H3M2S",
            dt.timedelta(days=3, hours=4, minutes=3, seconds=2),
        ),
        (
            {"type": "array", "items": {"type": "string", "format": "date"}},
            ["2020-01-01", None],
            [dt.date(2020, 1, 1), None],
        ),
        (
            {"type": "object", "properties": {"n": {"type": "string", "format": "bigint"}}},
            {"n": "7", "other": "x"},
            {"n": 7, "other": "x"},
        ),
    ],
    ids=lambda value: str(value)[:40],
)
def test_value_is_converted_per_its_format(schema: dict[str, Any], raw: Any, expected: Any) -> None:
    assert _convert(schema, raw) == expected


def test_plain_types_are_validated_and_values_kept() -> None:
    model = {
        "properties": {
            "name": {"type": "string", "format": "varchar"},
            "n": {"type": "integer", "format": "integer"},
            "tags": {"type": "array", "items": {"type": "string"}},
            "meta": {"type": "object", "properties": {"k": {"type": "string"}}},
        }
    }
    convert = build_row_converter(model)
    assert convert is not None
    row = {"name": "a", "n": 3, "tags": ["x", None], "meta": {"k": "v"}}
    assert convert(dict(row)) == row


def test_a_data_model_that_declares_nothing_needs_no_converter() -> None:
    assert build_row_converter({"properties": {"j": {"format": "json"}, "x": {}}}) is None
    assert build_row_converter(None) is None
    assert build_row_converter({"$ref": "https://example.org/table/t/info"}) is None


def test_nulls_and_other_columns_are_left_alone() -> None:
    convert = build_row_converter({"properties": {"d": {"type": "string", "format": "date"}}})
    assert convert is not None
    row = {"d": None, "x": "2020-01-01"}
    assert convert(row) == {"d": None, "x": "2020-01-01"}


def test_rows_are_converted_in_place_without_copies() -> None:
    convert = build_row_converter({"properties": {"n": {"type": "string", "format": "bigint"}}})
    assert convert is not None
    row = {"n": "1"}
    assert convert(row) is row


def test_bad_value_names_the_column() -> None:
    convert = build_row_converter({"properties": {"born": {"type": "string", "format": "date"}}})
    assert convert is not None
    with pytest.raises(ValueConversionError, match=r"column .born.*not an ISO 8601 date"):
        convert({"born": "yesterday"})


@pytest.mark.parametrize(
    ("text", "expected"),
    [("P1Y", (1, 0)), ("P14M", (0, 14)), ("-P1Y2M", (-1, -2)), ("P0M", (0, 0))],
)
def test_year_month_interval(text: str, expected: tuple[int, int]) -> None:
    interval = parse_year_month_interval(text)
    assert (interval.years, interval.months) == expected


def test_year_month_interval_renders_iso() -> None:
    assert str(YearMonthInterval(3, 14)) == "P4Y2M"
    assert str(YearMonthInterval(-1, -2)) == "-P1Y2M"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PT3M2S", dt.timedelta(minutes=3, seconds=2)),
        ("PT0.5S", dt.timedelta(milliseconds=500)),
        ("-P1D", dt.timedelta(days=-1)),
        ("P1W", dt.timedelta(days=7)),
    ],
)
def test_day_time_interval(text: str, expected: dt.timedelta) -> None:
    assert parse_day_time_interval(text) == expected


@pytest.mark.parametrize("text", ["", "P", "PT", "3D", "P1Y", "PXD", "P1DT"])
def test_bad_day_time_interval_is_rejected(text: str) -> None:
    with pytest.raises(ValueConversionError):
        parse_day_time_interval(text)


@pytest.mark.parametrize("text", ["", "P", "1Y", "P1D", "PY"])
def test_bad_year_month_interval_is_rejected(text: str) -> None:
    with pytest.raises(ValueConversionError):
        parse_year_month_interval(text)

"""Output formats: values in their JSON form, rows written one at a time, colour rules."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
import yaml

from dnastack.cli.output import (
    color_enabled,
    columns_from_data_model,
    csv_cell,
    iso_duration,
    iso_interval,
    make_console,
    to_jsonable,
    write_object,
    write_rows,
)

ROWS = [
    {"id": 1, "amount": Decimal("12.500"), "day": dt.date(2024, 2, 29), "tags": ["a", None]},
    {"id": 2, "amount": None, "day": None, "tags": []},
]


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (dt.timedelta(), "PT0S"),
        (dt.timedelta(seconds=5400), "PT1H30M"),
        (dt.timedelta(days=3, hours=4, minutes=5, seconds=6, milliseconds=500), "P3DT4H5M6.5S"),
        (dt.timedelta(days=2), "P2D"),
        (-dt.timedelta(seconds=1), "-PT1S"),
        (dt.timedelta(microseconds=1), "PT0.000001S"),
    ],
)
def test_durations_are_iso_8601(delta: dt.timedelta, text: str) -> None:
    assert iso_duration(delta) == text


@pytest.mark.parametrize(
    ("months", "delta", "text"),
    [
        (14, dt.timedelta(days=3, hours=4), "P1Y2M3DT4H"),
        (-1, dt.timedelta(hours=-2), "P-1MT-2H"),
        (12, dt.timedelta(), "P1Y"),
        (0, dt.timedelta(minutes=90), "PT1H30M"),
    ],
)
def test_intervals_with_months_are_iso_8601_with_signed_components(
    months: int, delta: dt.timedelta, text: str
) -> None:
    assert iso_interval(months, delta) == text


def test_values_take_their_json_form() -> None:
    value = {
        "d": Decimal("123456789012345678901234567890.5"),
        "t": dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.UTC),
        "b": b"\xde\xad\xbe\xef",
        "i": dt.timedelta(hours=1),
        "n": [dt.time(13, 45), {"x": Decimal("1")}],
    }

    assert to_jsonable(value) == {
        "d": "123456789012345678901234567890.5",
        "t": "2024-01-02T03:04:05+00:00",
        "b": "3q2+7w==",
        "i": "PT1H",
        "n": ["13:45:00", {"x": "1"}],
    }


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        (None, ""),
        (True, "true"),
        (False, "false"),
        ("x,y", "x,y"),
        (3, "3"),
        (2.5, "2.5"),
        (Decimal("0.10"), "0.10"),
        ([1, None], "[1,null]"),
        ({"a": "b"}, '{"a":"b"}'),
    ],
)
def test_csv_cells(value: Any, cell: str) -> None:
    assert csv_cell(value) == cell


def test_columns_come_from_the_data_model_in_its_order() -> None:
    model = {"properties": {"b": {"type": "string"}, "a": {"type": "integer"}}}

    assert columns_from_data_model(model) == ["b", "a"]
    assert columns_from_data_model({}) is None
    assert columns_from_data_model(None) is None


def _write(output_format: str, rows: Any = ROWS, **kwargs: Any) -> str:
    stream = io.StringIO()
    write_rows(rows, output_format, stream=stream, **kwargs)
    return stream.getvalue()


def test_jsonl_and_json_and_yaml_parse_back_to_the_rows() -> None:
    expected = [to_jsonable(r) for r in ROWS]

    assert [json.loads(line) for line in _write("jsonl").splitlines()] == expected
    assert json.loads(_write("json")) == expected
    assert yaml.safe_load(_write("yaml")) == expected


def test_empty_results_are_valid_documents() -> None:
    assert json.loads(_write("json", [])) == []
    assert yaml.safe_load(_write("yaml", [])) == []
    assert _write("jsonl", []) == ""
    assert _write("csv", [], columns=["a", "b"]) == "a,b\n"


def test_csv_header_comes_from_the_columns_not_the_first_row() -> None:
    rows = [{"b": 1}, {"a": "x", "b": 2}]  # the first row lacks "a"

    text = _write("csv", rows, columns=lambda: ["a", "b"])

    assert list(csv.reader(io.StringIO(text))) == [["a", "b"], ["", "1"], ["x", "2"]]


def test_rows_are_written_before_the_next_one_is_asked_for() -> None:
    stream = io.StringIO()
    seen: list[str] = []

    def rows() -> Iterator[dict[str, int]]:
        for i in range(3):
            yield {"i": i}
            seen.append(stream.getvalue())

    write_rows(rows(), "jsonl", stream=stream)

    assert seen == ['{"i":0}\n', '{"i":0}\n{"i":1}\n', '{"i":0}\n{"i":1}\n{"i":2}\n']


def test_a_failure_mid_stream_keeps_the_rows_and_leaves_the_json_array_open() -> None:
    def rows() -> Iterator[dict[str, int]]:
        yield {"i": 1}
        raise RuntimeError("page 2 failed")

    stream = io.StringIO()
    with pytest.raises(RuntimeError):
        write_rows(rows(), "json", stream=stream)

    assert stream.getvalue().startswith('[\n  {"i":1}')
    with pytest.raises(json.JSONDecodeError):
        json.loads(stream.getvalue())


def test_limit_stops_early_and_says_whether_more_rows_were_available() -> None:
    stream = io.StringIO()

    assert write_rows(iter(ROWS), "jsonl", stream=stream, limit=1) == (1, True)
    assert write_rows(iter(ROWS), "jsonl", stream=io.StringIO(), limit=2) == (2, False)
    assert len(stream.getvalue().splitlines()) == 1


def test_table_renders_in_batches_with_one_header() -> None:
    stream = io.StringIO()
    rows = ({"n": i, "word": "x" * (i % 7)} for i in range(120))

    write_rows(rows, "table", columns=["n", "word"], stream=stream)

    lines = stream.getvalue().splitlines()
    assert lines[0].split() == ["n", "word"]
    assert sum(1 for line in lines if line.split()[:1] == ["n"]) == 1
    assert len([line for line in lines if line.strip() and line[0].isdigit()]) == 120
    assert "\x1b[" not in stream.getvalue()


def test_write_object_formats() -> None:
    value = {"name": "t", "size": Decimal("2")}

    for fmt, parse in (("json", json.loads), ("yaml", yaml.safe_load)):
        stream = io.StringIO()
        write_object(value, fmt, stream=stream)
        assert parse(stream.getvalue()) == {"name": "t", "size": "2"}


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_only_on_a_terminal_without_no_color() -> None:
    assert color_enabled(_Tty(), environ={})
    assert not color_enabled(io.StringIO(), environ={})
    assert not color_enabled(_Tty(), environ={"NO_COLOR": "1"})
    assert color_enabled(_Tty(), environ={"NO_COLOR": ""})  # no-color.org: non-empty only
    assert not color_enabled(_Tty(), no_color=True, environ={})


def test_a_console_without_colour_writes_no_escape_codes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    stream = _Tty()

    make_console(stream).print("[bold red]hello[/bold red]")

    assert stream.getvalue() == "hello\n"


def _commands(group: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, Any]]:
    import click

    ctx = click.Context(group)
    for name in group.list_commands(ctx):  # the groups load their commands lazily
        command = group.get_command(ctx, name)
        if isinstance(command, click.Group):
            yield from _commands(command, (*path, name))
        else:
            yield " ".join((*path, name)), command


def test_every_output_option_is_a_table_on_a_terminal_and_json_elsewhere() -> None:
    from dnastack.cli.main import cli
    from dnastack.cli.output import resolve_format

    with_output = {
        name: option
        for name, command in _commands(cli)
        for option in command.params
        if option.name == "output_format"
    }
    assert {
        "data-connect tables list",
        "collections list",
        "data-connect query",
        "auth status",
    } <= set(with_output)
    for name, option in with_output.items():
        assert option.default == "auto", name  # one default; nothing prints a table to a pipe
        assert option.callback is not None, name
        assert option.callback(None, option, "auto") == resolve_format("auto")
    assert resolve_format("auto", _Tty()) == "table"
    assert resolve_format("auto", io.StringIO()) == "json"
    assert resolve_format("csv", _Tty()) == "csv"

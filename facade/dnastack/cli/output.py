"""Output formats that pipe well, written row by row as the rows arrive.

``-o table`` (rich, in batches), ``json`` (a streamed array), ``jsonl`` (one object per
line), ``csv`` (header from the ``data_model``, not from the first row) and ``yaml`` (a
streamed list). Nothing here buffers a whole result: a writer holds at most one table batch.

Values are written in their JSON form (:func:`to_jsonable`): decimals as strings (exact,
as Data Connect sends them), dates, times and timestamps in ISO 8601, intervals as ISO
8601 durations, bytes as base64. CSV cells: ``null`` is empty, booleans are
``true``/``false``, arrays and objects are compact JSON.

Colour is used only when the stream is a terminal, ``NO_COLOR`` is not set and
``--no-color`` was not given (:func:`color_enabled`).
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Protocol, TextIO, TypeVar

import click

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

__all__ = [
    "OBJECT_FORMATS",
    "ROW_FORMATS",
    "TABLE_BATCH_ROWS",
    "RowWriter",
    "color_enabled",
    "columns_from_data_model",
    "csv_cell",
    "iso_duration",
    "make_console",
    "output_option",
    "print_heading",
    "print_table",
    "to_jsonable",
    "write_object",
    "write_rows",
]

ROW_FORMATS: tuple[str, ...] = ("table", "json", "jsonl", "csv", "yaml")
OBJECT_FORMATS: tuple[str, ...] = ("table", "json", "yaml")
TABLE_BATCH_ROWS = 50
"""``-o table`` renders this many rows at a time (the first batch fixes the column widths)."""


# -- options ------------------------------------------------------------------------------


_F = TypeVar("_F", bound=Callable[..., Any])


def output_option(
    formats: Sequence[str] = ROW_FORMATS, default: str = "table"
) -> Callable[[_F], _F]:
    """The ``-o/--output`` option."""
    return click.option(
        "-o",
        "--output",
        "output_format",
        type=click.Choice(formats, case_sensitive=False),
        default=default,
        show_default=True,
        help="Output format.",
    )


# -- colour -------------------------------------------------------------------------------


def color_enabled(
    stream: TextIO, *, no_color: bool = False, environ: Mapping[str, str] | None = None
) -> bool:
    """Colour only on a terminal, without ``NO_COLOR`` (any non-empty value) or ``--no-color``."""
    env = os.environ if environ is None else environ
    if no_color or env.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


_PIPE_WIDTH = 10_000
"""Width of a console that is not a terminal: tables keep their natural width, unwrapped."""


def make_console(stream: TextIO, *, no_color: bool = False) -> Console:
    """A rich console on ``stream``: no escape codes at all when colour is off; the
    terminal's width on a terminal, else wide enough that nothing is cut or wrapped."""
    from rich.console import Console

    isatty = getattr(stream, "isatty", None)
    width = None if isatty and isatty() else _PIPE_WIDTH
    if color_enabled(stream, no_color=no_color):
        return Console(file=stream, highlight=False, width=width)
    return Console(file=stream, color_system=None, highlight=False, emoji=False, width=width)


# -- values -------------------------------------------------------------------------------


def iso_duration(delta: dt.timedelta) -> str:
    """``timedelta`` -> ISO 8601 duration (``P1DT2H3M4.5S``, ``-PT1S``, ``PT0S``)."""
    total_us = delta // dt.timedelta(microseconds=1)
    sign = "-" if total_us < 0 else ""
    total_us = abs(total_us)
    days, rest = divmod(total_us, 86_400_000_000)
    hours, rest = divmod(rest, 3_600_000_000)
    minutes, rest = divmod(rest, 60_000_000)
    seconds, micros = divmod(rest, 1_000_000)
    text = f"{sign}P{days}D" if days else f"{sign}P"
    clock = ""
    if hours:
        clock += f"{hours}H"
    if minutes:
        clock += f"{minutes}M"
    if seconds or micros or not (days or clock):
        clock += f"{seconds}.{micros:06d}".rstrip("0").rstrip(".") + "S"
    return text + (f"T{clock}" if clock else "")


_DELTA_COMPONENT = re.compile(r"(\d+(?:\.\d+)?)([DHMS])")


def iso_interval(months: int, delta: dt.timedelta) -> str:
    """An SQL interval of months plus an exact duration as ISO 8601, each component
    signed on its own as SQL engines write them (``P1Y2M3DT4H``, ``P-1MT2H``)."""
    duration = iso_duration(delta)
    if not months:
        return duration
    sign = "-" if months < 0 else ""
    years, rest = divmod(abs(months), 12)
    year_month = (f"{sign}{years}Y" if years else "") + (f"{sign}{rest}M" if rest else "")
    if not delta:
        return f"P{year_month}"
    body = duration.removeprefix("-")[1:]  # what follows "P"
    if duration.startswith("-"):
        body = _DELTA_COMPONENT.sub(r"-\1\2", body)
    return f"P{year_month}{body}"


def _json_default(value: Any) -> Any:
    isoformat = getattr(value, "isoformat", None)
    if callable(isoformat) and not isinstance(value, dt.date | dt.time):
        return isoformat()
    months, delta = getattr(value, "months", None), getattr(value, "delta", None)
    if isinstance(months, int) and isinstance(delta, dt.timedelta):  # an SQL interval
        return iso_interval(months, delta)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return iso_duration(value)
    if isinstance(value, bytes | bytearray):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, set | frozenset | tuple):
        return list(value)
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        return to_dict()
    return str(value)  # UUID, YearMonthInterval, enums...


def to_jsonable(value: Any) -> Any:
    """``value`` with every non-JSON type replaced by its JSON form (see the module doc)."""
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    return to_jsonable(_json_default(value))


def _dumps(value: Any, *, indent: int | None = None) -> str:
    separators = (",", ": ") if indent else (",", ":")
    return json.dumps(
        value, default=_json_default, ensure_ascii=False, indent=indent, separators=separators
    )


def csv_cell(value: Any) -> str:
    """One CSV cell: empty for null, ``true``/``false``, compact JSON for arrays/objects."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping | list | tuple):
        return _dumps(value)
    jsonable = to_jsonable(value)
    return jsonable if isinstance(jsonable, str) else _dumps(jsonable)


def columns_from_data_model(data_model: Mapping[str, Any] | None) -> list[str] | None:
    """Column names in ``data_model`` order, or None when it declares none."""
    if not isinstance(data_model, Mapping):
        return None
    properties = data_model.get("properties")
    if not isinstance(properties, Mapping) or not properties:
        return None
    return [str(name) for name in properties]


# -- writers ------------------------------------------------------------------------------


class RowWriter(Protocol):
    def write(self, row: Mapping[str, Any]) -> None: ...

    def close(self) -> None: ...


class _JsonLinesWriter:
    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, row: Mapping[str, Any]) -> None:
        self._stream.write(_dumps(row) + "\n")

    def close(self) -> None:
        self._stream.flush()


class _JsonArrayWriter:
    """``[`` first, ``]`` only on success: a failed stream never parses as complete."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._count = 0

    def write(self, row: Mapping[str, Any]) -> None:
        prefix = "[\n  " if self._count == 0 else ",\n  "
        self._stream.write(prefix + _dumps(row))
        self._count += 1

    def close(self) -> None:
        self._stream.write("[]\n" if self._count == 0 else "\n]\n")
        self._stream.flush()


class _YamlListWriter:
    def __init__(self, stream: TextIO) -> None:
        import yaml

        self._yaml = yaml
        self._stream = stream
        self._count = 0

    def write(self, row: Mapping[str, Any]) -> None:
        self._stream.write(
            self._yaml.safe_dump(
                [to_jsonable(row)], sort_keys=False, allow_unicode=True, default_flow_style=False
            )
        )
        self._count += 1

    def close(self) -> None:
        if self._count == 0:
            self._stream.write("[]\n")
        self._stream.flush()


class _CsvWriter:
    def __init__(self, stream: TextIO, columns: Sequence[str]) -> None:
        import csv

        self._columns = list(columns)
        self._writer = csv.writer(stream, lineterminator="\n")
        self._writer.writerow(self._columns)
        self._stream = stream

    def write(self, row: Mapping[str, Any]) -> None:
        self._writer.writerow([csv_cell(row.get(c)) for c in self._columns])

    def close(self) -> None:
        self._stream.flush()


class _TableWriter:
    """rich tables of ``batch`` rows; the first batch fixes the widths, later ones continue it."""

    def __init__(
        self, console: Console, columns: Sequence[str], batch: int = TABLE_BATCH_ROWS
    ) -> None:
        self._console = console
        self._columns = list(columns)
        self._batch_size = batch
        self._pending: list[list[str]] = []
        self._widths: list[int] | None = None

    def write(self, row: Mapping[str, Any]) -> None:
        self._pending.append([csv_cell(row.get(c)) for c in self._columns])
        if len(self._pending) >= self._batch_size:
            self._flush()

    def close(self) -> None:
        if self._pending or self._widths is None:
            self._flush()

    def _flush(self) -> None:
        first = self._widths is None
        if self._widths is None:
            self._widths = [
                max([len(c), *(len(r[i]) for r in self._pending)])
                for i, c in enumerate(self._columns)
            ]
        print_table(self._console, self._table(show_header=first))
        self._pending = []

    def _table(self, *, show_header: bool) -> Table:
        from rich import box
        from rich.table import Table
        from rich.text import Text

        table = Table(box=box.SIMPLE_HEAD, show_header=show_header, show_edge=False, pad_edge=False)
        assert self._widths is not None
        for name, width in zip(self._columns, self._widths, strict=True):
            table.add_column(Text(name), min_width=width, header_style="bold", overflow="fold")
        for cells in self._pending:
            table.add_row(*(Text(cell) for cell in cells))  # data, never markup
        return table


def _make_writer(
    output_format: str, stream: TextIO, columns: Sequence[str], console: Callable[[], Console]
) -> RowWriter:
    if output_format == "jsonl":
        return _JsonLinesWriter(stream)
    if output_format == "json":
        return _JsonArrayWriter(stream)
    if output_format == "yaml":
        return _YamlListWriter(stream)
    if output_format == "csv":
        return _CsvWriter(stream, columns)
    if output_format == "table":
        return _TableWriter(console(), columns)
    raise click.BadParameter(f"unknown output format {output_format!r}")


def write_rows(
    rows: Iterable[Mapping[str, Any]],
    output_format: str,
    *,
    columns: Sequence[str] | Callable[[], Sequence[str] | None] | None = None,
    stream: TextIO | None = None,
    console: Callable[[], Console] | None = None,
    limit: int | None = None,
) -> tuple[int, bool]:
    """Write ``rows`` one at a time in ``output_format``; returns (rows written, truncated).

    Args:
        columns: the column order (csv header, table columns), or a function giving it once
            the first row has arrived (a Data Connect ``data_model`` comes with the first
            page). When neither gives columns, the first row's keys are used.
        limit: stop after this many rows; ``truncated`` tells whether more were available.

    A failure while iterating propagates after the rows before it were written (and the
    JSON array left open, so a truncated stream never parses as complete).
    """
    out = stream if stream is not None else sys.stdout
    make_console = console if console is not None else (lambda: _plain_console(out))
    iterator: Iterator[Mapping[str, Any]] = iter(rows)
    first = next(iterator, None)
    names = columns() if callable(columns) else columns
    if names is None:
        names = list(first) if first is not None else []
    writer = _make_writer(output_format, out, names, make_console)
    count = 0
    truncated = False
    row = first
    while row is not None:
        if limit is not None and count >= limit:
            truncated = True
            break
        writer.write(row)
        count += 1
        row = next(iterator, None)
    writer.close()
    return count, truncated


def _plain_console(stream: TextIO) -> Console:
    return make_console(stream, no_color=False)


def write_object(
    value: Mapping[str, Any],
    output_format: str,
    *,
    stream: TextIO | None = None,
    console: Callable[[], Console] | None = None,
) -> None:
    """One object: indented JSON, YAML, or a two-column key/value table."""
    out = stream if stream is not None else sys.stdout
    if output_format == "json":
        out.write(_dumps(value, indent=2) + "\n")
    elif output_format == "yaml":
        import yaml

        out.write(
            yaml.safe_dump(
                to_jsonable(value), sort_keys=False, allow_unicode=True, default_flow_style=False
            )
        )
    else:
        from rich import box
        from rich.table import Table
        from rich.text import Text

        table = Table(box=box.SIMPLE, show_header=False, show_edge=False, pad_edge=False)
        table.add_column("field", style="bold")
        table.add_column("value", overflow="fold")
        for key, item in value.items():
            table.add_row(Text(str(key)), Text(csv_cell(item)))
        print_table(console() if console is not None else _plain_console(out), table)
    out.flush()


def print_table(console: Console, table: Table) -> None:
    """Print ``table`` without the trailing blanks rich pads every line with."""
    with console.capture() as capture:
        console.print(table)
    lines = capture.get().splitlines()
    console.file.write("".join(line.rstrip() + "\n" for line in lines))


def print_heading(console: Console, title: str, text: str | None = None) -> None:
    """``title`` in bold, then ``: text`` (both printed as data, never as markup)."""
    from rich.text import Text

    line = Text(title, style="bold")
    if text:
        line.append(f": {text}")
    console.print(line)

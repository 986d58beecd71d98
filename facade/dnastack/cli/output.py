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

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TextIO, TypeVar

import click

from dnastack.cli.table_writer import TABLE_BATCH_ROWS, TableWriter
from dnastack.cli.values import (
    DEFAULT_JSON_STYLE,
    MAX_EXACT_INT,
    JsonStyle,
    columns_from_data_model,
    csv_cell,
    dumps,
    iso_duration,
    iso_interval,
    to_jsonable,
)

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

__all__ = [
    "AUTO_FORMAT",
    "DEFAULT_JSON_STYLE",
    "MAX_EXACT_INT",
    "OBJECT_FORMATS",
    "ROW_FORMATS",
    "TABLE_BATCH_ROWS",
    "JsonStyle",
    "RowWriter",
    "color_enabled",
    "columns_from_data_model",
    "csv_cell",
    "iso_duration",
    "iso_interval",
    "json_style_options",
    "make_console",
    "output_option",
    "print_heading",
    "print_table",
    "resolve_format",
    "to_jsonable",
    "write_object",
    "write_rows",
]

ROW_FORMATS: tuple[str, ...] = ("table", "json", "jsonl", "csv", "yaml")
OBJECT_FORMATS: tuple[str, ...] = ("table", "json", "yaml")
AUTO_FORMAT = "auto"
"""``-o auto``: a table on a terminal, JSON elsewhere (``> out.json``, a pipe)."""


# -- options ------------------------------------------------------------------------------


_F = TypeVar("_F", bound=Callable[..., Any])


def output_option(formats: Sequence[str] = ROW_FORMATS) -> Callable[[_F], _F]:
    """The ``-o/--output`` option of every command that prints data.

    Default ``auto``: a table on a terminal, JSON when stdout is a file or a pipe (what the
    reference CLI prints by default). ``auto`` is resolved here, when the option is parsed,
    so commands only ever see a concrete format from ``formats``.
    """
    return click.option(
        "-o",
        "--output",
        "output_format",
        type=click.Choice([*formats, AUTO_FORMAT], case_sensitive=False),
        default=AUTO_FORMAT,
        show_default=True,
        callback=lambda _ctx, _param, value: resolve_format(value),
        help="Output format. auto: a table on a terminal, json when stdout is a file or a pipe.",
    )


def resolve_format(output_format: str, stream: TextIO | None = None) -> str:
    """``auto`` -> ``table`` when ``stream`` (default stdout) is a terminal, else ``json``."""
    if output_format != AUTO_FORMAT:
        return output_format
    isatty = getattr(stream if stream is not None else sys.stdout, "isatty", None)
    return "table" if isatty and isatty() else "json"


def json_style_options(function: _F) -> _F:
    """``--decimal-as`` and ``--big-int-as``: how json/jsonl/yaml write such numbers."""
    function = click.option(
        "--big-int-as",
        "big_int_as",
        type=click.Choice(["string", "number"], case_sensitive=False),
        default="string",
        show_default=True,
        help="Integers beyond +-2^53 in json/jsonl/yaml: strings (exact in every reader, "
        "jq included) or bare numbers.",
    )(function)
    return click.option(
        "--decimal-as",
        "decimal_as",
        type=click.Choice(["string", "float"], case_sensitive=False),
        default="string",
        show_default=True,
        help="Decimals in json/jsonl/yaml: exact strings or (rounded) numbers.",
    )(function)


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


# -- writers ------------------------------------------------------------------------------


class RowWriter(Protocol):
    def write(self, row: Mapping[str, Any]) -> None: ...

    def close(self) -> None: ...


class _JsonLinesWriter:
    def __init__(self, stream: TextIO, style: JsonStyle) -> None:
        self._stream = stream
        self._style = style

    def write(self, row: Mapping[str, Any]) -> None:
        self._stream.write(dumps(self._style.apply(row)) + "\n")

    def close(self) -> None:
        self._stream.flush()


class _JsonArrayWriter:
    """``[`` first, ``]`` only on success: a failed stream never parses as complete."""

    def __init__(self, stream: TextIO, style: JsonStyle) -> None:
        self._stream = stream
        self._style = style
        self._count = 0

    def write(self, row: Mapping[str, Any]) -> None:
        prefix = "[\n  " if self._count == 0 else ",\n  "
        self._stream.write(prefix + dumps(self._style.apply(row)))
        self._count += 1

    def close(self) -> None:
        self._stream.write("[]\n" if self._count == 0 else "\n]\n")
        self._stream.flush()


class _YamlListWriter:
    def __init__(self, stream: TextIO, style: JsonStyle) -> None:
        import yaml

        self._yaml = yaml
        self._stream = stream
        self._style = style
        self._count = 0

    def write(self, row: Mapping[str, Any]) -> None:
        self._stream.write(
            self._yaml.safe_dump(
                [to_jsonable(self._style.apply(row))],
                sort_keys=False,
                allow_unicode=True,
                default_flow_style=False,
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


def _make_writer(
    output_format: str,
    stream: TextIO,
    columns: Sequence[str],
    console: Callable[[], Console],
    style: JsonStyle,
) -> RowWriter:
    if output_format == "jsonl":
        return _JsonLinesWriter(stream, style)
    if output_format == "json":
        return _JsonArrayWriter(stream, style)
    if output_format == "yaml":
        return _YamlListWriter(stream, style)
    if output_format == "csv":
        return _CsvWriter(stream, columns)
    if output_format == "table":
        return TableWriter(console(), columns, csv_cell)
    raise click.BadParameter(f"unknown output format {output_format!r}")


def write_rows(
    rows: Iterable[Mapping[str, Any]],
    output_format: str,
    *,
    columns: Sequence[str] | Callable[[], Sequence[str] | None] | None = None,
    stream: TextIO | None = None,
    console: Callable[[], Console] | None = None,
    limit: int | None = None,
    style: JsonStyle = DEFAULT_JSON_STYLE,
) -> tuple[int, bool]:
    """Write ``rows`` one at a time in ``output_format``; returns (rows written, truncated).

    Args:
        columns: the column order (csv header, table columns), or a function giving it once
            the first row has arrived (a Data Connect ``data_model`` comes with the first
            page). When neither gives columns, the first row's keys are used.
        limit: stop after this many rows; ``truncated`` tells whether more were available.
        style: how json/jsonl/yaml write big integers and decimals (:class:`JsonStyle`).

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
    writer = _make_writer(resolve_format(output_format, out), out, names, make_console, style)
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
        out.write(dumps(value, indent=2) + "\n")
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

"""``dnastack data-connect`` (alias ``dc``): SQL queries and tables over GA4GH Data Connect.

Rows are written as they arrive, page by page (``-o jsonl``/``csv`` one line per row,
``table`` in batches, ``json`` as a streamed array): a result of any size runs in constant
memory. A failure part-way (a page error, a lost connection) ends with exit code 3 after the
rows already received, and a ``-o json`` array is then left unterminated so that it cannot
be mistaken for a complete result.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from dnastack.cli.errors import CommandError
from dnastack.cli.group import DnastackGroup
from dnastack.cli.output import (
    DEFAULT_JSON_STYLE,
    OBJECT_FORMATS,
    ROW_FORMATS,
    JsonStyle,
    columns_from_data_model,
    json_style_options,
    output_option,
    print_heading,
    resolve_format,
    write_object,
    write_rows,
)
from dnastack.cli.reference_options import no_auth_option
from dnastack.cli.state import CliState, pass_state

if TYPE_CHECKING:
    from dnastack.client.data_connect import DataConnectClient

__all__ = [
    "data_connect",
    "endpoint_option",
    "parse_parameter",
    "read_sql",
    "run_query",
    "stream_result",
    "table_columns",
]


_F = TypeVar("_F", bound=Callable[..., Any])


def endpoint_option(kind: str) -> Callable[[_F], _F]:
    """The ``--endpoint ID`` option: a configured endpoint instead of the default one."""
    return click.option(
        "--endpoint",
        "--endpoint-id",
        "endpoint_id",
        metavar="ID",
        help=f"The {kind} endpoint to use (default: the context's default one).",
    )


@click.group(
    cls=DnastackGroup,
    epilog="""\b
Examples:
  dnastack dc tables list
  dnastack dc tables get variants
  dnastack dc query "SELECT gene, COUNT(*) AS n FROM variants GROUP BY gene"
  dnastack dc query @report.sql --param BRCA1 --param 30 -o csv > report.csv
""",
)
def data_connect() -> None:
    """Query tables with SQL and inspect them (GA4GH Data Connect)."""


def _client(state: CliState, endpoint_id: str | None) -> DataConnectClient:
    from dnastack.client.data_connect import DataConnectClient

    return state.client(DataConnectClient, endpoint_id)


# -- query --------------------------------------------------------------------------------


def parse_parameter(text: str) -> Any:
    """A ``--param`` value: a JSON number, ``true``/``false``/``null``, or a JSON string in
    quotes; anything else is taken as a plain string (``BRCA1`` -> ``"BRCA1"``)."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        return text
    if isinstance(value, dict | list):
        return text
    return value


def read_sql(argument: str) -> str:
    """The SQL of ``argument``: itself, ``@FILE``'s content, or stdin for ``@-``."""
    if not argument.startswith("@"):
        return argument
    source = argument[1:]
    if source == "-":
        return sys.stdin.read()
    try:
        return Path(source).expanduser().read_text(encoding="utf-8")
    except OSError as exc:
        raise CommandError(f"cannot read the SQL file {source}: {exc.strerror}") from None


_NAME_VALUE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")


def warn_name_value_parameters(state: CliState, params: Sequence[str]) -> None:
    """A note for each ``--param name=value``: parameters are positional, so that text is
    sent as it is (the form other tools use for named parameters)."""
    for text in params:
        if _NAME_VALUE.match(text):
            name, _, value = text.partition("=")
            state.note(
                f"warning: --param {text!r} looks like name=value, but parameters are "
                f"positional: it is sent as the string {text!r}; for the placeholder "
                f"{name!r} write --param {value!r}"
            )


def run_query(
    state: CliState,
    client: DataConnectClient,
    sql: str,
    params: Sequence[str],
    output_format: str,
    *,
    limit: int | None = None,
    style: JsonStyle = DEFAULT_JSON_STYLE,
) -> int:
    """Run ``sql`` (text or ``@FILE``) with ``--param`` values and stream the rows."""
    text = read_sql(sql)
    if not text.strip():
        raise CommandError("the SQL is empty")
    warn_name_value_parameters(state, params)
    parameters = [parse_parameter(p) for p in params]
    rows = client.query(text, parameters=parameters or None)
    return stream_result(state, rows, output_format, limit=limit, style=style)


def stream_result(
    state: CliState,
    rows: Iterable[Mapping[str, Any]],
    output_format: str,
    *,
    limit: int | None = None,
    style: JsonStyle = DEFAULT_JSON_STYLE,
) -> int:
    """Write a row result with columns from its ``data_model``; returns the row count.

    On a terminal, an empty table says "(0 rows)" (on stderr, so nothing is added to data).
    """

    def columns() -> list[str] | None:
        return columns_from_data_model(getattr(rows, "data_model", None))

    output_format = resolve_format(output_format, state.stdout())
    try:
        count, truncated = write_rows(
            rows, output_format, columns=columns, console=state.console, limit=limit, style=style
        )
    finally:
        close = getattr(rows, "close", None)
        if callable(close):
            close()
    if truncated:
        state.note(f"(stopped after {count} rows: --limit {limit}; more rows are available)")
    elif count == 0 and output_format == "table" and state.stdout().isatty():
        state.note("(0 rows)")
    return count


@data_connect.command(
    "query",
    epilog="""\b
SQL placeholders are positional (?); each --param fills the next one. A value
that reads as JSON (42, 2.5, true, null, "42") keeps that type; anything else
is a string.

\b
Examples:
  dnastack dc query "SELECT * FROM variants LIMIT 5"
  dnastack dc query "SELECT * FROM variants WHERE gene = ? AND quality > ?" \\
      --param BRCA1 --param 30 -o jsonl
  dnastack dc query @query.sql -o csv > rows.csv
  echo "SELECT 1 AS one" | dnastack dc query @- -o json
""",
)
@click.argument("sql", metavar="SQL|@FILE")
@click.option(
    "--param", "params", multiple=True, metavar="VALUE", help="Positional parameter (repeatable)."
)
@output_option(ROW_FORMATS)
@click.option("--limit", type=click.IntRange(min=0), help="Stop after N rows.")
@json_style_options
@no_auth_option
@endpoint_option("Data Connect")
@pass_state
def query(
    state: CliState,
    sql: str,
    params: tuple[str, ...],
    output_format: str,
    limit: int | None,
    decimal_as: str,
    big_int_as: str,
    endpoint_id: str | None,
) -> None:
    """Run SQL (or the SQL in @FILE) and stream the rows as they arrive."""
    style = JsonStyle(big_ints=big_int_as, decimals=decimal_as)
    with _client(state, endpoint_id) as client:
        run_query(state, client, sql, params, output_format, limit=limit, style=style)


# -- tables -------------------------------------------------------------------------------


@data_connect.group(
    "tables",
    cls=DnastackGroup,
    epilog="""\b
Examples:
  dnastack dc tables list
  dnastack dc tables get variants -o json
""",
)
def tables() -> None:
    """List tables and show their columns."""


@tables.command(
    "list",
    epilog="""\b
Examples:
  dnastack dc tables list
  dnastack dc tables list -o jsonl | jq -r .name
""",
)
@output_option(ROW_FORMATS)
@no_auth_option
@endpoint_option("Data Connect")
@pass_state
def tables_list(state: CliState, output_format: str, endpoint_id: str | None) -> None:
    """Every table (all pages), with its description and column count."""
    with _client(state, endpoint_id) as client:
        infos = client.iterate_tables()
        if output_format in ("table", "csv"):
            rows: Iterator[Mapping[str, Any]] = (
                {
                    "name": info.name,
                    "description": info.description or "",
                    "columns": len(table_columns(info.data_model)),
                }
                for info in infos
            )
            columns = ["name", "description", "columns"]
            write_rows(rows, output_format, columns=columns, console=state.console)
        else:
            full = (info.to_dict(exclude_none=True) for info in infos)
            write_rows(full, output_format, console=state.console)


def table_columns(data_model: Mapping[str, Any] | None) -> list[dict[str, str]]:
    """One entry per column of a ``data_model``: name, type, format, description."""
    if not isinstance(data_model, Mapping):
        return []
    properties = data_model.get("properties")
    if not isinstance(properties, Mapping):
        return []
    required = data_model.get("required")
    required_names = set(required) if isinstance(required, Sequence) else set()
    columns = []
    for name, schema in properties.items():
        schema = schema if isinstance(schema, Mapping) else {}
        kind = schema.get("type", "")
        columns.append(
            {
                "column": str(name),
                "type": "|".join(map(str, kind)) if isinstance(kind, list) else str(kind),
                "format": str(schema.get("format") or ""),
                "required": "yes" if name in required_names else "",
                "description": str(schema.get("description") or ""),
            }
        )
    return columns


@tables.command(
    "get",
    epilog="""\b
Examples:
  dnastack dc tables get variants
  dnastack dc tables get variants -o json | jq .data_model
""",
)
@click.argument("name")
@output_option(OBJECT_FORMATS)
@no_auth_option
@endpoint_option("Data Connect")
@pass_state
def tables_get(state: CliState, name: str, output_format: str, endpoint_id: str | None) -> None:
    """The table NAME: description and columns (-o json|yaml: the full data_model)."""
    with _client(state, endpoint_id) as client:
        info = client.table(name).info
    if output_format != "table":
        write_object(info.to_dict(exclude_none=True), output_format, console=state.console)
        return
    console = state.console()
    print_heading(console, info.name, info.description)
    columns = table_columns(info.data_model)
    if columns:
        names = ["column", "type", "format", "required", "description"]
        write_rows(columns, "table", columns=names, console=lambda: console)

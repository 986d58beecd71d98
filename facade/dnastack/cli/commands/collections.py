"""``dnastack collections``: collections, their items, and SQL over one collection's tables."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import click

from dnastack.cli.commands.data_connect import endpoint_option, run_query
from dnastack.cli.group import DnastackGroup
from dnastack.cli.output import (
    OBJECT_FORMATS,
    ROW_FORMATS,
    JsonStyle,
    json_style_options,
    output_option,
    write_object,
    write_rows,
)
from dnastack.cli.state import CliState, pass_state

if TYPE_CHECKING:
    from dnastack.client.collections.client import CollectionServiceClient

__all__ = ["collections"]

_COLLECTION_COLUMNS = ["slugName", "name", "description", "itemCounts"]
_ITEM_COLUMNS = ["name", "type", "size", "sizeUnit", "dataSourceType", "id"]


@click.group(
    cls=DnastackGroup,
    epilog="""\b
Examples:
  dnastack collections list
  dnastack collections get cohort-a
  dnastack collections items cohort-a
  dnastack collections query cohort-a "SELECT COUNT(*) AS n FROM variants"
""",
)
def collections() -> None:
    """List collections and their items; query a collection's tables with SQL."""


def _client(state: CliState, endpoint_id: str | None) -> CollectionServiceClient:
    from dnastack.client.collections.client import CollectionServiceClient

    return state.client(CollectionServiceClient, endpoint_id)


def _records(models: Iterable[Any]) -> Iterable[Mapping[str, Any]]:
    for model in models:
        yield model.to_dict(exclude_none=True)


@collections.command(
    "list",
    epilog="""\b
Examples:
  dnastack collections list
  dnastack collections list -o json
""",
)
@output_option(ROW_FORMATS)
@endpoint_option("Collection Service")
@pass_state
def collections_list(state: CliState, output_format: str, endpoint_id: str | None) -> None:
    """Every collection."""
    with _client(state, endpoint_id) as client:
        found = client.list_collections()
        columns = _COLLECTION_COLUMNS if output_format in ("table", "csv") else None
        write_rows(_records(found), output_format, columns=columns, console=state.console)


@collections.command(
    "get",
    epilog="""\b
Examples:
  dnastack collections get cohort-a
  dnastack collections get cohort-a -o json
""",
)
@click.argument("collection", metavar="ID_OR_SLUG")
@output_option(OBJECT_FORMATS)
@endpoint_option("Collection Service")
@pass_state
def collections_get(
    state: CliState, collection: str, output_format: str, endpoint_id: str | None
) -> None:
    """One collection, by id or slug name."""
    with _client(state, endpoint_id) as client:
        found = client.get(collection)
    write_object(found.to_dict(exclude_none=True), output_format, console=state.console)


@collections.command(
    "items",
    epilog="""\b
Examples:
  dnastack collections items cohort-a
  dnastack collections items cohort-a --limit 10 -o jsonl
""",
)
@click.argument("collection", metavar="ID_OR_SLUG")
@output_option(ROW_FORMATS)
@click.option("--limit", type=click.IntRange(min=0), help="Stop after N items.")
@endpoint_option("Collection Service")
@pass_state
def collections_items(
    state: CliState,
    collection: str,
    output_format: str,
    limit: int | None,
    endpoint_id: str | None,
) -> None:
    """The items (tables, files) of a collection, every page."""
    with _client(state, endpoint_id) as client:
        items = client.list_collection_items(collection)
        columns = _ITEM_COLUMNS if output_format in ("table", "csv") else None
        count, truncated = write_rows(
            _records(items), output_format, columns=columns, console=state.console, limit=limit
        )
    if truncated:
        state.note(f"(stopped after {count} items: --limit {limit}; more are available)")


@collections.command(
    "query",
    epilog="""\b
Runs on the collection's own Data Connect endpoint: table names are the
collection's.

\b
Examples:
  dnastack collections query cohort-a "SELECT * FROM variants LIMIT 5"
  dnastack collections query cohort-a @q.sql --param BRCA1 -o csv
""",
)
@click.argument("collection", metavar="ID_OR_SLUG")
@click.argument("sql", metavar="SQL|@FILE")
@click.option(
    "--param", "params", multiple=True, metavar="VALUE", help="Positional parameter (repeatable)."
)
@output_option(ROW_FORMATS)
@click.option("--limit", type=click.IntRange(min=0), help="Stop after N rows.")
@json_style_options
@endpoint_option("Collection Service")
@pass_state
def collections_query(
    state: CliState,
    collection: str,
    sql: str,
    params: tuple[str, ...],
    output_format: str,
    limit: int | None,
    decimal_as: str,
    big_int_as: str,
    endpoint_id: str | None,
) -> None:
    """Run SQL over the tables of one collection and stream the rows."""
    from dnastack.client.data_connect import DataConnectClient

    with _client(state, endpoint_id) as collections_client:
        endpoint = collections_client.data_connect_endpoint(collection)
    with DataConnectClient(endpoint, settings=state.settings()) as client:
        style = JsonStyle(big_ints=big_int_as, decimals=decimal_as)
        run_query(state, client, sql, params, output_format, limit=limit, style=style)

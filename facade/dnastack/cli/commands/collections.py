"""``dnastack collections``: collections, their items, and SQL over one collection's tables."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
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
from dnastack.cli.reference_options import no_auth_option
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


collection_option = click.option(
    "--collection",
    "-c",
    "collection_name",
    metavar="ID_OR_SLUG",
    hidden=True,
    help="The collection (the reference CLI's spelling of the ID_OR_SLUG argument).",
)


def _one_collection(argument: str | None, option: str | None) -> str:
    if argument and option and argument != option:
        raise click.UsageError(f"two collections given: {argument!r} and -c {option!r}")
    chosen = argument or option
    if not chosen:
        raise click.UsageError("give the collection (ID_OR_SLUG)")
    return chosen


def _collection_and_sql(arguments: Sequence[str], option: str | None) -> tuple[str, str]:
    """``ID_OR_SLUG SQL`` (this CLI) or ``-c ID_OR_SLUG SQL`` (the reference CLI)."""
    if option is not None and len(arguments) == 1:
        return option, arguments[0]
    if option is None and len(arguments) == 2:
        return arguments[0], arguments[1]
    raise click.UsageError("give ID_OR_SLUG and SQL (or -c ID_OR_SLUG and SQL)")


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
@no_auth_option
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
@click.argument("collection", metavar="ID_OR_SLUG", required=False)
@output_option(ROW_FORMATS)
@click.option("--limit", "-l", type=click.IntRange(min=0), help="Stop after N items.")
@collection_option
@endpoint_option("Collection Service")
@no_auth_option
@pass_state
def collections_items(
    state: CliState,
    collection: str | None,
    output_format: str,
    limit: int | None,
    collection_name: str | None,
    endpoint_id: str | None,
) -> None:
    """The items (tables, files) of a collection, every page."""
    collection = _one_collection(collection, collection_name)
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
@click.argument("arguments", nargs=-1, required=True, metavar="ID_OR_SLUG SQL|@FILE")
@click.option(
    "--param", "params", multiple=True, metavar="VALUE", help="Positional parameter (repeatable)."
)
@output_option(ROW_FORMATS)
@click.option("--limit", type=click.IntRange(min=0), help="Stop after N rows.")
@json_style_options
@collection_option
@endpoint_option("Collection Service")
@no_auth_option
@pass_state
def collections_query(
    state: CliState,
    arguments: tuple[str, ...],
    params: tuple[str, ...],
    output_format: str,
    limit: int | None,
    decimal_as: str,
    big_int_as: str,
    collection_name: str | None,
    endpoint_id: str | None,
) -> None:
    """Run SQL over the tables of one collection and stream the rows."""
    from dnastack.client.data_connect import DataConnectClient

    collection, sql = _collection_and_sql(arguments, collection_name)

    with _client(state, endpoint_id) as collections_client:
        endpoint = collections_client.data_connect_endpoint(collection)
    with DataConnectClient(endpoint, settings=state.settings()) as client:
        style = JsonStyle(big_ints=big_int_as, decimals=decimal_as)
        run_query(state, client, sql, params, output_format, limit=limit, style=style)


collections.hidden_aliases["list-items"] = "items"  # the reference CLI's name


@collections.group(
    "tables", cls=DnastackGroup, epilog="\b\nExample:\n  dnastack collections tables list cohort-a"
)
def collection_tables() -> None:
    """The tables of a collection (its Data Connect endpoint)."""


@collection_tables.command(
    "list",
    epilog="\b\nExamples:\n  dnastack collections tables list cohort-a\n"
    "  dnastack collections tables list -c cohort-a -o json",
)
@click.argument("collection", metavar="ID_OR_SLUG", required=False)
@output_option(ROW_FORMATS)
@collection_option
@endpoint_option("Collection Service")
@no_auth_option
@pass_state
def collection_tables_list(
    state: CliState,
    collection: str | None,
    output_format: str,
    collection_name: str | None,
    endpoint_id: str | None,
) -> None:
    """The tables of one collection."""
    from dnastack.client.data_connect import DataConnectClient

    chosen = _one_collection(collection, collection_name)
    with _client(state, endpoint_id) as collections_client:
        endpoint = collections_client.data_connect_endpoint(chosen)
    with DataConnectClient(endpoint, settings=state.settings()) as client:
        found = client.list_tables()
    columns = ["name", "description"] if output_format in ("table", "csv") else None
    write_rows(_records(found), output_format, columns=columns, console=state.console)

"""Page parsers for Data Connect: ``TableData`` (rows) and ``ListTablesResponse`` (tables).

Bodies are decoded with orjson when installed and validated by the generated models
(``TableData.from_dict`` keeps rows as the dicts JSON produced: no object per row). Rows are
converted per the page's ``data_model`` by a converter built once per distinct data model
(:func:`~dnastack.client.data_connect.conversion.build_rows_converter`); a page without
``data_model`` uses the previous page's.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from dnastack.client.data_connect.conversion import (
    RowsConverter,
    ValueConversionError,
    build_rows_converter,
)
from dnastack.client.data_connect.models import Error, TableInfo, unset_to_none
from dnastack.client.pagination import Page, load_json
from dnastack.exceptions import ResponseParseError

__all__ = ["TableDataParser", "parse_table_list_page"]

_GENERATED_FAILURES = (KeyError, TypeError, ValueError, AttributeError)


def _document(content: bytes, what: str) -> dict[str, Any]:
    try:
        document = load_json(content)
    except ValueError as exc:
        raise ResponseParseError(f"{what}: the body is not JSON ({exc})", operation=what) from exc
    if not isinstance(document, dict):
        raise ResponseParseError(f"{what}: expected a JSON object", operation=what)
    return document


def _next_link(pagination: Any) -> str | None:
    pagination = unset_to_none(pagination)
    if pagination is None:
        return None
    link = unset_to_none(pagination.next_page_url)
    return link if isinstance(link, str) and link else None


class TableDataParser:
    """Parses ``TableData`` pages of one result, converting values when asked to.

    Args:
        convert_types: convert values per ``data_model`` (bigint, decimal, dates...).
    """

    def __init__(self, convert_types: bool = True) -> None:
        self._convert_types = convert_types
        self._model: Mapping[str, Any] | None = None
        self._converter: RowsConverter | None = None
        self._converters: dict[str, RowsConverter | None] = {}

    def __call__(self, content: bytes) -> Page[dict[str, Any]]:
        from ga4gh_data_connect.models.table_data import TableData

        document = _document(content, "TableData")
        try:
            page = TableData.from_dict(document)
        except _GENERATED_FAILURES as exc:
            raise ResponseParseError(
                f"TableData does not match the specification ({type(exc).__name__}: {exc})",
                operation="TableData",
            ) from exc
        schema = unset_to_none(page.data_model)
        data_model = schema.additional_properties if schema is not None else None
        rows: list[dict[str, Any]] = page.data
        if self._convert_types and rows:
            converter = self._converter_for(data_model)
            if converter is not None:
                try:
                    converter(rows)
                except ValueConversionError as exc:
                    raise ResponseParseError(
                        f"TableData: a value does not match the data_model ({exc})",
                        operation="TableData",
                    ) from exc
                except (AttributeError, TypeError) as exc:
                    raise ResponseParseError(
                        "TableData: a row is not a JSON object", operation="TableData"
                    ) from exc
        errors = unset_to_none(page.errors)
        return Page(
            rows,
            _next_link(page.pagination),
            [Error.from_generated(e) for e in errors] if errors else (),
            data_model,
        )

    def _converter_for(self, data_model: Mapping[str, Any] | None) -> RowsConverter | None:
        if data_model is None or data_model is self._model or data_model == self._model:
            return self._converter
        key = json.dumps(data_model, sort_keys=True, default=str)
        if key not in self._converters:
            self._converters[key] = build_rows_converter(data_model)
        self._model = data_model
        self._converter = self._converters[key]
        return self._converter


def parse_table_list_page(content: bytes) -> Page[TableInfo]:
    """Parse one ``ListTablesResponse`` page into documented :class:`TableInfo` models."""
    from ga4gh_data_connect.models.list_tables_response import ListTablesResponse

    document = _document(content, "ListTablesResponse")
    try:
        page = ListTablesResponse.from_dict(document)
    except _GENERATED_FAILURES as exc:
        raise ResponseParseError(
            f"ListTablesResponse does not match the specification ({type(exc).__name__}: {exc})",
            operation="listTables",
        ) from exc
    errors = unset_to_none(page.errors)
    return Page(
        [TableInfo.from_generated(table) for table in page.tables],
        _next_link(page.pagination),
        [Error.from_generated(e) for e in errors] if errors else (),
    )

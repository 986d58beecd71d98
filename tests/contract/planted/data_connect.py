"""Planted-fault Data Connect servers: one mode per fault class the runner must catch."""

from __future__ import annotations

import re
from typing import Any

from starlette.types import ASGIApp

from tests.contract.planted.base import Hit, Mode, PlantedApi

__all__ = ["BASE", "MODES", "planted_data_connect"]

BASE = "/data-connect"
DATA = "GET /table/{table_name}/data"
_RESULT_PATH = re.compile(r"^/(search(/[^/]+)?|table/[^/]+/data)$")


def _page(hit: Hit) -> int | None:
    """Number of the result page this request answers (None: not a result page)."""
    if not _RESULT_PATH.match(hit.path):
        return None
    return int(hit.query.get("page", "1")) if hit.path.startswith("/search/") else 1


def _on_page(number: int, change: Any) -> Any:
    def mutate(hit: Hit, page: Any) -> Any:
        if _page(hit) == number and isinstance(page, dict) and page.get("data"):
            change(page)
        return page

    return mutate


def _wrong_type_value(page: dict[str, Any]) -> None:
    """A string in an integer column (or a number in a string column)."""
    properties = page["data_model"]["properties"]
    for name, spec in properties.items():
        if spec.get("type") == "integer":
            page["data"][0][name] = "forty-two"
            return
    name = next(iter(properties))
    page["data"][0][name] = 42 if properties[name].get("type") == "string" else "forty-two"


def _next_link(change: Any) -> Any:
    def mutate(hit: Hit, page: Any) -> Any:
        number = _page(hit)
        pagination = page.get("pagination") if isinstance(page, dict) else None
        if number is not None and isinstance(pagination, dict) and pagination.get("next_page_url"):
            pagination["next_page_url"] = change(pagination["next_page_url"], number)
        return page

    return mutate


def _loop(url: str, number: int) -> str:
    return url.replace(f"page={number + 1}", f"page={number}") if number >= 2 else url


def _sql_type(hit: Hit, document: Any) -> Any:
    models = []
    if isinstance(document, dict) and isinstance(document.get("data_model"), dict):
        models.append(document["data_model"])
    for table in document.get("tables") or [] if isinstance(document, dict) else []:
        models.append(table.get("data_model") or {})
    for model in models:
        for spec in (model.get("properties") or {}).values():
            if spec.get("type") == "string":
                spec["type"] = "varchar"
    return document


def _tables(change: Any) -> Any:
    def mutate(hit: Hit, document: Any) -> Any:
        if hit.path == "/tables":
            change(hit, document)
        return document

    return mutate


def _ghost_table(hit: Hit, document: dict[str, Any]) -> None:
    if "page" not in hit.query:
        document["tables"].append({"name": "ghost_table", "data_model": {"type": "object"}})


def _tables_next_404(hit: Hit, document: dict[str, Any]) -> None:
    if "pagination" in document:
        document["pagination"]["next_page_url"] = "/data-connect/no-such-listing?page=2"


def _tables_page_2_broken(hit: Hit, document: dict[str, Any]) -> None:
    if hit.query.get("page") == "2":
        document["tables"] = "oops"


def _service_info(hit: Hit, document: Any) -> Any:
    if hit.path == "/service-info":
        document["createdAt"] = "yesterday"
    return document


def _any_table(hit: Hit) -> Any:
    match = re.match(r"^/table/([^/]+)/info$", hit.path)
    return {"name": match.group(1), "data_model": {"type": "object"}} if match else None


MODES: dict[str, Mode] = {
    "clean": Mode(),
    "clean_501": Mode(answer_501=True),
    "clean_secured": Mode(secured=True),
    "next_page_404": Mode(
        _next_link(lambda url, n: re.sub(r"/search/[^/?]+", "/search/expired", url)),
        (DATA, "pagination"),
    ),
    "next_page_not_a_url": Mode(
        _next_link(lambda url, n: "next page, please"), (DATA, "pagination")
    ),
    "pagination_loop": Mode(_next_link(_loop), (DATA, "pagination")),
    "page_3_breaks_schema": Mode(
        _on_page(3, lambda page: page.update(data={"rows": page["data"]})),
        (DATA, "response_schema_conformance"),
    ),
    "string_in_integer_column": Mode(
        _on_page(2, _wrong_type_value), (DATA, "data_model_conformance")
    ),
    "rows_without_data_model": Mode(
        _on_page(2, lambda page: page.pop("data_model")), (DATA, "data_model_conformance")
    ),
    "undeclared_column": Mode(
        _on_page(2, lambda page: page["data"][0].update(surprise=1)),
        (DATA, "data_model_conformance"),
    ),
    "sql_type_in_data_model": Mode(_sql_type, ("GET /tables", "data_model_conformance")),
    "listed_table_404": Mode(
        _tables(_ghost_table), ("GET /table/{table_name}/info", "listed_id_resolves")
    ),
    "tables_next_page_404": Mode(_tables(_tables_next_404), ("GET /tables", "pagination")),
    "tables_page_2_breaks_schema": Mode(
        _tables(_tables_page_2_broken), ("GET /tables", "response_schema_conformance")
    ),
    "unknown_table_found": Mode(
        found_anyway=_any_table, expected=("GET /table/{table_name}/info", "consistency")
    ),
    "created_at_not_a_date_time": Mode(_service_info, ("GET /service-info", "format_conformance")),
}


def planted_data_connect(app: ASGIApp, mode: str) -> ASGIApp:
    """The devserver ``app`` with Data Connect behaving as ``mode``."""
    return PlantedApi(
        app, BASE, MODES[mode], lambda status, text: {"errors": [{"title": text, "detail": text}]}
    )

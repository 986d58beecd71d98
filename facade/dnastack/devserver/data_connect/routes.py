"""Data Connect 1.0 routes, shared by the node's Data Connect and every collection's.

Routes (relative to the Data Connect base URL):

- ``GET  /service-info``
- ``GET  /tables[?page=N&page_size=N]``               paginated table list
- ``GET  /table/{table_name}/info``
- ``GET  /table/{table_name}/data[?page_size=N]``      first page of ``SELECT *``
- ``POST /search[?page_size=N]``                     ``{"query", "parameters"}``
- ``GET  /search/{query_id}?page=N``                  next pages (``next_page_url``)

``next_page_url`` is an absolute URL (the published schema says ``format: uri``), or a
relative reference (``/data-connect/search/{id}?page=2``) with ``--relative-page-urls``.
``page_size`` overrides ``--page-size`` for one query or listing. The request header
``X-Devserver-Polling: 1`` (or ``0``) turns the polling pattern on (or off) for one query,
whatever ``--polling`` says: the first response is then ``{"data": [], "pagination":
{"next_page_url": ...}}`` with a ``Retry-After`` header.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from dnastack.devserver.bodies import int_query_param, json_body, truthy
from dnastack.devserver.config import MAX_PAGE_SIZE, DevServerConfig
from dnastack.devserver.data_connect.engine import EngineClosedError, QueryError, UnknownTableError
from dnastack.devserver.data_connect.queries import DataConnectScope, Page, QueryService
from dnastack.devserver.errors import ApiError
from dnastack.devserver.responses import json_response, node_base_url, raw_json_response

__all__ = ["POLLING_HEADER", "data_connect_routes"]

POLLING_HEADER = "X-Devserver-Polling"

ScopeResolver = Callable[[Request], DataConnectScope]
ServiceInfo = Callable[[Request], dict[str, Any]]


def _quote_table(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def data_connect_routes(
    service: QueryService,
    config: DevServerConfig,
    resolve_scope: ScopeResolver,
    service_info: ServiceInfo,
) -> list[BaseRoute]:
    """The Data Connect routes; ``resolve_scope`` says which tables a request may see."""

    def scope_of(request: Request) -> DataConnectScope:
        scope = resolve_scope(request)
        if config.absolute_page_urls:
            return replace(scope, base_path=node_base_url(request) + scope.base_path)
        return scope

    def page_size(request: Request) -> int:
        return int_query_param(
            request, "page_size", config.page_size, minimum=1, maximum=MAX_PAGE_SIZE
        )

    def polling(request: Request) -> bool:
        return truthy(request.headers.get(POLLING_HEADER), config.polling)

    def page_response(page: Page) -> Response:
        return raw_json_response(page.body, headers=page.headers)

    async def start(request: Request, sql: str, parameters: list[Any]) -> Response:
        scope = scope_of(request)
        try:
            page = await service.start(
                sql,
                parameters,
                scope,
                page_size=page_size(request),
                polling=polling(request),
            )
        except UnknownTableError as exc:
            raise ApiError(404, str(exc), title="Table not found") from exc
        except EngineClosedError as exc:
            raise ApiError(503, str(exc)) from exc
        except QueryError as exc:
            raise ApiError(400, str(exc), title="Invalid query") from exc
        return page_response(page)

    async def get_service_info(request: Request) -> Response:
        return json_response(service_info(request))

    async def list_tables(request: Request) -> Response:
        scope = scope_of(request)
        size = page_size(request)
        number = int_query_param(request, "page", 1, minimum=1)
        tables = service.engine.tables(scope.tables)
        chunk = tables[(number - 1) * size : number * size]
        body: dict[str, Any] = {
            "tables": [
                {"name": t.name, "description": t.description, "data_model": t.data_model}
                for t in chunk
            ]
        }
        if number * size < len(tables):
            next_url = f"{scope.base_path}/tables?page={number + 1}"
            if "page_size" in request.query_params:
                next_url += f"&page_size={size}"
            body["pagination"] = {"next_page_url": next_url}
        return json_response(body)

    def find_table(request: Request) -> str:
        scope = resolve_scope(request)
        name = request.path_params["table_name"]
        info = service.engine.table(name, scope.tables)
        if info is None:
            raise ApiError(404, f"Table {name} does not exist", title="Table not found")
        return info.name

    async def table_info(request: Request) -> Response:
        scope = resolve_scope(request)
        name = find_table(request)
        info = service.engine.table(name, scope.tables)
        assert info is not None
        return json_response(
            {"name": info.name, "description": info.description, "data_model": info.data_model}
        )

    async def table_data(request: Request) -> Response:
        name = find_table(request)
        return await start(request, f"SELECT * FROM {_quote_table(name)}", [])

    async def search(request: Request) -> Response:
        body = await json_body(request)
        if not isinstance(body, dict):
            raise ApiError(400, "The search request must be a JSON object")
        sql = body.get("query")
        if not isinstance(sql, str) or not sql.strip():
            raise ApiError(400, "The search request needs a non-empty string `query`")
        parameters = body.get("parameters")
        if parameters is None:
            parameters = []
        if not isinstance(parameters, list):
            raise ApiError(400, "`parameters` must be a JSON array")
        return await start(request, sql, parameters)

    async def search_page(request: Request) -> Response:
        scope = resolve_scope(request)
        number = int_query_param(request, "page", 1, minimum=1)
        page = await service.page(request.path_params["query_id"], number, scope)
        return page_response(page)

    return [
        Route("/service-info", get_service_info, methods=["GET"]),
        Route("/tables", list_tables, methods=["GET"]),
        Route("/table/{table_name}/info", table_info, methods=["GET"]),
        Route("/table/{table_name}/data", table_data, methods=["GET"]),
        Route("/search", search, methods=["POST"]),
        Route("/search/{query_id}", search_page, methods=["GET"]),
    ]

"""Error bodies in each API's own schema, and the handlers that make every failure JSON.

Each API on the node has its own error schema:

- Data Connect: ``{"errors": [{"title", "detail"}]}``
- DRS: ``{"msg", "status_code"}``
- Service Registry / service-info: ``{"status", "title", "detail"}``
- Collections: ``{"status", "title", "detail"}``; Explorer adds ``parameter`` (bad input)

`api_for_path` decides which one a request path belongs to, so that routing errors
(404/405), auth errors and unexpected exceptions all answer in the right shape.
"""

from __future__ import annotations

import enum
import logging
import re
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from dnastack.devserver.responses import json_response

__all__ = [
    "Api",
    "ApiError",
    "api_for_path",
    "error_body",
    "error_response",
    "exception_handlers",
]

logger = logging.getLogger("devserver.errors")

_COLLECTION_DATA_CONNECT = re.compile(r"^/collection-service/collections?/[^/]+/data-connect(/|$)")


class Api(enum.Enum):
    DATA_CONNECT = "data-connect"
    DRS = "drs"
    REGISTRY = "service-registry"
    COLLECTIONS = "collection-service"
    EXPLORER = "explorer"


class ApiError(Exception):
    """An error with an HTTP status; rendered in the schema of the API that raised it."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        title: str | None = None,
        headers: Mapping[str, str] | None = None,
        parameter: str | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.title = title or HTTPStatus(status).phrase
        self.headers = dict(headers or {})
        self.parameter = parameter


def api_for_path(path: str) -> Api:
    if path.startswith("/ga4gh/drs/"):
        return Api.DRS
    if _COLLECTION_DATA_CONNECT.match(path) or path.startswith("/data-connect"):
        return Api.DATA_CONNECT
    if path.startswith("/collection-service"):
        return Api.COLLECTIONS
    if path.startswith("/explorer"):
        return Api.EXPLORER
    return Api.REGISTRY


def error_body(
    api: Api, status: int, title: str, detail: str, parameter: str | None = None
) -> dict[str, Any]:
    if api is Api.DATA_CONNECT:
        return {"errors": [{"title": title, "detail": detail}]}
    if api is Api.DRS:
        return {"msg": detail, "status_code": status}
    body: dict[str, Any] = {"status": status, "title": title, "detail": detail}
    if api is Api.EXPLORER and parameter is not None:
        body["parameter"] = parameter
    return body


def error_response(
    api: Api,
    status: int,
    detail: str,
    *,
    title: str | None = None,
    headers: Mapping[str, str] | None = None,
    parameter: str | None = None,
) -> Response:
    body = error_body(api, status, title or HTTPStatus(status).phrase, detail, parameter)
    return json_response(body, status=status, headers=headers)


async def _api_error_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiError)
    api = api_for_path(request.url.path)
    return error_response(
        api, exc.status, exc.detail, title=exc.title, headers=exc.headers, parameter=exc.parameter
    )


async def _http_exception_handler(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    api = api_for_path(request.url.path)
    status = exc.status_code
    detail = exc.detail if exc.detail else HTTPStatus(status).phrase
    if status == 404:
        detail = f"No route for {request.method} {request.url.path}"
    elif status == 405:
        detail = f"Method {request.method} is not allowed on {request.url.path}"
    return error_response(api, status, detail, headers=exc.headers)


async def _unexpected_error_handler(request: Request, exc: Exception) -> Response:
    logger.exception("unhandled error on %s %s", request.method, request.url.path)
    api = api_for_path(request.url.path)
    return error_response(api, 500, "An unexpected error occurred on the devserver.")


def exception_handlers() -> dict[Any, Any]:
    return {
        ApiError: _api_error_handler,
        HTTPException: _http_exception_handler,
        Exception: _unexpected_error_handler,
    }

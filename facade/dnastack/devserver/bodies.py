"""Reading request bodies and query parameters, with 400s instead of exceptions."""

from __future__ import annotations

from typing import Any

import orjson
from starlette.requests import Request

from dnastack.devserver.errors import ApiError

__all__ = ["int_query_param", "json_body", "truthy"]


async def json_body(request: Request, *, required: bool = True) -> Any:
    """The request's JSON body; ``None`` when empty and not ``required``."""
    raw = await request.body()
    if not raw.strip():
        if required:
            raise ApiError(400, "A JSON request body is required")
        return None
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise ApiError(400, f"The request body is not valid JSON: {exc}") from exc


def int_query_param(
    request: Request, name: str, default: int, *, minimum: int = 1, maximum: int | None = None
) -> int:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise ApiError(400, f"Query parameter {name} must be an integer, got {raw!r}") from exc
    if value < minimum or (maximum is not None and value > maximum):
        bound = f"between {minimum} and {maximum}" if maximum is not None else f">= {minimum}"
        raise ApiError(400, f"Query parameter {name} must be {bound}, got {value}")
    return value


def truthy(value: str | None, default: bool) -> bool:
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}

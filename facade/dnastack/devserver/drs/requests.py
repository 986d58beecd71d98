"""Strict reading of DRS request inputs: anything the spec does not allow is a 400.

The DRS error body (``{"msg", "status_code"}``) comes from the app's ``ApiError`` handler.
Checked here: ``?expand=`` is ``true`` or ``false``; POST bodies are JSON objects (required
where the spec requires them); ``passports`` is an array of strings; ``expand`` in a body is a
boolean; bulk id lists hold strings only.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request

from dnastack.devserver.bodies import json_body
from dnastack.devserver.errors import ApiError

__all__ = ["expand_param", "object_body", "string_list"]

_BOOLEANS = {"true": True, "false": False}


def expand_param(request: Request) -> bool:
    """The ``expand`` query parameter: absent is ``false``; anything but true/false is a 400."""
    raw = request.query_params.get("expand")
    if raw is None:
        return False
    value = _BOOLEANS.get(raw.strip().lower())
    if value is None:
        raise ApiError(400, f"Query parameter expand must be true or false, got {raw!r}")
    return value


def string_list(body: dict[str, Any], key: str, *, required: bool = False) -> list[str] | None:
    """``body[key]`` when it is an array of strings; absent gives None (or a 400 if required)."""
    if key not in body:
        if required:
            raise ApiError(400, f"The request body needs an array `{key}`")
        return None
    value = body[key]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ApiError(400, f"`{key}` must be an array of strings")
    return value


async def object_body(request: Request, *, required: bool = True) -> dict[str, Any]:
    """A POST body: a JSON object whose ``passports`` (if any) is an array of strings."""
    body = await json_body(request, required=required)
    if body is None:
        return {}
    if not isinstance(body, dict):
        raise ApiError(400, "The request body must be a JSON object")
    string_list(body, "passports")
    return body

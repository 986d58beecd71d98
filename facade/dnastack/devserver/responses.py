"""JSON responses serialised with orjson, and the node's absolute URLs as the client sees them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response

__all__ = ["JSON_MEDIA_TYPE", "json_response", "node_base_url", "raw_json_response"]

JSON_MEDIA_TYPE = "application/json"


def json_response(
    content: Any, *, status: int = 200, headers: Mapping[str, str] | None = None
) -> Response:
    return raw_json_response(orjson.dumps(content), status=status, headers=headers)


def raw_json_response(
    body: bytes, *, status: int = 200, headers: Mapping[str, str] | None = None
) -> Response:
    return Response(body, status_code=status, headers=headers, media_type=JSON_MEDIA_TYPE)


def node_base_url(request: Request) -> str:
    """``scheme://host:port`` of this node, from the request's Host header (no trailing slash).

    Read from the ASGI scope directly: building ``request.url`` costs more than the rest of
    a DRS look-up."""
    scope = request.scope
    host = next((value for name, value in scope["headers"] if name == b"host"), b"").decode(
        "latin-1"
    )
    if not host:
        server = scope.get("server") or ("127.0.0.1", 80)
        host = f"{server[0]}:{server[1]}"
    return f"{scope.get('scheme', 'http')}://{host}"

"""A planted-fault server: the devserver app wrapped by one ASGI middleware per API.

The middleware passes every JSON answer under the API's base path through the mode's
mutation (the planted fault), and can also refuse requests without a static bearer token
(a clean *secured* server) or answer ``501 Not Implemented`` to methods the server does not
support (RFC 9110; a clean server too). Clean modes mutate nothing.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["TOKEN", "Hit", "Mode", "PlantedApi"]

TOKEN = "planted-token-1234"


@dataclass(frozen=True)
class Hit:
    """The request a response answers: method, path under the API base, query."""

    method: str
    path: str
    query: Mapping[str, str]


Mutation = Callable[[Hit, Any], Any]


@dataclass(frozen=True)
class Mode:
    """One server behaviour, and what the runner must report for it (None: nothing)."""

    mutate: Mutation | None = None
    expected: tuple[str, str] | None = None
    answer_501: bool = False
    found_anyway: Callable[[Hit], Any] | None = None
    """A 404 it answers with 200 and this document instead (a server that finds anything)."""
    secured: bool = False
    public: tuple[str, ...] = field(default=("/service-info",))


ErrorBody = Callable[[int, str], dict[str, Any]]


class PlantedApi:
    """ASGI middleware planting one mode's behaviour on the API under ``base``."""

    def __init__(self, app: ASGIApp, base: str, mode: Mode, error_body: ErrorBody) -> None:
        self.app = app
        self.base = base.rstrip("/")
        self.mode = mode
        self.error_body = error_body

    async def _send_json(self, send: Send, status: int, document: Any, **headers: str) -> None:
        body = json.dumps(document).encode()
        raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        raw += [(k.lower().encode(), v.encode()) for k, v in headers.items()]
        await send({"type": "http.response.start", "status": status, "headers": raw})
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or not path.startswith(self.base + "/"):
            await self.app(scope, receive, send)
            return
        query = dict(parse_qsl(scope.get("query_string", b"").decode(), keep_blank_values=True))
        hit = Hit(scope["method"], path[len(self.base) :], query)
        mode = self.mode
        if mode.secured and scope["method"] != "OPTIONS" and hit.path not in mode.public:
            headers = dict(scope.get("headers") or [])
            if headers.get(b"authorization", b"").decode() != f"Bearer {TOKEN}":
                body = self.error_body(401, "A bearer token is required")
                await self._send_json(send, 401, body, **{"WWW-Authenticate": "Bearer"})
                return
        start: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
                return
            if message["type"] != "http.response.body":
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            await self._finish(send, hit, start, b"".join(chunks))

        await self.app(scope, receive, capture)

    async def _finish(self, send: Send, hit: Hit, start: dict[str, Any], body: bytes) -> None:
        status = start["status"]
        headers = [(k, v) for k, v in start.get("headers", []) if k != b"content-length"]
        if status == 405 and self.mode.answer_501:
            error = self.error_body(501, f"{hit.method} is not implemented")
            await self._send_json(send, 501, error)
            return
        if status == 404 and self.mode.found_anyway is not None:
            document = self.mode.found_anyway(hit)
            if document is not None:
                await self._send_json(send, 200, document)
                return
        content_type = dict(headers).get(b"content-type", b"")
        if self.mode.mutate is not None and body and content_type.startswith(b"application/json"):
            original = json.loads(body)
            document = self.mode.mutate(hit, copy.deepcopy(original))
            if document != original:  # untouched answers keep their bytes (DRS hello.json)
                body = json.dumps(document).encode()
        headers.append((b"content-length", str(len(body)).encode()))
        await send({**start, "headers": headers})
        await send({"type": "http.response.body", "body": body})

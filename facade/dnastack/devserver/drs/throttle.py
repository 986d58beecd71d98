"""``--throttle-bytes-per-second N``: the DRS byte route sends at most N bytes per second.

An ASGI middleware around the whole app that only touches responses to
``.../bytes/...`` requests: each body message is cut into pieces of at most
:data:`PIECE_BYTES` (and at most a tenth of a second's worth), each sent when the rate
allows. Lets tests meet a slow server for real (progress, Ctrl-C, resume).
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["PIECE_BYTES", "ThrottleBytes"]

PIECE_BYTES = 16 * 1024


class ThrottleBytes:
    """Send the body of byte-route responses at ``bytes_per_second``."""

    def __init__(self, app: ASGIApp, bytes_per_second: int) -> None:
        self.app = app
        self.rate = bytes_per_second
        self.piece = max(1, min(PIECE_BYTES, bytes_per_second // 10))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or "/bytes/" not in scope.get("path", ""):
            await self.app(scope, receive, send)
            return
        started = time.monotonic()
        sent = 0

        async def throttled(message: Message) -> None:
            nonlocal sent
            if message["type"] != "http.response.body":
                await send(message)
                return
            body: bytes = message.get("body", b"")
            more: Any = message.get("more_body", False)
            for start in range(0, len(body), self.piece):
                piece = body[start : start + self.piece]
                sent += len(piece)
                delay = started + sent / self.rate - time.monotonic()
                if delay > 0:
                    await asyncio.sleep(delay)
                last = start + self.piece >= len(body)
                await send({**message, "body": piece, "more_body": more or not last})
            if not body:
                await send(message)

        await self.app(scope, receive, throttled)

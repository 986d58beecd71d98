"""Helpers for the contract proofs: sample DRS ids, in-process servers, deliberate breakage."""

from __future__ import annotations

import json
import os
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import uvicorn
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from dnastack.devserver.drs.store import object_id_for
from tests.fixtures.devserver import DevServer

__all__ = [
    "REPO_ROOT",
    "SHARED_SPECS",
    "DropJsonField",
    "DrsSamples",
    "JsonAsTextPlain",
    "api_urls",
    "drs_samples",
    "serve_in_thread",
]

REPO_ROOT = Path(__file__).resolve().parents[2]


def _shared_specs() -> Path:
    """``../shared/specs`` of the checkout (or of the main checkout, from a git worktree)."""
    override = os.environ.get("DNASTACK_PUBLISHED_SPECS")
    candidates = [Path(override)] if override else []
    candidates += [REPO_ROOT.parent / "shared" / "specs", REPO_ROOT.parents[1] / "shared" / "specs"]
    return next((path for path in candidates if path.is_dir()), candidates[0])


SHARED_SPECS = _shared_specs()


@dataclass(frozen=True)
class DrsSamples:
    """Object ids of the devserver's sample DRS files (blobs) and folders (bundles)."""

    blobs: list[str]
    bundles: list[str]

    @property
    def all(self) -> list[str]:
        return [*self.bundles, *self.blobs]


def drs_samples(data_dir: Path) -> DrsSamples:
    """The ids the devserver gives the files under ``data_dir/drs`` (same rule as its store)."""
    root = data_dir / "drs"
    blobs: list[str] = []
    bundles: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        base = Path(dirpath)
        for name in dirnames:
            bundles.append(object_id_for((base / name).relative_to(root).as_posix()))
        for name in sorted(filenames):
            if not name.startswith("."):
                blobs.append(object_id_for((base / name).relative_to(root).as_posix()))
    assert blobs and bundles, f"the sample data under {root} has no files or no folders"
    return DrsSamples(blobs=blobs, bundles=bundles)


def api_urls(server: DevServer) -> dict[str, str]:
    """Base URL of each API on a devserver, as ``--url`` takes it."""
    return {
        "service-info": server.registry_url,
        "service-registry": server.registry_url,
        "data-connect": server.data_connect_url,
        "drs": server.drs_url,
        "collections": server.collections_url,
        "explorer": server.explorer_url,
    }


@contextmanager
def serve_in_thread(app: ASGIApp) -> Iterator[str]:
    """Serve ``app`` with uvicorn in a thread; yields its base URL.

    The socket is bound and listening before the server starts, so the first request waits
    in the backlog instead of racing the start-up.
    """
    # IPPROTO_TCP explicitly: asyncio only sets TCP_NODELAY on sockets whose proto says TCP, and
    # without it every keep-alive request waits ~40 ms for a delayed ACK (Nagle).
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


class _BufferedJson:
    """ASGI middleware base: buffer JSON responses under ``prefix`` so a subclass can alter them."""

    def __init__(self, app: ASGIApp, prefix: str) -> None:
        self.app = app
        self.prefix = prefix

    def alter(
        self, headers: list[tuple[bytes, bytes]], body: bytes
    ) -> tuple[list[tuple[bytes, bytes]], bytes]:
        return headers, body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(self.prefix):
            await self.app(scope, receive, send)
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
            headers = list(start.get("headers", []))
            body = b"".join(chunks)
            content_type = dict(headers).get(b"content-type", b"")
            if content_type.startswith(b"application/json"):
                headers, body = self.alter(headers, body)
            headers = [(k, v) for k, v in headers if k != b"content-length"]
            headers.append((b"content-length", str(len(body)).encode()))
            await send({**start, "headers": headers})
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, capture)


class DropJsonField(_BufferedJson):
    """Removes ``field`` from every JSON object answer under ``prefix`` (a required one)."""

    def __init__(self, app: ASGIApp, prefix: str, field: str) -> None:
        super().__init__(app, prefix)
        self.field = field

    def alter(
        self, headers: list[tuple[bytes, bytes]], body: bytes
    ) -> tuple[list[tuple[bytes, bytes]], bytes]:
        document = json.loads(body)
        if isinstance(document, dict):
            document.pop(self.field, None)
        return headers, json.dumps(document).encode()


class JsonAsTextPlain(_BufferedJson):
    """Serves every JSON answer under ``prefix`` as ``text/plain``."""

    def alter(
        self, headers: list[tuple[bytes, bytes]], body: bytes
    ) -> tuple[list[tuple[bytes, bytes]], bytes]:
        kept = [(k, v) for k, v in headers if k != b"content-type"]
        return [*kept, (b"content-type", b"text/plain; charset=utf-8")], body

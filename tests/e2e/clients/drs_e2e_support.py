"""Helpers for the DRS/registry end-to-end tests (imported by basename: keep it unique).

``RecordingTransport``: the real HTTP transport, recording every request's URL and whether
it carried ``Authorization``. ``HostRewritingProxy``: a local reverse proxy (a second
origin) that forwards to a devserver with the devserver's own ``Host``, so the URLs the
devserver writes into its answers point at the devserver's origin, not the proxy's.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx

from dnastack.settings import SessionOverrides, Settings, resolve_settings

_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "host"}


@dataclass
class Seen:
    method: str
    url: str
    authorization: str | None


class RecordingTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """The real transport, recording (method, URL, Authorization) of each request; for
    ``httpx.Client`` and (the SDK's own asyncio transport) for ``httpx.AsyncClient``."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.async_inner: httpx.AsyncBaseTransport | None = None
        self.seen: list[Seen] = []
        self._lock = threading.Lock()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self._record(request)
        return self.inner.handle_request(request)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        from dnastack.http.async_connection import AsyncStreamTransport

        self._record(request)
        if self.async_inner is None:
            self.async_inner = AsyncStreamTransport()
        return await self.async_inner.handle_async_request(request)

    def _record(self, request: httpx.Request) -> None:
        with self._lock:
            self.seen.append(
                Seen(request.method, str(request.url), request.headers.get("authorization"))
            )

    def close(self) -> None:
        self.inner.close()

    async def aclose(self) -> None:
        if self.async_inner is not None:
            await self.async_inner.aclose()
        self.async_inner = None

    def to(self, fragment: str) -> list[Seen]:
        with self._lock:
            return [s for s in self.seen if fragment in s.url]


def isolated_settings(tmp_path: Path) -> Settings:
    """Settings that read no environment, no session override and no user file."""
    return resolve_settings(
        config_file=tmp_path / "config.yaml",
        session_dir=tmp_path / "sessions",
        environ={},
        overrides=SessionOverrides(),
    )


@dataclass
class HostRewritingProxy:
    url: str  # e.g. http://localhost:PORT (another origin than the upstream's 127.0.0.1)
    upstream: str
    paths: list[str] = field(default_factory=list)


@contextmanager
def host_rewriting_proxy(upstream: str) -> Iterator[HostRewritingProxy]:
    """Serve on ``localhost:<port>`` and forward everything to ``upstream`` as-is."""
    upstream_host = httpx.URL(upstream).netloc.decode()
    forwarder = httpx.Client(timeout=30.0)
    record = HostRewritingProxy(url="", upstream=upstream)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def _forward(self) -> None:
            record.paths.append(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            headers = {k: v for k, v in self.headers.items() if k.lower() not in _HOP_BY_HOP}
            headers["Host"] = upstream_host
            answer = forwarder.request(
                self.command, upstream + self.path, headers=headers, content=body
            )
            self.send_response(answer.status_code)
            for name, value in answer.headers.items():
                if name.lower() not in _HOP_BY_HOP and name.lower() != "content-encoding":
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(answer.content)))
            self.end_headers()
            self.wfile.write(answer.content)

        do_GET = do_POST = do_OPTIONS = do_HEAD = _forward

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    record.url = f"http://localhost:{server.server_address[1]}"
    try:
        yield record
    finally:
        server.shutdown()
        server.server_close()
        forwarder.close()

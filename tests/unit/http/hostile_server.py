"""A small hostile HTTP server on 127.0.0.1 for the bounds tests: gzip bombs, bytes trickled
one at a time (in the headers or in the body), redirects to other schemes and origins.

Routes (any method; a request body is read and recorded):

* ``/bomb`` (and ``/bomb/...``) - a gzip body that expands to ``BOMB_BYTES`` of JSON-looking bytes;
* ``/gzip-json`` - a small, honest gzip JSON object;
* ``/trickle-body`` - headers at once, then one body byte every ``TRICKLE_INTERVAL`` s;
* ``/trickle-headers`` - the status line and headers one byte every ``TRICKLE_INTERVAL`` s;
* ``/redirect?to=URL&status=N`` - a redirect to ``URL``;
* ``/encoded?coding=C&status=N&empty=1`` - compressed-looking bytes (none with ``empty``)
  sent with ``Content-Encoding: C`` (``br``, ``gzip, br``...) and status ``N`` (200);
* anything else - ``{"ok": true}``.
"""

from __future__ import annotations

import gzip
import json
import threading
import time
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

BOMB_BYTES = 64 * 1024 * 1024
TRICKLE_INTERVAL = 0.05
TRICKLE_FOR = 20.0


def gzip_bomb(size: int = BOMB_BYTES) -> bytes:
    """A single gzip member expanding to ``size`` bytes (``{"data":[{"a":0},...``)."""
    compressor = zlib.compressobj(1, zlib.DEFLATED, 31)
    row = b'{"a":0},' * 8192
    parts = [compressor.compress(b'{"data":[')]
    for _ in range(size // len(row)):
        parts.append(compressor.compress(row))
    parts.append(compressor.compress(b'{"a":0}]}'))
    parts.append(compressor.flush())
    return b"".join(parts)


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # clients hanging up on a bomb or a trickle is the point


class HostileServer:
    """Starts on an ephemeral 127.0.0.1 port; ``requests`` records (method, path, headers, body)."""

    def __init__(self) -> None:
        self.bomb = gzip_bomb()
        self.requests: list[tuple[str, str, dict[str, str], bytes]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # quiet
                pass

            def _any(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                server.requests.append((self.command, self.path, dict(self.headers), body))
                parts = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(parts.query).items()}
                first = parts.path.strip("/").split("/")[0]
                route = getattr(self, "route_" + first.replace("-", "_"), None)
                if route is None:
                    self._send(200, json.dumps({"ok": True}).encode())
                else:
                    route(query)

            do_GET = do_POST = do_PUT = do_DELETE = _any

            def _send(
                self, status: int, body: bytes, headers: dict[str, str] | None = None
            ) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(body)

            def route_bomb(self, query: dict[str, str]) -> None:
                self._send(200, server.bomb, {"Content-Encoding": "gzip"})

            def route_gzip_json(self, query: dict[str, str]) -> None:
                document = {"data": [{"a": i} for i in range(1000)]}
                self._send(
                    200, gzip.compress(json.dumps(document).encode()), {"Content-Encoding": "gzip"}
                )

            def route_encoded(self, query: dict[str, str]) -> None:
                # not valid brotli/zstd data: a client must refuse the coding, not try it
                body = b"" if query.get("empty") else b"\x8b\x05\x80" + b'{"ok": true}' * 50
                status = int(query.get("status", "200"))
                self._send(status, body, {"Content-Encoding": query.get("coding", "br")})

            def route_redirect(self, query: dict[str, str]) -> None:
                self.send_response(int(query.get("status", "302")))
                self.send_header("Location", query["to"])
                self.send_header("Content-Length", "0")
                self.end_headers()

            def _trickle(self, data: Iterator[bytes]) -> None:
                ends = time.monotonic() + TRICKLE_FOR
                try:
                    for byte in data:
                        if time.monotonic() > ends:
                            return
                        self.wfile.write(byte)
                        self.wfile.flush()
                        time.sleep(TRICKLE_INTERVAL)
                except OSError:  # the client gave up: what the test wants
                    return
                finally:
                    self.close_connection = True

            def route_trickle_body(self, query: dict[str, str]) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", "100000")
                self.end_headers()
                self.wfile.flush()
                self._trickle(b" " for _ in range(100000))

            def route_trickle_headers(self, query: dict[str, str]) -> None:
                head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" + (
                    b"X-Padding: " + b"a" * 60000 + b"\r\n\r\n"
                )
                self._trickle(head[i : i + 1] for i in range(len(head)))

        self._httpd = _QuietServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def __enter__(self) -> HostileServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

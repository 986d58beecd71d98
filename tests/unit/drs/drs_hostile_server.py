"""A small DRS service on 127.0.0.1 whose object documents a test writes as it likes:
negative or huge sizes, checksums that cannot be digests, access methods the client cannot
use, byte URLs that refuse. Every request is recorded, so a test can assert that no byte was
asked for.

Routes:

* ``GET /ga4gh/drs/v1/objects/{id}`` - the document in ``objects[id]`` (404 otherwise);
* ``POST /ga4gh/drs/v1/objects`` - 405 (no bulk: the client looks objects up one by one);
* ``GET /bytes/{id}`` - ``blobs[id]`` (``Range: bytes=N-`` honoured), or the status in
  ``refuse[id]`` with a JSON error body. For an id in ``cut``, a request without ``Range``
  gets the full ``Content-Length`` but only the first ``cut[id]`` bytes, then the connection
  drops; the resume (a ``Range`` request) is answered 404: the object wrote bytes, then
  failed over HTTP.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote, urlsplit

__all__ = ["DRS_BASE", "HostileDrsServer"]

DRS_BASE = "/ga4gh/drs/v1"
_RANGE = re.compile(r"bytes=(\d+)-$")


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass


class HostileDrsServer:
    """Starts on an ephemeral 127.0.0.1 port (use as a context manager)."""

    def __init__(self) -> None:
        self.objects: dict[str, dict[str, Any]] = {}
        self.blobs: dict[str, bytes] = {}
        self.refuse: dict[str, int] = {}
        self.cut: dict[str, int] = {}
        self.requests: list[tuple[str, str]] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:  # quiet
                pass

            def _any(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                path = urlsplit(self.path).path
                with server._lock:
                    server.requests.append((self.command, path))
                if path.startswith(DRS_BASE + "/objects/") and self.command == "GET":
                    document = server.objects.get(unquote(path.rsplit("/", 1)[1]))
                    if document is None:
                        self._json(404, {"msg": "no such object", "status_code": 404})
                    else:
                        self._json(200, document)
                elif path.startswith("/bytes/") and self.command == "GET":
                    self._bytes(unquote(path.removeprefix("/bytes/")))
                else:
                    self._json(405, {"msg": "not supported", "status_code": 405})

            do_GET = do_POST = _any

            def _json(self, status: int, document: Any, **headers: str) -> None:
                self._send(status, json.dumps(document).encode(), "application/json", headers)

            def _send(
                self, status: int, body: bytes, content_type: str, headers: dict[str, str]
            ) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)

            def _bytes(self, object_id: str) -> None:
                status = server.refuse.get(object_id)
                data = server.blobs.get(object_id)
                if status is not None or data is None:
                    code = status or 404
                    self._json(code, {"msg": "refused", "status_code": code})
                    return
                match = _RANGE.match(self.headers.get("Range", ""))
                cut = server.cut.get(object_id)
                if cut is not None:
                    self._cut(data, cut, resumed=match is not None)
                    return
                start = int(match.group(1)) if match else 0
                if match and start >= len(data):
                    self._send(416, b"", "text/plain", {"Content-Range": f"bytes */{len(data)}"})
                elif match:
                    content_range = f"bytes {start}-{len(data) - 1}/{len(data)}"
                    self._send(
                        206,
                        data[start:],
                        "application/octet-stream",
                        {"Content-Range": content_range},
                    )
                else:
                    self._send(200, data, "application/octet-stream", {})

            def _cut(self, data: bytes, cut: int, *, resumed: bool) -> None:
                if resumed:
                    self._json(404, {"msg": "the rest is gone", "status_code": 404})
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/octet-stream")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data[:cut])
                self.wfile.flush()
                self.close_connection = True  # the body ends short: the client sees a drop

        self._httpd = _QuietServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.02,), daemon=True)

    @property
    def drs_url(self) -> str:
        return self.url + DRS_BASE + "/"

    def object_url(self, object_id: str) -> str:
        return f"{self.url}{DRS_BASE}/objects/{object_id}"

    def add_blob(self, object_id: str, data: bytes, **changes: Any) -> dict[str, Any]:
        """An honest blob document for ``data`` (sha-256 and md5), then ``changes`` applied."""
        self.blobs[object_id] = data
        document: dict[str, Any] = {
            "id": object_id,
            "name": object_id,
            "self_uri": f"drs://127.0.0.1/{object_id}",
            "size": len(data),
            "created_time": "2024-01-01T00:00:00Z",
            "checksums": [
                {"type": "sha-256", "checksum": hashlib.sha256(data).hexdigest()},
                {"type": "md5", "checksum": hashlib.md5(data).hexdigest()},
            ],
            "access_methods": [
                {"type": "https", "access_url": {"url": f"{self.url}/bytes/{object_id}"}}
            ],
        }
        document.update(changes)
        self.objects[object_id] = document
        return document

    def add_bundle(self, object_id: str, contents: list[dict[str, Any]]) -> None:
        self.objects[object_id] = {
            "id": object_id,
            "name": object_id,
            "self_uri": f"drs://127.0.0.1/{object_id}",
            "size": 0,
            "created_time": "2024-01-01T00:00:00Z",
            "checksums": [{"type": "sha-256", "checksum": "0" * 64}],
            "contents": contents,
        }

    def byte_requests(self) -> list[str]:
        with self._lock:
            return [path for method, path in self.requests if path.startswith("/bytes/")]

    def __enter__(self) -> HostileDrsServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

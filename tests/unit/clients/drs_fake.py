"""A scriptable in-memory DRS service for fault-injection tests (``httpx.MockTransport``).

``FakeDrs`` serves ``GET {base}/objects/{id}`` (with ``expand``), ``POST {base}/objects``
(bulk), ``GET {base}/objects/{id}/access/{access_id}`` and byte routes on any origin, with
``Range`` support. Faults are scripted per object (``faults[object_id]``) and every request
is recorded, so tests assert what went over the wire.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import httpx

from dnastack.client.drs import DrsClient
from dnastack.client.models import ServiceEndpoint
from dnastack.settings import SessionOverrides, resolve_settings

BASE = "http://drs.test/ga4gh/drs/v1"
BYTES = "http://drs.test/bytes"
STORAGE = "http://storage.test/blobs"
_RANGE = re.compile(r"bytes=(\d+)-(\d*)")


class ResetStream(httpx.SyncByteStream):
    """Yields ``data`` in 64 KiB chunks, then fails like a reset connection."""

    def __init__(self, data: bytes, error: type[httpx.TransportError] = httpx.ReadError) -> None:
        self._data = data
        self._error = error

    def __iter__(self) -> Iterator[bytes]:
        for start in range(0, len(self._data), 65536):
            yield self._data[start : start + 65536]
        raise self._error("connection reset by peer")


@dataclass
class FakeDrs:
    """Objects, blobs, scripted faults and the requests seen."""

    objects: dict[str, dict[str, Any]] = field(default_factory=dict)
    blobs: dict[str, bytes] = field(default_factory=dict)
    faults: dict[str, list[str]] = field(default_factory=dict)
    requests: list[httpx.Request] = field(default_factory=list)
    bulk_enabled: bool = True
    accepted_once: set[str] = field(default_factory=set)

    # -- content --------------------------------------------------------------------------

    def add_blob(
        self,
        object_id: str,
        data: bytes,
        *,
        name: str | None = None,
        checksums: list[dict[str, str]] | None = None,
        url: str | None = None,
        headers: list[str] | None = None,
        access_id: str | None = None,
        size: int | None = None,
    ) -> dict[str, Any]:
        self.blobs[object_id] = data
        if checksums is None:
            checksums = [
                {"type": "sha-256", "checksum": hashlib.sha256(data).hexdigest()},
                {"type": "md5", "checksum": hashlib.md5(data).hexdigest()},
            ]
        methods: list[dict[str, Any]] = []
        if access_id is not None:
            methods.append({"type": "https", "access_id": access_id})
        else:
            access_url: dict[str, Any] = {"url": url or f"{BYTES}/{object_id}"}
            if headers is not None:
                access_url["headers"] = headers
            methods.append({"type": "https", "access_url": access_url})
        document = {
            "id": object_id,
            "name": object_id if name is None else name,
            "self_uri": f"drs://drs.test/{object_id}",
            "size": len(data) if size is None else size,
            "created_time": "2024-01-01T00:00:00Z",
            "checksums": checksums,
            "access_methods": methods,
        }
        self.objects[object_id] = document
        return document

    def add_bundle(self, object_id: str, name: str, contents: list[dict[str, Any]]) -> None:
        self.objects[object_id] = {
            "id": object_id,
            "name": name,
            "self_uri": f"drs://drs.test/{object_id}",
            "size": 0,
            "created_time": "2024-01-01T00:00:00Z",
            "checksums": [{"type": "sha-256", "checksum": "0" * 64}],
            "contents": contents,
        }

    def seen(self, prefix: str) -> list[httpx.Request]:
        return [r for r in self.requests if str(r.url).startswith(prefix)]

    # -- routing --------------------------------------------------------------------------

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        url = str(request.url).split("?", 1)[0]
        if url.startswith(BASE + "/objects"):
            return self._objects(request, url[len(BASE + "/objects") :])
        for prefix in (BYTES, STORAGE):
            if url.startswith(prefix + "/"):
                return self._bytes(request, unquote(url[len(prefix) + 1 :]))
        return _json(404, {"msg": "no route", "status_code": 404})

    def _objects(self, request: httpx.Request, rest: str) -> httpx.Response:
        if rest == "" and request.method == "POST":
            if not self.bulk_enabled:
                return _json(405, {"msg": "no bulk", "status_code": 405})
            ids = json.loads(request.content)["bulk_object_ids"]
            found = [self.objects[i] for i in ids if i in self.objects]
            missing = [i for i in ids if i not in self.objects]
            return _json(
                200,
                {
                    "summary": {"requested": len(ids), "resolved": len(found)},
                    "resolved_drs_object": found,
                    "unresolved_drs_objects": (
                        [{"error_code": 404, "object_ids": missing}] if missing else []
                    ),
                },
            )
        parts = [unquote(p) for p in rest.strip("/").split("/")]
        object_id = parts[0]
        if object_id in self.accepted_once:
            self.accepted_once.discard(object_id)
            return httpx.Response(202, headers={"Retry-After": "3"})
        document = self.objects.get(object_id)
        if document is None:
            return _json(404, {"msg": f"No DRS object with id {object_id}", "status_code": 404})
        if len(parts) == 3 and parts[1] == "access":
            return _json(200, {"url": f"{STORAGE}/{object_id}?sig=secret-signature"})
        return _json(200, document)

    def _bytes(self, request: httpx.Request, object_id: str) -> httpx.Response:
        data = self.blobs.get(object_id)
        if data is None:
            return _json(404, {"msg": "no bytes"})
        faults = self.faults.get(object_id, [])
        fault = faults.pop(0) if faults else None
        if fault == "unauthorized":
            return _json(401, {"msg": "token needed"})
        start = 0
        match = _RANGE.match(request.headers.get("range", ""))
        if match and fault != "ignore-range":
            start = int(match.group(1))
            if start >= len(data):
                return httpx.Response(416, headers={"Content-Range": f"bytes */{len(data)}"})
            body = data[start:]
            headers = {"Content-Range": f"bytes {start}-{len(data) - 1}/{len(data)}"}
            status = 206
        else:
            body, headers, status = data, {}, 200
        if fault == "truncate":  # the server stops early without an error
            return httpx.Response(status, headers=headers, content=body[: len(body) // 3])
        if fault == "reset":
            cut = max(1, len(body) // 2)
            return httpx.Response(status, headers=headers, stream=ResetStream(body[:cut]))
        if fault == "incomplete":
            cut = max(1, len(body) // 2)
            stream = ResetStream(body[:cut], httpx.RemoteProtocolError)
            return httpx.Response(status, headers=headers, stream=stream)
        if fault == "gzip":  # sent compressed although identity was asked for
            encoded = gzip.compress(body)
            return httpx.Response(
                status, headers={**headers, "Content-Encoding": "gzip"}, content=encoded
            )
        if fault == "corrupt":
            body = bytes(b ^ 0xFF for b in body[:1]) + body[1:]
        return httpx.Response(status, headers=headers, content=body)


def _json(status: int, body: Any) -> httpx.Response:
    return httpx.Response(status, json=body)


def make_client(
    fake: FakeDrs,
    tmp_path: Path,
    *,
    authentication: dict[str, Any] | None = None,
    prefix_map: dict[str, str] | None = None,
    sleeps: list[float] | None = None,
) -> DrsClient:
    """A DrsClient on ``fake`` with isolated settings (no environment, no config file)."""
    settings = resolve_settings(
        config_file=tmp_path / "config.yaml",
        session_dir=tmp_path / "sessions",
        environ={},
        overrides=SessionOverrides(),
    )
    recorded = sleeps if sleeps is not None else []
    endpoint = ServiceEndpoint(id="drs", url=BASE + "/", authentication=authentication)
    return DrsClient(
        endpoint,
        prefix_map=prefix_map,
        settings=settings,
        http_options={"transport": httpx.MockTransport(fake.handler), "sleep": recorded.append},
    )

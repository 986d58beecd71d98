"""DRS 1.5 routes (base ``/ga4gh/drs/v1``) and the byte route.

- ``GET  /service-info``
- ``OPTIONS /objects``                       bulk Authorizations (``bulk_object_ids``)
- ``POST /objects[?expand=true]``            bulk DrsObjects
- ``POST /objects/access``                   bulk AccessURLs
- ``OPTIONS|GET|POST /objects/{object_id}``  Authorizations / DrsObject (POST: passports body)
- ``GET|POST /objects/{object_id}/access/{access_id}``
- ``GET|HEAD /bytes/{object_id}``            the bytes, single-range ``Range`` support

Errors use the DRS Error schema ``{"msg", "status_code"}``. With ``--drs-compat 1.2``
service-info and DrsObjects are answered without the DRS 1.5 additions
(`dnastack.devserver.drs.compat`).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import BaseRoute, Route

from dnastack.devserver.drs.compat import without_drs_1_5_additions
from dnastack.devserver.drs.objects import (
    DrsUrls,
    access_url,
    authorizations,
    mime_type,
    render_object,
)
from dnastack.devserver.drs.ranges import RangeNotSatisfiable, parse_range
from dnastack.devserver.drs.rendered import RenderedBlobs
from dnastack.devserver.drs.requests import expand_param, object_body, string_list
from dnastack.devserver.drs.signing import UrlSigner
from dnastack.devserver.drs.store import DrsEntry, DrsStore
from dnastack.devserver.errors import ApiError
from dnastack.devserver.registry import ServiceKind, service_info
from dnastack.devserver.responses import json_response, node_base_url, raw_json_response

__all__ = ["MAX_BULK_REQUEST_LENGTH", "drs_routes"]

MAX_BULK_REQUEST_LENGTH = 1000
BYTES_CHUNK_SIZE = 4 * 1024 * 1024


class _LargeChunkFileResponse(FileResponse):
    chunk_size = BYTES_CHUNK_SIZE


async def _id_list(request: Request, key: str) -> list[str]:
    ids = string_list(await object_body(request), key, required=True)
    assert ids is not None
    if len(ids) > MAX_BULK_REQUEST_LENGTH:
        raise ApiError(413, f"At most {MAX_BULK_REQUEST_LENGTH} ids per request, got {len(ids)}")
    return ids


def _summary(requested: int, unresolved_ids: list[str]) -> dict[str, Any]:
    return {
        "summary": {
            "requested": requested,
            "resolved": requested - len(unresolved_ids),
            "unresolved": len(unresolved_ids),
        },
        "unresolved_drs_objects": (
            [{"error_code": 404, "object_ids": unresolved_ids}] if unresolved_ids else []
        ),
    }


def _as_is(document: dict[str, Any]) -> dict[str, Any]:
    return document


def drs_routes(
    store: DrsStore,
    signer: UrlSigner,
    issuer: str | None,
    kind: ServiceKind,
    *,
    drs_compat: str | None = None,
) -> list[BaseRoute]:
    """The DRS routes; ``kind`` is the DRS service (its type version follows ``drs_compat``)."""
    as_served: Callable[[dict[str, Any]], dict[str, Any]] = (
        _as_is if drs_compat is None else without_drs_1_5_additions
    )

    rendered = RenderedBlobs(store, issuer, as_served)

    def urls(request: Request) -> DrsUrls:
        return DrsUrls(node_base_url(request))

    def find(object_id: str) -> DrsEntry:
        entry = store.get(object_id)
        if entry is None:
            raise ApiError(404, f"No DRS object with id {object_id}")
        return entry

    async def get_service_info(request: Request) -> Response:
        count, total = await run_in_threadpool(store.stats)
        document = service_info(kind)
        document["maxBulkRequestLength"] = MAX_BULK_REQUEST_LENGTH
        document["drs"] = {
            "maxBulkRequestLength": MAX_BULK_REQUEST_LENGTH,
            "objectCount": count,
            "totalObjectSize": total,
        }
        return json_response(as_served(document))

    async def object_response(request: Request, expand: bool) -> Response:
        entry = find(request.path_params["object_id"])
        node_urls = urls(request)
        body = rendered.body(entry, node_urls)
        if body is not None:
            return raw_json_response(body)
        # a bundle, or checksums to compute: off the event loop
        document = await run_in_threadpool(
            render_object, store, entry, node_urls, expand=expand, issuer=issuer
        )
        return json_response(as_served(document))

    async def get_object(request: Request) -> Response:
        return await object_response(request, expand_param(request))

    async def post_object(request: Request) -> Response:
        body = await object_body(request)  # the spec requires a body (passports travel in it)
        expand = body.get("expand", False)
        if not isinstance(expand, bool):
            raise ApiError(400, "`expand` must be a boolean")
        return await object_response(request, expand)

    async def options_object(request: Request) -> Response:
        entry = find(request.path_params["object_id"])
        return json_response(authorizations(entry.object_id, issuer))

    async def options_objects(request: Request) -> Response:
        ids = await _id_list(request, "bulk_object_ids")
        entries = [store.get(i) for i in ids]
        unresolved = [i for i, e in zip(ids, entries, strict=True) if e is None]
        resolved = [authorizations(e.object_id, issuer) for e in entries if e is not None]
        return json_response({**_summary(len(ids), unresolved), "resolved_drs_object": resolved})

    async def bulk_objects(request: Request) -> Response:
        expand = expand_param(request)
        ids = await _id_list(request, "bulk_object_ids")
        node_urls = urls(request)

        def render_all() -> tuple[list[dict[str, Any]], list[str]]:
            resolved, unresolved = [], []
            for object_id in ids:
                entry = store.get(object_id)
                if entry is None:
                    unresolved.append(object_id)
                else:
                    document = render_object(store, entry, node_urls, expand=expand, issuer=issuer)
                    resolved.append(as_served(document))
            return resolved, unresolved

        resolved, unresolved = await run_in_threadpool(render_all)
        return json_response({**_summary(len(ids), unresolved), "resolved_drs_object": resolved})

    async def access(request: Request) -> Response:
        if request.method == "POST":
            await object_body(request)  # the spec requires a body (passports travel in it)
        entry = find(request.path_params["object_id"])
        access_id = request.path_params["access_id"]
        result = access_url(entry, access_id, urls(request), signer)
        if result is None:
            raise ApiError(404, f"Object {entry.object_id} has no access method {access_id}")
        return json_response(result)

    async def bulk_access(request: Request) -> Response:
        body = await object_body(request)
        items = body.get("bulk_object_access_ids")
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise ApiError(400, "The body needs an array `bulk_object_access_ids` of objects")
        if len(items) > MAX_BULK_REQUEST_LENGTH:
            raise ApiError(413, f"At most {MAX_BULK_REQUEST_LENGTH} objects per request")
        node_urls = urls(request)
        resolved: list[dict[str, Any]] = []
        unresolved: list[str] = []
        for item in items:
            object_id, access_ids = item.get("bulk_object_id"), item.get("bulk_access_ids")
            if not isinstance(object_id, str) or string_list(item, "bulk_access_ids") is None:
                raise ApiError(400, "Each item needs `bulk_object_id` and `bulk_access_ids`")
            assert isinstance(access_ids, list)
            entry = store.get(object_id)
            found = False
            for access_id in access_ids:
                result = access_url(entry, str(access_id), node_urls, signer) if entry else None
                if result is not None:
                    found = True
                    resolved.append(
                        {"drs_object_id": object_id, "drs_access_id": access_id, **result}
                    )
            if not found:
                unresolved.append(object_id)
        body_out = _summary(len(items), unresolved)
        return json_response({**body_out, "resolved_drs_object_access_urls": resolved})

    async def get_bytes(request: Request) -> Response:
        entry = find(request.path_params["object_id"])
        if entry.is_bundle:
            raise ApiError(400, f"Object {entry.object_id} is a bundle; it has no bytes")
        query = request.query_params
        if "signature" in query and not signer.verify(
            entry.object_id, query.get("expires"), query.get("signature")
        ):
            raise ApiError(403, "The signed URL is invalid or has expired")
        stat = await run_in_threadpool(os.stat, entry.path)
        try:
            byte_range = parse_range(request.headers.get("range"), stat.st_size)
        except RangeNotSatisfiable as exc:
            raise ApiError(
                416,
                f"Range {request.headers.get('range')!r} is not satisfiable",
                headers={"Content-Range": f"bytes */{exc.size}"},
            ) from exc
        # FileResponse re-reads the Range header from the scope: give it the canonical range
        # (or none, for whole-body answers to multi-range and non-byte requests).
        headers = [(k, v) for k, v in request.scope["headers"] if k != b"range"]
        if byte_range is not None:
            headers.append((b"range", byte_range.header_value().encode()))
        request.scope["headers"] = headers
        return _LargeChunkFileResponse(
            entry.path,
            media_type=mime_type(entry),
            stat_result=stat,
            filename=entry.name,
            content_disposition_type="attachment",
        )

    return [
        Route("/service-info", get_service_info, methods=["GET"]),
        Route("/objects", options_objects, methods=["OPTIONS"]),
        Route("/objects", bulk_objects, methods=["POST"]),
        Route("/objects/access", bulk_access, methods=["POST"]),
        Route("/objects/{object_id}", get_object, methods=["GET"]),
        Route("/objects/{object_id}", post_object, methods=["POST"]),
        Route("/objects/{object_id}", options_object, methods=["OPTIONS"]),
        Route("/objects/{object_id}/access/{access_id}", access, methods=["GET", "POST"]),
        Route("/bytes/{object_id}", get_bytes, methods=["GET"]),
    ]

"""Collection Service routes (base ``/collection-service``), per specs/collections.yaml.

- ``GET    /collections``                  all collections
- ``POST   /collections``                  create (201)
- ``GET    /collection/{id}``              by id or slug name
- ``DELETE /collection/{id}``              204
- ``GET    /collection/{id}/items``        ``?type=&limit=&pageToken=``, paged
- ``GET    /collection/{id}/status``
- ``POST   /collections/{id}/items``       ``{"items": [{"type", "sourceKey"}]}`` -> 204
- ``DELETE /collections/{id}/items``       ``{"items": [{"id"}]}`` -> 204
- ``GET    /service-info``

A collection's questions and the telemetry sink are in ``collection_questions``.

A collection's Data Connect view, ``/collection/{slug}/data-connect/...``, is the shared
Data Connect router restricted to the collection's table items (`collection_scope_resolver`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from dnastack.devserver.bodies import int_query_param, json_body
from dnastack.devserver.collection_catalog import Collection, CollectionCatalog, CollectionItem
from dnastack.devserver.data_connect.queries import DataConnectScope
from dnastack.devserver.errors import ApiError
from dnastack.devserver.registry import SERVICE_KINDS, service_info
from dnastack.devserver.responses import json_response, node_base_url

__all__ = ["collection_routes", "collection_scope_resolver"]

BASE_PATH = "/collection-service"
DEFAULT_ITEMS_LIMIT = 100


def collection_scope_resolver(catalog: CollectionCatalog) -> Callable[[Request], DataConnectScope]:
    """Data Connect scope of ``/collection-service/collection/{slug}/data-connect``."""

    def resolve(request: Request) -> DataConnectScope:
        slug = request.path_params["slug"]
        collection = catalog.find(slug)
        if collection is None:
            raise ApiError(404, f"No collection with id or slug name {slug!r}")
        return DataConnectScope(
            key=f"collection:{collection.collection_id}",
            base_path=f"{BASE_PATH}/collection/{slug}/data-connect",
            tables=collection.table_names,
        )

    return resolve


def _item_json(request: Request, collection: Collection, item: CollectionItem) -> dict[str, Any]:
    node = node_base_url(request)
    if item.item_type == "table":
        metadata_url = (
            f"{node}{BASE_PATH}/collection/{collection.slug}/data-connect/table/{item.name}/info"
        )
        source_url, source_type, unit = f"{node}/data-connect/", "duckdb", "rows"
    else:
        metadata_url = f"{node}/ga4gh/drs/v1/objects/{item.name}"
        source_url, source_type, unit = f"{node}/ga4gh/drs/v1/", "drs", "bytes"
    created = item.created.isoformat()
    return {
        "id": item.item_id,
        "collectionId": collection.collection_id,
        "type": item.item_type,
        "name": item.name,
        "displayName": item.name,
        "dataSourceName": "devserver",
        "dataSourceType": source_type,
        "cachedAt": None,
        "createdTime": created,
        "updatedTime": created,
        "itemUpdatedTime": created,
        "sourceKey": item.name,
        "metadataUrl": metadata_url,
        "dataSourceUrl": source_url,
        "size": item.size,
        "sizeUnit": unit,
    }


def _items_from_body(body: Any, keys: tuple[str, ...]) -> list[dict[str, str]]:
    items = body.get("items") if isinstance(body, dict) else None
    if not isinstance(items, list) or not items:
        raise ApiError(400, "The body needs a non-empty array `items`")
    for item in items:
        if not isinstance(item, dict) or not all(isinstance(item.get(k), str) for k in keys):
            raise ApiError(400, f"Each item needs string fields {', '.join(keys)}")
    return items


def collection_routes(catalog: CollectionCatalog) -> list[BaseRoute]:
    async def get_service_info(request: Request) -> Response:
        return json_response(service_info(SERVICE_KINDS["collection-service"]))

    async def list_collections(request: Request) -> Response:
        return json_response([c.to_json() for c in catalog.all()])

    async def create_collection(request: Request) -> Response:
        collection = catalog.create(await json_body(request))
        return json_response(collection.to_json(), status=201)

    async def get_collection(request: Request) -> Response:
        return json_response(catalog.get(request.path_params["id"]).to_json())

    async def delete_collection(request: Request) -> Response:
        catalog.delete(request.path_params["id"])
        return Response(status_code=204)

    async def list_items(request: Request) -> Response:
        collection = catalog.get(request.path_params["id"])
        limit = int_query_param(request, "limit", DEFAULT_ITEMS_LIMIT, minimum=1)
        token = request.query_params.get("pageToken") or "0"
        if not token.isdigit():
            raise ApiError(400, f"Invalid pageToken {token!r}")
        offset = int(token)
        item_type = request.query_params.get("type")
        items = [i for i in collection.items if item_type in (None, "", i.item_type)]
        page = items[offset : offset + limit]
        next_url = None
        if offset + limit < len(items):
            next_url = (
                f"{BASE_PATH}/collection/{request.path_params['id']}/items"
                f"?limit={limit}&pageToken={offset + limit}"
            )
            if item_type:
                next_url += f"&type={item_type}"
        return json_response(
            {
                "items": [_item_json(request, collection, i) for i in page],
                "pagination": {"nextPageUrl": next_url, "totalCount": len(items)},
            }
        )

    async def get_status(request: Request) -> Response:
        collection = catalog.get(request.path_params["id"])
        return json_response(
            {
                "availability": "available",
                "itemCounts": collection.item_counts(),
                "lastChecked": collection.items_changed.isoformat(),
                "errors": [],
                "validationsStatus": "VALIDATED",
                "missingItems": 0,
            }
        )

    async def add_items(request: Request) -> Response:
        collection = catalog.get(request.path_params["id"])
        items = _items_from_body(await json_body(request), ("type", "sourceKey"))
        for item in items:
            if not catalog.source_exists(item["type"], item["sourceKey"]):
                raise ApiError(400, f"No {item['type']} named {item['sourceKey']!r} to add")
        for item in items:
            await run_in_threadpool(catalog.add_item, collection, item["type"], item["sourceKey"])
        return Response(status_code=204)

    async def remove_items(request: Request) -> Response:
        collection = catalog.get(request.path_params["id"])
        items = _items_from_body(await json_body(request), ("id",))
        catalog.remove_items(collection, [i["id"] for i in items])
        return Response(status_code=204)

    return [
        Route("/service-info", get_service_info, methods=["GET"]),
        Route("/collections", list_collections, methods=["GET"]),
        Route("/collections", create_collection, methods=["POST"]),
        Route("/collection/{id}", get_collection, methods=["GET"]),
        Route("/collection/{id}", delete_collection, methods=["DELETE"]),
        Route("/collection/{id}/items", list_items, methods=["GET"]),
        Route("/collection/{id}/status", get_status, methods=["GET"]),
        Route("/collections/{id}/items", add_items, methods=["POST"]),
        Route("/collections/{id}/items", remove_items, methods=["DELETE"]),
    ]

"""Collection Service client at the boundary (httpx.MockTransport): generated operations get
typed errors, trace context and no_auth; item pages follow relative links; the Data Connect
endpoint of a collection."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from dnastack.client.collections import (
    Collection,
    CollectionItemListOptions,
    CollectionServiceClient,
    CreateCollectionItemsRequest,
    DeleteCollectionItemRequest,
)
from dnastack.client.collections.client import InvalidApiResponse
from dnastack.client.models import ServiceEndpoint
from dnastack.common.tracing import Span
from dnastack.exceptions import NotFoundError, ResponseParseError, TransportError
from dnastack.settings import SessionOverrides, resolve_settings

BASE = "http://cs.test/collection-service/"
COLLECTION = {"id": "c-1", "name": "Cohort", "slugName": "cohort", "dbSchemaName": "cohort"}

Handler = Callable[[httpx.Request], httpx.Response]


@pytest.fixture
def make_client(tmp_path: Path) -> Callable[..., CollectionServiceClient]:
    settings = resolve_settings(
        config_file=tmp_path / "config.yaml",
        session_dir=tmp_path / "sessions",
        environ={},
        overrides=SessionOverrides(),
    )

    def make(handler: Handler, **endpoint: Any) -> CollectionServiceClient:
        return CollectionServiceClient(
            ServiceEndpoint(url=BASE, **endpoint),
            settings=settings,
            http_options={"transport": httpx.MockTransport(handler), "sleep": lambda s: None},
        )

    return make


def test_collections_unknown_collection_is_not_found_with_server_message(
    make_client: Callable[..., CollectionServiceClient],
) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(404, json={"status": 404, "title": "Not Found", "detail": "no 'x'"})

    with pytest.raises(NotFoundError) as caught:
        make_client(handler).get("x")
    assert caught.value.url == f"{BASE}collection/x"
    assert "no 'x'" in str(caught.value)


def test_collections_error_status_with_unparseable_body_is_still_the_http_error(
    make_client: Callable[..., CollectionServiceClient],
) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(404, content=b"<html>gone</html>")

    with pytest.raises(NotFoundError):
        make_client(handler).get("x")


@pytest.mark.parametrize(
    "body",
    [b"not json", b'{"name": 1, "slugName": "s"}', b'{"slugName": "no-name"}'],
)
def test_collections_body_not_matching_the_spec_raises_response_parse_error(
    make_client: Callable[..., CollectionServiceClient], body: bytes
) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=body)

    with pytest.raises(ResponseParseError) as caught:
        make_client(handler).get("x")
    assert isinstance(caught.value, InvalidApiResponse)  # the reference's name, a RuntimeError
    assert isinstance(caught.value, RuntimeError)


def test_collections_connection_failure_is_a_transport_error(
    make_client: Callable[..., CollectionServiceClient],
) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    with pytest.raises(TransportError) as caught:
        make_client(handler).list_collections()
    assert caught.value.method == "GET"
    assert caught.value.url == f"{BASE}collections"


def test_collections_calls_carry_the_callers_trace(
    make_client: Callable[..., CollectionServiceClient],
) -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["traceparent"])
        return httpx.Response(200, json=[COLLECTION])

    span = Span()
    make_client(handler).list_collections(trace=span)
    assert seen[0].split("-")[1] == span.trace_id


def test_collections_no_auth_sends_no_credentials(
    make_client: Callable[..., CollectionServiceClient],
) -> None:
    authorizations: list[str | None] = []

    def handler(request: httpx.Request) -> httpx.Response:
        authorizations.append(request.headers.get("authorization"))
        if request.url.path.endswith("/items"):
            return httpx.Response(200, json={"items": []})
        return httpx.Response(200, json=[COLLECTION])

    client = make_client(handler, authentication={"type": "bearer", "token": "tok-123"})
    client.list_collections()
    client.list_collections(no_auth=True)
    list(client.list_collection_items("cohort"))
    assert authorizations == ["Bearer tok-123", None, "Bearer tok-123"]


def item(number: int) -> dict[str, Any]:
    return {"id": f"i-{number}", "type": "table", "name": f"t{number}"}


def test_collections_items_follow_relative_next_page_urls_and_stop_at_max_results(
    make_client: Callable[..., CollectionServiceClient],
) -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        token = int(request.url.params.get("pageToken", "0"))
        link = f"/collection-service/collection/cohort/items?pageToken={token + 2}&limit=2"
        return httpx.Response(
            200,
            json={
                "items": [item(token), item(token + 1)],
                "pagination": {"nextPageUrl": link if token < 8 else None},
            },
        )

    client = make_client(handler)
    names = [
        i.name for i in client.list_collection_items("cohort", CollectionItemListOptions(limit=2))
    ]
    assert names == [f"t{n}" for n in range(10)]
    assert seen[0] == f"{BASE}collection/cohort/items?limit=2"
    assert seen[1] == f"{BASE}collection/cohort/items?pageToken=2&limit=2"

    seen.clear()
    limited = list(client.list_collection_items("cohort", max_results=3))
    assert [i.id for i in limited] == ["i-0", "i-1", "i-2"]
    assert len(seen) <= 3  # never past the page after the one holding the 3rd item


def test_collections_create_sends_camel_case_without_unset_fields(
    make_client: Callable[..., CollectionServiceClient],
) -> None:
    bodies: list[Any] = []

    def handler(request: httpx.Request) -> httpx.Response:
        bodies.append(json.loads(request.content) if request.content else None)
        if request.url.path.endswith("/collections"):
            return httpx.Response(201, json={**COLLECTION, "createdAt": "2024-05-01T10:00:00Z"})
        return httpx.Response(204)

    client = make_client(handler)
    created = client.create_collection(Collection(name="Cohort", slugName="cohort"))
    client.create_collection_items(
        "cohort", CreateCollectionItemsRequest(items=[{"type": "table", "sourceKey": "t"}])
    )
    client.delete_collection_items("cohort", DeleteCollectionItemRequest(items=["i-1"]))

    assert bodies == [
        {"name": "Cohort", "slugName": "cohort"},
        {"items": [{"type": "table", "sourceKey": "t"}]},
        {"items": [{"id": "i-1"}]},
    ]
    assert created.id == "c-1" and created.createdAt is not None
    assert created.createdAt.tzinfo is not None


def test_collections_data_connect_endpoint_resolves_an_id_to_the_slug_and_keeps_auth(
    make_client: Callable[..., CollectionServiceClient],
) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=COLLECTION)

    auth = {"type": "bearer", "token": "tok"}
    client = make_client(handler, authentication=auth)
    endpoint = client.data_connect_endpoint("c-1")

    assert endpoint.url == f"{BASE}collection/cohort/data-connect/"
    assert endpoint.type is not None and endpoint.type.artifact == "data-connect"
    assert endpoint.authentication == auth
    assert endpoint.id != client.endpoint.id
    given = client.data_connect_endpoint(Collection(name="x", slugName="other"))
    assert given.url == f"{BASE}collection/other/data-connect/"

"""CollectionServiceClient end to end against the devserver: collections, items (paged),
status, and a collection's Data Connect endpoint used for a real query; the same tests
drive AsyncCollectionServiceClient (behind a blocking view)."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from aio_e2e_support import CLIENT_KINDS, Blocking

from dnastack.aio import AsyncCollectionServiceClient
from dnastack.client.collections import (
    Collection,
    CollectionItem,
    CollectionItemListOptions,
    CollectionServiceClient,
    CollectionStatus,
    CreateCollectionItemsRequest,
    DeleteCollectionItemRequest,
)
from dnastack.client.data_connect import DataConnectClient
from dnastack.client.models import ServiceEndpoint
from dnastack.exceptions import NotFoundError
from dnastack.settings import SessionOverrides, Settings, resolve_settings
from tests.fixtures.devserver import DevServer

pytestmark = pytest.mark.e2e


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return resolve_settings(
        config_file=tmp_path / "config.yaml", environ={}, overrides=SessionOverrides()
    )


@pytest.fixture(params=CLIENT_KINDS)
def client(
    request: pytest.FixtureRequest, devserver: DevServer, settings: Settings
) -> Iterator[CollectionServiceClient]:
    endpoint = ServiceEndpoint(url=devserver.collections_url)
    if request.param == "async":
        with Blocking(AsyncCollectionServiceClient(endpoint, settings=settings)) as blocking:
            yield blocking  # type: ignore[misc]
        return
    with CollectionServiceClient(endpoint, settings=settings) as client:
        yield client


@pytest.fixture
def new_collection(client: CollectionServiceClient) -> Iterator[Collection]:
    slug = f"e2e-{uuid.uuid4().hex[:8]}"
    created = client.create_collection(
        Collection(name="E2E collection", slugName=slug, description="made by a test")
    )
    yield created
    with contextlib.suppress(NotFoundError):
        client.delete_collection(slug)


def test_collections_list_and_get_by_id_or_slug(client: CollectionServiceClient) -> None:
    collections = client.list_collections()
    cohort = next(c for c in collections if c.slugName == "cohort-a")

    assert isinstance(cohort, Collection)
    assert cohort.createdAt is not None and cohort.createdAt.tzinfo is not None
    assert cohort.tags and cohort.tags[0].label
    assert client.get("cohort-a") == cohort
    assert cohort.id is not None and client.get(cohort.id) == cohort


def test_collections_create_add_list_delete_items(
    client: CollectionServiceClient, new_collection: Collection
) -> None:
    slug = new_collection.slugName
    assert new_collection.id and new_collection.description == "made by a test"

    client.create_collection_items(
        slug,
        CreateCollectionItemsRequest(
            items=[
                {"type": "table", "sourceKey": "samples"},
                {"type": "table", "sourceKey": "variants"},
            ]
        ),
    )
    items = list(client.list_collection_items(slug))
    assert sorted(i.name for i in items) == ["samples", "variants"]
    assert all(isinstance(i, CollectionItem) and i.type == "table" for i in items)

    status = client.get_collection_status(slug)
    assert isinstance(status, CollectionStatus) and status.itemCounts.get("table") == 2

    client.delete_collection_items(slug, DeleteCollectionItemRequest(items=[items[0].id]))
    assert [i.id for i in client.list_collection_items(slug)] == [items[1].id]

    client.delete_collection(slug)
    with pytest.raises(NotFoundError):
        client.get(slug)


def test_collections_items_are_paged_and_max_results_stops(
    client: CollectionServiceClient,
) -> None:
    everything = list(client.list_collection_items("cohort-a"))
    one_per_page = list(
        client.list_collection_items("cohort-a", CollectionItemListOptions(limit=1))
    )
    tables = list(
        client.list_collection_items("cohort-a", CollectionItemListOptions(type="table", limit=1))
    )

    assert len(everything) >= 3
    assert [i.id for i in one_per_page] == [i.id for i in everything]
    assert tables and all(i.type == "table" for i in tables)
    assert [i.id for i in client.list_collection_items("cohort-a", max_results=2)] == [
        i.id for i in everything[:2]
    ]


def test_collections_data_connect_endpoint_runs_a_real_query(
    client: CollectionServiceClient, settings: Settings
) -> None:
    cohort = client.get("cohort-a")
    assert cohort.id is not None
    for ref in (cohort, "cohort-a", cohort.id):
        endpoint = client.data_connect_endpoint(ref)
        assert endpoint.url == f"{client.url}collection/cohort-a/data-connect/"

    with DataConnectClient(endpoint, settings=settings) as data_connect:
        names = [t.name for t in data_connect.list_tables()]
        rows = data_connect.query("SELECT count(*) AS n FROM samples").to_list()

    assert "samples" in names and "big" not in names  # only the collection's tables
    assert rows == [{"n": 100}]


def test_collections_documented_members(client: CollectionServiceClient) -> None:
    assert CollectionServiceClient.get_adapter_type() == "collections"
    service_type, *also = CollectionServiceClient.get_supported_service_types()
    assert (service_type.group, service_type.artifact) == ("com.dnastack", "collection-service")
    assert [str(t) for t in also] == ["com.dnastack.explorer:collection-service:1.0.0"]
    assert client.url.endswith("/collection-service/")
    assert client.create_http_session(no_auth=True) is client.create_http_session(no_auth=True)
    assert isinstance(CollectionServiceClient.make(client.endpoint), CollectionServiceClient)

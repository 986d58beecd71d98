"""dnastack.aio.use() against the devserver's registry, every asyncio client it hands out
answering like its sync twin, and every asyncio client handing out its pooled session
(``create_http_session()``, as the sync clients do)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
from drs_e2e_support import isolated_settings

import dnastack.aio
from dnastack.aio import (
    AsyncCollectionServiceClient,
    AsyncDataConnectClient,
    AsyncDrsClient,
    AsyncExplorerClient,
    AsyncServiceRegistry,
)
from dnastack.client.models import ServiceEndpoint
from dnastack.client.use import use
from tests.fixtures.devserver import DevServer

pytestmark = pytest.mark.e2e


def test_async_use_hands_out_clients_that_answer_like_the_sync_ones(
    devserver: DevServer, tmp_path: Path
) -> None:
    settings = isolated_settings(tmp_path)
    sync_node = use(devserver.base_url + "/", settings=settings)

    async def main() -> dict[str, Any]:
        node = await dnastack.aio.use(devserver.base_url + "/", settings=settings)
        found: dict[str, Any] = {}
        async with node.registry() as registry:
            found["services"] = sorted(s.id for s in await registry.list_services())
        async with node.collections() as collections:
            found["collections"] = sorted(c.slugName for c in await collections.list_collections())
        async with node.explorer() as explorer:
            questions = await explorer.list_federated_questions()
            found["questions"] = sorted(q.id for q in questions)
        async with node.data_connect() as dc:
            found["rows"] = await dc.query("SELECT 1 AS one").to_list()
        async with node.drs() as drs:
            found["drs"] = (await drs.get_object("hello.json")).id
        return found

    found = asyncio.run(main())

    assert found["services"] == sorted(s.id for s in sync_node.registry().list_services())
    assert found["collections"] == sorted(
        c.slugName for c in sync_node.collections().list_collections()
    )
    assert found["questions"] == sorted(
        q.id for q in sync_node.explorer().list_federated_questions()
    )
    assert found["rows"] == [{"one": 1}]
    assert found["drs"] == "hello.json"
    sync_node.close()


@pytest.mark.parametrize(
    "cls",
    [
        AsyncDataConnectClient,
        AsyncDrsClient,
        AsyncServiceRegistry,
        AsyncCollectionServiceClient,
        AsyncExplorerClient,
    ],
)
def test_async_clients_share_their_sync_twins_types_and_events(
    cls: Any, devserver: DevServer
) -> None:
    from dnastack.client.models import ServiceEndpoint

    client = cls.make(ServiceEndpoint(url=devserver.base_url + "/"))
    assert cls.get_adapter_type() == cls._sync_class.get_adapter_type()
    assert cls.get_supported_service_types() == cls._sync_class.get_supported_service_types()
    assert client.events is client.sync.events
    assert client.url == client.sync.url


ASYNC_CLIENTS = (
    AsyncCollectionServiceClient,
    AsyncDataConnectClient,
    AsyncDrsClient,
    AsyncExplorerClient,
    AsyncServiceRegistry,
)


@pytest.mark.parametrize("client_class", ASYNC_CLIENTS, ids=lambda c: c.__name__)
def test_every_async_client_shares_its_pooled_session(
    client_class: type[AsyncDrsClient], devserver: DevServer, tmp_path: Path
) -> None:
    async def main() -> None:
        endpoint = ServiceEndpoint(url=devserver.base_url + "/")
        async with client_class(endpoint, settings=isolated_settings(tmp_path)) as client:
            session = client.create_http_session()
            assert session is client.create_http_session(no_auth=False)
            assert session is not client.create_http_session(no_auth=True)
            response = await session.submit("GET", f"{devserver.base_url}/service-info")
            assert response.json()["type"]["artifact"]
            with pytest.raises(ValueError, match="suppress_error"):
                client.create_http_session(suppress_error=True)

    asyncio.run(main())


def test_an_async_drs_session_streams_bytes(devserver: DevServer, tmp_path: Path) -> None:
    expected = (devserver.data_dir / "drs" / "hello.json").read_bytes()

    async def main() -> bytes:
        endpoint = ServiceEndpoint(url=devserver.drs_url)
        async with AsyncDrsClient(endpoint, settings=isolated_settings(tmp_path)) as client:
            session = client.create_http_session()
            async with session.stream("GET", f"{devserver.drs_url}bytes/hello.json") as response:
                return b"".join([chunk async for chunk in response.aiter_bytes()])

    assert asyncio.run(main()) == expected

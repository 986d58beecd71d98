"""dnastack.aio.use() against the devserver's registry, and every asyncio client it hands
out answering like its sync twin."""

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

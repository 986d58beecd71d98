"""Every asyncio client hands out its pooled session (``create_http_session()``, as the sync
clients do): the same session per loop and credentials choice, usable for raw calls and
byte streams against the devserver."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from drs_e2e_support import isolated_settings

from dnastack.aio import (
    AsyncCollectionServiceClient,
    AsyncDataConnectClient,
    AsyncDrsClient,
    AsyncExplorerClient,
    AsyncServiceRegistry,
)
from dnastack.client.models import ServiceEndpoint
from tests.fixtures.devserver import DevServer

pytestmark = pytest.mark.e2e

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

"""A read response leaves no reference cycle behind (sync and asyncio sessions, real local
server): httpx binds each response's stream back to the response; the sessions replace a
read body's stream with its bytes, so the response, its request and their headers are freed
when the caller drops them, not when the garbage collector next runs. The body stays
readable as before."""

from __future__ import annotations

import asyncio
import gc
import weakref
from collections.abc import Iterator

import httpx
import pytest
from hostile_server import HostileServer

from dnastack.aio.session import AsyncHttpSession
from dnastack.http.async_transport import build_async_http_client
from dnastack.http.session import HttpSession
from dnastack.http.transport import build_http_client


@pytest.fixture(scope="module")
def server() -> Iterator[HostileServer]:
    with HostileServer() as running:
        yield running


@pytest.fixture
def collector_off() -> Iterator[None]:
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


Watched = list[weakref.ref[object]]


def _watch(response: httpx.Response) -> Watched:
    """Weak references to the response and its request (the caller then drops both)."""
    return [weakref.ref(response), weakref.ref(response.request)]


def _freed(watched: Watched) -> bool:
    return all(ref() is None for ref in watched)


@pytest.mark.usefixtures("collector_off")
@pytest.mark.parametrize("path", ["/plain", "/gzip-json"])
def test_a_sync_response_is_freed_when_dropped(server: HostileServer, path: str) -> None:
    def read(session: HttpSession) -> Watched:
        response = session.get(server.url + path)
        assert response.json()
        assert b"".join(response.iter_bytes()) == response.content
        return _watch(response)

    with HttpSession(session=build_http_client()) as session:
        assert _freed(read(session))


@pytest.mark.usefixtures("collector_off")
@pytest.mark.parametrize("path", ["/plain", "/gzip-json"])
def test_an_async_response_is_freed_when_dropped(server: HostileServer, path: str) -> None:
    async def read(session: AsyncHttpSession) -> Watched:
        response = await session.submit("GET", server.url + path)
        assert response.json()
        assert b"".join([chunk async for chunk in response.aiter_bytes()]) == response.content
        return _watch(response)

    async def main() -> bool:
        client = build_async_http_client()
        session = AsyncHttpSession(client, auth=None, enable_auth=False, limit=asyncio.Semaphore(4))
        try:
            return _freed(await read(session))
        finally:
            await client.aclose()

    assert asyncio.run(main())

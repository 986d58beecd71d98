"""``AsyncStreamTransport.release_without_loop``: a pool whose event loop is gone (closed
after ``asyncio.run``) or busy elsewhere (running in another thread) releases its
connections without using that loop from the wrong thread, and without any
``ResourceWarning``; real sockets to a local HTTP/1.1 server (plain and TLS) on 127.0.0.1.

The closed-loop tests also guard the asyncio internals the release relies on
(``WireProtocol.close_without_loop``): if a Python release changes them, these fail."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from dnastack.http.async_connection import AsyncStreamTransport
from tests.leak_checks import (
    LoopInThread,
    no_resource_warnings,
    requires_proc_fd,
    sockets_connected_to,
)
from tests.unit.aio.local_tls_server import BIG, Server, make_certificate, serve

pytestmark = requires_proc_fd


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return make_certificate(tmp_path_factory)


@pytest.fixture(params=["http", "https"])
def server(request: pytest.FixtureRequest) -> Iterator[Server]:
    tls = request.getfixturevalue("certificate") if request.param == "https" else None
    yield from serve(tls)


@pytest.fixture
def plain_server() -> Iterator[Server]:
    yield from serve(None)


async def _open_three(pool: AsyncStreamTransport, server: Server) -> httpx.Response:
    """Three connections: two idle in the pool, one in use by a streamed body (returned)."""
    client = httpx.AsyncClient(transport=pool)
    answers = await asyncio.gather(*(client.get(server.base_url + "/") for _ in range(3)))
    assert [a.content for a in answers] == [b"ok"] * 3
    return await client.send(client.build_request("GET", server.base_url + "/big"), stream=True)


def test_a_closed_loops_connections_idle_and_in_use_are_closed_at_once(server: Server) -> None:
    pool = AsyncStreamTransport(verify=False)
    with no_resource_warnings():
        held = asyncio.run(_open_three(pool, server))
        assert sockets_connected_to(server.port) == 3

        assert pool.release_without_loop() is True

        assert sockets_connected_to(server.port) == 0
        del held


def test_aclose_on_another_loop_releases_the_closed_loops_connections(server: Server) -> None:
    pool = AsyncStreamTransport(verify=False)
    with no_resource_warnings():
        held = asyncio.run(_open_three(pool, server))

        asyncio.run(pool.aclose())  # a new loop: the old one cannot run the close

        assert sockets_connected_to(server.port) == 0
        del held


def test_a_loop_running_in_another_thread_closes_its_own_connections(
    plain_server: Server,
) -> None:
    pool = AsyncStreamTransport()
    with no_resource_warnings(), LoopInThread() as other:
        held = other.run(_open_three(pool, plain_server))

        assert pool.release_without_loop() is False  # left to that loop (debug: no wrong thread)
        other.run(asyncio.sleep(0))  # the release ran there, then the sockets' close
        assert sockets_connected_to(plain_server.port) == 1  # the one in use stays usable

        assert len(other.run(held.aread())) == len(BIG)  # given back: closed, not pooled
        other.run(asyncio.sleep(0))
        assert sockets_connected_to(plain_server.port) == 0
        assert pool.release_without_loop() is True
        other.stop()
        assert other.errors == []


def test_a_loop_left_open_closes_them_when_it_runs_or_the_next_release_once_closed(
    plain_server: Server,
) -> None:
    pool = AsyncStreamTransport()
    with no_resource_warnings():
        loop = asyncio.new_event_loop()
        held = loop.run_until_complete(_open_three(pool, plain_server))
        assert pool.release_without_loop() is False  # scheduled there: it may run again
        loop.close()  # ... but it is closed instead: the scheduled close never runs

        assert pool.release_without_loop() is True
        assert sockets_connected_to(plain_server.port) == 0
        del held

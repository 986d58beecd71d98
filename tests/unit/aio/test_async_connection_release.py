"""``AsyncStreamTransport.release_without_loop``: a pool whose event loop is gone (closed
after ``asyncio.run``) or busy elsewhere (running in another thread) releases its
connections without using that loop from the wrong thread, and without any
``ResourceWarning``; real sockets to a local HTTP/1.1 server (plain and TLS) on 127.0.0.1.

The closed-loop tests also guard the asyncio internals the release relies on
(``WireProtocol.close_without_loop``): if a Python release changes them, these fail."""

from __future__ import annotations

import asyncio
import shutil
import ssl
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from dnastack.http.async_connection import EAGER_BODY_BYTES, AsyncStreamTransport
from tests.leak_checks import (
    LoopInThread,
    no_resource_warnings,
    requires_proc_fd,
    sockets_connected_to,
)

pytestmark = requires_proc_fd

BIG = b"x" * (EAGER_BODY_BYTES + 1)  # streamed: its connection stays in use until read


@dataclass
class Server:
    base_url: str
    port: int


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive

    def do_GET(self) -> None:
        body = BIG if self.path == "/big" else b"ok"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    key_options = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    subject = ["-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"]
    files = ["-keyout", str(key), "-out", str(cert)]
    subprocess.run(
        [openssl, "req", "-x509", "-days", "1", *key_options, *subject, *files],
        check=True,
        capture_output=True,
    )
    return cert, key


def _serve(tls: tuple[Path, Path] | None) -> Iterator[Server]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    if tls is not None:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(*tls)
        server.socket = context.wrap_socket(server.socket, server_side=True)
    port = server.server_address[1]
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    scheme = "https" if tls else "http"
    try:
        yield Server(f"{scheme}://127.0.0.1:{port}", port)
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(params=["http", "https"])
def server(request: pytest.FixtureRequest) -> Iterator[Server]:
    tls = request.getfixturevalue("certificate") if request.param == "https" else None
    yield from _serve(tls)


@pytest.fixture
def plain_server() -> Iterator[Server]:
    yield from _serve(None)


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

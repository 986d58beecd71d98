"""Bounds on API calls against a real hostile server on 127.0.0.1: the decoded-size cap is
enforced while reading (a gzip bomb never expands in memory), a coding the client does not
decode (br, zstd...) is a typed error and never advertised, the total deadline holds when
a server trickles bytes (in the body or in the headers), redirects to other schemes are
refused; byte streams (downloads) are left alone. The bounds tests run against both the sync
client and the asyncio one (:mod:`dnastack.aio`), which share the same I/O-free pieces."""

from __future__ import annotations

import asyncio
import gzip
import time
import tracemalloc
import uuid
import zlib
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
from hostile_server import BOMB_BYTES, HostileServer, gzip_bomb

from dnastack.aio import AsyncDataConnectClient
from dnastack.aio.session import AsyncHttpSession
from dnastack.client.data_connect import DataConnectClient
from dnastack.client.models import ServiceEndpoint
from dnastack.exceptions import (
    DeadlineExceededError,
    NotFoundError,
    ResponseParseError,
    ResponseTooLargeError,
    TransportError,
    UnsafeUrlError,
    UnsupportedContentEncodingError,
)
from dnastack.http.async_transport import build_async_http_client
from dnastack.http.limits import DEFAULT_MAX_RESPONSE_BYTES, Deadline, DecodedBodyGuard
from dnastack.http.session import HttpSession
from dnastack.http.transport import build_http_client
from dnastack.settings import SessionOverrides, Settings, resolve_settings

CAP = 4 * 1024 * 1024


@pytest.fixture(scope="module")
def server() -> Iterator[HostileServer]:
    with HostileServer() as running:
        yield running


def session(**options: Any) -> HttpSession:
    return HttpSession(session=build_http_client(**options))


def async_session(**options: Any) -> AsyncHttpSession:
    client = build_async_http_client(**options)
    return AsyncHttpSession(client, auth=None, enable_auth=False, limit=asyncio.Semaphore(4))


Get = Callable[..., httpx.Response]
"""``get(url, **client_options)``: one GET through a sync or an asyncio client."""


def sync_get(url: str, **options: Any) -> httpx.Response:
    return session(**options).get(url)


def async_get(url: str, **options: Any) -> httpx.Response:
    async def go() -> httpx.Response:
        return await async_session(**options).submit("GET", url)

    return asyncio.run(go())


@pytest.fixture(params=["sync", "async"])
def get(request: pytest.FixtureRequest) -> Get:
    return sync_get if request.param == "sync" else async_get


def isolated_settings(tmp_path: Path, **overrides: Any) -> Settings:
    """Settings from an empty config in ``tmp_path`` and no environment."""
    return resolve_settings(
        config_file=tmp_path / "config.yaml",
        session_dir=tmp_path / "s",
        environ={},
        overrides=SessionOverrides(),
        **overrides,
    )


# -- the decoded-size cap --------------------------------------------------------------------


def test_gzip_bomb_stops_at_the_cap_while_reading(server: HostileServer, get: Get) -> None:
    assert len(server.bomb) < 1024 * 1024 < BOMB_BYTES  # < 1 MB on the wire, 64 MiB decoded
    tracemalloc.start()
    try:
        with pytest.raises(ResponseTooLargeError) as caught:
            get(f"{server.url}/bomb?token=secret", max_response_bytes=CAP)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert caught.value.limit == CAP
    assert caught.value.url == f"{server.url}/bomb"
    assert "secret" not in str(caught.value) and str(CAP) in str(caught.value)
    assert peak < 4 * CAP  # never the 64 MiB the body expands to


def test_data_connect_page_that_is_a_gzip_bomb_is_a_typed_error(
    server: HostileServer, tmp_path: Path
) -> None:
    settings = isolated_settings(tmp_path, max_response_bytes=CAP)
    client = DataConnectClient(ServiceEndpoint(url=f"{server.url}/bomb/"), settings=settings)
    with pytest.raises(ResponseTooLargeError) as caught:
        client.query("SELECT 1").to_list()  # POST /bomb/search answers the bomb
    assert caught.value.url == f"{server.url}/bomb/search"

    async def query_async() -> None:
        endpoint = ServiceEndpoint(url=f"{server.url}/bomb/")
        await AsyncDataConnectClient(endpoint, settings=settings).query("SELECT 1").to_list()

    with pytest.raises(ResponseTooLargeError) as caught:
        asyncio.run(query_async())
    assert caught.value.url == f"{server.url}/bomb/search"


def test_an_honest_gzip_response_is_decoded_as_before(server: HostileServer, get: Get) -> None:
    response = get(f"{server.url}/gzip-json")
    assert response.json()["data"][999] == {"a": 999}
    assert "content-encoding" not in response.headers  # the body is the decoded one


def test_default_cap_is_256_mib_and_reported_by_describe_settings(tmp_path: Path) -> None:
    settings = resolve_settings(
        config_file=tmp_path / "c.yaml", environ={}, overrides=SessionOverrides()
    )
    assert settings.max_response_bytes == DEFAULT_MAX_RESPONSE_BYTES == 256 * 1024 * 1024
    reports = {r.name: r for r in settings.describe()}
    assert reports["max_response_bytes"].value == str(256 * 1024 * 1024)
    assert reports["request_deadline"].value == "600.0"
    assert (
        resolve_settings(
            config_file=tmp_path / "c.yaml", environ={}, overrides=SessionOverrides(), timeout=3
        ).request_deadline
        == 30.0
    )


def test_byte_streams_are_not_capped(server: HostileServer) -> None:
    """Downloads read raw bytes through ``stream``: the API cap does not apply to them."""
    with session(max_response_bytes=CAP).stream("GET", f"{server.url}/bomb") as response:
        raw = b"".join(response.iter_raw())
    assert raw == server.bomb

    async def stream_async() -> bytes:
        stream = async_session(max_response_bytes=CAP).stream("GET", f"{server.url}/bomb")
        async with stream as response:
            return b"".join([chunk async for chunk in response.aiter_raw()])

    assert asyncio.run(stream_async()) == server.bomb


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "deflate-raw", "gzip, gzip"])
def test_the_guard_decodes_like_httpx_and_stops_one_byte_past_the_cap(encoding: str) -> None:
    payload = b'{"x": "' + b"y" * 100_000 + b'"}'
    if encoding == "gzip":
        body, header = gzip.compress(payload), "gzip"
    elif encoding == "deflate":
        body, header = zlib.compress(payload), "deflate"
    elif encoding == "deflate-raw":
        c = zlib.compressobj(6, zlib.DEFLATED, -15)
        body, header = c.compress(payload) + c.flush(), "deflate"
    else:
        body, header = gzip.compress(gzip.compress(payload)), "gzip, gzip"

    def decode(limit: int) -> bytes:
        guard = DecodedBodyGuard(header, limit, "http://x/")
        out = b"".join(guard.feed(body[i : i + 7]) for i in range(0, len(body), 7))
        return out + guard.finish()

    assert decode(len(payload)) == payload
    with pytest.raises(ResponseTooLargeError):
        decode(len(payload) - 1)


def test_the_guard_never_holds_more_than_the_cap_from_one_chunk() -> None:
    bomb = gzip_bomb(32 * 1024 * 1024)
    guard = DecodedBodyGuard("gzip", 1024, "http://x/")
    with pytest.raises(ResponseTooLargeError):
        guard.feed(bomb)  # one chunk holding the whole bomb
    assert guard.decoded_bytes <= 1025


# -- content codings ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "coding"),
    [
        ("br", "br"),
        ("gzip, br", "br"),  # gzip applied first, then br: nothing may be decoded
        ("br, gzip", "br"),
        ("zstd", "zstd"),
        ("compress", "compress"),
        ("gzip, x-made-up", "x-made-up"),
    ],
)
def test_a_coding_the_client_does_not_decode_is_a_typed_error_naming_it_and_the_url(
    server: HostileServer, get: Get, encoding: str, coding: str
) -> None:
    query = urlencode({"coding": encoding, "token": "secret"})
    with pytest.raises(UnsupportedContentEncodingError) as caught:
        get(f"{server.url}/encoded?{query}")

    error = caught.value
    assert isinstance(error, ResponseParseError)
    assert (error.url, error.coding, error.encoding) == (f"{server.url}/encoded", coding, encoding)
    assert error.status_code == 200
    assert f"{server.url}/encoded" in str(error) and repr(coding) in str(error)
    assert "secret" not in str(error)


def test_an_error_status_in_an_unknown_coding_stays_its_http_error_without_the_body(
    server: HostileServer, get: Get
) -> None:
    with pytest.raises(NotFoundError) as caught:
        get(f"{server.url}/encoded?coding=br&status=404")
    assert caught.value.status_code == 404
    assert caught.value.response is not None and caught.value.response.content == b""


def test_a_dropped_error_body_still_counts_against_the_cap() -> None:
    guard = DecodedBodyGuard("br", 10, "http://x/", status_code=500)
    assert guard.feed(b"x" * 10) == b""
    with pytest.raises(ResponseTooLargeError):
        guard.feed(b"x")


def test_an_empty_body_in_an_unknown_coding_has_nothing_to_refuse(
    server: HostileServer, get: Get
) -> None:
    response = get(f"{server.url}/encoded?coding=br&empty=1")
    assert response.status_code == 200 and response.content == b""
    assert "content-encoding" not in response.headers  # httpx never decodes it either


def test_data_connect_page_in_an_unknown_coding_is_a_typed_error(
    server: HostileServer, tmp_path: Path
) -> None:
    settings = isolated_settings(tmp_path)
    endpoint = ServiceEndpoint(url=f"{server.url}/encoded/")
    with pytest.raises(UnsupportedContentEncodingError) as caught:
        DataConnectClient(endpoint, settings=settings).query("SELECT 1").to_list()
    assert caught.value.url == f"{server.url}/encoded/search"

    async def query_async() -> None:
        await AsyncDataConnectClient(endpoint, settings=settings).query("SELECT 1").to_list()

    with pytest.raises(UnsupportedContentEncodingError) as caught:
        asyncio.run(query_async())
    assert caught.value.url == f"{server.url}/encoded/search" and caught.value.coding == "br"


def _accept_encoding_seen(server: HostileServer, marker: str) -> str:
    [headers] = [h for _, path, h, _ in server.requests if marker in path]
    return {k.lower(): v for k, v in headers.items()}["accept-encoding"]


@pytest.mark.parametrize(
    ("asked", "sent"),
    [
        (None, "gzip, deflate"),  # httpx's default, whatever decoders it has
        ("gzip, deflate, br, zstd", "gzip, deflate"),  # httpx's default with brotli, zstandard
        ("br;q=1.0, gzip;q=0.8, *;q=0.1", "gzip;q=0.8"),
        ("br", "identity"),
    ],
)
def test_a_capped_call_advertises_only_the_codings_it_decodes(
    server: HostileServer, asked: str | None, sent: str
) -> None:
    headers = {} if asked is None else {"Accept-Encoding": asked}
    case = uuid.uuid4().hex
    session().get(f"{server.url}/ok/sync-{case}", headers=headers)

    async def go() -> None:
        await async_session().submit("GET", f"{server.url}/ok/async-{case}", headers=headers)

    asyncio.run(go())

    assert _accept_encoding_seen(server, f"/sync-{case}") == sent
    assert _accept_encoding_seen(server, f"/async-{case}") == sent


# -- the total deadline ----------------------------------------------------------------------


@pytest.mark.parametrize("route", ["trickle-body", "trickle-headers"])
def test_a_trickling_server_meets_the_total_deadline(
    server: HostileServer, route: str, get: Get
) -> None:
    # each byte arrives well within the 5 s read timeout, so only the deadline can stop it
    # (the asyncio transport's read timeout covers a whole short body, not each byte)
    started = time.monotonic()
    with pytest.raises(DeadlineExceededError) as caught:
        get(f"{server.url}/{route}?k=secret", read_timeout=5.0, request_deadline=1.5)
    elapsed = time.monotonic() - started

    assert isinstance(caught.value, TransportError)
    assert caught.value.url == f"{server.url}/{route}"
    assert caught.value.deadline == 1.5
    assert "secret" not in str(caught.value)
    assert 1.4 < elapsed < 4.0


def test_the_default_deadline_is_derived_from_the_read_timeout(server: HostileServer) -> None:
    started = time.monotonic()
    with pytest.raises(DeadlineExceededError) as caught:
        sync_get(f"{server.url}/trickle-body", read_timeout=0.2)
    assert caught.value.deadline == pytest.approx(2.0)
    assert time.monotonic() - started < 5.0


def test_deadline_is_checked_between_chunks_with_an_injected_clock() -> None:
    now = [0.0]

    def chunks() -> Iterator[bytes]:
        for _ in range(100):
            now[0] += 1.0  # each chunk takes one (fake) second
            yield b"x"

    transport = httpx.MockTransport(lambda r: httpx.Response(200, content=chunks()))
    client = build_http_client(transport=transport, request_deadline=10.0, clock=lambda: now[0])
    with pytest.raises(DeadlineExceededError):
        HttpSession(session=client).get("http://api.test/slow")
    assert now[0] <= 12.0


@pytest.mark.parametrize(
    ("options", "deadline"),
    [({"request_deadline": 10.0}, 10.0), ({"read_timeout": 1.0}, 10.0)],  # 10 x read timeout
)
def test_async_deadline_is_checked_between_chunks_with_an_injected_clock(
    options: dict[str, float], deadline: float
) -> None:
    now = [0.0]

    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(100):
            now[0] += 1.0  # each chunk takes one (fake) second
            yield b"x"

    async def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=chunks())

    async def go() -> None:
        await async_session(
            async_transport=httpx.MockTransport(handler), clock=lambda: now[0], **options
        ).submit("GET", "http://api.test/slow")

    with pytest.raises(DeadlineExceededError) as caught:
        asyncio.run(go())
    assert caught.value.url == "http://api.test/slow"
    assert caught.value.deadline == deadline
    assert now[0] <= 12.0


def test_deadline_object_clamps_timeouts_to_the_time_left() -> None:
    now = [0.0]
    deadline = Deadline(5.0, method="GET", url="http://x/", clock=lambda: now[0])
    assert deadline.clamp(60.0) == 5.0
    now[0] = 4.5
    assert deadline.clamp(60.0) == pytest.approx(0.5)
    now[0] = 5.0
    with pytest.raises(DeadlineExceededError):
        deadline.clamp(60.0)


class _RecordingStream:
    """A network stream recording the timeout of each read and write it is given."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, float | None]] = []

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        self.calls.append(("read", timeout))
        return b"x"

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.calls.append(("write", timeout))


def test_socket_reads_and_writes_get_at_most_the_time_left() -> None:
    import httpcore

    from dnastack.http.limits import CURRENT_DEADLINE, DeadlineNetworkBackend

    class Backend:
        def connect_tcp(self, *args: Any, **kwargs: Any) -> _RecordingStream:
            return _RecordingStream()

    stream = DeadlineNetworkBackend(Backend()).connect_tcp("h", 80)
    inner = stream._inner
    now = [0.0]
    token = CURRENT_DEADLINE.set(Deadline(5.0, method="GET", url="http://x/", clock=lambda: now[0]))
    try:
        stream.read(10, timeout=60.0)
        stream.write(b"GET", timeout=1.0)
        stream.write(b"", timeout=60.0)  # nothing to send: no socket call
        now[0] = 4.9995
        stream.read(10, timeout=60.0)
        stream.read(10, timeout=None)
        assert inner.calls == [
            ("read", 5.0),
            ("write", 1.0),
            ("read", 0.001),  # never below 1 ms (0 would make the socket non-blocking)
            ("read", 0.001),
        ]
        now[0] = 5.0
        with pytest.raises(httpcore.ReadTimeout):
            stream.read(10, timeout=60.0)
        with pytest.raises(httpcore.WriteTimeout):
            stream.write(b"x", timeout=60.0)
    finally:
        CURRENT_DEADLINE.reset(token)
    stream.read(10, timeout=60.0)  # no current deadline: the timeout as given
    assert inner.calls[-1] == ("read", 60.0)


# -- redirects -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "target",
    ["file:///etc/passwd", "data:text/plain,x", "ftp://h/x", "http://127.0.0.1:99999/x"],
)
def test_a_redirect_to_another_scheme_is_refused(server: HostileServer, target: str) -> None:
    with pytest.raises(UnsafeUrlError):
        session().get(f"{server.url}/redirect", params={"to": target})


def test_a_port_past_65535_is_a_transport_error_for_the_asyncio_client(tmp_path: Path) -> None:
    """asyncio's connect() raises OverflowError for such a port (the sync socket layer wraps
    it around): typed at the boundary like any other connection failure."""
    from dnastack.aio import AsyncDrsClient

    settings = resolve_settings(
        config_file=tmp_path / "c.yaml",
        session_dir=tmp_path / "s",
        environ={},
        overrides=SessionOverrides(),
    )

    async def look_up() -> None:
        endpoint = ServiceEndpoint(url="http://127.0.0.1:99999/ga4gh/drs/v1/")
        async with AsyncDrsClient(endpoint, settings=settings) as client:
            await client.get_object("x")

    with pytest.raises(TransportError, match=r"127\.0\.0\.1:99999"):
        asyncio.run(look_up())

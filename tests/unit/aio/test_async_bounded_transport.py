"""AsyncBoundedTransport hands a body read already to httpx as read: ``AsyncClient`` does
not iterate it again, and the response behaves as a read one (content, elapsed, streams)."""

from __future__ import annotations

import asyncio
import gzip
from collections.abc import Iterator

import httpx
import pytest

from dnastack.http.async_bounded_transport import AsyncBoundedTransport
from dnastack.http.async_connection import BufferedBody

BODY = b'{"id": "obj-1", "size": 3}'


class CountedBody(BufferedBody):
    """Counts how often the body is iterated after the transport handed it on."""

    def __init__(self, content: bytes) -> None:
        super().__init__(content)
        self.iterations = 0

    def __iter__(self) -> Iterator[bytes]:
        self.iterations += 1
        return super().__iter__()

    async def __aiter__(self):  # type: ignore[no-untyped-def,override]
        self.iterations += 1
        yield self.content


class Buffered(httpx.AsyncBaseTransport):
    """The innermost transport: every answer already read (as AsyncStreamTransport reads a
    small body)."""

    def __init__(self, content: bytes, headers: dict[str, str] | None = None) -> None:
        self.content = content
        self.headers = headers or {}
        self.bodies: list[CountedBody] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        body = CountedBody(self.content)
        self.bodies.append(body)
        return httpx.Response(200, headers=self.headers, stream=body, request=request)


BOUNDS = pytest.mark.parametrize(
    ("max_bytes", "deadline"), [(None, None), (1 << 20, None), (None, 30.0), (1 << 20, 30.0)]
)


def _client(inner: Buffered, max_bytes: int | None, deadline: float | None) -> httpx.AsyncClient:
    bounded = AsyncBoundedTransport(inner, max_response_bytes=max_bytes, deadline_seconds=deadline)
    return httpx.AsyncClient(transport=bounded)


@BOUNDS
def test_a_read_body_is_not_iterated_again(max_bytes: int | None, deadline: float | None) -> None:
    inner = Buffered(BODY)

    async def main() -> httpx.Response:
        async with _client(inner, max_bytes, deadline) as client:
            return await client.get("http://127.0.0.1:9/x")

    response = asyncio.run(main())
    assert response.content == BODY
    assert response.json()["id"] == "obj-1"
    assert response.elapsed.total_seconds() >= 0
    assert [body.iterations for body in inner.bodies] == [0]


def test_a_gzip_body_comes_decoded_and_read() -> None:
    inner = Buffered(gzip.compress(BODY), {"Content-Encoding": "gzip"})

    async def main() -> httpx.Response:
        async with _client(inner, 1 << 20, 30.0) as client:
            return await client.get("http://127.0.0.1:9/x")

    response = asyncio.run(main())
    assert response.content == BODY
    assert "content-encoding" not in response.headers


@BOUNDS
@pytest.mark.parametrize("how", ["aiter_bytes", "aiter_raw", "aread"])
def test_a_streamed_read_body_still_yields_its_bytes(
    max_bytes: int | None, deadline: float | None, how: str
) -> None:
    inner = Buffered(BODY)

    async def main() -> tuple[bytes, bool]:
        async with _client(inner, max_bytes, deadline) as client:
            async with client.stream("GET", "http://127.0.0.1:9/x") as response:
                if how == "aread":
                    got = await response.aread()
                else:
                    got = b"".join([c async for c in getattr(response, how)(chunk_size=5)])
            return got, response.is_closed

    got, closed = asyncio.run(main())
    assert got == BODY
    assert closed


@BOUNDS
def test_a_body_too_large_is_still_refused(max_bytes: int | None, deadline: float | None) -> None:
    from dnastack.exceptions import ResponseTooLargeError

    inner = Buffered(BODY)

    async def main() -> None:
        async with _client(inner, 4, deadline) as client:
            await client.get("http://127.0.0.1:9/x")

    with pytest.raises(ResponseTooLargeError):
        asyncio.run(main())

"""AsyncStreamTransport against a scripted local asyncio server (127.0.0.1, real sockets):
bodies by length, chunked and until close, keep-alive reuse, a stale idle connection
replaced, malformed answers and header injection refused."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import httpx
import pytest

from dnastack.http.async_connection import MAX_HEAD_BYTES, AsyncStreamTransport

Answer = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


async def _read_request(reader: asyncio.StreamReader) -> bytes:
    return await reader.readuntil(b"\r\n\r\n")


def run(answer: Answer, requests: int = 1) -> tuple[list[httpx.Response | Exception], int]:
    """Send ``requests`` GETs one after the other; (responses, connections accepted)."""
    accepted = 0

    async def main() -> list[httpx.Response | Exception]:
        nonlocal accepted

        async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            nonlocal accepted
            accepted += 1
            try:
                await answer(reader, writer)
            except (asyncio.IncompleteReadError, ConnectionError):
                pass
            finally:
                writer.close()

        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        results: list[httpx.Response | Exception] = []
        async with httpx.AsyncClient(transport=AsyncStreamTransport()) as client:
            for _ in range(requests):
                try:
                    response = await client.get(f"http://127.0.0.1:{port}/x")
                    results.append(response)
                except httpx.HTTPError as exc:
                    results.append(exc)
        server.close()
        await server.wait_closed()
        return results

    return asyncio.run(main()), accepted


def keep_alive(body: bytes, times: int) -> Answer:
    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        for _ in range(times):
            await _read_request(reader)
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body))
            await writer.drain()

    return answer


def test_keep_alive_connection_is_reused() -> None:
    responses, accepted = run(keep_alive(b"hello", 3), requests=3)
    assert [r.content for r in responses if isinstance(r, httpx.Response)] == [b"hello"] * 3
    assert accepted == 1


def test_an_idle_connection_closed_by_the_server_is_replaced_transparently() -> None:
    responses, accepted = run(keep_alive(b"once", 1), requests=2)  # server closes after one
    assert [r.content for r in responses if isinstance(r, httpx.Response)] == [b"once"] * 2
    assert accepted == 2


def test_chunked_body_with_trailers() -> None:
    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await _read_request(reader)
        writer.write(
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
            b"5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nX-Trailer: y\r\n\r\n"
        )
        await writer.drain()

    [response], _ = run(answer)
    assert isinstance(response, httpx.Response) and response.content == b"hello, world"


def test_body_until_close_without_length() -> None:
    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await _read_request(reader)
        writer.write(b"HTTP/1.0 200 OK\r\n\r\n" + b"x" * 300_000)
        await writer.drain()

    [response], _ = run(answer)
    assert isinstance(response, httpx.Response) and response.content == b"x" * 300_000


def test_large_body_streams_in_pieces() -> None:
    body = bytes(range(256)) * 4096  # 1 MiB: above the eager-read size
    responses, _ = run(keep_alive(body, 1))
    assert isinstance(responses[0], httpx.Response) and responses[0].content == body


@pytest.mark.parametrize(
    "head",
    [
        b"HTTP/1.1 abc OK\r\n\r\n",
        b"NOT-HTTP 200 OK\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello",
        b"HTTP/1.1 200 OK\r\nbad header line\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nX: " + b"a" * (MAX_HEAD_BYTES + 10) + b"\r\n\r\n",
    ],
)
def test_malformed_answers_are_protocol_errors(head: bytes) -> None:
    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await _read_request(reader)
        writer.write(head)
        await writer.drain()

    [outcome], _ = run(answer)
    assert isinstance(outcome, httpx.RemoteProtocolError)


def test_a_body_cut_short_is_a_protocol_error() -> None:
    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await _read_request(reader)
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhalf")
        await writer.drain()

    [outcome], _ = run(answer)
    assert isinstance(outcome, httpx.RemoteProtocolError)


def test_connection_refused_is_a_connect_error() -> None:
    async def main() -> None:
        server = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        server.close()
        await server.wait_closed()
        async with httpx.AsyncClient(transport=AsyncStreamTransport()) as client:
            await client.get(f"http://127.0.0.1:{port}/")

    with pytest.raises(httpx.ConnectError):
        asyncio.run(main())


def test_a_line_break_in_a_header_is_refused_before_sending() -> None:
    async def main() -> None:
        async with httpx.AsyncClient(transport=AsyncStreamTransport()) as client:
            request = client.build_request("GET", "http://127.0.0.1:9/")
            request.headers["X-Injected"] = "a"
            request.headers.raw  # noqa: B018 - materialise, then smuggle a line break in
            request.headers._list[-1] = (b"X-Injected", b"x-injected", b"a\r\nEvil: 1")
            await client.send(request)

    with pytest.raises(httpx.LocalProtocolError):
        asyncio.run(main())


@pytest.mark.parametrize(
    ("value", "encoding"),
    [(b"plain", "ascii"), ("caf\u00e9".encode(), "utf-8"), (b"caf\xe9", "iso-8859-1")],
)
def test_response_headers_decode_as_httpx_decides(value: bytes, encoding: str) -> None:
    """An ASCII head is marked ASCII without decoding each header; any other head is left
    to httpx (UTF-8, else ISO-8859-1): the same values either way."""

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await _read_request(reader)
        writer.write(b"HTTP/1.1 200 OK\r\nX-Name: " + value + b"\r\nContent-Length: 2\r\n\r\nok")
        await writer.drain()

    [response], _ = run(answer)

    assert isinstance(response, httpx.Response)
    assert response.headers.encoding == encoding
    assert response.headers["x-name"] == value.decode(encoding)
    assert response.headers == httpx.Headers(response.headers.raw)

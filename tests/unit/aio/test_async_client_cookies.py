"""The asyncio client keeps cookies like httpx does (it only skips the work for responses
that set none): a cookie set by one answer goes back with the next request, on a real
local server."""

from __future__ import annotations

import asyncio

from dnastack.http.async_transport import build_async_http_client


def test_a_cookie_set_by_the_server_is_sent_back_and_kept() -> None:
    seen: list[bytes] = []

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        for answer in (b"Set-Cookie: session=abc; Path=/\r\n", b"", b""):
            head = await reader.readuntil(b"\r\n\r\n")
            seen.append(head)
            writer.write(b"HTTP/1.1 200 OK\r\n" + answer + b"Content-Length: 2\r\n\r\n{}")
            await writer.drain()
        writer.close()

    async def main() -> None:
        server = await asyncio.start_server(handle, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        async with build_async_http_client(trust_env=False) as client:
            for _ in range(3):
                response = await client.get(f"http://127.0.0.1:{port}/x")
                assert response.json() == {}
            assert client.cookies.get("session") == "abc"
        server.close()
        await server.wait_closed()

    asyncio.run(main())
    assert b"cookie" not in seen[0].lower()
    assert b"Cookie: session=abc" in seen[1] and b"Cookie: session=abc" in seen[2]

"""WireProtocol on real local sockets (127.0.0.1): reads that need no wait, the one lazily
re-armed timer per connection, flow control, and the errors of a closed connection."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

import pytest

from dnastack.http.async_wire import WireProtocol

Serve = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


@asynccontextmanager
async def connected(serve: Serve, high_water: int = 1024) -> AsyncIterator[WireProtocol]:
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            await serve(reader, writer)
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    loop = asyncio.get_running_loop()
    _, wire = await loop.create_connection(
        lambda: WireProtocol(loop, high_water), "127.0.0.1", port
    )
    try:
        yield wire
    finally:
        wire.close()
        server.close()
        await server.wait_closed()


def deadline_in(seconds: float) -> float:
    return asyncio.get_running_loop().time() + seconds


def test_separator_exact_and_some_reads_across_arrivals() -> None:
    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        for piece in (b"HEAD", b"ER\r\n\r\nbo", b"dy!", b"tail"):
            writer.write(piece)
            await writer.drain()
            await asyncio.sleep(0.01)

    async def main() -> list[bytes]:
        async with connected(serve) as wire:
            head = await wire.read_until(b"\r\n\r\n", 100, deadline_in(5))
            body = await wire.read_exactly(5, deadline_in(5))
            rest = [await wire.read_some(2, deadline_in(5))]
            while chunk := await wire.read_some(100, deadline_in(5)):
                rest.append(chunk)
            return [head, body, b"".join(rest)]

    assert asyncio.run(main()) == [b"HEADER\r\n\r\n", b"body!", b"tail"]


def test_a_stalled_peer_times_out_at_the_latest_limit_not_an_earlier_one() -> None:
    """The timer armed for an early read is re-armed lazily: a later read with a later
    limit times out at its own limit."""

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(b"ab")
        await writer.drain()
        await asyncio.sleep(10)

    async def main() -> tuple[float, float]:
        async with connected(serve) as wire:
            await wire.read_exactly(1, deadline_in(0.2))  # arms the timer at +0.2 s
            await asyncio.sleep(0.1)
            await wire.read_exactly(1, deadline_in(0.2))  # already there: no wait
            started = time.monotonic()
            with pytest.raises(TimeoutError):
                await wire.read_exactly(1, deadline_in(0.5))
            waited = time.monotonic() - started
            return waited, 0.5

    waited, limit = asyncio.run(main())
    assert limit - 0.05 <= waited < limit + 0.5


def test_a_read_without_limit_waits_for_the_bytes() -> None:
    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await asyncio.sleep(0.3)
        writer.write(b"late")
        await writer.drain()

    async def main() -> bytes:
        async with connected(serve) as wire:
            return await wire.read_exactly(4, None)

    assert asyncio.run(main()) == b"late"


def test_flow_control_pauses_reading_and_delivers_every_byte() -> None:
    payload = bytes(range(256)) * 4096  # 1 MiB against a 1 KiB high-water mark

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(payload)
        await writer.drain()

    async def main() -> tuple[bytes, bool]:
        async with connected(serve, high_water=1024) as wire:
            await asyncio.sleep(0.2)  # let the peer fill the buffer: reading pauses
            paused = wire._read_paused
            received = bytearray()
            while len(received) < len(payload):
                received += await wire.read_some(7000, deadline_in(5))
            return bytes(received), paused

    received, paused = asyncio.run(main())
    assert paused
    assert received == payload


def test_a_peer_closing_early_is_an_incomplete_read_with_the_partial_bytes() -> None:
    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(b"part")
        await writer.drain()

    async def main() -> asyncio.IncompleteReadError:
        async with connected(serve) as wire:
            with pytest.raises(asyncio.IncompleteReadError) as caught:
                await wire.read_exactly(10, deadline_in(5))
            assert wire.at_eof() is False  # the partial bytes are still buffered
            return caught.value

    error = asyncio.run(main())
    assert error.partial == b"part"
    assert error.expected == 10


def test_no_separator_within_the_limit_is_a_limit_overrun() -> None:
    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(b"x" * 200)
        await writer.drain()
        await asyncio.sleep(1)

    async def main() -> None:
        async with connected(serve) as wire:
            with pytest.raises(asyncio.LimitOverrunError):
                await wire.read_until(b"\r\n", 100, deadline_in(5))

    asyncio.run(main())


def test_the_end_of_the_stream_reads_empty_and_marks_eof() -> None:
    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(b"bye")
        await writer.drain()

    async def main() -> tuple[bytes, bytes, bool, bool]:
        async with connected(serve) as wire:
            first = await wire.read_exactly(3, deadline_in(5))
            end = await wire.read_some(10, deadline_in(5))
            return first, end, wire.at_eof(), wire.is_closing()

    assert asyncio.run(main()) == (b"bye", b"", True, True)

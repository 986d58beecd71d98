"""AsyncDrsClient: single look-ups run at the same time, never more than max_concurrency
in flight (counted by the server); a cancelled look-up leaves the client usable."""

from __future__ import annotations

import asyncio
import gc
import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from drs_e2e_support import isolated_settings

from dnastack.aio import AsyncDrsClient
from dnastack.client.models import ServiceEndpoint
from dnastack.http.session import PreparedCall

pytestmark = pytest.mark.e2e

HOLD_SECONDS = 2.0  # upper bound only: a request is released as soon as the limit is reached


@dataclass
class CountingDrs:
    """A DRS service without bulk endpoint that counts the look-ups in flight."""

    url: str
    limit: int
    in_flight: int = 0
    peak: int = 0
    answered: int = 0
    on_full: Callable[[], None] | None = None  # called (server thread) when limit are held


@pytest.fixture
def counting_drs() -> Iterator[CountingDrs]:
    record = CountingDrs(url="", limit=4)
    changed = threading.Condition()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            object_id = self.path.rsplit("/", 1)[-1]
            with changed:
                record.in_flight += 1
                record.peak = max(record.peak, record.in_flight)
                changed.notify_all()
                if record.in_flight == record.limit and record.on_full is not None:
                    record.on_full()
                # hold until as many look-ups as the client may send are here together
                changed.wait_for(lambda: record.in_flight >= record.limit, HOLD_SECONDS)
            body = json.dumps(
                {
                    "id": object_id,
                    "self_uri": f"drs://127.0.0.1/{object_id}",
                    "size": 1,
                    "created_time": "2024-01-01T00:00:00Z",
                    "checksums": [{"type": "md5", "checksum": "0" * 32}],
                }
            ).encode()
            with changed:
                record.in_flight -= 1
                record.answered += 1
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_POST(self) -> None:  # no bulk endpoint
            self.rfile.read(int(self.headers.get("Content-Length") or 0))
            self.send_response(405)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True).start()
    record.url = f"http://127.0.0.1:{server.server_address[1]}/ga4gh/drs/v1/"
    yield record
    server.shutdown()
    server.server_close()


def _limited_client(counting_drs: CountingDrs, tmp_path: Path) -> AsyncDrsClient:
    """A client whose ``max_concurrency`` is the server's hold limit."""
    return AsyncDrsClient(
        ServiceEndpoint(url=counting_drs.url),
        settings=isolated_settings(tmp_path),
        max_concurrency=counting_drs.limit,
    )


def test_single_look_ups_never_exceed_max_concurrency(
    counting_drs: CountingDrs, tmp_path: Path
) -> None:
    ids = [f"obj-{i}" for i in range(40)]

    async def main() -> list[str]:
        async with _limited_client(counting_drs, tmp_path) as client:
            return [o.id for o in await client.get_objects(ids)]

    assert asyncio.run(main()) == ids
    assert counting_drs.peak == counting_drs.limit  # concurrent, and never more


def test_look_ups_waiting_for_their_turn_hold_no_prepared_request(
    counting_drs: CountingDrs, tmp_path: Path
) -> None:
    """A queued call keeps its arguments only: its span, headers and request are made when
    its turn comes (memory stays flat however many look-ups are gathered at once)."""
    prepared_when_full: list[int] = []

    def count_prepared() -> None:
        prepared_when_full.append(sum(isinstance(o, PreparedCall) for o in gc.get_objects()))

    counting_drs.on_full = count_prepared
    ids = [f"obj-{i}" for i in range(40)]

    async def main() -> list[str]:
        async with _limited_client(counting_drs, tmp_path) as client:
            return list(await asyncio.gather(*(client.get_object(i) for i in ids)))

    assert [o.id for o in asyncio.run(main())] == ids
    assert prepared_when_full and max(prepared_when_full) <= counting_drs.limit


def test_a_cancelled_look_up_stops_waiting_and_the_client_stays_usable(
    counting_drs: CountingDrs, tmp_path: Path
) -> None:
    counting_drs.limit = 2  # a lone request is held by the server until the timeout

    async def main() -> tuple[bool, str]:
        async with AsyncDrsClient(
            ServiceEndpoint(url=counting_drs.url), settings=isolated_settings(tmp_path)
        ) as client:
            try:
                async with asyncio.timeout(0.2):
                    await client.get_object("held")
            except TimeoutError:
                timed_out = True
            else:
                timed_out = False
            counting_drs.limit = 1
            return timed_out, (await client.get_object("after")).id

    assert asyncio.run(main()) == (True, "after")

"""AsyncDrsClient downloads: cancelling the task mid-transfer (throttled devserver) stops it
at once, keeps the .part files, places nothing, and the next run resumes; the event loop
keeps running during a large verified download (lag measured with a ticker task)."""

from __future__ import annotations

import asyncio
import hashlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from drs_e2e_support import isolated_settings

from dnastack.aio import AsyncDrsClient
from dnastack.client.drs import DownloadProgress, DownloadStatus
from dnastack.client.models import ServiceEndpoint
from tests.fixtures.devserver import DevServer, DevServerFactory

pytestmark = pytest.mark.e2e

RATE = 512 * 1024  # bytes/s per response
SIZE = 2 * 1024 * 1024  # 4 s per object at RATE
NAMES = ("aio-slow-a.bin", "aio-slow-b.bin")
TICK = 0.005
LAG_BOUND_SECONDS = 0.1  # "a few tens of ms", with room for a shared, loaded machine


@pytest.fixture(scope="module")
def slow_node(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevServer]:
    factory = DevServerFactory(tmp_path_factory.mktemp("aio-slow-node"))
    server = factory.start("--rows", "100", "--throttle-bytes-per-second", str(RATE))
    for name in NAMES:
        (server.data_dir / "drs" / name).write_bytes(hashlib.shake_256(name.encode()).digest(SIZE))
    try:
        yield server
    finally:
        factory.stop_all()


def test_cancelled_download_keeps_parts_places_nothing_and_a_rerun_resumes(
    slow_node: DevServer, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    endpoint = ServiceEndpoint(url=slow_node.drs_url)

    async def cancel_mid_transfer() -> float:
        async with AsyncDrsClient(endpoint, settings=isolated_settings(tmp_path)) as drs:
            both_running = asyncio.Event()
            seen: dict[str, int] = {}

            def progress(report: DownloadProgress) -> None:  # called on the loop
                seen[report.object_id] = report.bytes_done
                if len(seen) == len(NAMES) and all(v >= 64 * 1024 for v in seen.values()):
                    both_running.set()

            task = asyncio.create_task(drs.download(list(NAMES), out, progress=progress))
            await both_running.wait()
            cancelled_at = time.monotonic()
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            return time.monotonic() - cancelled_at

    stopped_after = asyncio.run(cancel_mid_transfer())

    assert stopped_after < 1.0, f"took {stopped_after:.2f} s to stop"
    for name in NAMES:
        assert not (out / name).exists()  # never renamed into place
        kept = (out / f".{name}.part").stat().st_size
        assert 0 < kept < SIZE

    async def rerun() -> list[tuple[DownloadStatus, int, int]]:
        async with AsyncDrsClient(endpoint, settings=isolated_settings(tmp_path)) as drs:
            results = await drs.download(list(NAMES), out)
        return [(r.status, r.resumed_from, r.bytes_transferred) for r in results]

    for name, (status, resumed_from, transferred) in zip(NAMES, asyncio.run(rerun()), strict=True):
        assert status is DownloadStatus.SUCCESS
        assert resumed_from > 0 and transferred == SIZE - resumed_from
        data = (slow_node.data_dir / "drs" / name).read_bytes()
        assert (out / name).read_bytes() == data


def big_file_size() -> int:
    """1 GiB by default (the issue's figure); DNASTACK_TEST_LAG_BYTES makes it smaller."""
    return int(os.environ.get("DNASTACK_TEST_LAG_BYTES", str(1024**3)))


@pytest.mark.slow
def test_event_loop_keeps_running_during_a_large_verified_download(
    devserver_factory: DevServerFactory, tmp_path: Path
) -> None:
    server = devserver_factory.start("--rows", "100")
    size = big_file_size()
    block = hashlib.shake_256(b"lag").digest(1024 * 1024)
    with (server.data_dir / "drs" / "big-lag.bin").open("wb") as f:
        for _ in range(size // len(block)):
            f.write(block)
    out = tmp_path / "out"

    async def main() -> tuple[DownloadStatus, bool, list[float]]:
        lags: list[float] = []
        done = asyncio.Event()

        async def ticker() -> None:
            while not done.is_set():
                before = time.perf_counter()
                await asyncio.sleep(TICK)
                lags.append(time.perf_counter() - before - TICK)

        tick = asyncio.create_task(ticker())
        async with AsyncDrsClient(
            ServiceEndpoint(url=server.drs_url), settings=isolated_settings(tmp_path)
        ) as drs:
            [result] = await drs.download("big-lag.bin", out)
        done.set()
        await tick
        return result.status, result.checksum_verified, lags

    status, verified, lags = asyncio.run(main())

    lags.sort()
    p99 = lags[int(len(lags) * 0.99)]
    print(
        f"loop lag over {len(lags)} ticks: p50 {lags[len(lags) // 2] * 1e3:.1f} ms, "
        f"p99 {p99 * 1e3:.1f} ms, max {lags[-1] * 1e3:.1f} ms, load {os.getloadavg()[0]:.1f}"
    )
    assert status is DownloadStatus.SUCCESS and verified
    assert (out / "big-lag.bin").stat().st_size == size
    assert p99 < LAG_BOUND_SECONDS, f"p99 loop lag {p99 * 1e3:.0f} ms"

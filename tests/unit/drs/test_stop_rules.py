"""The rules that stop a transfer early: the stall rule (injected clock), the cancel token,
and both applied by the download engine chunk by chunk (``httpx.MockTransport``)."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from dnastack.client.drs import (
    DownloadCancelledError,
    DownloadStalledError,
    DownloadStatus,
    DrsDownloadError,
)
from dnastack.client.drs.cancel import CancelToken
from dnastack.client.drs.download import DownloadOptions, run_downloads
from dnastack.client.drs.stall import StallMonitor, StallRule, StallWatch
from tests.unit.clients.drs_fake import BYTES, FakeDrs, make_client

DATA = hashlib.shake_256(b"stop").digest(3 * 1024 * 1024)


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(
    ("chunks", "stalled"),
    [
        ([(10.0, 600), (20.0, 600), (31.0, 1)], False),  # 1201 bytes in the first window
        ([(10.0, 600), (31.0, 400)], True),  # 1000 < 1024 when the window ends
        ([(29.0, 2000), (59.0, 1000), (90.0, 10)], True),  # the second window falls short
        ([(1.0, 10), (200.0, 5000)], True),  # a late burst does not undo a silent window
        ([(20.0, 900), (45.0, 900), (70.0, 900)], False),  # slow but steady
    ],
)
def test_stall_watch_counts_bytes_per_window(
    chunks: list[tuple[float, int]], stalled: bool
) -> None:
    clock = Clock()
    watch = StallWatch(StallRule(1024, 30.0), clock)
    result = False
    for at, size in chunks:
        clock.now = at
        result = watch.add(size)
    assert result is stalled and watch.stalled is stalled


def test_stall_rule_with_zero_bytes_is_off() -> None:
    clock = Clock()
    watch = StallWatch(StallRule(0, 1.0), clock)
    clock.now = 1000.0
    assert not watch.add(0) and not watch.overdue(2000.0)


def test_monitor_aborts_a_response_silent_for_a_window_only() -> None:
    clock = Clock()
    monitor = StallMonitor()
    aborted: list[str] = []
    busy = StallWatch(StallRule(1024, 30.0), clock)
    silent = StallWatch(StallRule(1024, 30.0), clock)
    monitor.watch(busy, lambda: aborted.append("busy"))
    forget = monitor.watch(silent, lambda: aborted.append("silent"))
    clock.now = 29.0
    busy.add(5000)
    monitor.poll(29.5)
    assert aborted == []
    monitor.poll(30.0)
    assert aborted == ["silent"]
    monitor.poll(100.0)  # an aborted response is not aborted twice; busy is now overdue
    assert aborted == ["silent", "busy"]
    forget()  # unregistering twice is harmless


def test_cancel_token_runs_callbacks_once_even_when_registered_late() -> None:
    event = threading.Event()
    token = CancelToken(event)
    calls: list[str] = []
    forget = token.on_cancel(lambda: calls.append("first"))
    token.on_cancel(lambda: calls.append("forgotten"))()
    assert not token.poll()
    event.set()  # the caller's event: noticed on the next poll
    assert token.cancelled and token.poll() and token.poll()
    token.on_cancel(lambda: calls.append("late"))
    forget()
    assert calls == ["first", "late"]
    with pytest.raises(DownloadCancelledError):
        token.check("obj")


class Chunks(httpx.SyncByteStream):
    """``data`` in 64 KiB chunks, calling ``each(index)`` before each one."""

    def __init__(self, data: bytes, each: object) -> None:
        self.data = data
        self.each = each

    def __iter__(self) -> Iterator[bytes]:
        for index, start in enumerate(range(0, len(self.data), 65536)):
            self.each(index)  # type: ignore[operator]
            yield self.data[start : start + 65536]


def serve_with(fake: FakeDrs, each: object) -> None:
    plain = fake.handler

    def handler(request: httpx.Request) -> httpx.Response:
        if str(request.url).startswith(BYTES) and "range" not in request.headers:
            fake.requests.append(request)
            return httpx.Response(200, stream=Chunks(DATA, each))
        return plain(request)

    fake.handler = handler  # type: ignore[method-assign]


def test_cancel_mid_body_keeps_the_part_and_the_next_run_resumes(tmp_path: Path) -> None:
    fake = FakeDrs()
    fake.add_blob("blob", DATA)
    cancel = threading.Event()
    serve_with(fake, lambda index: cancel.set() if index == 20 else None)
    out = tmp_path / "out"

    with make_client(fake, tmp_path) as client:
        [stopped] = client.download("blob", out, cancel=cancel)
        kept = (out / ".blob.part").stat().st_size
        [resumed] = client.download("blob", out)

    assert isinstance(stopped.exception, DownloadCancelledError)
    assert stopped.status is DownloadStatus.FAILED and not (out / "blob (1)").exists()
    assert kept == 21 * 65536  # every chunk received before the stop is kept
    assert resumed.status is DownloadStatus.SUCCESS and resumed.resumed_from == kept
    assert (out / "blob").read_bytes() == DATA


def test_trickling_body_fails_the_stall_rule_naming_the_url(tmp_path: Path) -> None:
    fake = FakeDrs()
    fake.add_blob("blob", DATA)
    clock = Clock()

    def slow(index: int) -> None:
        clock.now += 60.0  # one 64 KiB chunk a minute: below 1 MiB per 30 s

    serve_with(fake, slow)
    with make_client(fake, tmp_path) as client:
        options = DownloadOptions(
            output_dir=tmp_path / "out", stall=StallRule(1024 * 1024, 30.0), clock=clock
        )
        [result] = run_downloads(client, ["blob"], options)

    assert isinstance(result.exception, DownloadStalledError | DrsDownloadError)
    stalled = result.exception
    while stalled is not None and not isinstance(stalled, DownloadStalledError):
        stalled = stalled.__cause__
    assert isinstance(stalled, DownloadStalledError)
    assert stalled.url == f"{BYTES}/blob"
    assert "fewer than 1048576 bytes in 30 s" in str(stalled)
    assert len(fake.seen(BYTES)) == 1  # a stall is not retried on the same URL

"""Stopping downloads for real: a throttled devserver (``--throttle-bytes-per-second``),
``KeyboardInterrupt`` from another thread, the caller's cancel event, the stall rule
aborting a blocked read; ``.part`` files kept and resumed by the next run."""

from __future__ import annotations

import _thread
import gzip
import hashlib
import os
import signal
import subprocess
import threading
import time
import tracemalloc
from collections.abc import Iterator
from contextlib import suppress
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from subprocess import PIPE

import pytest
from drs_e2e_support import isolated_settings

from dnastack.client.drs import (
    DownloadCancelledError,
    DownloadProgress,
    DownloadStalledError,
    DownloadStatus,
    DrsClient,
    DrsDownloadError,
    IncompleteDownloadError,
)
from dnastack.client.drs.local_files import FolderTree, open_part
from dnastack.client.drs.progress import ProgressReporter
from dnastack.client.drs.stall import StallRule
from dnastack.client.drs.transfer import ByteSource, TransferControl, transfer_to_part
from dnastack.client.models import ServiceEndpoint
from dnastack.settings import SessionOverrides, resolve_settings
from tests.cli.support import DnastackCli
from tests.fixtures.devserver import DevServer, DevServerFactory

pytestmark = pytest.mark.e2e

RATE = 512 * 1024  # bytes/s per response
SIZE = 2 * 1024 * 1024  # 4 s per object at RATE
NAMES = ("slow-a.bin", "slow-b.bin")


@pytest.fixture(scope="module")
def slow_node(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevServer]:
    factory = DevServerFactory(tmp_path_factory.mktemp("slow-node"))
    server = factory.start("--rows", "100", "--throttle-bytes-per-second", str(RATE))
    for name in NAMES:
        (server.data_dir / "drs" / name).write_bytes(hashlib.shake_256(name.encode()).digest(SIZE))
    try:
        yield server
    finally:
        factory.stop_all()


@pytest.fixture
def client(slow_node: DevServer, tmp_path: Path) -> Iterator[DrsClient]:
    with DrsClient(
        ServiceEndpoint(url=slow_node.drs_url), settings=isolated_settings(tmp_path)
    ) as client:
        yield client


def source(server: DevServer, name: str) -> bytes:
    return (server.data_dir / "drs" / name).read_bytes()


def started_both(seen: dict[str, int], report: DownloadProgress, threshold: int) -> bool:
    seen[report.object_id] = report.bytes_done
    return len(seen) == len(NAMES) and all(done >= threshold for done in seen.values())


def test_keyboard_interrupt_stops_every_transfer_keeps_parts_and_a_rerun_resumes(
    client: DrsClient, slow_node: DevServer, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    seen: dict[str, int] = {}
    interrupted_at: list[float] = []

    def interrupt_once_both_run(report: DownloadProgress) -> None:  # on a worker thread
        if started_both(seen, report, 64 * 1024) and not interrupted_at:
            interrupted_at.append(time.monotonic())
            _thread.interrupt_main()

    with pytest.raises(KeyboardInterrupt):
        client.download(list(NAMES), out, progress=interrupt_once_both_run)
    stopped_after = time.monotonic() - interrupted_at[0]

    assert stopped_after < 1.0, f"took {stopped_after:.2f} s to stop"
    assert not [t for t in threading.enumerate() if t.name.startswith("dnastack-")]
    for name in NAMES:
        assert not (out / name).exists()  # never renamed into place
        kept = (out / f".{name}.part").stat().st_size
        assert 0 < kept < SIZE
        assert (out / f".{name}.part").read_bytes() == source(slow_node, name)[:kept]

    results = client.download(list(NAMES), out)

    for name, result in zip(NAMES, results, strict=True):
        assert result.status is DownloadStatus.SUCCESS, result
        assert result.resumed_from > 0 and result.bytes_transferred == SIZE - result.resumed_from
        assert (out / name).read_bytes() == source(slow_node, name)


def test_cancel_event_fails_unfinished_objects_typed(client: DrsClient, tmp_path: Path) -> None:
    out = tmp_path / "out"
    cancel = threading.Event()
    seen: dict[str, int] = {}

    def cancel_once_both_run(report: DownloadProgress) -> None:
        if started_both(seen, report, 1):
            cancel.set()

    results = client.download(list(NAMES), out, progress=cancel_once_both_run, cancel=cancel)

    assert [r.status for r in results] == [DownloadStatus.FAILED] * 2
    assert all(isinstance(r.exception, DownloadCancelledError) for r in results)
    assert all("kept for resume" in (r.error or "") for r in results)
    assert all((out / f".{name}.part").exists() for name in NAMES)


def test_stall_rule_aborts_a_slow_transfer_naming_the_url(
    slow_node: DevServer, tmp_path: Path
) -> None:
    settings = resolve_settings(
        config_file=tmp_path / "config.yaml",
        session_dir=tmp_path / "sessions",
        environ={},
        overrides=SessionOverrides(),
        download_stall_bytes=4 * RATE,  # more than the server can send in the window
        download_stall_seconds=0.5,
    )
    with DrsClient(ServiceEndpoint(url=slow_node.drs_url), settings=settings) as client:
        [result] = client.download(NAMES[0], tmp_path / "out")

    assert result.status is DownloadStatus.FAILED
    # both access methods (direct URL, then signed URL) stalled: the last one is the cause
    assert isinstance(result.exception, DrsDownloadError)
    assert isinstance(result.exception.__cause__, DownloadStalledError)
    assert f"{slow_node.drs_url}bytes/{NAMES[0]}: download stalled" in (result.error or "")
    # Each body was cut about a window after it began (~256 KiB at RATE), far from the 4 s
    # a body takes. Measured in bytes, on the server's throttle (never more than RATE per
    # second since a response began), not on the wall clock: the call's wall time also
    # counts the first call's warm-up, the look-ups and thread start-up, which a loaded
    # machine stretches by seconds (3.6 s with 7 CPU burners on 2 cores, all but 1 s of it
    # before and between the transfers). The .part keeps what both responses sent (the
    # second resumed the first).
    kept = (tmp_path / "out" / f".{NAMES[0]}.part").stat().st_size
    assert 0 < kept < SIZE // 2, f"{kept} of {SIZE} bytes arrived before the abort"


@pytest.fixture
def silent_server() -> Iterator[str]:
    """Answers 200 with a Content-Length, then sends nothing until the test ends."""
    release = threading.Event()

    class Silent(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.wfile.flush()
            release.wait(30)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Silent)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/bytes/x"
    finally:
        release.set()
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("stop", ["cancel", "stall"])
def test_a_read_blocked_on_a_silent_server_is_unblocked(
    silent_server: str, tmp_path: Path, stop: str
) -> None:
    clock = [0.0]
    control = TransferControl(stall=StallRule(1024, 30.0), clock=lambda: clock[0])
    outcome: list[BaseException] = []
    with (
        DrsClient(
            ServiceEndpoint(url=silent_server), settings=isolated_settings(tmp_path)
        ) as client,
        FolderTree(tmp_path) as folders,
    ):
        fd = open_part(folders.root, ".x.part")

        def transfer() -> None:
            try:
                transfer_to_part(
                    client.create_http_session(),
                    ByteSource(silent_server),
                    fd,
                    tmp_path / ".x.part",
                    object_id="x",
                    expected_size=1000,
                    checksum_kinds=[],
                    progress=ProgressReporter("x", "x", 1000, []),
                    control=control,
                )
            except BaseException as exc:  # noqa: BLE001 - the outcome under test
                outcome.append(exc)

        worker = threading.Thread(target=transfer)
        worker.start()
        deadline = time.monotonic() + 20
        while not len(control.monitor):  # the response is open, its read blocked
            assert worker.is_alive() and time.monotonic() < deadline
            time.sleep(0.01)
        worker.join(0.3)
        assert worker.is_alive()
        if stop == "cancel":
            control.cancel.cancel()
        else:
            clock[0] = 31.0  # a whole window without a byte
            control.monitor.poll(clock[0])
        worker.join(2.0)
        os.close(fd)

    assert not worker.is_alive(), "the read stayed blocked"
    expected = DownloadCancelledError if stop == "cancel" else DownloadStalledError
    assert isinstance(outcome[0], expected), outcome


def test_ctrl_c_stops_the_cli_with_130_and_a_rerun_resumes(
    slow_node: DevServer, tmp_path: Path
) -> None:
    cli = DnastackCli(tmp_path)
    env = cli.process_env({"DNASTACK_DRS_URL": slow_node.drs_url})
    out = tmp_path / "out"
    parts = [out / f".{name}.part" for name in NAMES]
    command = cli.process_command("files", "download", *NAMES, "-o", str(out), "--no-progress")
    process = subprocess.Popen(command, env=env, stdout=PIPE, stderr=PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while not all(p.exists() and p.stat().st_size > 64 * 1024 for p in parts):
            assert process.poll() is None and time.monotonic() < deadline, "never started"
            time.sleep(0.02)
        interrupted = time.monotonic()
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=10)
        stopped_after = time.monotonic() - interrupted
    finally:
        if process.poll() is None:
            process.kill()

    assert process.returncode == 130, stderr
    assert "interrupted" in stderr
    # transfers stop within a tick (the Python test asserts < 1 s); this also counts the
    # interpreter's exit, which a loaded 2-core machine stretches (0.7-0.9 s at load 14)
    assert stopped_after < 3.0, f"took {stopped_after:.2f} s to exit"
    kept = [p.stat().st_size for p in parts]
    assert all(0 < size < SIZE for size in kept)
    assert not any((out / name).exists() for name in NAMES)

    rerun = cli.run_process("files", "download", *NAMES, "-o", str(out), env=env)

    assert rerun.exit_code == 0, rerun
    for name in NAMES:
        assert (out / name).read_bytes() == source(slow_node, name)
    assert not any(p.exists() for p in parts)


@pytest.fixture
def gzip_bomb_server() -> Iterator[str]:
    """Sends 256 MiB of zeros gzip-compressed (about 256 KiB on the wire) to any GET."""
    bomb = gzip.compress(bytes(256 * 1024 * 1024), compresslevel=9)

    class Bomb(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(bomb)))
            self.end_headers()
            with suppress(OSError):
                self.wfile.write(bomb)

        def log_message(self, format: str, *args: object) -> None:
            pass

    class Quiet(ThreadingHTTPServer):
        def handle_error(self, request: object, client_address: object) -> None:
            pass  # the client hangs up early, as it should

    server = Quiet(("127.0.0.1", 0), Bomb)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/bytes/tiny"
    finally:
        server.shutdown()
        server.server_close()


def test_a_compressed_body_beyond_the_size_stops_early_in_bounded_memory(
    gzip_bomb_server: str, tmp_path: Path
) -> None:
    with (
        DrsClient(
            ServiceEndpoint(url=gzip_bomb_server), settings=isolated_settings(tmp_path)
        ) as client,
        FolderTree(tmp_path) as folders,
    ):
        fd = open_part(folders.root, ".tiny.part")
        tracemalloc.start()
        try:
            with pytest.raises(IncompleteDownloadError) as caught:
                transfer_to_part(
                    client.create_http_session(),
                    ByteSource(gzip_bomb_server),
                    fd,
                    tmp_path / ".tiny.part",
                    object_id="tiny",
                    expected_size=100,
                    checksum_kinds=["sha-256"],
                    progress=ProgressReporter("tiny", "tiny", 100, []),
                )
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
            os.close(fd)

    assert "decoded from gzip" in str(caught.value)
    assert (tmp_path / ".tiny.part").stat().st_size <= 100
    assert peak < 16 * 1024 * 1024, f"peak {peak / 2**20:.1f} MiB"

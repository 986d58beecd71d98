"""The devserver process: fast start, one ready line, clean stop, deterministic sample data."""

from __future__ import annotations

import hashlib
import signal
import threading
import time
from pathlib import Path

import httpx
import pytest

from tests.fixtures.devserver import DevServer, DevServerFactory

pytestmark = pytest.mark.e2e


def _tree_digest(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.name.startswith(".drs-checksums")
    }


def test_starts_on_an_empty_data_dir(
    devserver_factory: DevServerFactory,
) -> None:
    server = devserver_factory.start()
    assert server.base_url.startswith("http://127.0.0.1:")
    assert httpx.get(server.url("/service-info")).status_code == 200


def test_ready_line_names_the_bound_port(devserver: DevServer) -> None:
    assert devserver.base_url == f"http://127.0.0.1:{devserver.port}"
    assert devserver.data_connect_url == f"{devserver.base_url}/data-connect/"
    assert devserver.drs_url == f"{devserver.base_url}/ga4gh/drs/v1/"


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_signal_stops_the_server_cleanly_within_three_seconds(
    devserver_factory: DevServerFactory, sig: signal.Signals
) -> None:
    server = devserver_factory.start()
    with httpx.Client(base_url=server.base_url) as http:
        # an open query (live cursor) and a kept-alive connection must not block shutdown
        first = http.post("/data-connect/search?page_size=10", json={"query": "SELECT * FROM big"})
        assert first.status_code == 200
        started = time.monotonic()
        server.process.send_signal(sig)
        status = server.process.wait(timeout=10)
    assert time.monotonic() - started < 3.0
    assert status == 0
    assert "Traceback" not in server.log()


def test_sigterm_interrupts_a_running_query(devserver_factory: DevServerFactory) -> None:
    server = devserver_factory.start()
    outcome: dict[str, httpx.Response] = {}

    def endless_query() -> None:
        outcome["response"] = httpx.post(
            server.url("/data-connect/search"),
            json={"query": "SELECT count(*) FROM range(1000000000000) t(i) WHERE i % 7 = 9"},
            timeout=30,
        )

    worker = threading.Thread(target=endless_query)
    worker.start()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:  # wait until the query runs inside the server
        if httpx.get(server.url("/_devserver/status")).json()["runningQueries"] == 1:
            break
    started = time.monotonic()
    server.process.send_signal(signal.SIGTERM)
    status = server.process.wait(timeout=10)
    worker.join(timeout=10)
    assert time.monotonic() - started < 3.0
    assert status == 0
    assert outcome["response"].status_code == 503
    assert outcome["response"].json()["errors"][0]["detail"]


def test_sample_data_is_deterministic(devserver_factory: DevServerFactory, tmp_path: Path) -> None:
    first = devserver_factory.start("--rows", "500", data_dir=tmp_path / "a")
    second = devserver_factory.start("--rows", "500", data_dir=tmp_path / "b")
    assert _tree_digest(first.data_dir) == _tree_digest(second.data_dir)
    ids = [
        httpx.get(s.url("/ga4gh/drs/v1/objects/cohort-a?expand=true")).json()
        for s in (first, second)
    ]
    for document in ids:
        document.pop("self_uri")
        for item in document["contents"]:
            item.pop("drs_uri")
            for nested in item.get("contents", []):
                nested.pop("drs_uri")
    assert ids[0] == ids[1]


def test_rows_option_resizes_only_the_big_table(
    devserver_factory: DevServerFactory, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    server = devserver_factory.start("--rows", "123", data_dir=data_dir)
    variants_before = (data_dir / "tables" / "variants.parquet").read_bytes()
    assert server.stop() == 0
    server = devserver_factory.start("--rows", "321", data_dir=data_dir)
    response = httpx.post(
        server.url("/data-connect/search"), json={"query": "SELECT count(*) AS n FROM big"}
    )
    assert response.json()["data"] == [{"n": "321"}]
    assert (data_dir / "tables" / "variants.parquet").read_bytes() == variants_before


def test_access_log_is_off_by_default(devserver: DevServer) -> None:
    httpx.get(devserver.url("/service-info"))
    assert "GET /service-info" not in devserver.log()


def test_access_log_option_logs_requests(devserver_factory: DevServerFactory) -> None:
    server = devserver_factory.start("--access-log")
    httpx.get(server.url("/service-info"))
    server.stop()
    assert "GET /service-info" in server.log()

"""The sync paginator under hostile pagination (httpx.MockTransport: the socket is not the
point): loops end with a typed error carrying ``rows_so_far``, polling is bounded by default
(the ``polling_max_wait`` setting), and non-http(s) next links are never followed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from dnastack.client.data_connect import DataConnectClient, QueryError
from dnastack.client.models import ServiceEndpoint
from dnastack.client.pagination import (
    PaginationLoopError,
    PollingPolicy,
    PollingTimeoutError,
    UnsafeNextPageError,
)
from dnastack.settings import SessionOverrides, resolve_settings

BASE = "http://dc.test/data-connect/"
Handler = Callable[[httpx.Request], httpx.Response]


class FakeTime:
    """A clock that advances only when slept on."""

    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds

    def clock(self) -> float:
        return self.now


def make_client(tmp_path: Path, handler: Handler, **options: Any) -> DataConnectClient:
    settings = resolve_settings(
        config_file=tmp_path / "config.yaml",
        session_dir=tmp_path / "sessions",
        environ={},
        overrides=SessionOverrides(),
        **options.pop("settings", {}),
    )
    return DataConnectClient(
        ServiceEndpoint(url=BASE),
        settings=settings,
        http_options={"transport": httpx.MockTransport(handler), "sleep": lambda s: None},
        **options,
    )


def rows(count: int, next_url: str | None) -> dict[str, Any]:
    body: dict[str, Any] = {"data": [{"n": i} for i in range(count)]}
    if next_url is not None:
        body["pagination"] = {"next_page_url": next_url}
    return body


def test_next_page_url_back_to_an_earlier_page_ends_with_loop_error(tmp_path: Path) -> None:
    fetched: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        fetched.append(f"{request.method} {request.url.path}")
        if request.method == "POST":
            return httpx.Response(200, json=rows(2, "page/1"))
        if request.url.path.endswith("/page/1"):
            return httpx.Response(200, json=rows(2, "/data-connect/page/2"))
        return httpx.Response(200, json=rows(2, "http://dc.test/data-connect/page/1"))

    received: list[dict[str, Any]] = []
    with pytest.raises(PaginationLoopError) as caught:
        received.extend(make_client(tmp_path, handler).query("SELECT 1"))

    assert isinstance(caught.value, QueryError)
    assert caught.value.rows_so_far == len(received) == 6
    assert fetched == [
        "POST /data-connect/search",
        "GET /data-connect/page/1",
        "GET /data-connect/page/2",
    ]
    assert "already read" in str(caught.value)


def test_a_page_with_rows_linking_to_itself_is_read_once(tmp_path: Path) -> None:
    calls = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        return httpx.Response(200, json=rows(2, "same"))

    with pytest.raises(PaginationLoopError) as caught:
        make_client(tmp_path, handler, prefetch=False).query("SELECT 1").to_list()
    assert caught.value.rows_so_far == 4 and calls == 2


def test_polling_the_same_url_then_rows_is_allowed(tmp_path: Path) -> None:
    time = FakeTime()
    answers = iter([rows(0, "poll"), rows(0, "poll"), rows(0, "poll"), rows(3, None)])

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=next(answers), headers={"Retry-After": "1"})

    policy = PollingPolicy(sleep=time.sleep, clock=time.clock)
    result = make_client(tmp_path, handler, polling=policy).query("SELECT 1").to_list()
    assert len(result) == 3 and time.slept == [1.0, 1.0, 1.0]


def test_polling_forever_stops_at_the_default_bound_of_ten_minutes(tmp_path: Path) -> None:
    time = FakeTime()
    polls = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal polls
        polls += 1
        return httpx.Response(200, json=rows(0, "again"))

    policy = PollingPolicy(sleep=time.sleep, clock=time.clock)  # default max_total_wait
    with pytest.raises(PollingTimeoutError) as caught:
        make_client(tmp_path, handler, polling=policy).query("SELECT 1").to_list()

    assert isinstance(caught.value, QueryError)
    assert 590 <= time.now <= 600
    assert polls < 400
    assert "600 s" in str(caught.value)


def test_the_polling_bound_comes_from_the_polling_max_wait_setting(tmp_path: Path) -> None:
    client = make_client(tmp_path, lambda r: httpx.Response(500), settings={"polling_max_wait": 7})
    assert client._polling_policy().max_total_wait == 7.0
    default = make_client(tmp_path, lambda r: httpx.Response(500))
    assert default._polling_policy().max_total_wait == 600.0
    describe = {r.name: (r.value, r.source) for r in default._resolved_settings().describe()}
    assert describe["polling_max_wait"] == ("600.0", "default")


@pytest.mark.parametrize(
    "link", ["file:///etc/passwd", "data:application/json,{}", "javascript:alert(1)"]
)
def test_next_page_url_with_another_scheme_is_refused_not_joined(tmp_path: Path, link: str) -> None:
    fetched: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        fetched.append(str(request.url))
        return httpx.Response(200, json=rows(3, link))

    received: list[dict[str, Any]] = []
    with pytest.raises(UnsafeNextPageError) as caught:
        received.extend(make_client(tmp_path, handler).query("SELECT 1"))

    assert isinstance(caught.value, QueryError)
    assert caught.value.rows_so_far == len(received) == 3
    assert fetched == [f"{BASE}search"]


def test_a_later_page_past_the_size_cap_ends_with_rows_so_far(tmp_path: Path) -> None:
    import gzip
    import json

    from dnastack.exceptions import ResponseTooLargeError

    big = gzip.compress(json.dumps(rows(50_000, None)).encode())

    def handler(request: httpx.Request) -> httpx.Response:
        if request.method == "POST":
            return httpx.Response(200, json=rows(5, "page/2"))
        return httpx.Response(200, content=big, headers={"Content-Encoding": "gzip"})

    client = make_client(tmp_path, handler, settings={"max_response_bytes": 100_000})
    with pytest.raises(QueryError) as caught:
        client.query("SELECT 1").to_list()
    assert caught.value.rows_so_far == 5
    assert isinstance(caught.value.__cause__, ResponseTooLargeError)

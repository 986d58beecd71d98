"""Data Connect paging under faults (httpx.MockTransport only): typed mid-stream errors with
the rows delivered so far, Retry-After, malformed pages, RFC 3986 next links, prefetch depth
and constant memory."""

from __future__ import annotations

import gc
import json
import threading
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from dnastack.client.data_connect import DataConnectClient, QueryError
from dnastack.client.models import ServiceEndpoint
from dnastack.client.pagination import PageParseError, PollingPolicy
from dnastack.exceptions import ClientRequestError, ResponseParseError, ServerError
from dnastack.settings import SessionOverrides, resolve_settings

BASE = "http://dc.test/data-connect/"
MODEL = {
    "type": "object",
    "properties": {
        "id": {"type": "string", "format": "bigint"},
        "name": {"type": "string", "format": "varchar"},
    },
}

Handler = Callable[[httpx.Request], httpx.Response]


@pytest.fixture
def make_client(tmp_path: Path) -> Callable[..., DataConnectClient]:
    settings = resolve_settings(
        config_file=tmp_path / "config.yaml",
        session_dir=tmp_path / "sessions",
        environ={},
        overrides=SessionOverrides(),
    )

    def make(
        handler: Handler,
        *,
        sleep: Callable[[float], None] | None = None,
        url: str = BASE,
        **options: Any,
    ) -> DataConnectClient:
        return DataConnectClient(
            ServiceEndpoint(url=url),
            settings=settings,
            http_options={
                "transport": httpx.MockTransport(handler),
                "sleep": sleep or (lambda seconds: None),
            },
            **options,
        )

    return make


def page(
    first_id: int, count: int, next_url: str | None, *, errors: list[Any] | None = None
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "data_model": MODEL,
        "data": [{"id": str(i), "name": f"row-{i}"} for i in range(first_id, first_id + count)],
    }
    if next_url is not None:
        body["pagination"] = {"next_page_url": next_url}
    if errors is not None:
        body["errors"] = errors
    return body


def numbered_pages(pages: int, rows: int) -> Handler:
    """POST /search answers page 1; ``search/q?page=n`` answers page n (relative links)."""

    def handler(request: httpx.Request) -> httpx.Response:
        number = 1 if request.method == "POST" else int(request.url.params["page"])
        link = f"search/q?page={number + 1}" if number < pages else None
        return httpx.Response(200, json=page((number - 1) * rows, rows, link))

    return handler


def test_data_connect_page_reporting_errors_raises_query_error_after_its_rows(
    make_client: Callable[..., DataConnectClient],
) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.method == "POST":
            return httpx.Response(200, json=page(0, 5, "search/q?page=2"))
        problem = [{"title": "Source unavailable", "detail": "backend timed out"}]
        return httpx.Response(200, json=page(5, 3, "search/q?page=3", errors=problem))

    rows: list[dict[str, Any]] = []
    with pytest.raises(QueryError) as caught:
        rows.extend(make_client(handler).query("SELECT 1"))

    assert len(rows) == 8
    assert caught.value.rows_so_far == 8
    assert caught.value.errors[0].title == "Source unavailable"
    assert "backend timed out" in str(caught.value)


def test_data_connect_server_error_on_page_three_raises_query_error_with_rows_so_far(
    make_client: Callable[..., DataConnectClient],
) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.method == "POST":
            return httpx.Response(200, json=page(0, 10, "search/q?page=2"))
        if request.url.params["page"] == "2":
            return httpx.Response(200, json=page(10, 10, "search/q?page=3"))
        return httpx.Response(500, json={"errors": [{"title": "boom"}]})

    rows = []
    with pytest.raises(QueryError) as caught:
        for row in make_client(handler).query("SELECT 1"):
            rows.append(row)

    assert len(rows) == 20
    assert caught.value.rows_so_far == 20
    assert caught.value.pages_so_far == 2
    assert isinstance(caught.value.__cause__, ServerError)
    assert caught.value.__cause__.status_code == 500


def test_data_connect_first_request_failure_is_the_http_error_itself(
    make_client: Callable[..., DataConnectClient],
) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(400, json={"errors": [{"title": "Invalid query"}]})

    with pytest.raises(Exception) as caught:
        make_client(handler).query("SELEC").to_list()

    # the reference library's class, inside the tree: a ClientRequestError too
    assert caught.value.__class__.__name__ == "InvalidQueryError"
    assert isinstance(caught.value, ClientRequestError)
    assert caught.value.query == "SELEC"
    assert "Invalid query" in str(caught.value)


def test_data_connect_503_with_retry_after_on_a_page_is_retried_then_succeeds(
    make_client: Callable[..., DataConnectClient],
) -> None:
    slept: list[float] = []
    answered_503 = False

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal answered_503
        if request.method == "POST":
            return httpx.Response(200, json=page(0, 4, "search/q?page=2"))
        if not answered_503:
            answered_503 = True
            return httpx.Response(503, headers={"Retry-After": "7"})
        return httpx.Response(200, json=page(4, 4, None))

    rows = make_client(handler, sleep=slept.append).query("SELECT 1").to_list()

    assert [row["id"] for row in rows] == list(range(8))
    assert slept == [7.0]


def test_data_connect_malformed_page_raises_response_parse_error(
    make_client: Callable[..., DataConnectClient],
) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.method == "POST":
            return httpx.Response(200, json=page(0, 3, "search/q?page=2"))
        return httpx.Response(200, content=b'{"data": "not a list"}')

    rows = []
    with pytest.raises(ResponseParseError) as caught:
        rows.extend(make_client(handler).query("SELECT 1"))

    assert isinstance(caught.value, PageParseError)
    assert caught.value.rows_so_far == 3
    assert len(rows) == 3


def test_data_connect_non_json_first_page_raises_response_parse_error(
    make_client: Callable[..., DataConnectClient],
) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=b"<html>proxy error</html>")

    with pytest.raises(ResponseParseError) as caught:
        make_client(handler).query("SELECT 1").to_list()
    assert caught.value.rows_so_far == 0  # type: ignore[attr-defined]


def test_data_connect_value_not_matching_data_model_raises_response_parse_error(
    make_client: Callable[..., DataConnectClient],
) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        body = page(0, 1, None)
        body["data"][0]["id"] = "not-a-number"
        return httpx.Response(200, json=body)

    with pytest.raises(ResponseParseError, match="column 'id'"):
        make_client(handler).query("SELECT 1").to_list()


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ("q1?page=2", "http://dc.test/base/data-connect/q1?page=2"),
        ("../other/q1?page=2", "http://dc.test/base/other/q1?page=2"),
        ("/search/v1/abc", "http://dc.test/search/v1/abc"),
        ("http://elsewhere.test:8081/pages/2", "http://elsewhere.test:8081/pages/2"),
        ("?page=2", "http://dc.test/base/data-connect/search?page=2"),
    ],
)
def test_data_connect_next_link_is_joined_per_rfc_3986_against_the_page_url(
    make_client: Callable[..., DataConnectClient], link: str, expected: str
) -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        if request.method == "POST":
            return httpx.Response(200, json=page(0, 1, link))
        return httpx.Response(200, json=page(1, 1, None))

    client = make_client(handler, url="http://dc.test/base/data-connect")
    assert len(client.query("SELECT 1").to_list()) == 2
    assert seen == ["http://dc.test/base/data-connect/search", expected]


def test_data_connect_next_link_joins_against_the_url_of_the_page_that_held_it(
    make_client: Callable[..., DataConnectClient],
) -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        if request.method == "POST":
            return httpx.Response(200, json=page(0, 1, "/pages/q/1"))
        if request.url.path == "/pages/q/1":
            return httpx.Response(200, json=page(1, 1, "2"))  # relative to /pages/q/1
        return httpx.Response(200, json=page(2, 1, None))

    assert len(make_client(handler).query("SELECT 1").to_list()) == 3
    assert seen[1:] == ["http://dc.test/pages/q/1", "http://dc.test/pages/q/2"]


def test_data_connect_polling_waits_retry_after_then_backoff_on_empty_pages(
    make_client: Callable[..., DataConnectClient],
) -> None:
    slept: list[float] = []
    empty_answers = iter(
        [
            httpx.Response(
                200,
                json={"data": [], "pagination": {"next_page_url": "s?p=1"}},
                headers={"Retry-After": "3"},
            ),
            httpx.Response(200, json={"data": [], "pagination": {"next_page_url": "s?p=2"}}),
            httpx.Response(200, json={"data": [], "pagination": {"next_page_url": "s?p=3"}}),
        ]
    )

    def handler(request: httpx.Request) -> httpx.Response:
        answer = next(empty_answers, None)
        return answer if answer is not None else httpx.Response(200, json=page(0, 2, None))

    policy = PollingPolicy(initial_delay=0.5, multiplier=2.0, max_delay=1.5, sleep=slept.append)
    rows = make_client(handler, polling=policy).query("SELECT 1").to_list()

    assert len(rows) == 2
    # Retry-After wins; then the backoff of the 2nd and 3rd empty pages, capped at 1.5 s
    assert slept == [3.0, 1.0, 1.5]


def test_data_connect_polling_gives_up_after_max_total_wait(
    make_client: Callable[..., DataConnectClient],
) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json={"data": [], "pagination": {"next_page_url": "again"}})

    policy = PollingPolicy(
        initial_delay=1.0, max_delay=1.0, max_total_wait=3.0, sleep=lambda s: None
    )
    with pytest.raises(QueryError, match="not ready"):
        make_client(handler, polling=policy).query("SELECT 1").to_list()


def test_data_connect_prefetch_runs_at_most_one_page_ahead(
    make_client: Callable[..., DataConnectClient],
) -> None:
    pages, rows_per_page = 12, 5
    consumed = 0
    violations: list[str] = []
    requested = [threading.Event() for _ in range(pages + 2)]
    inner = numbered_pages(pages, rows_per_page)

    def handler(request: httpx.Request) -> httpx.Response:
        number = 1 if request.method == "POST" else int(request.url.params["page"])
        # Page n may be requested only once every page before n - 1 has been consumed.
        if consumed < (number - 2) * rows_per_page:
            violations.append(f"page {number} requested after only {consumed} rows")
        requested[number].set()
        return inner(request)

    result = make_client(handler).query("SELECT 1")
    for index, _row in enumerate(result):
        consumed = index + 1
        if consumed % rows_per_page == 0 and consumed // rows_per_page < pages:
            # the next page is being fetched while this one is consumed
            assert requested[consumed // rows_per_page + 1].wait(timeout=10)
    assert consumed == pages * rows_per_page
    assert violations == []


def test_data_connect_iterating_200_pages_keeps_memory_flat(
    make_client: Callable[..., DataConnectClient],
) -> None:
    pages, rows_per_page = 200, 50
    filler = "x" * 8000  # ~400 KB of row text per page
    page_bytes = rows_per_page * len(filler)

    def handler(request: httpx.Request) -> httpx.Response:
        number = 1 if request.method == "POST" else int(request.url.params["page"])
        body = page((number - 1) * rows_per_page, rows_per_page, None)
        for row in body["data"]:
            row["name"] = filler
        if number < pages:
            body["pagination"] = {"next_page_url": f"search/q?page={number + 1}"}
        return httpx.Response(200, content=json.dumps(body).encode())

    retained: dict[int, int] = {}
    peaks: dict[int, int] = {}
    count = 0
    tracemalloc.start()
    try:
        # Without the prefetch thread, so that no download is half-way when memory is read.
        for _ in make_client(handler, prefetch=False).query("SELECT 1"):
            count += 1
            page_number, offset = divmod(count, rows_per_page)
            if offset == 1 and page_number in (20, 60, 190):
                peaks[page_number] = tracemalloc.get_traced_memory()[1]
                gc.collect()
                retained[page_number] = tracemalloc.get_traced_memory()[0]
                tracemalloc.reset_peak()
    finally:
        tracemalloc.stop()

    assert count == pages * rows_per_page
    # nothing accumulates page after page (caches of urllib/httpx stay far below a page) ...
    assert retained[190] - retained[20] < page_bytes, (retained, page_bytes)
    # ... and the transient peak (current page, prefetched page, parsing) does not grow
    assert peaks[190] - peaks[60] < page_bytes, (peaks, page_bytes)

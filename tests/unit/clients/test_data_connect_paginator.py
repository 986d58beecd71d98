"""The generic paginator (used by Data Connect, collection items...): consumed pages are
released, the prefetch thread stops when a result is abandoned, closed or exhausted."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Callable
from typing import Any

import httpx
import pytest

from dnastack.client.pagination import (
    IncompleteResultError,
    Page,
    PageRequest,
    Paginator,
)
from dnastack.exceptions import NotFoundError
from dnastack.http.session import HttpSession
from dnastack.http.transport import build_http_client


class Marker:
    """A weak-referenceable item: tells which pages are still alive."""

    def __init__(self, page: int) -> None:
        self.page = page


def session_for(handler: Callable[[httpx.Request], httpx.Response]) -> HttpSession:
    client = build_http_client(transport=httpx.MockTransport(handler), sleep=lambda s: None)
    return HttpSession(session=client)


def pages_handler(pages: int) -> Callable[[httpx.Request], httpx.Response]:
    def handler(request: httpx.Request) -> httpx.Response:
        number = int(request.url.params.get("page", "1"))
        link = f"?page={number + 1}" if number < pages else ""
        return httpx.Response(200, json={"page": number, "next": link})

    return handler


def marker_parser(alive: list[weakref.ref[Marker]]) -> Callable[[bytes], Page[Marker]]:
    def parse(content: bytes) -> Page[Marker]:
        import json

        body = json.loads(content)
        items = [Marker(body["page"]) for _ in range(3)]
        alive.extend(weakref.ref(item) for item in items)
        return Page(items, body["next"] or None)

    return parse


def live_pages(alive: list[weakref.ref[Marker]]) -> set[int]:
    gc.collect()
    return {marker.page for ref in alive if (marker := ref()) is not None}


def test_data_connect_paginator_releases_every_consumed_page() -> None:
    alive: list[weakref.ref[Marker]] = []
    paginator = Paginator(
        session_for(pages_handler(200)),
        PageRequest(url="http://api.test/items"),
        marker_parser(alive),
    )
    seen = 0
    for item in paginator.items():
        seen += 1
        if seen % 30 == 1:  # first item of every 10th page
            assert live_pages(alive) == {item.page}
        del item
    assert seen == 600
    assert paginator.rows_so_far == 600
    assert live_pages(alive) == set()


def test_data_connect_paginator_close_stops_the_prefetch_thread() -> None:
    paginator = Paginator(
        session_for(pages_handler(50)),
        PageRequest(url="http://api.test/items"),
        marker_parser([]),
    )
    items = paginator.items()
    next(items)
    assert any(t.name.startswith("dnastack-prefetch") for t in threading.enumerate())
    paginator.close()
    for thread in threading.enumerate():
        if thread.name.startswith("dnastack-prefetch"):
            thread.join(timeout=10)
            assert not thread.is_alive()
    assert len(list(items)) <= 2  # what is left of the current page, nothing more


def test_data_connect_paginator_single_page_result_starts_no_thread() -> None:
    before = {t.ident for t in threading.enumerate()}
    paginator = Paginator(
        session_for(pages_handler(1)),
        PageRequest(url="http://api.test/items"),
        marker_parser([]),
    )
    assert len(list(paginator.items())) == 3
    assert {t.ident for t in threading.enumerate()} <= before | {None}


def test_data_connect_paginator_is_lazy_and_single_use() -> None:
    requests: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        return pages_handler(1)(request)

    paginator = Paginator(
        session_for(handler), PageRequest(url="http://api.test/items"), marker_parser([])
    )
    items = paginator.items()
    assert requests == []
    assert len(list(items)) == 3
    with pytest.raises(RuntimeError):
        paginator.pages()


def test_data_connect_paginator_marks_page_fetches_idempotent() -> None:
    extensions: list[Any] = []

    def handler(request: httpx.Request) -> httpx.Response:
        extensions.append(request.extensions.get("dnastack.idempotent"))
        return pages_handler(2)(request)

    first = PageRequest(url="http://api.test/search", method="POST", json={"query": "x"})
    assert len(list(Paginator(session_for(handler), first, marker_parser([])).items())) == 6
    assert extensions == [True, True]


def test_data_connect_paginator_missing_next_page_is_an_incomplete_result() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if "page" in request.url.params:
            return httpx.Response(404, json={"message": "query expired"})
        return pages_handler(5)(request)

    paginator = Paginator(
        session_for(handler),
        PageRequest(url="http://api.test/items"),
        marker_parser([]),
        what="listing",
    )
    with pytest.raises(IncompleteResultError) as caught:
        list(paginator.items())
    assert caught.value.rows_so_far == 3
    assert isinstance(caught.value.__cause__, NotFoundError)
    assert "query expired" in str(caught.value)


def test_data_connect_paginator_abandoned_download_does_not_delay_exit() -> None:
    import subprocess
    import sys
    import textwrap

    script = textwrap.dedent(
        """
        import threading, httpx
        from dnastack.client.pagination import Page, PageRequest, Paginator
        from dnastack.http.session import HttpSession
        from dnastack.http.transport import build_http_client

        never = threading.Event()

        def handler(request):
            if "page" in request.url.params:
                never.wait()  # the next page never comes
            return httpx.Response(200, json={"n": 1})

        session = HttpSession(session=build_http_client(transport=httpx.MockTransport(handler)))
        paginator = Paginator(
            session,
            PageRequest(url="http://api.test/items"),
            lambda body: Page([1, 2], "?page=2"),
        )
        items = paginator.items()
        print(next(items), flush=True)  # page 2 is now being fetched, forever
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "1"

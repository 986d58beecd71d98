"""The page walk: loops, polling, bounds (httpx.MockTransport serves the pages)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from dnastack.contract.bounds import WalkBounds
from dnastack.contract.deep import DeepContext, Fetched
from dnastack.contract.pages import walk_pages
from dnastack.contract.report import Violation
from dnastack.contract.spec_document import SpecDocument

BASE = "http://dc.test"
ENABLED = frozenset({"pagination", "response_schema_conformance", "format_conformance"})


def _context(
    pages: dict[str, tuple[dict[str, Any], dict[str, str]]], **bounds: Any
) -> tuple[DeepContext, list[Violation], list[float]]:
    def handler(request: httpx.Request) -> httpx.Response:
        key = request.url.path + ("?" + request.url.query.decode() if request.url.query else "")
        if key not in pages:
            return httpx.Response(404, json={"errors": [{"title": "gone"}]})
        body, headers = pages[key]
        return httpx.Response(200, json=body, headers=headers)

    found: list[Violation] = []
    slept: list[float] = []
    context = DeepContext(
        client=httpx.Client(transport=httpx.MockTransport(handler)),
        base_url=BASE,
        spec=SpecDocument({}),
        bounds=WalkBounds(**bounds),
        enabled=ENABLED,
        secrets=[],
        run_headers={},
        add=found.append,
        sleep=slept.append,
    )
    return context, found, slept


def _walk(context: DeepContext, path: str) -> Callable[[], Any]:
    first: Fetched = context.fetch("GET", BASE + path)
    return lambda: walk_pages(context, "POST /search", first)


def _page(data: list[Any], next_url: str | None) -> dict[str, Any]:
    page: dict[str, Any] = {"data": data}
    if next_url is not None:
        page["pagination"] = {"next_page_url": next_url}
    return page


def test_a_next_link_back_to_a_page_with_rows_is_a_loop() -> None:
    context, found, _ = _context(
        {
            "/q?a=1&page=1": (_page([{"x": 1}], "/q?page=2&a=1"), {}),
            "/q?page=2&a=1": (_page([{"x": 2}], "/q?page=1&a=1"), {}),
        }
    )
    walk = _walk(context, "/q?a=1&page=1")()
    assert len(walk.pages) == 2 and not walk.complete
    assert [(v.check, v.title) for v in found] == [("pagination", "Pagination loop")]


def test_an_empty_page_pointing_to_itself_is_polling_not_a_loop() -> None:
    pages: dict[str, tuple[dict[str, Any], dict[str, str]]] = {}

    context, found, slept = _context(pages)
    pages["/poll"] = (_page([], "/poll"), {"Retry-After": "5"})
    first = context.fetch("GET", BASE + "/poll")
    pages["/poll"] = (_page([{"x": 1}], None), {})  # ready by the second request
    walk = walk_pages(context, "POST /search", first)
    assert found == []
    assert walk.complete and len(walk.pages) == 2
    assert slept == [2.0]  # Retry-After honoured, capped


def test_a_next_link_that_404s_and_the_page_bound() -> None:
    context, found, _ = _context({"/a": (_page([1], "/b"), {})})
    _walk(context, "/a")()
    assert [v.title for v in found] == ["next_page_url does not lead to a page"]
    assert found[0].status_code == 404

    chain = {f"/p{i}": (_page([i], f"/p{i + 1}"), {}) for i in range(10)}
    context, found, _ = _context(chain, max_pages=3)
    walk = _walk(context, "/p0")()
    assert found == [] and len(walk.pages) == 3
    assert context.cut_short == [
        "--max-pages (contract_max_pages) 3 stopped the pages of POST /search (more were linked)"
    ]

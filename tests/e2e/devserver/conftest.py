"""Shared pieces of the devserver end-to-end tests: HTTP clients on the session server."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urljoin

import httpx
import pytest

from tests.fixtures.devserver import DevServer


@pytest.fixture
def client(devserver: DevServer) -> Iterator[httpx.Client]:
    """A plain httpx client on the shared devserver's root URL."""
    with httpx.Client(base_url=devserver.base_url, timeout=30.0) as http:
        yield http


PageFollower = Callable[[httpx.Client, httpx.Response], tuple[list[Any], list[dict[str, Any]]]]


def _follow_pages(
    http: httpx.Client, first: httpx.Response, *, limit: int = 100_000
) -> tuple[list[Any], list[dict[str, Any]]]:
    """All rows of a Data Connect pagination sequence, and every page body seen."""
    pages = []
    response = first
    while True:
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "application/json"
        page = response.json()
        pages.append(page)
        next_url = (page.get("pagination") or {}).get("next_page_url")
        if not next_url:
            break
        assert len(pages) < limit, "pagination does not end"
        response = http.get(urljoin(str(response.url), next_url))
    rows = [row for page in pages for row in page["data"]]
    return rows, pages


@pytest.fixture
def follow_pages() -> PageFollower:
    """``follow_pages(http, first_response)`` -> (all rows, all page bodies)."""
    return _follow_pages

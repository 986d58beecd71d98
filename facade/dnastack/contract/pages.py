"""Follow ``next_page_url`` from a first page, checking every page on the way (bounded).

Each page is checked against the schema of the operation that started the walk (structure
and formats), and, for Data Connect results, its rows against its ``data_model``. The walk
reports a next link that is not a URL, that answers anything but a 2xx with JSON, or that
leads back to a page already seen (a loop; an empty page pointing to itself is the polling
pattern, followed after its ``Retry-After``, at most 2 s). It stops at ``--max-pages``, the
byte and the time budget, and the report says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from dnastack.contract.data_model import model_problems, row_problems
from dnastack.contract.deep import NOT_JSON, DeepContext, Fetched, same_origin
from dnastack.contract.formats import is_uri_reference

__all__ = ["PageWalk", "check_rows", "walk_pages"]

PAGINATION = "pagination"
MAX_POLL_WAIT = 2.0
"""Longest ``Retry-After`` honoured between polling pages (the time budget bounds the rest)."""
DATA_MODEL = "data_model_conformance"


@dataclass
class PageWalk:
    """What one walk saw: the pages' JSON documents, in order."""

    pages: list[Any] = field(default_factory=list)
    complete: bool = False


def _canonical(url: str) -> str:
    parts = urlsplit(url)
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, query, ""))


def _polling(page: object) -> bool:
    """An empty page with a next link: the result is not ready yet (Data Connect polling)."""
    return isinstance(page, dict) and page.get("data") == [] and "tables" not in page


def _retry_after(fetched: Fetched) -> float:
    try:
        return min(max(float(fetched.headers.get("retry-after", "0")), 0.0), MAX_POLL_WAIT)
    except ValueError:
        return 0.0


def _next_link(page: object) -> object:
    if not isinstance(page, dict):
        return None
    pagination = page.get("pagination")
    return pagination.get("next_page_url") if isinstance(pagination, dict) else None


def check_rows(
    ctx: DeepContext, operation: str, fetched: Fetched, page: object, number: int
) -> None:
    """Data Connect result page ``number``: its ``data_model`` and its rows."""
    if not isinstance(page, dict) or not isinstance(page.get("data"), list):
        return
    rows = page["data"]
    model = page.get("data_model")
    where = f"page {number}"
    if model is None:
        if rows:
            ctx.violation(
                operation,
                DATA_MODEL,
                "Rows without a data_model",
                f"{where} has {len(rows)} row(s) and no data_model",
                fetched,
            )
        return
    problems = model_problems(model)
    if problems:
        ctx.violation(
            operation,
            DATA_MODEL,
            "data_model is not a valid JSON Schema",
            f"{where}: " + "\n".join(problems),
            fetched,
        )
        return
    wrong, undeclared = row_problems(rows, model)
    if wrong:
        ctx.violation(
            operation,
            DATA_MODEL,
            "Row does not match its data_model",
            f"{where}: " + "\n".join(wrong),
            fetched,
        )
    if undeclared:
        ctx.violation(
            operation,
            DATA_MODEL,
            "Row has a column its data_model does not declare",
            f"{where}: " + "\n".join(undeclared),
            fetched,
        )


def walk_pages(
    ctx: DeepContext,
    operation: str,
    first: Fetched,
    *,
    check_page: Callable[[Fetched, Any, int], None] | None = None,
    subject: str = "",
) -> PageWalk:
    """Check ``first`` (already fetched) and every page its ``next_page_url`` chain leads to.

    ``subject`` names what is walked in the report's cut-short lines (``table 'big'``).
    """
    walk = PageWalk()
    fetched, url = first, first.url
    seen = {_canonical(url)}
    what = f"the pages of {operation}" + (f" ({subject})" if subject else "")
    while True:
        number = len(walk.pages) + 1
        page = fetched.json()
        if page is NOT_JSON:
            if number > 1:
                ctx.violation(
                    operation,
                    PAGINATION,
                    "Next page is not JSON",
                    f"page {number} (from next_page_url) is not a JSON document",
                    fetched,
                )
            return walk
        walk.pages.append(page)
        if number > 1:
            ctx.check_schema(operation, fetched, page, what=f"Page {number}")
        if check_page is not None:
            check_page(fetched, page, number)
        link = _next_link(page)
        if link is None:
            walk.complete = True
            return walk
        if not isinstance(link, str) or not link or not is_uri_reference(link):
            ctx.violation(
                operation,
                PAGINATION,
                "next_page_url is not a URL",
                f"page {number}: next_page_url {link!r} is not a URI reference",
                fetched,
            )
            return walk
        target = urljoin(url, link)
        if urlsplit(target).scheme not in ("http", "https"):
            ctx.violation(
                operation,
                PAGINATION,
                "next_page_url is not an HTTP URL",
                f"page {number}: next_page_url {link!r} resolves to {target!r}",
                fetched,
            )
            return walk
        if _canonical(target) in seen and not _polling(page):
            ctx.violation(
                operation,
                PAGINATION,
                "Pagination loop",
                f"page {number}: next_page_url {link!r} leads back to a page already read",
                fetched,
            )
            return walk
        if not same_origin(target, ctx.base_url):
            ctx.note(f"{operation}: a next_page_url on another origin was not followed")
            return walk
        if number >= ctx.bounds.max_pages:
            ctx.cut(
                f"--max-pages (contract_max_pages) {ctx.bounds.max_pages} stopped {what} "
                "(more were linked)"
            )
            return walk
        if ctx.out_of_budget(what):
            return walk
        if _polling(page):  # the result is not ready: the same or a new URL, after Retry-After
            ctx.sleep(_retry_after(fetched))
        seen.add(_canonical(target))
        fetched, url = ctx.fetch("GET", target), target
        if fetched.status == 429:
            ctx.note(f"{operation}: the server asked to slow down (429); walk stopped")
            return walk
        if not fetched.ok:
            status = fetched.status if fetched.status is not None else fetched.error
            ctx.violation(
                operation,
                PAGINATION,
                "next_page_url does not lead to a page",
                f"page {number}: GET {target} answered {status}",
                fetched,
            )
            return walk
        if fetched.truncated:
            ctx.cut(f"the byte budget stopped {what} inside page {number + 1}")
            return walk

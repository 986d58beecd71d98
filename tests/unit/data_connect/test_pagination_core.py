"""The I/O-free pagination core: table tests of every rule (no sockets, no clock)."""

from __future__ import annotations

import pytest

from dnastack.client.data_connect import QueryError
from dnastack.client.pagination_core import (
    DEFAULT_POLLING_MAX_WAIT_SECONDS,
    IncompleteResultError,
    PageReport,
    PaginationCore,
    PaginationLoopError,
    PollingPolicy,
    PollingTimeoutError,
    UnsafeNextPageError,
)
from dnastack.exceptions import UnsafeUrlError

BASE = "http://dc.test/data-connect/search"


def core(**polling: float | None) -> PaginationCore:
    return PaginationCore(PollingPolicy(**polling), error_class=QueryError, what="query")  # type: ignore[arg-type]


def read(
    c: PaginationCore,
    url: str,
    next_link: str | None,
    items: int,
    *,
    now: float = 0.0,
    retry_after: float | None = None,
) -> IncompleteResultError | str | None:
    """Plan, deliver, and give the next URL, or the error the driver would raise."""
    step = c.plan(PageReport(url, next_link, items, retry_after=retry_after, now=now))
    c.delivered(items)
    if step.failure is not None:
        return c.error(step.failure)
    return str(step.url) if step.url is not None else None


def test_relative_next_links_resolve_against_the_page_that_carried_them() -> None:
    c = core()
    assert read(c, BASE, "q/2", 5) == "http://dc.test/data-connect/q/2"
    assert read(c, "http://dc.test/data-connect/q/2", "../../other?p=3", 5) == (
        "http://dc.test/other?p=3"
    )
    assert read(c, "http://dc.test/other?p=3", None, 1) is None
    assert (c.rows_so_far, c.pages_so_far) == (11, 3)


def test_next_link_back_to_a_page_already_read_is_a_loop_error_after_its_rows() -> None:
    c = core()
    assert read(c, BASE, "p1", 3) == "http://dc.test/data-connect/p1"
    assert read(c, "http://dc.test/data-connect/p1", "p2", 4) == "http://dc.test/data-connect/p2"
    error = read(c, "http://dc.test/data-connect/p2", "p1#again", 5)

    assert isinstance(error, PaginationLoopError)
    assert isinstance(error, QueryError)  # the client's error class too
    assert error.rows_so_far == 12 and error.pages_so_far == 3
    assert error.url == "http://dc.test/data-connect/p1"


def test_a_page_with_items_pointing_at_itself_is_a_loop() -> None:
    c = core()
    read(c, BASE, "p", 1)
    assert isinstance(read(c, "http://dc.test/data-connect/p", "p", 2), PaginationLoopError)


def test_polling_the_same_url_with_empty_pages_is_the_one_repeat_allowed() -> None:
    c = core(initial_delay=1.0, max_delay=1.0)
    url = "http://dc.test/data-connect/q"
    assert read(c, BASE, "q", 0) == url
    for n in range(1, 5):
        assert read(c, url, "q", 0, now=float(n)) == url
    assert read(c, url, "q2", 7, now=6.0) == "http://dc.test/data-connect/q2"
    # once rows came, the polled URL is a page already read
    assert isinstance(read(c, "http://dc.test/data-connect/q2", "q", 1), PaginationLoopError)


def test_an_empty_page_pointing_to_an_earlier_page_is_a_loop() -> None:
    c = core()
    read(c, BASE, "a", 2)
    read(c, "http://dc.test/data-connect/a", "b", 0)
    assert isinstance(read(c, "http://dc.test/data-connect/b", "a", 0), PaginationLoopError)


def test_the_first_get_url_counts_as_read_but_a_first_post_does_not() -> None:
    get = PaginationCore(PollingPolicy(), first_url="http://dc.test/tables")
    assert isinstance(read(get, "http://dc.test/tables", "/tables", 1), PaginationLoopError)
    post = PaginationCore(PollingPolicy())
    assert read(post, BASE, BASE, 1) == BASE


@pytest.mark.parametrize(
    "link",
    [
        "file:///etc/passwd",
        "data:application/json,{}",
        "javascript:alert(1)",
        "  FILE:///etc/passwd",
        "java\nscript:alert(1)",
        "ftp://dc.test/next",
        "vbscript:msgbox",
        "http://dc.test:99999/next",  # a port a socket would wrap around
    ],
)
def test_next_links_with_another_scheme_are_typed_errors_never_joined(link: str) -> None:
    c = core()
    error = read(c, BASE, link, 3)

    assert isinstance(error, UnsafeNextPageError) and isinstance(error, QueryError)
    assert isinstance(error.__cause__, UnsafeUrlError)
    assert error.rows_so_far == 3
    assert "passwd" not in str(error)  # the hostile URL is not echoed


def test_polling_gives_up_when_planned_waits_pass_the_bound() -> None:
    c = core(initial_delay=1.0, max_delay=1.0, max_total_wait=3.0)
    url = "http://dc.test/data-connect/q"
    results = [read(c, BASE if n == 0 else url, "q", 0) for n in range(5)]

    # three waits of 1 s fit in 3 s; the fourth would not
    assert results[:3] == [url] * 3
    assert isinstance(results[3], PollingTimeoutError) and isinstance(results[3], QueryError)
    assert "not ready after polling for 3 s" in str(results[3])


def test_polling_time_is_measured_with_the_clock_even_when_retry_after_is_zero() -> None:
    c = core(max_total_wait=10.0)
    url = "http://dc.test/data-connect/q"
    now, outcome = 0.0, read(c, BASE, "q", 0, retry_after=0.0)
    while isinstance(outcome, str):
        now += 1.0  # each poll takes one second of wall time
        outcome = read(c, url, "q", 0, now=now, retry_after=0.0)

    assert isinstance(outcome, PollingTimeoutError)
    assert now == 11.0


def test_polling_has_a_default_bound_of_ten_minutes() -> None:
    assert PollingPolicy().max_total_wait == DEFAULT_POLLING_MAX_WAIT_SECONDS == 600.0


def test_reported_errors_end_the_result_after_the_page_is_delivered() -> None:
    c = core()
    step = c.plan(PageReport(BASE, "next", 4, errors=[{"title": "T", "detail": "D"}]))
    assert step.url is None and step.failure is not None
    c.delivered(4)
    error = c.error(step.failure)
    assert type(error) is QueryError
    assert error.rows_so_far == 4 and "T: D" in str(error)

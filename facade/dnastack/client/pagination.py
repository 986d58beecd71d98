"""The one paginator: every paged listing of the SDK (Data Connect tables and rows, collection
items, ...) is a :class:`Paginator` with a client-specific page parser.

Behaviour:

The rules (next-link resolution and the http(s)-only check, loop detection, the polling
wait and its bound, reported errors, ``rows_so_far`` accounting) live in the I/O-free
:class:`~dnastack.client.pagination_core.PaginationCore`; :class:`Paginator` is its sync
driver (an async driver reuses the same core). The driver adds:

* **Retries**: every page fetch is marked idempotent (the first one too unless its
  :class:`PageRequest` says otherwise), so the transport retries it on connection failures
  and 429/502/503/504, honouring ``Retry-After``.
* **Prefetch**: while the caller consumes page *n*, one background thread fetches and
  parses page *n+1*, and nothing further: at most two pages are alive at any time.
* **Memory**: no page of a consumed page is kept; one 16-byte digest per URL read (loop
  detection).
* **No silent truncation**: a page reporting ``errors``, a next link that loops back
  (:class:`PaginationLoopError`) or is not http(s) (:class:`UnsafeNextPageError`), polling
  past its bound (:class:`PollingTimeoutError`), or a page fetch failing after the first
  response, raises the paginator's ``error_class`` (an :class:`IncompleteResultError`)
  with ``rows_so_far``, the number of items delivered before it; a body that does not
  parse raises :class:`PageParseError` (a :class:`~dnastack.exceptions.ResponseParseError`),
  also with ``rows_so_far``. A failure of the very first request is raised as it is
  (:class:`~dnastack.exceptions.HttpError`, :class:`~dnastack.exceptions.TransportError`...):
  nothing has been delivered yet.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Generator, Iterator, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from functools import partial
from itertools import chain
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from dnastack.client.pagination_core import (
    IncompleteResultError,
    NextStep,
    PageReport,
    PaginationCore,
    PaginationLoopError,
    PollingPolicy,
    PollingTimeoutError,
    UnsafeNextPageError,
)
from dnastack.common.logs import sdk_logger
from dnastack.exceptions import (
    AuthenticationError,
    DnastackError,
    HttpError,
    ResponseParseError,
    ResponseTooLargeError,
    TransportError,
    safe_url,
)

if TYPE_CHECKING:
    import httpx

    from dnastack.common.tracing import Span
    from dnastack.http.session import HttpSession

__all__ = [
    "IncompleteResultError",
    "Page",
    "PageParseError",
    "PageParser",
    "PageRequest",
    "PaginationLoopError",
    "Paginator",
    "PollingPolicy",
    "PollingTimeoutError",
    "UnsafeNextPageError",
    "load_json",
]

T = TypeVar("T")
_R = TypeVar("_R")

_logger = sdk_logger("dnastack.client.pagination")


def _json_loader() -> Callable[[bytes], Any]:
    try:
        import orjson
    except ImportError:  # the "fast" extra is optional
        import json

        return json.loads
    loads: Callable[[bytes], Any] = orjson.loads
    return loads


load_json: Callable[[bytes], Any] = _json_loader()
"""Parse a JSON body: ``orjson.loads`` when orjson is installed, else ``json.loads``."""


class PageParseError(ResponseParseError):
    """A page whose body does not match the specification; ``rows_so_far`` were delivered."""

    def __init__(
        self, message: str, *, rows_so_far: int, url: str | None, status_code: int | None = None
    ) -> None:
        self.rows_so_far = rows_so_far
        self.url = url
        super().__init__(
            f"{message} (page {url}, after {rows_so_far} rows)",
            operation="page",
            status_code=status_code,
        )


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One parsed page: its items, the raw next-page link, reported errors, metadata."""

    items: list[T]
    next_link: str | None = None
    errors: Sequence[Any] = ()
    meta: Any = None


PageParser = Callable[[bytes], Page[T]]
"""Turns a page body into a :class:`Page`; raises :class:`ResponseParseError` (or
``ValueError``/``KeyError``/``TypeError``) for a body that does not match the spec."""


@dataclass(frozen=True)
class PageRequest:
    """The request for the first page (later pages are ``GET`` of the next-page URL)."""

    url: str
    method: str = "GET"
    json: Any = None
    params: Mapping[str, Any] | None = None
    headers: Mapping[str, str] | None = None
    idempotent: bool = True


_PARSE_FAILURES = (
    ResponseParseError,
    ValueError,
    KeyError,
    TypeError,
    RecursionError,  # deeply nested JSON
    OverflowError,  # numbers out of range
)


class _BadPage(Exception):
    """Internal: a page body that does not parse (becomes a PageParseError for the caller)."""

    def __init__(self, message: str, url: str, status_code: int) -> None:
        super().__init__(message)
        self.message = message
        self.url = url
        self.status_code = status_code


@dataclass(slots=True)
class _Fetched(Generic[T]):
    page: Page[T]
    url: httpx.URL
    retry_after: float | None


class Paginator(Generic[T]):
    """Iterates the pages (or items) of one paged result. Lazy: nothing is sent until the
    first page is asked for. Single use.

    Args:
        session: the client's pooled session (auth, retries, typed errors).
        first: the request of the first page.
        parse: the page parser.
        trace: the caller's span; each page request runs in a child span.
        polling: the empty-page policy (and its bound on the total wait).
        error_class: the :class:`IncompleteResultError` subclass raised mid-stream.
        prefetch: fetch page *n+1* in a background thread while page *n* is consumed.
        what: how error messages name the result (``"query"``, ``"collection items"``...).
    """

    def __init__(
        self,
        session: HttpSession,
        first: PageRequest,
        parse: PageParser[T],
        *,
        trace: Span | None = None,
        polling: PollingPolicy | None = None,
        error_class: type[IncompleteResultError] = IncompleteResultError,
        prefetch: bool = True,
        what: str = "result",
    ) -> None:
        self._session = session
        self._first = first
        self._parse = parse
        self._trace = trace
        self._polling = polling or PollingPolicy()
        self._core = PaginationCore(
            self._polling,
            error_class=error_class,
            what=what,
            first_url=first.url if first.method.upper() == "GET" and not first.params else None,
        )
        self._prefetch = prefetch
        self._what = what
        self._generator: Generator[Page[T], None, None] | None = None

    @property
    def rows_so_far(self) -> int:
        """Items in the pages delivered so far."""
        return self._core.rows_so_far

    @property
    def pages_so_far(self) -> int:
        """Pages delivered so far (empty polling pages included)."""
        return self._core.pages_so_far

    @property
    def last_meta(self) -> Any:
        """The ``meta`` of the latest page that had one (e.g. the Data Connect data_model)."""
        return self._core.meta

    def items(self) -> Iterator[T]:
        """Every item of every page, in order (a C-level chain over the pages' lists)."""
        return chain.from_iterable(self._item_lists())

    def _item_lists(self) -> Iterator[list[T]]:
        for page in self.pages():
            items = page.items
            del page  # no reference to a consumed page while the next one is awaited
            yield items
            del items

    def pages(self) -> Iterator[Page[T]]:
        """Every page, in order (a generator; closing it stops the prefetch)."""
        if self._generator is not None:
            raise RuntimeError("a paginator can be iterated only once")
        self._generator = self._iterate_pages()
        return self._generator

    def close(self) -> None:
        """Stop: no further page is fetched and the prefetch thread ends."""
        if self._generator is not None:
            self._generator.close()

    # -- the loop: I/O only, every decision is the core's ----------------------------------

    def _iterate_pages(self) -> Generator[Page[T], None, None]:
        core = self._core
        worker: _PrefetchWorker | None = None
        pending: Future[httpx.Response] | None = None
        try:
            try:
                current: _Fetched[T] | None = self._fetch(self._first, 0.0)
            except _BadPage as exc:
                raise self._parse_error(exc) from exc.__cause__
            while current is not None:
                page = current.page
                step = self._plan(current)
                next_url = step.url
                if next_url is not None and self._prefetch:
                    if worker is None:
                        worker = _PrefetchWorker()
                    pending = worker.submit(partial(self._download, next_url, step.delay))
                current = None
                yield page
                core.delivered(len(page.items))
                del page
                if step.failure is not None:
                    raise core.error(step.failure)
                if next_url is None:
                    return
                if pending is not None:
                    future, pending = pending, None
                    current = self._guarded(partial(self._collect, future), next_url)
                    del future
                else:
                    current = self._guarded(partial(self._fetch, next_url, step.delay), next_url)
        finally:
            if pending is not None:
                pending.cancel()
            if worker is not None:
                worker.stop()

    def _plan(self, current: _Fetched[T]) -> NextStep:
        """The core's decision about a page just read (shared with the asyncio driver)."""
        page = current.page
        return self._core.plan(
            PageReport(
                current.url,
                page.next_link,
                len(page.items),
                page.errors,
                current.retry_after,
                self._polling.clock(),
                page.meta,
            )
        )

    def _guarded(self, call: Callable[[], _Fetched[T]], url: httpx.URL) -> _Fetched[T]:
        """Run a page fetch after the first one: failures become typed mid-stream errors."""
        try:
            return call()
        except _MID_STREAM_FAILURES as exc:
            raise self._mid_stream_error(exc, url) from _cause_of(exc)

    def _mid_stream_error(self, exc: BaseException, url: httpx.URL) -> DnastackError:
        """The typed error for a failed page fetch after the first one."""
        if isinstance(exc, _BadPage):
            return self._parse_error(exc)
        return self._core.fetch_failed(exc, url)

    def _parse_error(self, bad: _BadPage) -> PageParseError:
        return PageParseError(
            bad.message,
            rows_so_far=self._core.rows_so_far,
            url=bad.url,
            status_code=bad.status_code,
        )

    def _fetch(self, request: PageRequest | httpx.URL, delay: float) -> _Fetched[T]:
        """Download and parse one page."""
        return self._parse_response(self._download(request, delay))

    def _download(self, request: PageRequest | httpx.URL, delay: float) -> httpx.Response:
        """Wait ``delay`` then fetch one page's body: the only work of the prefetch thread,
        which spends it waiting on the socket (the GIL released); parsing happens in the
        consumer's thread."""
        if delay > 0:
            self._polling.sleep(delay)
        method, url, options = self._request_of(request)
        return self._session.submit(method, url, **options)

    def _request_of(
        self, request: PageRequest | httpx.URL
    ) -> tuple[str, httpx.URL | str, dict[str, Any]]:
        """(method, URL, session options) of a page fetch (shared with the asyncio driver)."""
        if not isinstance(request, PageRequest):
            return "GET", request, {"trace_context": self._trace, "idempotent": True}
        options = {
            "trace_context": self._trace,
            "idempotent": request.idempotent,
            "json": request.json,
            "params": request.params,
            "headers": request.headers,
        }
        return request.method, request.url, options

    def _collect(self, download: Future[httpx.Response]) -> _Fetched[T]:
        return self._parse_response(download.result())

    def _parse_response(self, response: httpx.Response) -> _Fetched[T]:
        import httpx

        from dnastack.http.retry import parse_retry_after

        page_url = response.url
        try:
            page = self._parse(response.content)
        except _PARSE_FAILURES as exc:
            raise _BadPage(
                f"{self._what}: the page does not match the API specification "
                f"({type(exc).__name__}: {exc})",
                safe_url(page_url),
                response.status_code,
            ) from exc
        retry_after = parse_retry_after(response.headers.get("Retry-After"), time.time())
        # The body is read and closed. httpx's bound stream refers back to its response; this
        # cycle would keep the page bytes until a garbage collection: break it so they are
        # freed now, by reference counting.
        response.stream = httpx.ByteStream(b"")
        return _Fetched(page, page_url, retry_after)


_MID_STREAM_FAILURES = (
    _BadPage,
    HttpError,
    TransportError,
    AuthenticationError,
    ResponseTooLargeError,  # a page past max_response_bytes
)


def _cause_of(exc: BaseException) -> BaseException | None:
    return exc.__cause__ if isinstance(exc, _BadPage) else exc


class _PrefetchWorker:
    """One daemon thread running page downloads handed to it, one at a time.

    A daemon (unlike ``ThreadPoolExecutor``'s workers), so a result abandoned while a page
    is in flight or a polling wait is running never delays the interpreter's exit.
    """

    def __init__(self) -> None:
        self._tasks: queue.SimpleQueue[tuple[Future[Any], Callable[[], Any]] | None] = (
            queue.SimpleQueue()
        )
        self._thread = threading.Thread(target=self._run, name="dnastack-prefetch", daemon=True)
        self._thread.start()

    def submit(self, task: Callable[[], _R]) -> Future[_R]:
        future: Future[_R] = Future()
        self._tasks.put((future, task))
        return future

    def stop(self) -> None:
        """Let the thread end once its current download (if any) is over."""
        self._tasks.put(None)

    def _run(self) -> None:
        while (item := self._tasks.get()) is not None:
            future, task = item
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(task())
            except BaseException as exc:  # noqa: BLE001 - handed to the consumer's thread
                future.set_exception(exc)
            del future, task, item

"""The pagination rules as an I/O-free state machine, shared by the sync and async drivers.

:class:`PaginationCore` is told about each page just read (its URL, next link, item count,
reported errors, ``Retry-After``, the time it arrived) and answers with a :class:`NextStep`:
the URL to fetch next and the wait before it, or the end of the result, or a failure to raise
once the page has been delivered. It never sleeps, reads a clock or sends anything; the
driver (:class:`~dnastack.client.pagination.Paginator`, or an async one) does, so every rule
is table-tested without sockets.

Rules:

* **Only http(s)**: the next link is resolved against the URL of the page that carried it
  (RFC 3986) by :func:`dnastack.http.urls.follow_server_url`; another scheme ends the result
  with :class:`UnsafeNextPageError`.
* **No loops**: a next URL that was already read ends the result with
  :class:`PaginationLoopError`. The one repeat allowed is polling: a page *without items*
  whose next link is its own URL. Memory per page read is one 16-byte digest.
* **Bounded polling**: an empty page with a next link means "not ready yet"; the wait before
  the next fetch is :meth:`PollingPolicy.delay`. The time spent polling in one result
  (measured with the driver's clock, and at least the planned waits) is bounded by
  ``PollingPolicy.max_total_wait`` (default :data:`DEFAULT_POLLING_MAX_WAIT_SECONDS`,
  the ``polling_max_wait`` setting); past it, :class:`PollingTimeoutError`.
* **Reported errors**: a page with ``errors`` ends the result with the driver's
  ``error_class`` after that page is delivered.
* **Accounting**: ``rows_so_far``/``pages_so_far`` count what the caller received; every
  error above carries them.

The errors are raised as the driver's ``error_class`` (e.g. Data Connect's ``QueryError``)
combined with the specific class, so ``except QueryError`` and ``except
PaginationLoopError`` both catch a Data Connect loop.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from dnastack.exceptions import DnastackError, UnsafeUrlError, safe_url
from dnastack.settings.sources import DEFAULT_POLLING_MAX_WAIT_SECONDS

if TYPE_CHECKING:
    import httpx

__all__ = [
    "DEFAULT_POLLING_MAX_WAIT_SECONDS",
    "Failure",
    "IncompleteResultError",
    "NextStep",
    "PageReport",
    "PaginationCore",
    "PaginationLoopError",
    "PollingPolicy",
    "PollingTimeoutError",
    "UnsafeNextPageError",
]


class IncompleteResultError(DnastackError):
    """A paged result stopped before its last page; nothing is silently truncated.

    Attributes:
        rows_so_far: items delivered to the caller before the failure.
        pages_so_far: pages delivered to the caller before the failure.
        url: the URL of the failing page (query string stripped).
        errors: the errors the page reported (empty when the fetch itself failed; then
            ``__cause__`` is the :class:`HttpError`/:class:`TransportError` raised).
    """

    def __init__(
        self,
        message: str,
        *,
        rows_so_far: int,
        pages_so_far: int,
        url: str | None = None,
        errors: Sequence[Any] = (),
    ) -> None:
        self.rows_so_far = rows_so_far
        self.pages_so_far = pages_so_far
        self.url = url
        self.errors = list(errors)
        super().__init__(f"{message} (after {rows_so_far} rows in {pages_so_far} pages)")


class PaginationLoopError(IncompleteResultError):
    """A next-page link returned to a page already read (``url``)."""


class PollingTimeoutError(IncompleteResultError):
    """A result was still not ready after polling for ``max_total_wait`` seconds."""


class UnsafeNextPageError(IncompleteResultError):
    """A next-page link that is not an http(s) URL (``__cause__``: the UnsafeUrlError)."""


_COMBINED: dict[tuple[type[Any], type[Any]], type[Any]] = {}


def _combined(kind: type[IncompleteResultError], base: type[IncompleteResultError]) -> type[Any]:
    """``kind`` raised as the driver's ``error_class`` too (one class per pair, cached)."""
    if issubclass(kind, base):
        return kind
    if issubclass(base, kind):
        return base
    found = _COMBINED.get((kind, base))
    if found is None:
        found = type(base.__name__, (kind, base), {"__module__": base.__module__})
        _COMBINED[(kind, base)] = found
    return found


@dataclass(frozen=True)
class PollingPolicy:
    """How long to wait before fetching the next page after a page without items.

    ``Retry-After`` wins when present (capped at ``max_retry_after``); otherwise the n-th
    consecutive empty page waits ``min(max_delay, initial_delay * multiplier ** (n - 1))``.
    ``max_total_wait`` bounds the seconds one result spends polling (None: no bound, only
    when asked for explicitly); past it the result ends with :class:`PollingTimeoutError`.
    ``clock`` measures that time; ``sleep`` waits (both injectable).
    """

    initial_delay: float = 0.05
    multiplier: float = 2.0
    max_delay: float = 2.0
    max_retry_after: float = 60.0
    max_total_wait: float | None = DEFAULT_POLLING_MAX_WAIT_SECONDS
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)
    clock: Callable[[], float] = field(default=time.monotonic, repr=False)

    def delay(self, empty_pages: int, retry_after: float | None) -> float:
        """The wait before the next fetch after ``empty_pages`` consecutive empty pages."""
        if retry_after is not None:
            return max(0.0, min(retry_after, self.max_retry_after))
        exponent = min(max(0, empty_pages - 1), 62)
        return max(0.0, min(self.max_delay, self.initial_delay * self.multiplier**exponent))


@dataclass(frozen=True, slots=True)
class PageReport:
    """What the driver read: one page, as the core needs to know it."""

    url: httpx.URL | str
    next_link: str | None
    item_count: int
    errors: Sequence[Any] = ()
    retry_after: float | None = None
    now: float = 0.0
    meta: Any = None


@dataclass(frozen=True, slots=True)
class Failure:
    """Why a result ends in error; :meth:`PaginationCore.error` builds the exception (with
    the counts at that time) once the page that revealed it has been delivered."""

    kind: type[IncompleteResultError]
    message: str
    url: str
    errors: Sequence[Any] = ()
    cause: BaseException | None = None


@dataclass(frozen=True, slots=True)
class NextStep:
    """The core's answer: deliver the page, then fetch ``url`` after ``delay`` seconds;
    ``url`` None ends the result, and ``failure`` (when set) is raised instead of going on."""

    url: httpx.URL | None
    delay: float = 0.0
    failure: Failure | None = None


def _digest(url: httpx.URL) -> bytes:
    """16 bytes naming ``url`` without its fragment. In an ``httpx.URL``'s text a ``#`` can
    only start the fragment (httpx percent-encodes it anywhere else), so cutting the text
    there is ``url.copy_with(fragment=None)`` without parsing the URL again."""
    return hashlib.blake2b(str(url).partition("#")[0].encode(), digest_size=16).digest()


class PaginationCore:
    """The rules above for one paged result (single use, not thread-safe).

    Args:
        polling: the empty-page policy.
        error_class: the :class:`IncompleteResultError` subclass the driver raises.
        what: how messages name the result (``"query"``, ``"collection items"``...).
        first_url: the URL of the first request when it is a ``GET`` (a repeat of it is a
            loop); None for a ``POST`` (a ``GET`` of the same URL is another request).
    """

    def __init__(
        self,
        polling: PollingPolicy,
        *,
        error_class: type[IncompleteResultError] = IncompleteResultError,
        what: str = "result",
        first_url: httpx.URL | str | None = None,
    ) -> None:
        self.polling = polling
        self.error_class = error_class
        self.what = what
        self.rows_so_far = 0
        self.pages_so_far = 0
        self.meta: Any = None
        """The ``meta`` of the latest page that had one (e.g. a Data Connect data_model)."""
        self._seen: set[bytes] = set()
        if first_url is not None:
            import httpx  # not at import time: `import httpx` loads click when installed

            self._seen.add(_digest(httpx.URL(str(first_url))))
        self._empty_streak = 0
        self._polled = 0.0
        self._last_arrival: float | None = None
        self._last_delay = 0.0

    # -- deciding --------------------------------------------------------------------------

    def plan(self, page: PageReport) -> NextStep:
        """Decide what follows ``page`` (it has been read, not yet delivered)."""
        import httpx

        from dnastack.http.urls import follow_server_url

        page_url = page.url if isinstance(page.url, httpx.URL) else httpx.URL(page.url)
        if page.meta is not None:
            self.meta = page.meta
        if self._last_arrival is not None:  # the previous page was a poll
            self._polled += max(self._last_delay, page.now - self._last_arrival)
        self._last_arrival, self._last_delay = None, 0.0
        if page.errors:
            described = "; ".join(_describe_error(e) for e in page.errors)
            return NextStep(
                None,
                failure=Failure(
                    IncompleteResultError,
                    f"{self.what} failed: the server reported {described}",
                    safe_url(page_url),
                    errors=page.errors,
                ),
            )
        if not page.next_link:
            return NextStep(None)
        try:
            next_url = follow_server_url(page_url, page.next_link, what="next page link")
        except UnsafeUrlError as exc:
            return NextStep(
                None,
                failure=Failure(
                    UnsafeNextPageError, f"{self.what}: {exc}", safe_url(page_url), cause=exc
                ),
            )
        key = _digest(next_url)
        is_poll = page.item_count == 0 and key == _digest(page_url)
        if key in self._seen and not is_poll:
            return NextStep(
                None,
                failure=Failure(
                    PaginationLoopError,
                    f"{self.what}: the next page link returns to a page already read "
                    f"({safe_url(next_url)})",
                    safe_url(next_url),
                ),
            )
        self._seen.add(key)
        if page.item_count:
            self._empty_streak = 0
            return NextStep(next_url)
        self._empty_streak += 1
        delay = self.polling.delay(self._empty_streak, page.retry_after)
        limit = self.polling.max_total_wait
        if limit is not None and self._polled + delay > limit:
            return NextStep(
                None,
                failure=Failure(
                    PollingTimeoutError,
                    f"{self.what} not ready after polling for {limit:g} s",
                    safe_url(page_url),
                ),
            )
        self._last_arrival, self._last_delay = page.now, delay
        return NextStep(next_url, delay)

    def delivered(self, item_count: int) -> None:
        """Count a page handed to the caller."""
        self.rows_so_far += item_count
        self.pages_so_far += 1

    # -- errors ------------------------------------------------------------------------------

    def error(self, failure: Failure) -> IncompleteResultError:
        """The exception for ``failure``: its class combined with the driver's
        ``error_class``, carrying the counts so far (``__cause__`` set)."""
        error_type: type[IncompleteResultError] = _combined(failure.kind, self.error_class)
        error = error_type(
            failure.message,
            rows_so_far=self.rows_so_far,
            pages_so_far=self.pages_so_far,
            url=failure.url,
            errors=failure.errors,
        )
        error.__cause__ = failure.cause
        return error

    def fetch_failed(self, exc: BaseException, url: httpx.URL | str) -> IncompleteResultError:
        """A page after the first could not be fetched (``exc`` becomes ``__cause__``)."""
        return self.error(
            Failure(
                IncompleteResultError,
                f"{self.what} failed while fetching page {self.pages_so_far + 1}: {exc}",
                safe_url(url),
                cause=exc,
            )
        )


def _describe_error(error: Any) -> str:
    if isinstance(error, Mapping):
        title, detail = error.get("title"), error.get("detail")
    else:
        title, detail = getattr(error, "title", None), getattr(error, "detail", None)
    if title and detail:
        return f"{title}: {detail}"
    return str(title or detail or error)

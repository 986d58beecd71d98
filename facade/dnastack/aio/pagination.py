"""``AsyncPaginator``: the asyncio driver of the one paginator.

Every decision (next URL, loops, polling waits and bounds, reported errors, counts) is the
:class:`~dnastack.client.pagination_core.PaginationCore`'s, and page parsing and error
typing are the sync :class:`~dnastack.client.pagination.Paginator`'s (inherited): this
class only performs the I/O, with ``await``. Prefetch: while the caller consumes page *n*,
a task fetches page *n+1*, and nothing further. Closing the iterator (or cancelling the
consuming task) cancels that task.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, TypeVar

import httpx

from dnastack.client.pagination import Page, PageRequest, Paginator, _BadPage, _Fetched
from dnastack.exceptions import AuthenticationError, HttpError, TransportError

__all__ = ["AsyncPaginator"]

T = TypeVar("T")
_FAILURES = (_BadPage, HttpError, TransportError, AuthenticationError)


class AsyncPaginator(Paginator[T]):
    """A :class:`~dnastack.client.pagination.Paginator` whose session is an
    :class:`~dnastack.aio.session.AsyncHttpSession`; iterate :meth:`apages`.

    ``sleep`` waits between polls (``asyncio.sleep``; injectable).
    """

    def __init__(
        self,
        *args: Any,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._asleep = sleep
        self._started = False

    async def apages(self) -> AsyncIterator[Page[T]]:
        """Every page, in order (single use)."""
        if self._generator is not None or self._started:
            raise RuntimeError("a paginator can be iterated only once")
        self._started = True
        core = self._core
        pending: asyncio.Task[httpx.Response] | None = None
        try:
            try:
                current: _Fetched[T] | None = self._parse_response(
                    await self._adownload(self._first, 0.0)
                )
            except _BadPage as exc:
                raise self._parse_error(exc) from exc.__cause__
            while current is not None:
                page = current.page
                step = self._plan(current)
                next_url = step.url
                if next_url is not None and self._prefetch:
                    pending = asyncio.ensure_future(self._adownload(next_url, step.delay))
                current = None
                yield page
                core.delivered(len(page.items))
                del page
                if step.failure is not None:
                    raise core.error(step.failure)
                if next_url is None:
                    return
                download, pending = pending or self._adownload(next_url, step.delay), None
                try:
                    current = self._parse_response(await download)
                except _FAILURES as exc:
                    raise self._mid_stream_error(exc, next_url) from (
                        exc.__cause__ if isinstance(exc, _BadPage) else exc
                    )
        finally:
            if pending is not None:
                pending.cancel()

    async def _adownload(self, request: PageRequest | httpx.URL, delay: float) -> httpx.Response:
        if delay > 0:
            await self._asleep(delay)
        session: Any = self._session
        method, url, options = self._request_of(request)
        response: httpx.Response = await session.submit(method, url, **options)
        return response

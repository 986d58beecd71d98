"""Run the sync e2e tests against the asyncio clients too (imported by basename: keep the
file name unique).

``Blocking(async_client)`` looks like the sync client: each method runs to the end on the
adapter's own event loop (an async result becomes a blocking iterator, an object of
``dnastack.aio`` such as an ``AsyncTable`` another blocking view), so a test body written
for ``DrsClient`` or ``DataConnectClient`` drives the asyncio client unchanged. An async
method standing for a property of the sync twin (``_sync_class``), e.g. ``AsyncTable.info``,
is read like that property. A method the async client does not have skips the test.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable
from typing import Any

import pytest

CLIENT_KINDS = ("sync", "async")


class Blocking:
    """A blocking view of an asyncio client (for tests)."""

    def __init__(self, client: Any, loop: asyncio.AbstractEventLoop | None = None) -> None:
        self.client = client
        self._owns_loop = loop is None
        self._loop = asyncio.new_event_loop() if loop is None else loop

    def __getattr__(self, name: str) -> Any:
        async def read() -> Any:  # a property may need the running loop (AsyncTable.data)
            return getattr(self.client, name)

        try:
            value = self._loop.run_until_complete(read())
        except AttributeError:
            pytest.skip(f"{type(self.client).__name__} has no {name}()")
        if inspect.ismethod(value) or inspect.iscoroutinefunction(value):  # (offloaded too)
            call = self._blocking(value)
            twin = getattr(type(self.client), "_sync_class", None)
            return call() if isinstance(getattr(twin, name, None), property) else call
        return self._view(value)

    def _view(self, value: Any) -> Any:
        if hasattr(value, "__aiter__"):
            return BlockingIterator(value, self._loop)
        if hasattr(type(value), "_sync_class") and not isinstance(value, type):
            return Blocking(value, self._loop)
        return value

    def _blocking(self, method: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            args = tuple(a.client if isinstance(a, Blocking) else a for a in args)

            async def inside_the_loop() -> Any:
                result = method(*args, **kwargs)
                return await result if inspect.isawaitable(result) else result

            return self._view(self._loop.run_until_complete(inside_the_loop()))

        return call

    def close(self) -> None:
        if self._owns_loop:
            self._loop.run_until_complete(self.client.aclose())
            self._loop.close()

    def __enter__(self) -> Blocking:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class BlockingIterator:
    """A blocking view of an async result (``for row in ...``, ``to_list()``...)."""

    def __init__(self, result: Any, loop: asyncio.AbstractEventLoop) -> None:
        self.result = result
        self._loop = loop
        self._rows = result.__aiter__()

    def __iter__(self) -> BlockingIterator:
        return self

    def __next__(self) -> Any:
        try:
            return self._loop.run_until_complete(self._rows.__anext__())
        except StopAsyncIteration:
            raise StopIteration from None

    def __getattr__(self, name: str) -> Any:
        value = getattr(self.result, name)
        if inspect.iscoroutinefunction(value):
            return lambda *a, **k: self._loop.run_until_complete(value(*a, **k))
        return value

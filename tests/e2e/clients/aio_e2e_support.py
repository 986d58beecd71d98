"""Run the sync e2e tests against the asyncio clients too (imported by basename: keep the
file name unique).

``Blocking(async_client)`` looks like the sync client: each method runs to the end on the
adapter's own event loop (an async result becomes a blocking iterator), so a test body
written for ``DrsClient`` or ``DataConnectClient`` drives the asyncio client unchanged. A
method the async client does not have skips the test.
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

    def __init__(self, client: Any) -> None:
        self.client = client
        self._loop = asyncio.new_event_loop()

    def __getattr__(self, name: str) -> Any:
        try:
            value = getattr(self.client, name)
        except AttributeError:
            pytest.skip(f"{type(self.client).__name__} has no {name}()")
        if inspect.ismethod(value):
            return self._blocking(value)
        return value

    def _blocking(self, method: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            async def inside_the_loop() -> Any:
                result = method(*args, **kwargs)
                return await result if inspect.isawaitable(result) else result

            result = self._loop.run_until_complete(inside_the_loop())
            if hasattr(result, "__aiter__"):
                return BlockingIterator(result, self._loop)
            return result

        return call

    def close(self) -> None:
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

"""Run the sync e2e tests against the asyncio clients too (imported by basename: keep the
file name unique).

``Blocking(async_client)`` looks like the sync client: each coroutine method runs to the
end on the adapter's own event loop, so a test body written for ``DrsClient`` drives
``AsyncDrsClient`` unchanged. A method the async client does not have skips the test.
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
        if inspect.iscoroutinefunction(value):
            return self._blocking(value)
        return value

    def _blocking(self, method: Callable[..., Any]) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            return self._loop.run_until_complete(method(*args, **kwargs))

        return call

    def close(self) -> None:
        self._loop.run_until_complete(self.client.aclose())
        self._loop.close()

    def __enter__(self) -> Blocking:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

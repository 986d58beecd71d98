"""Async methods that run their sync twin's method in a worker thread.

Used for the metadata clients (registry, collections, Explorer), whose calls are few and
small: the one implementation is the sync client's; :class:`offloaded` makes its method
awaitable without blocking the loop. A result that is an iterator (a paged listing) is read
to the end in the thread and returned as a list. Cancelling the awaiting task returns at
once; the request already sent finishes in its thread (bounded by the client's timeout)
and its outcome is dropped.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Iterator
from typing import Any

__all__ = ["offloaded"]


class offloaded:
    """Descriptor: ``list_services = offloaded()`` on an ``AsyncServiceClient`` subclass."""

    def __set_name__(self, owner: type[Any], name: str) -> None:
        self._name = name

    def __get__(self, instance: Any, owner: type[Any]) -> Any:
        if instance is None:
            return self
        method = getattr(instance.sync, self._name)

        @functools.wraps(method)
        async def call(*args: Any, **kwargs: Any) -> Any:
            return await asyncio.to_thread(_complete, method, args, kwargs)

        return call


def _complete(method: Callable[..., Any], args: Any, kwargs: Any) -> Any:
    result = method(*args, **kwargs)
    return list(result) if isinstance(result, Iterator) else result

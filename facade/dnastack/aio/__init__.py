"""asyncio clients: the same constructors, settings, auth, events and errors as the sync
ones, driving the same implementation (see CONTRIBUTING.md, "Sync and async").

    import dnastack.aio

    async with dnastack.aio.AsyncDrsClient.make(endpoint) as drs:
        objects = await drs.get_objects(ids)

Names are imported lazily (``import dnastack.aio`` loads no HTTP machinery).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dnastack.aio.data_connect import (
        AsyncDataConnectClient,
        AsyncResultIterator,
        AsyncTable,
    )
    from dnastack.aio.discovery import AsyncRegistryContext, use
    from dnastack.aio.drs import AsyncDrsClient
    from dnastack.aio.metadata import (
        AsyncCollectionServiceClient,
        AsyncExplorerClient,
        AsyncServiceRegistry,
    )
    from dnastack.aio.session import AsyncHttpSession

__all__ = [
    "AsyncCollectionServiceClient",
    "AsyncDataConnectClient",
    "AsyncDrsClient",
    "AsyncExplorerClient",
    "AsyncHttpSession",
    "AsyncRegistryContext",
    "AsyncResultIterator",
    "AsyncServiceRegistry",
    "AsyncTable",
    "use",
]

_LAZY = {
    "AsyncDataConnectClient": "dnastack.aio.data_connect",
    "AsyncResultIterator": "dnastack.aio.data_connect",
    "AsyncTable": "dnastack.aio.data_connect",
    "AsyncDrsClient": "dnastack.aio.drs",
    "AsyncCollectionServiceClient": "dnastack.aio.metadata",
    "AsyncExplorerClient": "dnastack.aio.metadata",
    "AsyncServiceRegistry": "dnastack.aio.metadata",
    "AsyncRegistryContext": "dnastack.aio.discovery",
    "use": "dnastack.aio.discovery",
    "AsyncHttpSession": "dnastack.aio.session",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'dnastack.aio' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value

"""``dnastack.aio.use(registry_url)``: :func:`dnastack.use` for asyncio.

Discovery is the sync function's (run in a worker thread); the context hands out the
asyncio clients for the discovered endpoints, with the same settings::

    node = await dnastack.aio.use("http://127.0.0.1:8080/")
    async with node.drs() as drs:
        await drs.get_object("hello.json")
"""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from dnastack.aio.base import AsyncServiceClient

if TYPE_CHECKING:
    from dnastack.aio.data_connect import AsyncDataConnectClient
    from dnastack.aio.drs import AsyncDrsClient
    from dnastack.aio.metadata import (
        AsyncCollectionServiceClient,
        AsyncExplorerClient,
        AsyncServiceRegistry,
    )
    from dnastack.client.models import ServiceEndpoint
    from dnastack.client.use import RegistryContext

__all__ = ["AsyncRegistryContext", "use"]

_A = TypeVar("_A", bound=AsyncServiceClient[Any])


async def use(registry_url: str, **kwargs: Any) -> AsyncRegistryContext:
    """Discover the services of a Service Registry (same arguments as :func:`dnastack.use`).

    Raises:
        ServiceListingError: the registry could not list its services.
    """
    from dnastack.client.use import use as discover

    found = await asyncio.to_thread(partial(discover, registry_url, **kwargs))
    return AsyncRegistryContext(found)


class AsyncRegistryContext:
    """The discovered endpoints (:attr:`context`, the sync ``RegistryContext``) and asyncio
    clients for them (new per call; close them, or use ``async with``)."""

    def __init__(self, context: RegistryContext) -> None:
        self.context = context

    @property
    def endpoints(self) -> list[ServiceEndpoint]:
        return self.context.endpoints

    def get(self, cls: type[_A], endpoint_id: str | None = None, **kwargs: Any) -> _A:
        """A ``cls`` client for the default endpoint of its type (or ``endpoint_id``).

        Raises:
            MissingEndpointError: the registry lists no such service.
        """
        from dnastack.client.use import _short_type

        endpoint = self.context.endpoint(_short_type(cls._sync_class), endpoint_id)
        return cls(endpoint, settings=self.context._settings, **kwargs)

    def data_connect(self, endpoint_id: str | None = None) -> AsyncDataConnectClient:
        from dnastack.aio.data_connect import AsyncDataConnectClient

        return self.get(AsyncDataConnectClient, endpoint_id)

    def drs(self, endpoint_id: str | None = None) -> AsyncDrsClient:
        from dnastack.aio.drs import AsyncDrsClient

        return self.get(AsyncDrsClient, endpoint_id)

    def collections(self, endpoint_id: str | None = None) -> AsyncCollectionServiceClient:
        from dnastack.aio.metadata import AsyncCollectionServiceClient

        return self.get(AsyncCollectionServiceClient, endpoint_id)

    def explorer(self, endpoint_id: str | None = None) -> AsyncExplorerClient:
        from dnastack.aio.metadata import AsyncExplorerClient

        return self.get(AsyncExplorerClient, endpoint_id)

    def registry(self, endpoint_id: str | None = None) -> AsyncServiceRegistry:
        from dnastack.aio.metadata import AsyncServiceRegistry

        return self.get(AsyncServiceRegistry, endpoint_id)

    def __repr__(self) -> str:
        return f"Async{self.context!r}"

"""``AsyncServiceRegistry``, ``AsyncCollectionServiceClient``, ``AsyncExplorerClient``:
the sync clients' methods, awaitable (see :mod:`dnastack.aio.offload`: they run in a worker
thread; paged listings come back as lists). Same constructors, settings, auth, events and
errors as the sync clients."""

from __future__ import annotations

from dnastack.aio.base import AsyncServiceClient
from dnastack.aio.offload import offloaded
from dnastack.client.collections.client import CollectionServiceClient
from dnastack.client.explorer.client import ExplorerClient
from dnastack.client.service_registry.client import ServiceRegistry

__all__ = ["AsyncCollectionServiceClient", "AsyncExplorerClient", "AsyncServiceRegistry"]


class AsyncServiceRegistry(AsyncServiceClient[ServiceRegistry]):
    """Asyncio client for a GA4GH Service Registry."""

    _sync_class = ServiceRegistry

    list_services = offloaded()
    get_service = offloaded()
    list_service_types = offloaded()


class AsyncCollectionServiceClient(AsyncServiceClient[CollectionServiceClient]):
    """Asyncio client for the Collection Service."""

    _sync_class = CollectionServiceClient

    list_collections = offloaded()
    get = offloaded()
    create_collection = offloaded()
    delete_collection = offloaded()
    get_collection_status = offloaded()
    create_collection_items = offloaded()
    delete_collection_items = offloaded()
    list_collection_items = offloaded()
    data_connect_endpoint = offloaded()
    list_questions = offloaded()
    get_question = offloaded()
    ask_question = offloaded()  # the rows of every page, as a list
    submit_telemetry = offloaded()


class AsyncExplorerClient(AsyncServiceClient[ExplorerClient]):
    """Asyncio client for Explorer (federated questions)."""

    _sync_class = ExplorerClient

    list_federated_questions = offloaded()
    describe_federated_question = offloaded()
    ask_federated_question = offloaded()

"""Where a partition is read, and how many at once.

A plan's source is a :class:`~dnastack.client.worker_endpoint.WorkerEndpoint`: the endpoint
URL, the configuration context and file names, and optionally a credentials provider; the
credentials are found on the worker, never carried in the plan.

:func:`in_flight_slot` bounds the partitions of one server read at the same time: a
``distributed.Semaphore`` named after the server inside a Dask worker (shared by the whole
cluster), a process-wide semaphore otherwise.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

from dnastack.client.worker_endpoint import (
    CredentialsProvider,
    WorkerEndpoint,
    configured_endpoint,
)

__all__ = [
    "CredentialsProvider",
    "DataConnectSource",
    "configured_endpoint",
    "in_flight_slot",
    "server_of",
]

DataConnectSource = WorkerEndpoint
"""Where a plan's partitions are read (a ``WorkerEndpoint`` of kind ``data_connect``)."""


# -- partitions in flight per server ------------------------------------------------------

_LOCAL_SLOTS: dict[tuple[str, int], threading.BoundedSemaphore] = {}
_LOCAL_SLOTS_LOCK = threading.Lock()


def server_of(url: str) -> str:
    """``host:port`` of ``url`` (what the in-flight bound counts per)."""
    parts = urlsplit(url)
    return parts.netloc.rpartition("@")[2] or url


@contextlib.contextmanager
def in_flight_slot(url: str, limit: int) -> Iterator[None]:
    """Hold one of ``limit`` slots for the server of ``url`` while the block runs."""
    semaphore = _cluster_semaphore(server_of(url), limit)
    if semaphore is not None:
        with semaphore:
            yield
        return
    key = (server_of(url), limit)
    with _LOCAL_SLOTS_LOCK:
        local = _LOCAL_SLOTS.setdefault(key, threading.BoundedSemaphore(limit))
    with local:
        yield


def _cluster_semaphore(server: str, limit: int) -> Any:
    try:
        from distributed import Semaphore, get_worker
    except ImportError:
        return None
    try:
        get_worker()
    except ValueError:  # not inside a Dask worker task
        return None
    semaphore: Any = Semaphore
    return semaphore(max_leases=limit, name=f"dnastack-data-connect:{server}:{limit}")

"""One asyncio client used from successive event loops (a module-level client and several
``asyncio.run`` calls, notebook cells, a loop per test): moving to a new loop releases the
previous loop's connections at once (no socket left open, no ``ResourceWarning``), and
``aclose`` from a new loop releases those of a loop that is closed now. DRS and Data
Connect clients against the devserver (a subprocess: every socket counted is the client's).
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from drs_e2e_support import isolated_settings

from dnastack.aio import AsyncDataConnectClient, AsyncDrsClient
from dnastack.client.models import ServiceEndpoint
from tests.fixtures.devserver import DevServer
from tests.leak_checks import (
    LoopInThread,
    no_resource_warnings,
    open_descriptors,
    requires_proc_fd,
    sockets_connected_to,
)

pytestmark = [pytest.mark.e2e, requires_proc_fd]


@dataclass
class Case:
    client: Any
    call: Callable[[], Coroutine[Any, Any, object]]  # one look-up on the running loop
    port: int

    def open_sockets(self) -> int:
        return sockets_connected_to(self.port)

    def aclose(self) -> Coroutine[Any, Any, None]:
        result: Coroutine[Any, Any, None] = self.client.aclose()
        return result


@pytest.fixture(params=["drs", "data_connect"])
def case(request: pytest.FixtureRequest, devserver: DevServer, tmp_path: Path) -> Iterator[Case]:
    settings = isolated_settings(tmp_path)
    if request.param == "drs":
        drs = AsyncDrsClient(ServiceEndpoint(url=devserver.drs_url), settings=settings)
        yield Case(drs, lambda: drs.get_object("hello.json"), devserver.port)
    else:
        dc = AsyncDataConnectClient(
            ServiceEndpoint(url=devserver.data_connect_url), settings=settings
        )
        yield Case(dc, dc.list_tables, devserver.port)


def test_successive_asyncio_runs_release_the_previous_loops_connections(case: Case) -> None:
    with no_resource_warnings():
        asyncio.run(case.call())
        assert case.open_sockets() == 1

        asyncio.run(case.call())  # a new loop: a new pool; the first loop's socket is closed

        assert case.open_sockets() == 1
        asyncio.run(case.aclose())
        assert case.open_sockets() == 0


def test_ten_loop_switches_leave_no_more_descriptors_open_than_one(case: Case) -> None:
    with no_resource_warnings():
        gc.disable()  # what is closed must be closed by the client, not found by the collector
        try:
            asyncio.run(case.call())
            after_one = open_descriptors()
            for _ in range(9):
                asyncio.run(case.call())
            after_ten = open_descriptors()
        finally:
            gc.enable()
        assert after_ten <= after_one
        assert case.open_sockets() == 1
        asyncio.run(case.aclose())


def test_aclose_in_a_new_loop_releases_the_closed_loops_sockets(case: Case) -> None:
    with no_resource_warnings():
        asyncio.run(case.call())

        asyncio.run(case.aclose())  # the loop that opened them is closed

        assert case.open_sockets() == 0
        asyncio.run(case.call())  # and the client still works
        asyncio.run(case.aclose())
        assert case.open_sockets() == 0


def test_a_loop_still_running_in_another_thread_closes_its_own_sockets(case: Case) -> None:
    with no_resource_warnings(), LoopInThread() as other:
        other.run(case.call())
        assert case.open_sockets() == 1

        asyncio.run(case.call())  # the client moves here while the other loop runs on
        other.stop()  # ... and has closed its connection by the time it stopped

        assert other.errors == []  # debug mode: nothing used it from the wrong thread
        assert case.open_sockets() == 1
        asyncio.run(case.aclose())
        assert case.open_sockets() == 0


def test_a_loop_left_open_then_closed_is_released_by_the_next_aclose(case: Case) -> None:
    with no_resource_warnings():
        first = asyncio.new_event_loop()
        first.run_until_complete(case.call())
        asyncio.run(case.call())  # the first loop is not running: its close is queued there
        first.close()  # ... and dropped with the loop

        asyncio.run(case.aclose())

        assert case.open_sockets() == 0

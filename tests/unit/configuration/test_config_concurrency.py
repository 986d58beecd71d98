"""Two processes updating the configuration at once lose nothing."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from dnastack.client.models import ServiceEndpoint
from dnastack.configuration.manager import ConfigurationManager
from dnastack.configuration.models import Configuration
from dnastack.configuration.wrapper import ConfigurationWrapper

UPDATES_PER_PROCESS = 50


def _add_endpoints(path: str, worker: int) -> None:
    manager = ConfigurationManager(path)
    for index in range(UPDATES_PER_PROCESS):

        def add(configuration: Configuration, index: int = index) -> None:
            ConfigurationWrapper(configuration, None).add_endpoint(
                ServiceEndpoint(id=f"w{worker}-{index}", url=f"http://h/{worker}/{index}")
            )

        manager.update(add)


def test_two_processes_x_50_updates_lose_no_write(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_add_endpoints, args=(str(path), n)) for n in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
        assert worker.exitcode == 0
    endpoints = ConfigurationManager(path).load().contexts["default"].endpoints
    ids = {e.id for e in endpoints}
    expected = {f"w{n}-{i}" for n in range(2) for i in range(UPDATES_PER_PROCESS)}
    assert ids == expected
    assert len(endpoints) == 2 * UPDATES_PER_PROCESS

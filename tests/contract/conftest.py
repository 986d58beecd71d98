"""Fixtures of the contract proofs: sample DRS ids and an in-process devserver configuration."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from dnastack.devserver.config import DevServerConfig
from dnastack.devserver.sample_data import ensure_sample_data
from tests.contract.support import DrsSamples, drs_samples
from tests.fixtures.devserver import DevServer, DevServerFactory

SMALL_BIG_TABLE_ROWS = 200


@pytest.fixture(scope="session")
def devserver_drs(devserver: DevServer) -> DrsSamples:
    """Object ids of the shared devserver's sample DRS files and bundles."""
    return drs_samples(devserver.data_dir)


@pytest.fixture(scope="module")
def node_config(tmp_path_factory: pytest.TempPathFactory) -> DevServerConfig:
    """Settings for devserver apps run in-process (wrapped by the tests); sample data included."""
    data_dir: Path = tmp_path_factory.mktemp("contract-node")
    ensure_sample_data(data_dir, SMALL_BIG_TABLE_ROWS)
    return DevServerConfig(data_dir=data_dir, rows=SMALL_BIG_TABLE_ROWS)


@pytest.fixture(scope="session")
def devserver_absolute_pages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevServer]:
    """A devserver whose Data Connect ``next_page_url``s are absolute (``--absolute-page-urls``).

    Both our spec and the published one declare ``next_page_url`` with ``format: uri``; the
    devserver's default relative references (as in the Data Connect SPEC.md examples) do not
    validate against it, so the Data Connect proofs run in this mode.
    """
    factory = DevServerFactory(tmp_path_factory.mktemp("devserver-absolute"))
    try:
        yield factory.start("--absolute-page-urls")
    finally:
        factory.stop_all()

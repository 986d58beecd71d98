"""Fixtures of the contract proofs: sample DRS ids and an in-process devserver configuration."""

from __future__ import annotations

from pathlib import Path

import pytest

from dnastack.devserver.config import DevServerConfig
from dnastack.devserver.sample_data import ensure_sample_data
from tests.contract.support import DrsSamples, drs_samples
from tests.fixtures.devserver import DevServer

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

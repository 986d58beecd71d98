"""ConfigurationBasedClientFactory end to end: a hand-written configuration file pointing
at the devserver, and the environment overriding one URL."""

from __future__ import annotations

from pathlib import Path

import pytest

from dnastack.cli.helpers.client_factory import (
    ConfigurationBasedClientFactory,
    ServiceEndpointNotFound,
)
from dnastack.client.data_connect import DataConnectClient
from dnastack.client.drs import DrsClient
from dnastack.client.explorer.client import ExplorerClient
from dnastack.client.service_registry.client import ServiceRegistry
from dnastack.configuration.manager import ConfigurationManager
from tests.fixtures.devserver import DevServer

pytestmark = pytest.mark.e2e


@pytest.fixture
def config_file(devserver: DevServer, tmp_path: Path) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(
        f"""\
version: 4.0
current_context: local
contexts:
  local:
    endpoints:
      - id: drs
        url: {devserver.drs_url}
        type: {{group: org.ga4gh, artifact: drs, version: 1.5.0}}
      - id: dc
        url: {devserver.data_connect_url}
        type: {{group: org.ga4gh, artifact: data-connect, version: 1.0.0}}
      - id: explorer
        url: {devserver.explorer_url}
        type: {{group: com.dnastack, artifact: explorer, version: 1.0.0}}
      - id: registry
        url: {devserver.registry_url}
        type: {{group: org.ga4gh, artifact: service-registry, version: 1.0.0}}
"""
    )
    return path


def test_clients_from_the_configuration_file_work(config_file: Path) -> None:
    factory = ConfigurationBasedClientFactory(ConfigurationManager(config_file), environ={})

    assert factory.get(DrsClient).get_object("README.txt").name == "README.txt"
    assert "variants" in [t.name for t in factory.get(DataConnectClient).list_tables()]
    explorer = factory.get(ExplorerClient, "explorer")
    assert type(explorer) is ExplorerClient
    assert list(explorer.list_federated_questions())
    assert len(factory.get(ServiceRegistry).list_services()) == 5


def test_environment_url_overrides_the_file(config_file: Path, devserver: DevServer) -> None:
    scoped = devserver.collection_data_connect_url("cohort-a")
    factory = ConfigurationBasedClientFactory(
        ConfigurationManager(config_file), environ={"DNASTACK_DATA_CONNECT_URL": scoped}
    )
    client = factory.get(DataConnectClient)

    assert client.url == scoped
    node_tables = {t.name for t in factory.get(DataConnectClient, "dc").list_tables()}
    scoped_tables = {t.name for t in client.list_tables()}
    assert scoped_tables and scoped_tables != node_tables


def test_a_type_without_endpoint_is_reported(config_file: Path) -> None:
    from dnastack.client.collections.client import CollectionServiceClient

    factory = ConfigurationBasedClientFactory(ConfigurationManager(config_file), environ={})
    with pytest.raises(ServiceEndpointNotFound, match="DNASTACK_COLLECTIONS_URL"):
        factory.get(CollectionServiceClient)

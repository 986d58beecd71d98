"""ConfigurationBasedClientFactory: endpoints from a configuration file, settings order."""

from __future__ import annotations

from pathlib import Path

import pytest

from dnastack.cli.helpers.client_factory import (
    ConfigurationBasedClientFactory,
    ServiceEndpointNotFound,
    UnknownAdapterTypeError,
    UnknownClientShortTypeError,
)
from dnastack.client.base import BaseServiceClient
from dnastack.client.collections.client import CollectionServiceClient
from dnastack.client.data_connect import DataConnectClient
from dnastack.client.drs import DrsClient
from dnastack.client.explorer.client import ExplorerClient
from dnastack.client.service_registry.client import ServiceRegistry
from dnastack.configuration.manager import ConfigurationManager
from dnastack.exceptions import ConfigurationError
from dnastack.exceptions import UnknownClientShortTypeError as RootUnknownShortType
from dnastack.settings import clear_session_overrides, set_endpoint_url

CONFIG = """\
version: 4.0
current_context: main
contexts:
  main:
    endpoints:
      - id: drs-a
        url: http://a.test/ga4gh/drs/v1/
        type: {group: org.ga4gh, artifact: drs, version: 1.5.0}
        authentication: {type: bearer, token: main-token}
      - id: drs-b
        url: http://b.test/ga4gh/drs/v1/
        type: {group: org.ga4gh, artifact: drs, version: 1.5.0}
      - id: dc
        url: http://a.test/data-connect/
        type: {group: org.ga4gh, artifact: data-connect, version: 1.0.0}
      - id: explorer
        url: http://a.test/explorer/
        type: {group: com.dnastack, artifact: explorer, version: 1.0.0}
      - id: collections
        url: http://a.test/collection-service/
        type: {group: com.dnastack, artifact: collection-service, version: 1.0.0}
      - id: registry
        url: http://a.test/
        type: {group: org.ga4gh, artifact: service-registry, version: 1.0.0}
    defaults: {drs: drs-a}
  other:
    endpoints:
      - id: drs-other
        url: http://other.test/ga4gh/drs/v1/
        type: {group: org.ga4gh, artifact: drs, version: 1.5.0}
"""


@pytest.fixture
def factory(tmp_path: Path) -> ConfigurationBasedClientFactory:
    path = tmp_path / "config.yaml"
    path.write_text(CONFIG)
    return ConfigurationBasedClientFactory(ConfigurationManager(path), environ={})


@pytest.fixture(autouse=True)
def no_session_overrides() -> None:
    clear_session_overrides()
    yield
    clear_session_overrides()


def test_default_endpoint_of_the_current_context(factory: ConfigurationBasedClientFactory) -> None:
    client = factory.get(DrsClient)
    assert type(client) is DrsClient
    assert client.endpoint.id == "drs-a"
    assert client.endpoint.authentication == {"type": "bearer", "token": "main-token"}


@pytest.mark.parametrize(
    ("cls", "endpoint_id"),
    [
        (DataConnectClient, "dc"),
        (ExplorerClient, "explorer"),
        (CollectionServiceClient, "collections"),
        (ServiceRegistry, "registry"),
    ],
)
def test_each_class_gets_its_own_type(
    factory: ConfigurationBasedClientFactory, cls: type[BaseServiceClient], endpoint_id: str
) -> None:
    client = factory.get(cls)
    assert type(client) is cls
    assert client.endpoint.id == endpoint_id


def test_explicit_endpoint_and_context(factory: ConfigurationBasedClientFactory) -> None:
    assert factory.get(DrsClient, "drs-b").url == "http://b.test/ga4gh/drs/v1/"
    assert factory.get(DrsClient, context_name="other").endpoint.id == "drs-other"
    assert factory.get("drs", "drs-b").endpoint.id == "drs-b"


def test_extra_keyword_arguments_reach_the_constructor(
    factory: ConfigurationBasedClientFactory,
) -> None:
    client = factory.get(DrsClient, prefix_map={"ex": "https://ex.test/ga4gh/drs/v1"})
    assert client.prefix_map == {"ex": "https://ex.test/ga4gh/drs/v1"}


def test_environment_url_wins_over_the_file_without_its_credentials(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(CONFIG)
    factory = ConfigurationBasedClientFactory(
        ConfigurationManager(path), environ={"DNASTACK_DRS_URL": "http://env.test/drs/"}
    )
    client = factory.get(DrsClient)
    assert client.url == "http://env.test/drs/"
    assert client.endpoint.authentication is None


def test_session_override_wins_over_the_environment(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(CONFIG)
    factory = ConfigurationBasedClientFactory(
        ConfigurationManager(path), environ={"DNASTACK_DRS_URL": "http://env.test/drs/"}
    )
    set_endpoint_url("drs", "http://session.test/drs/")
    assert factory.get(DrsClient).url == "http://session.test/drs/"


def test_missing_endpoints_raise_service_endpoint_not_found(
    factory: ConfigurationBasedClientFactory,
) -> None:
    with pytest.raises(ServiceEndpointNotFound, match="no-such"):
        factory.get(DrsClient, "no-such")
    with pytest.raises(ServiceEndpointNotFound, match="DNASTACK_DATA_CONNECT_URL"):
        factory.get(DataConnectClient, context_name="other")
    with pytest.raises(ServiceEndpointNotFound, match="data_connect endpoint"):
        factory.get(DrsClient, "dc")  # exists, but is not a DRS endpoint
    assert issubclass(ServiceEndpointNotFound, ConfigurationError)


def test_unknown_short_type_and_adapter_type(factory: ConfigurationBasedClientFactory) -> None:
    assert UnknownClientShortTypeError is RootUnknownShortType  # one exception tree
    with pytest.raises(UnknownClientShortTypeError):
        factory.get("tape-archive")

    class CustomClient(BaseServiceClient):
        @staticmethod
        def get_adapter_type() -> str:
            return "tape-archive"

    with pytest.raises(UnknownAdapterTypeError, match="tape-archive"):
        factory.get(CustomClient)
    with pytest.raises(UnknownAdapterTypeError):
        factory.get(BaseServiceClient)  # declares no adapter type
    with pytest.raises(UnknownAdapterTypeError):
        factory.get(dict)  # type: ignore[type-var]

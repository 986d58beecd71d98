"""ServiceRegistry and ClientFactory end to end against the devserver's registry."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from drs_e2e_support import isolated_settings

from dnastack.client.collections.client import CollectionServiceClient
from dnastack.client.data_connect import DataConnectClient
from dnastack.client.drs import DrsClient
from dnastack.client.explorer.client import ExplorerClient
from dnastack.client.models import ServiceEndpoint
from dnastack.client.service_registry.client import ServiceListingError, ServiceRegistry
from dnastack.client.service_registry.factory import (
    ClientFactory,
    RegisteredServiceInfo,
    UnregisteredServiceEndpointError,
    UnsupportedClientClassError,
)
from dnastack.client.service_registry.models import ServiceType
from dnastack.exceptions import NotFoundError
from tests.fixtures.devserver import DevServer

pytestmark = pytest.mark.e2e

KINDS = {
    "com.dnastack.devserver.service-registry": ("org.ga4gh", "service-registry", "/"),
    "com.dnastack.devserver.data-connect": ("org.ga4gh", "data-connect", "/data-connect/"),
    "com.dnastack.devserver.drs": ("org.ga4gh", "drs", "/ga4gh/drs/v1/"),
    "com.dnastack.devserver.collection-service": (
        "com.dnastack",
        "collection-service",
        "/collection-service/",
    ),
    "com.dnastack.devserver.explorer": ("com.dnastack", "explorer", "/explorer/"),
}


@pytest.fixture
def registry(devserver: DevServer, tmp_path: Path) -> ServiceRegistry:
    return ServiceRegistry(
        ServiceEndpoint(url=devserver.registry_url), settings=isolated_settings(tmp_path)
    )


def test_registry_lists_every_service_of_the_node(
    registry: ServiceRegistry, devserver: DevServer
) -> None:
    services = {s.id: s for s in registry.list_services()}

    assert set(services) == set(KINDS)
    for service_id, (group, artifact, path) in KINDS.items():
        service = services[service_id]
        assert (service.type.group, service.type.artifact) == (group, artifact)
        assert service.url == devserver.base_url + path
        assert service.organization is not None and service.organization.name
        assert service.authentication is None  # auth is off on this node


def test_one_service_and_the_types(registry: ServiceRegistry) -> None:
    drs = registry.get_service("com.dnastack.devserver.drs")
    assert drs.type == ServiceType(group="org.ga4gh", artifact="drs", version="1.5.0")
    assert len(registry.list_service_types()) == len(KINDS)
    with pytest.raises(NotFoundError):
        registry.get_service("no-such-service")


def test_unreachable_registry_is_a_listing_error(tmp_path: Path) -> None:
    registry = ServiceRegistry(
        ServiceEndpoint(url="http://127.0.0.1:9/"),
        settings=isolated_settings(tmp_path),
        http_options={"sleep": lambda seconds: None},
    )
    with pytest.raises(ServiceListingError, match=r"127\.0\.0\.1:9/"):
        registry.list_services()


def test_client_factory_hands_out_working_clients_of_the_class_asked_for(
    devserver: DevServer, tmp_path: Path
) -> None:
    factory = ClientFactory.use(devserver.registry_url, settings=isolated_settings(tmp_path))

    explorer = factory.create(ExplorerClient, "com.dnastack.devserver.explorer")
    assert type(explorer) is ExplorerClient  # the reference returns a CollectionServiceClient
    assert explorer.list_federated_questions()
    by_url = factory.create(ExplorerClient, devserver.explorer_url)
    assert type(by_url) is ExplorerClient

    collections = factory.create(CollectionServiceClient, devserver.collections_url)
    assert type(collections) is CollectionServiceClient
    assert collections.list_collections()

    drs = factory.create(DrsClient, "com.dnastack.devserver.drs")
    assert drs.get_object("hello.json").name == "hello.json"
    data_connect = factory.create(DataConnectClient, devserver.data_connect_url)
    assert [t.name for t in data_connect.list_tables()]


def test_client_factory_refuses_a_service_of_another_type(devserver: DevServer) -> None:
    factory = ClientFactory.use(devserver.registry_url)
    with pytest.raises(UnregisteredServiceEndpointError) as caught:
        factory.create(ExplorerClient, "com.dnastack.devserver.collection-service")
    assert [s.id for s in caught.value.services] == ["com.dnastack.devserver.explorer"]


def test_find_services_by_type_and_url(devserver: DevServer) -> None:
    factory = ClientFactory.use(devserver.registry_url)
    drs_type = DrsClient.get_supported_service_types()[0]

    assert [s.id for s in factory.find_services(types=[drs_type])] == ["com.dnastack.devserver.drs"]
    assert [s.id for s in factory.find_services(url=devserver.explorer_url)] == [
        "com.dnastack.devserver.explorer"
    ]


def test_all_service_infos_skips_a_registry_that_cannot_list(
    devserver: DevServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = isolated_settings(tmp_path)
    unreachable = ServiceRegistry(
        ServiceEndpoint(url="http://127.0.0.1:9/"),
        settings=settings,
        http_options={"sleep": lambda seconds: None},
    )
    node = ServiceRegistry(ServiceEndpoint(url=devserver.registry_url), settings=settings)
    caplog.set_level(logging.WARNING, logger="dnastack.service_registry")

    infos = list(ClientFactory([unreachable, node], settings=settings).all_service_infos())

    assert all(isinstance(i, RegisteredServiceInfo) for i in infos)
    assert {i.info.id for i in infos} == set(KINDS)
    assert {i.source_url for i in infos} == {node.url}
    assert any("127.0.0.1:9" in r.getMessage() for r in caplog.records)


def test_get_service_endpoint_by_url(devserver: DevServer, tmp_path: Path) -> None:
    factory = ClientFactory.use(devserver.registry_url, settings=isolated_settings(tmp_path))

    endpoint = factory.get_service_endpoint_by_url(DataConnectClient, devserver.data_connect_url)

    assert endpoint.id == "com.dnastack.devserver.data-connect"
    assert endpoint.url == devserver.data_connect_url
    assert endpoint.type is not None and endpoint.type.artifact == "data-connect"
    with DataConnectClient.make(endpoint) as client:
        assert [t.name for t in client.list_tables()]


def test_get_service_endpoint_by_url_of_another_kind_lists_the_alternatives(
    devserver: DevServer, tmp_path: Path
) -> None:
    factory = ClientFactory.use(devserver.registry_url, settings=isolated_settings(tmp_path))

    with pytest.raises(UnregisteredServiceEndpointError) as caught:
        factory.get_service_endpoint_by_url(DrsClient, devserver.data_connect_url)
    assert caught.value.services == []
    with pytest.raises(UnregisteredServiceEndpointError) as caught:
        factory.get_service_endpoint_by_url(DrsClient, devserver.base_url)  # a prefix only
    assert [s.id for s in caught.value.services] == ["com.dnastack.devserver.drs"]
    with pytest.raises(UnsupportedClientClassError):
        factory.get_service_endpoint_by_url(dict, devserver.drs_url)  # type: ignore[type-var]

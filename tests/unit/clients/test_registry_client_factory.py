"""ServiceRegistry, registry entry builders and ClientFactory (httpx.MockTransport)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from dnastack.client.collections.client import CollectionServiceClient
from dnastack.client.data_connect import DataConnectClient
from dnastack.client.drs import DrsClient
from dnastack.client.explorer.client import ExplorerClient
from dnastack.client.models import ServiceEndpoint
from dnastack.client.service_registry.builders import (
    auth_dict_from_registry,
    endpoint_from_service,
)
from dnastack.client.service_registry.client import ServiceListingError, ServiceRegistry
from dnastack.client.service_registry.factory import (
    ClientFactory,
    UnregisteredServiceEndpointError,
    UnsupportedClientClassError,
    type_matches,
)
from dnastack.client.service_registry.models import Organization, Service, ServiceType
from dnastack.exceptions import NotFoundError
from dnastack.settings import SessionOverrides, resolve_settings

REGISTRY = "http://registry.test/"
ORG = {"name": "Test org", "url": "https://org.test"}


def entry(
    service_id: str, group: str, artifact: str, version: str, path: str, **extra: Any
) -> dict[str, Any]:
    return {
        "id": service_id,
        "name": service_id,
        "type": {"group": group, "artifact": artifact, "version": version},
        "organization": ORG,
        "version": "1.0",
        "url": f"http://node.test{path}",
        "createdAt": "2024-01-01T00:00:00Z",
        **extra,
    }


ENTRIES = [
    entry("dc", "org.ga4gh", "data-connect", "1.0.0", "/data-connect/"),
    entry("drs", "org.ga4gh", "drs", "1.5.0", "/ga4gh/drs/v1/"),
    entry("old-drs", "org.ga4gh", "drs", "1.2.0", "/old/drs/"),
    entry("collections", "com.dnastack", "collection-service", "1.0.0", "/collection-service/"),
    entry("explorer", "com.dnastack", "explorer", "1.0.0", "/explorer/"),
    entry("drs-v2", "org.ga4gh", "drs", "2.0.0", "/drs2/"),
]


def registry(
    tmp_path: Path, answer: Callable[[httpx.Request], httpx.Response] | None = None
) -> ServiceRegistry:
    def default(request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path == "/services":
            return httpx.Response(200, json=ENTRIES)
        if path == "/services/types":
            return httpx.Response(200, json=[e["type"] for e in ENTRIES])
        for item in ENTRIES:
            if path == f"/services/{item['id']}":
                return httpx.Response(200, json=item)
        return httpx.Response(404, json={"status": 404, "message": "Service not found"})

    settings = resolve_settings(
        config_file=tmp_path / "c.yaml", environ={}, overrides=SessionOverrides()
    )
    return ServiceRegistry(
        ServiceEndpoint(id="r", url=REGISTRY),
        settings=settings,
        http_options={"transport": httpx.MockTransport(answer or default), "sleep": lambda s: 0},
    )


def test_list_services_gives_documented_models(tmp_path: Path) -> None:
    services = registry(tmp_path).list_services()

    assert [s.id for s in services] == [e["id"] for e in ENTRIES]
    drs = services[1]
    assert isinstance(drs, Service)
    assert drs.type == ServiceType(group="org.ga4gh", artifact="drs", version="1.5.0")
    assert drs.organization == Organization(name="Test org", url="https://org.test")
    assert drs.createdAt == "2024-01-01T00:00:00Z"
    assert drs.url == "http://node.test/ga4gh/drs/v1/"


def test_get_service_and_types(tmp_path: Path) -> None:
    client = registry(tmp_path)
    assert client.get_service("explorer").type.artifact == "explorer"
    assert len(client.list_service_types()) == len(ENTRIES)
    with pytest.raises(NotFoundError):
        client.get_service("nope")


@pytest.mark.parametrize(
    "answer",
    [
        lambda r: httpx.Response(500, json={"status": 500, "message": "boom"}),
        lambda r: httpx.Response(200, text="<html>not json</html>"),
        lambda r: httpx.Response(200, json=[{"id": "x"}]),  # missing required fields
        lambda r: httpx.Response(401, json={"status": 401, "message": "no"}),
    ],
)
def test_listing_failures_are_service_listing_errors(
    tmp_path: Path, answer: Callable[[httpx.Request], httpx.Response]
) -> None:
    with pytest.raises(ServiceListingError, match=r"registry\.test"):
        registry(tmp_path, answer).list_services()


def test_registry_camelcase_authentication_maps_to_config_dicts() -> None:
    mapped = auth_dict_from_registry(
        {
            "type": "oauth2",
            "accessTokenUrl": "http://idp.test/token",
            "deviceCodeUrl": "http://idp.test/device",
            "revocationUrl": "http://idp.test/revoke",
            "clientId": "sdk-cli",
            "resource": "http://node.test/",
            "scope": "openid",
            "grantType": "urn:ietf:params:oauth:grant-type:device_code",
            "someNewKey": "kept",
        }
    )
    assert mapped == {
        "type": "oauth2",
        "token_endpoint": "http://idp.test/token",
        "device_code_endpoint": "http://idp.test/device",
        "revocation_endpoint": "http://idp.test/revoke",
        "client_id": "sdk-cli",
        "resource_url": "http://node.test/",
        "scope": "openid",
        "grant_type": "urn:ietf:params:oauth:grant-type:device_code",
        "some_new_key": "kept",
    }


def test_missing_grant_type_is_inferred() -> None:
    device = auth_dict_from_registry({"accessTokenUrl": "t", "deviceCodeUrl": "d"})
    assert device["grant_type"] == "urn:ietf:params:oauth:grant-type:device_code"
    assert device["type"] == "oauth2"
    secret = auth_dict_from_registry({"accessTokenUrl": "t", "clientSecret": "s"})
    assert secret["grant_type"] == "client_credentials"


def test_endpoint_from_service_carries_type_auth_fallbacks_and_source() -> None:
    auth = [{"accessTokenUrl": "http://idp/t", "clientId": "a"}, {"type": "bearer", "token": "x"}]
    service = Service.parse_obj({**ENTRIES[1], "authentication": auth})
    endpoint = endpoint_from_service(
        service, source_id=REGISTRY, authentication_overrides={"client_secret": "s3"}
    )

    assert endpoint.id == "drs" and endpoint.url == "http://node.test/ga4gh/drs/v1/"
    assert endpoint.type == service.type
    assert endpoint.authentication is not None
    assert endpoint.authentication["token_endpoint"] == "http://idp/t"
    assert endpoint.authentication["client_secret"] == "s3"
    assert endpoint.fallback_authentications == [
        {"type": "bearer", "token": "x", "client_secret": "s3"}
    ]
    assert endpoint.source is not None and endpoint.source.external_id == "drs"
    assert "s3" not in repr(endpoint)


def test_type_matching_exact_and_by_major_version() -> None:
    wanted = ServiceType(group="org.ga4gh", artifact="drs", version="1.5.0")
    older = ServiceType(group="org.ga4gh", artifact="drs", version="1.2.0")
    newer_major = ServiceType(group="org.ga4gh", artifact="drs", version="2.0.0")
    assert type_matches(wanted, wanted)
    assert not type_matches(older, wanted)
    assert type_matches(older, wanted, exact_match=False)
    assert not type_matches(newer_major, wanted, exact_match=False)


def test_find_services_by_url_and_type(tmp_path: Path) -> None:
    factory = ClientFactory([registry(tmp_path)])
    drs_type = ServiceType(group="org.ga4gh", artifact="drs", version="1.5.0")

    assert [s.id for s in factory.find_services(types=[drs_type])] == ["drs"]
    assert [s.id for s in factory.find_services(types=[drs_type], exact_match=False)] == [
        "drs",
        "old-drs",
    ]
    assert [s.id for s in factory.find_services(url="http://node.test/explorer")] == ["explorer"]


@pytest.mark.parametrize(
    ("cls", "service_id"),
    [
        (ExplorerClient, "explorer"),
        (CollectionServiceClient, "collections"),
        (DataConnectClient, "dc"),
        (DrsClient, "drs"),
        (DrsClient, "old-drs"),
    ],
)
def test_create_returns_the_class_asked_for(
    tmp_path: Path, cls: type[Any], service_id: str
) -> None:
    client = ClientFactory([registry(tmp_path)]).create(cls, service_id)
    assert type(client) is cls
    assert client.endpoint.id == service_id


def test_explorer_is_never_served_by_the_collections_client(tmp_path: Path) -> None:
    factory = ClientFactory([registry(tmp_path)])
    explorer = factory.create(ExplorerClient, "http://node.test/explorer/")
    assert type(explorer) is ExplorerClient  # the reference returns a CollectionServiceClient
    with pytest.raises(UnregisteredServiceEndpointError) as caught:
        factory.create(ExplorerClient, "collections")
    assert [s.id for s in caught.value.services] == ["explorer"]
    assert "'collections'" in str(caught.value)


def test_drs_v2_service_is_not_served_by_the_v1_client(tmp_path: Path) -> None:
    with pytest.raises(UnregisteredServiceEndpointError):
        ClientFactory([registry(tmp_path)]).create(DrsClient, "drs-v2")


def test_create_rejects_non_client_classes(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedClientClassError) as caught:
        ClientFactory([registry(tmp_path)]).create(dict, "drs")  # type: ignore[type-var]
    assert caught.value.cls is dict


def test_use_accepts_urls_and_endpoints() -> None:
    endpoint = ServiceEndpoint(id="mine", url="http://other.test/")
    factory = ClientFactory.use("http://one.test/", endpoint)
    assert [r.endpoint.url for r in factory.registries] == [
        "http://one.test/",
        "http://other.test/",
    ]
    assert factory.registries[0].endpoint.type == ServiceRegistry.get_supported_service_types()[0]


def test_python_and_cli_name_a_registry_context_alike() -> None:
    from dnastack.client.use import context_name_for

    assert context_name_for("http://127.0.0.1:8080/") == "127.0.0.1:8080"
    assert context_name_for("https://user:secret@Node.example.org/x/") == "node.example.org"
    assert context_name_for("http://[::1]:8080/") == "[::1]:8080"

"""service-info and the Service Registry of the devserver."""

from __future__ import annotations

import httpx
import pytest

from tests.fixtures.devserver import DevServer

pytestmark = pytest.mark.e2e

EXPECTED_TYPES = {
    ("org.ga4gh", "service-registry", "1.0.0"): "/",
    ("org.ga4gh", "data-connect", "1.0.0"): "/data-connect/",
    ("org.ga4gh", "drs", "1.5.0"): "/ga4gh/drs/v1/",
    ("com.dnastack", "collection-service", "1.0.0"): "/collection-service/",
    ("com.dnastack", "explorer", "1.0.0"): "/explorer/",
}
REQUIRED_SERVICE_FIELDS = {"id", "name", "type", "organization", "version"}


def _type_key(service: dict[str, object]) -> tuple[str, str, str]:
    kind = service["type"]
    assert isinstance(kind, dict)
    return kind["group"], kind["artifact"], kind["version"]


def test_node_service_info_is_the_registry(client: httpx.Client) -> None:
    response = client.get("/service-info")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    info = response.json()
    assert info.keys() >= REQUIRED_SERVICE_FIELDS
    assert _type_key(info) == ("org.ga4gh", "service-registry", "1.0.0")
    assert info["organization"].keys() >= {"name", "url"}


def test_services_lists_every_api_with_its_absolute_base_url(
    client: httpx.Client, devserver: DevServer
) -> None:
    services = client.get("/services").json()
    by_type = {_type_key(s): s for s in services}
    assert by_type.keys() == EXPECTED_TYPES.keys()
    for key, path in EXPECTED_TYPES.items():
        service = by_type[key]
        assert service.keys() >= REQUIRED_SERVICE_FIELDS
        assert service["url"] == devserver.base_url + path
        assert "authentication" not in service


def test_service_url_follows_the_host_the_client_used(devserver: DevServer) -> None:
    services = httpx.get(f"http://localhost:{devserver.port}/services").json()
    assert all(s["url"].startswith(f"http://localhost:{devserver.port}/") for s in services)


def test_service_by_id_and_unknown_id(client: httpx.Client) -> None:
    for service in client.get("/services").json():
        assert client.get(f"/services/{service['id']}").json() == service
    missing = client.get("/services/no.such.service")
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/json"
    body = missing.json()
    assert body["status"] == 404
    assert body["title"]


def test_service_types_are_distinct(client: httpx.Client) -> None:
    types = client.get("/services/types").json()
    assert {(t["group"], t["artifact"], t["version"]) for t in types} == EXPECTED_TYPES.keys()
    assert len(types) == len(EXPECTED_TYPES)


@pytest.mark.parametrize(
    ("path", "artifact"),
    [
        ("/data-connect/service-info", "data-connect"),
        ("/ga4gh/drs/v1/service-info", "drs"),
        ("/collection-service/service-info", "collection-service"),
        ("/explorer/service-info", "explorer"),
        ("/collection-service/collection/cohort-a/data-connect/service-info", "data-connect"),
    ],
)
def test_every_api_has_its_own_service_info(client: httpx.Client, path: str, artifact: str) -> None:
    info = client.get(path).json()
    assert info["type"]["artifact"] == artifact
    assert info.keys() >= REQUIRED_SERVICE_FIELDS


def test_unknown_route_is_a_json_404(client: httpx.Client) -> None:
    response = client.get("/no/such/route")
    assert response.status_code == 404
    assert response.json()["status"] == 404


def test_double_slashes_from_joined_base_urls_still_route(
    client: httpx.Client, devserver: DevServer
) -> None:
    response = httpx.get(devserver.data_connect_url + "/tables")
    assert response.status_code == 200

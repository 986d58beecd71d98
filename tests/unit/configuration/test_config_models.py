"""ServiceEndpoint and the Service Registry models, as documented."""

from __future__ import annotations

import inspect

import pytest

from dnastack.client.models import EndpointSource, ServiceEndpoint
from dnastack.client.service_registry.models import Organization, Service, ServiceType
from dnastack.exceptions import ModelValidationError

DRS = ServiceType(group="org.ga4gh", artifact="drs", version="1.5.0")


def test_documented_constructor_parameters() -> None:
    assert list(inspect.signature(ServiceType).parameters) == ["group", "artifact", "version"]
    assert list(inspect.signature(Organization).parameters) == ["name", "url"]
    assert list(inspect.signature(Service).parameters) == [
        "id",
        "name",
        "type",
        "url",
        "description",
        "organization",
        "contactUrl",
        "documentationUrl",
        "createdAt",
        "updatedAt",
        "environment",
        "version",
        "authentication",
    ]


def test_service_parses_a_registry_entry_with_camel_case_fields() -> None:
    service = Service.parse_obj(
        {
            "id": "drs",
            "name": "DRS",
            "type": {"group": "org.ga4gh", "artifact": "drs", "version": "1.5.0"},
            "url": "http://127.0.0.1:8080/ga4gh/drs/v1/",
            "organization": {"name": "DNAstack", "url": "https://dnastack.com"},
            "contactUrl": "mailto:x@y",
            "createdAt": "2024-01-01",
            "authentication": [{"type": "oauth2", "clientId": "cli", "clientSecret": "shh"}],
            "x-extension": 1,
        }
    )
    assert service.type == DRS
    assert service.organization == Organization(name="DNAstack", url="https://dnastack.com")
    assert service.contactUrl == "mailto:x@y"
    assert service.model_extra == {"x-extension": 1}
    assert "shh" not in repr(service)


def test_service_type_helpers() -> None:
    assert str(DRS) == "org.ga4gh:drs:1.5.0"
    assert DRS.same_artifact(ServiceType(group="org.ga4gh", artifact="drs", version="1.2.0"))
    assert not DRS.same_artifact(ServiceType(group="org.ga4gh", artifact="beacon", version="1"))


def test_service_endpoint_defaults() -> None:
    endpoint = ServiceEndpoint(url="http://h/")
    assert len(endpoint.id) == 36  # a UUID
    assert endpoint.model_version == endpoint.dnastack_schema_version == 2.0
    assert endpoint.type is None and endpoint.authentication is None
    assert endpoint.authentications() == []
    assert ServiceEndpoint(url="http://h/").id != endpoint.id


def test_service_endpoint_fields_and_model_version_alias() -> None:
    endpoint = ServiceEndpoint.parse_obj(
        {
            "model_version": 2.0,
            "id": "e",
            "url": "http://h/",
            "type": {"group": "org.ga4gh", "artifact": "drs", "version": "1.5.0"},
            "authentication": {"type": "oauth2", "client_id": "c"},
            "fallback_authentications": [{"type": "bearer", "token": "t"}],
            "source": {"source_id": "reg", "external_id": "x"},
        }
    )
    assert endpoint.type == DRS
    assert endpoint.source == EndpointSource(source_id="reg", external_id="x")
    assert endpoint.authentications() == [
        {"type": "oauth2", "client_id": "c"},
        {"type": "bearer", "token": "t"},
    ]
    assert endpoint.dict(by_alias=True)["model_version"] == 2.0


def test_service_endpoint_requires_a_url() -> None:
    with pytest.raises(ModelValidationError) as caught:
        ServiceEndpoint.parse_obj({"id": "e"})
    assert caught.value.path == ("url",)


def test_service_endpoint_repr_hides_secrets() -> None:
    endpoint = ServiceEndpoint(
        url="https://user:urlpass@h/?access_token=qtok",
        authentication={"type": "oauth2", "client_id": "c", "client_secret": "csecret"},
        fallback_authentications=[{"type": "bearer", "token": "btoken"}],
    )
    text = repr(endpoint)
    for secret in ("urlpass", "qtok", "csecret", "btoken"):
        assert secret not in text
    assert "client_id': 'c'" in text

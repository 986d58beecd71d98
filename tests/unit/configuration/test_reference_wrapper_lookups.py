"""``ConfigurationWrapper`` look-ups in the reference library's (3.x) forms."""

from __future__ import annotations

import pytest

from dnastack.client.models import ServiceEndpoint
from dnastack.client.service_registry.models import ServiceType
from dnastack.configuration.models import Configuration
from dnastack.configuration.wrapper import ConfigurationWrapper
from dnastack.exceptions import MissingEndpointError

DC = ServiceType(group="org.ga4gh", artifact="data-connect", version="1.0.0")
DRS = ServiceType(group="org.ga4gh", artifact="drs", version="1.1.0")


def _wrapper() -> ConfigurationWrapper:
    wrapper = ConfigurationWrapper(Configuration(), "default")
    wrapper.add_endpoint(ServiceEndpoint(id="dc", url="https://h.test/dc/", type=DC))
    wrapper.add_endpoint(ServiceEndpoint(id="drs", url="https://h.test/drs/", type=DRS))
    return wrapper


def test_get_endpoint_by_id_returns_none_when_missing() -> None:
    wrapper = _wrapper()

    assert wrapper.get_endpoint_by_id("drs") is wrapper.get_endpoint("drs")
    assert wrapper.get_endpoint_by_id("nope") is None


def test_get_endpoint_by_adapter_type_and_service_types() -> None:
    wrapper = _wrapper()

    assert wrapper.get_endpoint("drs", [DRS]).id == "drs"
    assert wrapper.get_endpoint("data_connect", [DC], "dc").id == "dc"
    with pytest.raises(MissingEndpointError):
        wrapper.get_endpoint("data_connect", [DC], "nope")
    with pytest.raises(MissingEndpointError):
        wrapper.get_endpoint("nope")

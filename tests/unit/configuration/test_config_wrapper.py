"""ConfigurationWrapper: one context of a configuration."""

from __future__ import annotations

import pytest

from dnastack.client.models import ServiceEndpoint
from dnastack.client.service_registry.models import ServiceType
from dnastack.configuration.exceptions import (
    MissingEndpointError,
    UnknownClientShortTypeError,
    UnsupportedModelVersionError,
)
from dnastack.configuration.models import Configuration, Context
from dnastack.configuration.short_types import (
    SHORT_TYPES,
    normalize_short_type,
    service_type_for,
    short_type_of,
)
from dnastack.configuration.wrapper import ConfigurationWrapper


def drs(endpoint_id: str) -> ServiceEndpoint:
    return ServiceEndpoint(id=endpoint_id, url=f"http://{endpoint_id}/", type=SHORT_TYPES["drs"])


def test_properties_follow_the_named_context() -> None:
    configuration = Configuration(
        current_context="a",
        contexts={"a": Context(endpoints=[drs("x")], defaults={"drs": "x"}), "b": Context()},
    )
    wrapper = ConfigurationWrapper(configuration, None)
    assert wrapper.original is configuration
    assert wrapper.context_name == "a"
    assert wrapper.current_context is configuration.contexts["a"]
    assert wrapper.endpoints == [drs("x")]
    assert wrapper.defaults == {"drs": "x"}
    assert ConfigurationWrapper(configuration, "b").endpoints == []


def test_a_missing_context_is_created_empty() -> None:
    configuration = Configuration()
    wrapper = ConfigurationWrapper(configuration, None)
    assert wrapper.context_name == "default"
    wrapper.endpoints.append(drs("x"))
    assert configuration.contexts["default"].endpoints == [drs("x")]


def test_a_newer_version_is_unsupported() -> None:
    with pytest.raises(UnsupportedModelVersionError):
        ConfigurationWrapper(Configuration(version=99.0), None)


def test_default_endpoint_lookup() -> None:
    configuration = Configuration(contexts={"default": Context(endpoints=[drs("x"), drs("y")])})
    wrapper = ConfigurationWrapper(configuration, None)
    assert wrapper.get_default_endpoint("drs") is None  # two candidates, no default
    wrapper.set_default("drs", "y")
    assert wrapper.get_default_endpoint("drs") == drs("y")
    wrapper.remove_endpoint("x")
    assert wrapper.get_default_endpoint("drs") == drs("y")  # the only one left
    assert wrapper.get_default_endpoint("data_connect") is None
    with pytest.raises(UnknownClientShortTypeError):
        wrapper.get_default_endpoint("beacon")


def test_missing_endpoints() -> None:
    wrapper = ConfigurationWrapper(Configuration(), None)
    with pytest.raises(MissingEndpointError):
        wrapper.get_endpoint("nope")
    with pytest.raises(MissingEndpointError):
        wrapper.set_default("drs", "nope")
    wrapper.defaults["drs"] = "ghost"
    with pytest.raises(MissingEndpointError):
        wrapper.get_default_endpoint("drs")


def test_add_replace_and_remove_endpoints() -> None:
    wrapper = ConfigurationWrapper(Configuration(), None)
    wrapper.add_endpoint(drs("x"), make_default=True)
    assert wrapper.defaults == {"drs": "x"}
    replacement = drs("x").copy(update={"url": "http://new/"})
    wrapper.add_endpoint(replacement)
    assert [e.url for e in wrapper.endpoints] == ["http://new/"]
    wrapper.unset_default("drs")
    assert wrapper.defaults == {}
    wrapper.set_default("drs", "x")
    wrapper.remove_endpoint("x")
    assert wrapper.endpoints == [] and wrapper.defaults == {}
    with pytest.raises(MissingEndpointError):
        wrapper.add_endpoint(ServiceEndpoint(url="http://h/"), make_default=True)


def test_short_types() -> None:
    assert normalize_short_type("Service-Registry") == "registry"
    assert service_type_for("collections") == ServiceType(
        group="com.dnastack", artifact="collection-service", version="1.0.0"
    )
    any_version = ServiceType(group="org.ga4gh", artifact="drs", version="1.2.0")
    assert short_type_of(any_version) == "drs"
    assert short_type_of(ServiceType(group="x", artifact="y", version="1")) is None
    assert short_type_of(None) is None
    with pytest.raises(UnknownClientShortTypeError, match="beacon"):
        normalize_short_type("beacon")

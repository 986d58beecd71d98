"""Older layouts migrate on load."""

from __future__ import annotations

from pathlib import Path

import pytest

from dnastack.client.models import ServiceEndpoint
from dnastack.configuration.exceptions import ConfigurationError
from dnastack.configuration.manager import ConfigurationManager
from dnastack.configuration.models import CONFIGURATION_VERSION, Configuration, Context
from dnastack.configuration.short_types import SHORT_TYPES

LEGACY = """\
version: 3
defaults:
  data_connect: dc
  service_registry: reg
endpoints:
- id: dc
  adapter_type: data_connect
  url: http://127.0.0.1:8080/data-connect/
  authentication:
    client_id: sdk-cli
    token_endpoint: http://127.0.0.1:9000/token
- id: reg
  adapter_type: registry
  url: http://127.0.0.1:8080/
"""


@pytest.mark.parametrize(
    ("adapter_type", "short_type"),
    [
        ("data_connect", "data_connect"),
        ("drs", "drs"),
        ("collections", "collections"),
        ("registry", "registry"),
        ("service_registry", "registry"),
        ("explorer", "explorer"),
        ("Data-Connect", "data_connect"),
    ],
)
def test_adapter_types_become_service_types(adapter_type: str, short_type: str) -> None:
    endpoint = ServiceEndpoint(url="http://h/", adapter_type=adapter_type)
    migrated = ConfigurationManager.migrate_endpoint(endpoint)
    assert migrated.type == SHORT_TYPES[short_type]
    assert migrated.adapter_type is None
    assert endpoint.adapter_type == adapter_type  # the input is not changed


def test_an_unknown_adapter_type_is_kept() -> None:
    endpoint = ServiceEndpoint(url="http://h/", adapter_type="publisher")
    migrated = ConfigurationManager.migrate_endpoint(endpoint)
    assert migrated.type is None and migrated.adapter_type == "publisher"


def test_an_explicit_type_wins_over_adapter_type() -> None:
    endpoint = ServiceEndpoint(url="http://h/", type=SHORT_TYPES["drs"], adapter_type="explorer")
    migrated = ConfigurationManager.migrate_endpoint(endpoint)
    assert migrated.type == SHORT_TYPES["drs"] and migrated.adapter_type is None


@pytest.mark.parametrize(
    ("authentication", "expected_type"),
    [
        ({"client_id": "c", "token_endpoint": "t"}, "oauth2"),
        ({"token": "abc"}, "bearer"),
        ({"type": "custom", "x": 1}, "custom"),
    ],
)
def test_authentication_without_type_gets_one(
    authentication: dict[str, str], expected_type: str
) -> None:
    endpoint = ServiceEndpoint(
        url="http://h/", authentication=authentication, fallback_authentications=[authentication]
    )
    migrated = ConfigurationManager.migrate_endpoint(endpoint)
    assert migrated.authentication is not None
    assert migrated.authentication["type"] == expected_type
    assert migrated.fallback_authentications is not None
    assert migrated.fallback_authentications[0]["type"] == expected_type


def test_an_up_to_date_endpoint_is_returned_as_is() -> None:
    endpoint = ServiceEndpoint(url="http://h/", type=SHORT_TYPES["drs"])
    assert ConfigurationManager.migrate_endpoint(endpoint) is endpoint


def test_migrate_normalises_defaults_and_sets_the_version() -> None:
    configuration = Configuration(
        version=2.0,
        contexts={"a": Context(defaults={"service_registry": "r", "workbench": "w"})},
    )
    migrated = ConfigurationManager.migrate(configuration)
    assert migrated.version == CONFIGURATION_VERSION
    assert migrated.contexts["a"].defaults == {"registry": "r", "workbench": "w"}
    assert configuration.version == 2.0


def test_a_legacy_file_without_contexts_loads_into_the_default_context(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(LEGACY)
    configuration = ConfigurationManager(path).load()
    assert configuration.version == CONFIGURATION_VERSION
    assert configuration.current_context == "default"
    context = configuration.contexts["default"]
    assert [e.id for e in context.endpoints] == ["dc", "reg"]
    assert context.endpoints[0].type == SHORT_TYPES["data_connect"]
    assert context.endpoints[0].authentication == {
        "type": "oauth2",
        "client_id": "sdk-cli",
        "token_endpoint": "http://127.0.0.1:9000/token",
    }
    assert context.endpoints[1].type == SHORT_TYPES["registry"]
    assert context.defaults == {"data_connect": "dc", "registry": "reg"}
    assert path.read_text() == LEGACY  # loading never writes


def test_a_migrated_legacy_file_saves_in_the_current_layout(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(LEGACY)
    manager = ConfigurationManager(path)
    manager.save(manager.load())
    text = path.read_text()
    assert "adapter_type" not in text
    assert "contexts:" in text and text.startswith("version: 4.0\n")
    assert manager.load() == ConfigurationManager.migrate(manager.load())


def test_legacy_endpoints_join_the_named_current_context(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(
        "current_context: prod\n"
        "contexts:\n  prod:\n    endpoints:\n    - {id: a, url: 'http://a/'}\n"
        "endpoints:\n- {id: a, url: 'http://dup/'}\n- {id: b, url: 'http://b/'}\n"
    )
    context = ConfigurationManager(path).load().contexts["prod"]
    assert [(e.id, e.url) for e in context.endpoints] == [("a", "http://a/"), ("b", "http://b/")]


def test_errors_in_a_legacy_file_point_at_the_original_line(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(LEGACY.replace("  url: http://127.0.0.1:8080/\n", "  url: [1]\n"))
    with pytest.raises(ConfigurationError) as caught:
        ConfigurationManager(path).load()
    assert str(caught.value) == f"{path}, line 14: endpoints[1].url: expected a string, got a list"


def test_a_legacy_endpoints_key_of_the_wrong_type(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_text("version: 1\nendpoints: nope\n")
    with pytest.raises(ConfigurationError, match=r"line 2: endpoints: expected a list"):
        ConfigurationManager(path).load()


def test_a_pre_2022_nested_oauth2_authentication_is_unwrapped() -> None:
    nested = {"oauth2": {"client_id": "sdk-cli", "token_endpoint": "https://id.test/token"}}
    endpoint = ServiceEndpoint(id="dc", url="https://h.test/dc/", authentication=nested)

    migrated = ConfigurationManager.migrate_endpoint(endpoint)

    assert migrated.authentication == {
        "client_id": "sdk-cli",
        "token_endpoint": "https://id.test/token",
        "type": "oauth2",
    }
    assert endpoint.authentication == nested  # the original is left as it was

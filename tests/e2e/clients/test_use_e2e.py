"""``dnastack.use(registry_url)`` end to end: a context discovered from the devserver's
registry, working clients of every type, and the context saved to a configuration file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from drs_e2e_support import isolated_settings

import dnastack
from dnastack.cli.helpers.client_factory import ConfigurationBasedClientFactory
from dnastack.client.collections.client import CollectionServiceClient
from dnastack.client.data_connect import DataConnectClient
from dnastack.client.drs import DownloadStatus, DrsClient
from dnastack.client.explorer.client import ExplorerClient
from dnastack.client.service_registry.client import ServiceListingError, ServiceRegistry
from dnastack.client.use import RegistryContext
from dnastack.configuration.manager import ConfigurationManager
from dnastack.exceptions import MissingEndpointError
from tests.fixtures.devserver import DevServer, DevServerFactory
from tests.fixtures.oidc import OidcProvider

pytestmark = pytest.mark.e2e


def test_use_hands_out_working_clients_of_every_type(devserver: DevServer, tmp_path: Path) -> None:
    with dnastack.use(devserver.registry_url, settings=isolated_settings(tmp_path)) as node:
        assert isinstance(node, RegistryContext)
        host_port = devserver.base_url.split("://", 1)[1].rstrip("/")
        assert node.context_name == host_port
        assert set(node.defaults) == {"registry", "data_connect", "drs", "collections", "explorer"}

        data_connect = node.data_connect()
        assert type(data_connect) is DataConnectClient
        assert "variants" in [t.name for t in data_connect.list_tables()]
        rows = list(data_connect.query("SELECT 1 AS one"))
        assert rows == [{"one": 1}]

        drs = node.drs()
        assert type(drs) is DrsClient and drs.url == devserver.drs_url
        [result] = drs.download("hello.json", tmp_path / "out")
        assert result.status is DownloadStatus.SUCCESS and result.checksum_verified

        collections = node.collections()
        assert type(collections) is CollectionServiceClient
        assert [c.slugName for c in collections.list_collections()]

        explorer = node.explorer()
        assert type(explorer) is ExplorerClient  # never a CollectionServiceClient
        assert list(explorer.list_federated_questions())
        assert node.get(ExplorerClient) is explorer  # cached per class and endpoint

        registry = node.registry()
        assert type(registry) is ServiceRegistry
        assert len(registry.list_services()) == 5
        assert {e.id for e in node.endpoints} == {s.id for s in registry.list_services()}


def test_use_saves_a_context_that_the_configuration_factory_reads(
    devserver: DevServer, tmp_path: Path
) -> None:
    config = tmp_path / "config.yaml"
    node = dnastack.use(
        devserver.registry_url,
        context_name="devnode",
        save=True,
        config_file=config,
        settings=isolated_settings(tmp_path),
    )
    assert node.saved

    configuration = ConfigurationManager(config).load()
    assert configuration.current_context == "devnode"
    context = configuration.contexts["devnode"]
    assert {e.id for e in context.endpoints} == {e.id for e in node.endpoints}
    assert context.defaults == node.defaults

    factory = ConfigurationBasedClientFactory(ConfigurationManager(config), environ={})
    drs = factory.get(DrsClient)
    assert drs.url == devserver.drs_url
    assert drs.get_object("hello.json").name == "hello.json"
    explorer = factory.get(ExplorerClient, context_name="devnode")
    assert type(explorer) is ExplorerClient
    assert list(explorer.list_federated_questions())


def test_use_reuses_a_context_saved_under_the_old_default_name(
    devserver: DevServer, tmp_path: Path
) -> None:
    from dnastack.configuration.models import Context

    config = tmp_path / "config.yaml"
    host_port = devserver.base_url.split("://", 1)[1].rstrip("/")
    old_name = host_port.replace(":", "-")  # what use() named it before 127.0.0.1:8080
    ConfigurationManager(config).update(
        lambda c: c.contexts.__setitem__(old_name, Context()) or None
    )
    settings = isolated_settings(tmp_path)

    node = dnastack.use(devserver.registry_url, save=True, config_file=config, settings=settings)

    configuration = ConfigurationManager(config).load()
    assert node.context_name == old_name == configuration.current_context
    assert host_port not in configuration.contexts  # updated, not duplicated
    assert {e.id for e in configuration.contexts[old_name].endpoints} == {
        e.id for e in node.endpoints
    }
    # a fresh configuration gets the new name; an explicit name is always taken as given
    fresh = tmp_path / "fresh.yaml"
    assert (
        dnastack.use(
            devserver.registry_url, save=True, config_file=fresh, settings=settings
        ).context_name
        == host_port
    )
    named = dnastack.use(
        devserver.registry_url,
        context_name=host_port,
        save=True,
        config_file=config,
        settings=settings,
    )
    assert named.context_name == host_port
    assert {old_name, host_port} <= set(ConfigurationManager(config).load().contexts)


def test_use_of_a_missing_registry_fails_clearly(tmp_path: Path) -> None:
    settings = isolated_settings(tmp_path)
    with pytest.raises(ServiceListingError, match=r"127\.0\.0\.1:9/"):
        dnastack.use("http://127.0.0.1:9/", settings=settings)


def test_a_type_the_registry_does_not_list_is_a_clear_error(
    devserver: DevServer, tmp_path: Path
) -> None:
    node = dnastack.use(devserver.registry_url, settings=isolated_settings(tmp_path))
    with pytest.raises(MissingEndpointError, match="no-such-endpoint"):
        node.drs("no-such-endpoint")


def test_use_on_a_secured_node_with_client_credentials(
    devserver_factory: DevServerFactory, oidc_provider: OidcProvider, tmp_path: Path
) -> None:
    secured = devserver_factory.start("--auth-issuer", oidc_provider.issuer, "--rows", "100")
    credentials: dict[str, Any] = {
        "grant_type": "client_credentials",
        "client_id": oidc_provider.confidential_client_id,
        "client_secret": oidc_provider.confidential_client_secret,
        "token_endpoint_auth_method": "client_secret_basic",
    }
    registry_auth = {"type": "oauth2", "token_endpoint": oidc_provider.token_endpoint}
    with dnastack.use(
        secured.registry_url,
        settings=isolated_settings(tmp_path),
        registry_authentication={**registry_auth, **credentials},
        authentication_overrides=credentials,
    ) as node:
        drs_endpoint = node.endpoint("drs")
        assert drs_endpoint.authentication is not None
        # the registry's camelCase entry became a config dict, with the overrides on top
        assert drs_endpoint.authentication["token_endpoint"] == oidc_provider.token_endpoint
        assert drs_endpoint.authentication["resource_url"] == secured.base_url + "/"
        assert drs_endpoint.authentication["grant_type"] == "client_credentials"
        [result] = node.drs().download("hello.json", tmp_path / "out")
        assert result.status is DownloadStatus.SUCCESS
        assert [t.name for t in node.data_connect().list_tables()]


def test_default_event_interceptors_reach_every_client_handed_out(devserver: DevServer) -> None:
    seen: list[str] = []
    with dnastack.use(devserver.base_url + "/") as node:
        first = node.drs()
        node.set_default_event_interceptors({"download-ok": lambda e: seen.append(e.name)})
        again = node.drs()
        again.events.dispatch("download-ok", {})
        node.set_default_event_interceptors({"download-ok": None})

    assert first is again and seen == ["download-ok"]

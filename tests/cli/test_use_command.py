"""``dnastack use REGISTRY_URL``: a context from the devserver's registry, with a login when
the services need one (the real oidc-provider)."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
import yaml

from tests.cli.support import DnastackCli
from tests.cli.test_auth_commands import device_login
from tests.fixtures.devserver import DevServer, start_devserver
from tests.fixtures.oidc import DEVICE_CODE_GRANT, OidcProvider

pytestmark = pytest.mark.e2e

SHORT_TYPES = {"registry", "data_connect", "drs", "collections", "explorer"}


def test_use_writes_a_current_context_with_a_default_per_type(
    cli: DnastackCli, devserver: DevServer
) -> None:
    result = cli("use", devserver.registry_url, "--no-auth")

    assert result.exit_code == 0, result
    name = f"127.0.0.1:{devserver.port}"
    assert f"context {name!r} written" in result.stderr
    config = yaml.safe_load(cli.config_file.read_text())
    assert config["current_context"] == name
    context = config["contexts"][name]
    assert set(context["defaults"]) == SHORT_TYPES
    urls = {e["url"] for e in context["endpoints"]}
    assert devserver.data_connect_url in urls and devserver.drs_url in urls

    tables = cli("dc", "tables", "list", "-o", "jsonl")
    assert tables.exit_code == 0, tables
    assert "variants" in tables.stdout


def test_use_updates_a_context_saved_under_the_old_default_name(
    cli: DnastackCli, devserver: DevServer
) -> None:
    import dnastack

    old_name = f"127.0.0.1-{devserver.port}"  # what dnastack.use() named it before
    cli.config_file.write_text(
        yaml.safe_dump({"contexts": {old_name: {"endpoints": []}}, "current_context": old_name})
    )

    result = cli("use", devserver.registry_url, "--no-auth")

    assert result.exit_code == 0, result
    config = yaml.safe_load(cli.config_file.read_text())
    assert set(config["contexts"]) == {old_name} and config["current_context"] == old_name
    assert set(config["contexts"][old_name]["defaults"]) == SHORT_TYPES
    # without an old context, the CLI and the Python use() pick the same name
    fresh = dnastack.use(devserver.registry_url, no_auth=True)
    assert fresh.context_name == f"127.0.0.1:{devserver.port}"


def test_use_with_a_name_and_then_switching_contexts(
    cli: DnastackCli, devserver: DevServer
) -> None:
    assert cli("use", devserver.registry_url, "--name", "node", "--no-auth").exit_code == 0
    assert (
        cli(
            "--context",
            "other",
            "config",
            "endpoints",
            "add",
            "dc",
            "--type",
            "data_connect",
            "--url",
            "http://127.0.0.1:9/",
        ).exit_code
        == 0
    )

    listed = json.loads(cli("config", "contexts", "list", "-o", "json").stdout)
    in_other = cli("--context", "other", "dc", "tables", "list")

    expected = {"default": False, "node": True, "other": False}  # `default` exists from the start
    assert {c["name"]: c["current"] for c in listed} == expected
    assert in_other.exit_code == 3  # the other context's endpoint answers nothing


def test_an_endpoint_of_another_type_is_refused(cli: DnastackCli, devserver: DevServer) -> None:
    cli("use", devserver.registry_url, "--no-auth")

    result = cli("dc", "tables", "list", "--endpoint", "com.dnastack.devserver.drs")

    assert result.exit_code == 1
    (line,) = result.stderr.strip().splitlines()
    assert "is a drs endpoint, not a data_connect endpoint" in line


def test_use_of_an_unreachable_registry_is_exit_code_3_on_one_line(cli: DnastackCli) -> None:
    result = cli("use", "http://127.0.0.1:9/", env={"DNASTACK_MAX_RETRIES": "0"})

    assert result.exit_code == 3
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("dnastack use: ") and "http://127.0.0.1:9/services" in line
    assert not cli.config_file.exists()


@pytest.fixture(scope="module")
def secured_node(
    oidc_provider: OidcProvider, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[DevServer]:
    workdir = tmp_path_factory.mktemp("use-secured")
    server = start_devserver(workdir / "data", ["--auth-issuer", oidc_provider.issuer])
    try:
        yield server
    finally:
        assert server.stop() == 0, server.log()


@pytest.mark.slow
def test_use_logs_in_once_for_every_service_of_a_secured_node(
    cli: DnastackCli, secured_node: DevServer, oidc_provider: OidcProvider
) -> None:
    # the registry's listing needs a token too: the same authentication its entries carry
    registry_auth = {
        "type": "oauth2",
        "token_endpoint": oidc_provider.token_endpoint,
        "device_code_endpoint": oidc_provider.device_endpoint,
        "revocation_endpoint": oidc_provider.revocation_endpoint,
        "client_id": oidc_provider.public_client_id,
        "resource_url": secured_node.registry_url,
        "scope": "openid offline_access",
        "grant_type": DEVICE_CODE_GRANT,
    }
    args = [f"--registry-auth={k}={v}" for k, v in registry_auth.items()]

    result = device_login(cli, oidc_provider, "use", secured_node.registry_url, *args)

    assert result.exit_code == 0, result
    assert result.stderr.count("enter the code") == 1  # one session for the whole node
    assert "logged in for registry" in result.stderr
    assert "logged in for com.dnastack.devserver.service-registry, " in result.stderr
    status = json.loads(cli("auth", "status", "-o", "json").stdout)
    assert [row["state"] for row in status] == ["valid"]
    assert status[0]["issuer"] == oidc_provider.issuer

    query = cli("dc", "query", "SELECT COUNT(*) AS n FROM samples", "-o", "jsonl")
    assert query.exit_code == 0, query
    assert json.loads(query.stdout) == {"n": 100}

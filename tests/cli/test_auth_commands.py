"""``dnastack auth`` against the real oidc-provider and a devserver that requires tokens.

The device login is approved the way a person would, through the provider's HTML forms
(``oidc_provider.approve_device_code``), with the code the command printed on stderr.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.support import CliResult, DnastackCli
from tests.fixtures.devserver import DevServer, start_devserver
from tests.fixtures.oidc import DEVICE_CODE_GRANT, OidcProvider

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

_CODE = re.compile(r"enter the code (\S+)")


@pytest.fixture(scope="module")
def secured(
    oidc_provider: OidcProvider, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[DevServer]:
    """A devserver whose APIs need a token from the oidc-provider."""
    workdir = tmp_path_factory.mktemp("secured-devserver")
    server = start_devserver(
        workdir / "data", ["--auth-issuer", oidc_provider.issuer, "--rows", "100"]
    )
    try:
        yield server
    finally:
        assert server.stop() == 0, server.log()


def device_login(cli: DnastackCli, oidc: OidcProvider, *args: str) -> CliResult:
    """Run ``dnastack ARGS`` (which starts a device login) in a process, approve the code
    it prints, and return the finished result."""
    process = subprocess.Popen(
        cli.process_command(*args),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli.process_env(),
        cwd=cli.workdir,
    )
    assert process.stderr is not None
    seen: list[str] = []
    for line in process.stderr:
        seen.append(line)
        match = _CODE.search(line)
        if match:
            oidc.approve_device_code(match.group(1))
            break
    stdout, rest = process.communicate(timeout=120)
    return CliResult(process.returncode, stdout, "".join(seen) + rest)


def add_secured_data_connect(cli: DnastackCli, server: DevServer, oidc: OidcProvider) -> None:
    auth = {
        "type": "oauth2",
        "grant_type": DEVICE_CODE_GRANT,
        "token_endpoint": oidc.token_endpoint,
        "device_code_endpoint": oidc.device_endpoint,
        "revocation_endpoint": oidc.revocation_endpoint,
        "client_id": oidc.public_client_id,
        "resource_url": server.base_url + "/",
        "scope": "openid offline_access",
    }
    args = [f"--auth={k}={v}" for k, v in auth.items()]
    result = cli(
        "config",
        "endpoints",
        "add",
        "dc",
        "--type",
        "data_connect",
        "--url",
        server.data_connect_url,
        "--default",
        *args,
    )
    assert result.exit_code == 0, result


def _stored_tokens(session_dir: Path) -> list[str]:
    tokens = []
    for path in session_dir.glob("*.json"):
        data = json.loads(path.read_text())
        tokens += [data[k] for k in ("access_token", "refresh_token") if data.get(k)]
    return tokens


def test_login_status_use_and_revoke(
    cli: DnastackCli, secured: DevServer, oidc_provider: OidcProvider
) -> None:
    add_secured_data_connect(cli, secured, oidc_provider)
    before = json.loads(cli("auth", "status", "-o", "json").stdout)
    assert [row["state"] for row in before] == ["not logged in"]

    login = device_login(cli, oidc_provider, "auth", "login")

    assert login.exit_code == 0, login
    assert f"open {oidc_provider.issuer}/device" in login.stderr
    assert "logged in for dc (valid until" in login.stderr
    tokens = _stored_tokens(cli.session_dir)
    assert len(tokens) == 2  # an access token and a refresh token

    status_json = cli("auth", "status", "-o", "json")
    status_table = cli("auth", "status", "-o", "table")
    (row,) = json.loads(status_json.stdout)
    assert row["state"] == "valid" and row["endpoints"] == "dc"
    assert row["issuer"] == oidc_provider.issuer
    assert row["client_id"] == "sdk-cli" and "offline_access" in row["scope"]
    assert row["grant"] == "device_code" and row["expires"].endswith("Z")
    header, _rule, first, *_ = status_table.stdout.splitlines()
    assert header.split()[:3] == ["state", "expires", "endpoints"]  # the state leads
    assert first.split()[:1] == ["valid"] and first.split()[2] == "dc"
    for text in (
        login.stdout,
        login.stderr,
        status_json.stdout,
        status_table.stdout,
        status_table.stderr,
    ):
        for token in tokens:
            assert token not in text

    tables = cli("dc", "tables", "list", "-o", "jsonl")
    assert tables.exit_code == 0, tables
    assert "variants" in tables.stdout

    revoke = cli("auth", "revoke")
    assert revoke.exit_code == 0, revoke
    assert "revoked the session of dc" in revoke.stderr
    assert _stored_tokens(cli.session_dir) == []
    assert not oidc_provider.introspect(tokens[0]).get("active")
    after = json.loads(cli("auth", "status", "-o", "json").stdout)
    assert [r["state"] for r in after] == ["not logged in"]


def test_a_token_the_server_rejects_is_exit_code_3(cli: DnastackCli, secured: DevServer) -> None:
    context = json.dumps({"auth_token_type": "Bearer", "auth_token": "not-a-real-token"})

    result = cli(
        "dc",
        "tables",
        "list",
        env={
            "DNASTACK_DATA_CONNECT_URL": secured.data_connect_url,
            "DNASTACK_SECURITY_CONTEXT": context,
        },
    )

    assert result.exit_code == 3
    (line,) = result.stderr.strip().splitlines()
    assert "not-a-real-token" not in line
    assert secured.data_connect_url in line


def test_login_without_any_authenticated_endpoint_succeeds_with_a_note(cli: DnastackCli) -> None:
    cli(
        "config", "endpoints", "add", "dc", "--type", "data_connect", "--url", "http://127.0.0.1:9/"
    )

    result = cli("auth", "login")  # `dnastack use NODE && dnastack auth login` on a public node

    assert result.exit_code == 0
    assert "needs a login" in result.stderr


def test_login_of_a_named_endpoint_without_authentication_is_a_usage_error(
    cli: DnastackCli,
) -> None:
    cli(
        "config", "endpoints", "add", "dc", "--type", "data_connect", "--url", "http://127.0.0.1:9/"
    )

    result = cli("auth", "login", "--endpoint", "dc")

    assert result.exit_code == 1
    assert "needs a login" in result.stderr


def test_login_for_an_unknown_endpoint_is_a_usage_error(cli: DnastackCli) -> None:
    result = cli("auth", "login", "--endpoint", "nope")

    assert result.exit_code == 1
    assert "no endpoint 'nope'" in result.stderr

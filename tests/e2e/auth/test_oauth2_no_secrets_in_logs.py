"""No token, code or secret reaches any log record, at DEBUG, over a full device flow."""

from __future__ import annotations

import logging

import httpx
import pytest
from oauth_e2e_support import AuthenticatorFactory, FakeClock, LocalServer, approve_when_asked

from dnastack.http.session import HttpSession
from tests.fixtures.oidc import OidcProvider

pytestmark = pytest.mark.e2e


def test_no_secret_in_logs_over_device_flow_refresh_and_revoke(
    oidc_provider: OidcProvider,
    make_authenticator: AuthenticatorFactory,
    resource_server: LocalServer,
    http_client: httpx.Client,
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    secrets: set[str] = {oidc_provider.confidential_client_secret}

    def remember_token_responses(response: httpx.Response) -> None:
        if response.request.url.path in ("/token", "/device/auth"):
            response.read()
            body = response.json()
            for key in ("access_token", "refresh_token", "id_token", "device_code"):
                if isinstance(body.get(key), str):
                    secrets.add(body[key])

    http_client.event_hooks["response"].append(remember_token_responses)
    authenticator = make_authenticator("device")
    approve_when_asked(oidc_provider, authenticator)

    with caplog.at_level(logging.DEBUG):
        with HttpSession(authenticators=[authenticator], session=http_client) as session:
            session.get(f"{resource_server.url}/objects/1?access_token=in-the-query")
            clock.now = authenticator.initialize().valid_until  # expired: refresh
            session.get(f"{resource_server.url}/objects/1")
        authenticator.revoke()

    assert len(secrets) >= 6  # client secret, device code, 2 x (access, refresh, id) tokens
    records = "\n".join(f"{r.name} {r.getMessage()} {r.exc_text or ''}" for r in caplog.records)
    assert "httpx" in records  # the libraries did log at DEBUG/INFO
    assert "httpcore" in records
    for secret in secrets | {"in-the-query"}:
        assert secret not in records

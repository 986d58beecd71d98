"""Device authorization grant (RFC 8628) end to end against the real oidc-provider."""

from __future__ import annotations

import httpx
import pytest
from oauth_e2e_support import AuthenticatorFactory, FakeClock, LocalServer, approve_when_asked

from dnastack.exceptions import AuthenticationError
from dnastack.http.authenticators.grants.device_code import (
    poll_for_token,
    request_device_authorization,
)
from dnastack.http.authenticators.grants.refresh_token import refresh_token_grant
from dnastack.http.authenticators.grants.token_endpoint import ClientAuthentication, OAuthError
from dnastack.http.session import HttpSession
from dnastack.http.session_info import SessionManager
from tests.fixtures.oidc import OidcProvider

pytestmark = pytest.mark.e2e


def test_device_flow_for_the_public_cli_client(
    oidc_provider: OidcProvider,
    make_authenticator: AuthenticatorFactory,
    sessions: SessionManager,
    clock: FakeClock,
    resource_server: LocalServer,
    http_client: httpx.Client,
) -> None:
    opened: list[str] = []
    authenticator = make_authenticator("cli", open_browser=opened.append)
    shown = approve_when_asked(oidc_provider, authenticator)

    with HttpSession(authenticators=[authenticator], session=http_client) as session:
        response = session.get(f"{resource_server.url}/objects/obj-1")

    assert response.json() == {"id": "obj-1"}
    (event,) = shown
    assert set(event) == {
        "user_code",
        "verification_uri",
        "verification_uri_complete",
        "expires_in",
    }
    assert event["verification_uri"] == f"{oidc_provider.issuer}/device"
    assert event["verification_uri_complete"].endswith(f"user_code={event['user_code']}")
    assert opened == [event["verification_uri_complete"]]
    assert clock.sleeps == [5.0]  # the server sends no interval: RFC 8628 default
    stored = sessions.restore(authenticator.session_id)
    assert stored is not None and stored.access_token and stored.refresh_token
    assert stored.handler is not None and stored.handler.auth_info["client_id"] == "sdk-cli"
    assert oidc_provider.introspect(stored.access_token)["client_id"] == "sdk-cli"
    ((_, authorization),) = resource_server.seen
    assert authorization == f"Bearer {stored.access_token}"


def test_device_flow_for_the_confidential_client_polls_while_pending(
    oidc_provider: OidcProvider, make_authenticator: AuthenticatorFactory, clock: FakeClock
) -> None:
    authenticator = make_authenticator("device")
    codes: list[str] = []
    authenticator.events.on(
        "user-verification-required", lambda e: codes.append(e.payload["user_code"])
    )
    # the user approves only after the first poll was answered authorization_pending
    clock.on_sleep = lambda n: oidc_provider.approve_device_code(codes[0]) if n == 2 else None

    info = authenticator.initialize()

    assert clock.sleeps == [5.0, 5.0]
    assert info.refresh_token
    assert oidc_provider.introspect(info.access_token or "")["client_id"] == "sdk-test"


def test_denied_device_authorization_is_an_authentication_error(
    oidc_provider: OidcProvider, make_authenticator: AuthenticatorFactory
) -> None:
    authenticator = make_authenticator("cli")
    authenticator.events.on(
        "user-verification-required",
        lambda e: oidc_provider.deny_device_code(e.payload["user_code"]),
    )
    failures: list[str] = []
    authenticator.events.on("authentication-failure", lambda e: failures.append(e.payload["error"]))

    with pytest.raises(AuthenticationError, match="denied") as caught:
        authenticator.initialize()
    assert isinstance(caught.value.__cause__, OAuthError)
    assert caught.value.__cause__.error == "access_denied"
    assert failures == ["access_denied"]


def test_replayed_device_code_is_rejected_and_revokes_the_grant(
    oidc_provider: OidcProvider, http_client: httpx.Client, clock: FakeClock
) -> None:
    client = ClientAuthentication(oidc_provider.public_client_id)
    authorization = request_device_authorization(
        http_client, oidc_provider.device_endpoint, client, scope="openid offline_access"
    )
    oidc_provider.approve_device_code(authorization.user_code)
    first = poll_for_token(
        http_client,
        oidc_provider.token_endpoint,
        client,
        authorization,
        sleep=clock.sleep,
        clock=clock,
    )

    with pytest.raises(OAuthError) as caught:
        poll_for_token(
            http_client,
            oidc_provider.token_endpoint,
            client,
            authorization,
            sleep=clock.sleep,
            clock=clock,
        )
    assert caught.value.error == "invalid_grant"
    assert authorization.device_code not in str(caught.value)
    # oidc-provider treats the replay as a stolen code: the whole grant is revoked
    with pytest.raises(OAuthError, match="invalid_grant"):
        refresh_token_grant(
            http_client, oidc_provider.token_endpoint, client, first["refresh_token"]
        )
    assert oidc_provider.introspect(first["access_token"])["active"] is False


def test_device_flow_is_not_started_when_not_interactive(
    make_authenticator: AuthenticatorFactory,
) -> None:
    authenticator = make_authenticator("cli", interactive=False)
    with pytest.raises(AuthenticationError, match="log in again"):
        authenticator.initialize()

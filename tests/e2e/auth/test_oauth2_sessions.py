"""Refresh (with rotation), transparent expiry handling, revocation and persistence."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import httpx
import pytest
from oauth_e2e_support import AuthenticatorFactory, FakeClock, LocalServer, approve_when_asked

from dnastack.exceptions import AuthenticationError
from dnastack.http.authenticators.grants.refresh_token import refresh_token_grant
from dnastack.http.authenticators.grants.token_endpoint import ClientAuthentication, OAuthError
from dnastack.http.session import HttpSession
from dnastack.http.session_info import FileSessionStorage, SessionManager
from tests.fixtures.oidc import OidcProvider

pytestmark = pytest.mark.e2e


def revoke_at_issuer(oidc_provider: OidcProvider, token: str, hint: str, client_id: str) -> None:
    """Revoke a token behind the SDK's back (an admin, another device, a logout elsewhere)."""
    response = httpx.post(
        oidc_provider.revocation_endpoint,
        data={"token": token, "token_type_hint": hint, "client_id": client_id},
    )
    assert response.status_code == 200


def test_refresh_rotates_and_the_new_refresh_token_is_stored(
    oidc_provider: OidcProvider,
    make_authenticator: AuthenticatorFactory,
    sessions: SessionManager,
    http_client: httpx.Client,
) -> None:
    authenticator = make_authenticator("cli")
    approve_when_asked(oidc_provider, authenticator)
    before = authenticator.initialize()
    rotations: list[bool] = []
    authenticator.events.on("refresh-token-used", lambda e: rotations.append(e.payload["rotated"]))

    after = authenticator.refresh()

    stored = sessions.restore(authenticator.session_id)
    assert stored is not None
    assert after.refresh_token and after.refresh_token != before.refresh_token
    assert stored.refresh_token == after.refresh_token
    assert stored.access_token == after.access_token != before.access_token
    assert rotations == [True]
    with pytest.raises(OAuthError, match="invalid_grant"):  # the old one is spent
        refresh_token_grant(
            http_client,
            oidc_provider.token_endpoint,
            ClientAuthentication("sdk-cli"),
            before.refresh_token or "",
        )


def test_expired_access_token_is_refreshed_transparently(
    oidc_provider: OidcProvider,
    make_authenticator: AuthenticatorFactory,
    clock: FakeClock,
    resource_server: LocalServer,
    http_client: httpx.Client,
) -> None:
    authenticator = make_authenticator("cli")
    shown = approve_when_asked(oidc_provider, authenticator)
    refreshes: list[bool] = []
    authenticator.events.on("refresh-token-used", lambda e: refreshes.append(e.payload["rotated"]))
    with HttpSession(authenticators=[authenticator], session=http_client) as session:
        session.get(f"{resource_server.url}/objects/1")
        first = authenticator.initialize()
        session.get(f"{resource_server.url}/objects/1")  # still valid: no refresh
        assert refreshes == []
        clock.now = first.valid_until - 30  # inside the 60 s refresh skew
        session.get(f"{resource_server.url}/objects/1")

    assert refreshes == [True]
    assert len(shown) == 1  # no second login
    tokens = [authorization for _, authorization in resource_server.seen]
    assert tokens[0] == tokens[1] != tokens[2]


def test_revoked_refresh_token_falls_back_to_a_new_login(
    oidc_provider: OidcProvider, make_authenticator: AuthenticatorFactory, clock: FakeClock
) -> None:
    authenticator = make_authenticator("cli")
    shown = approve_when_asked(oidc_provider, authenticator)
    first = authenticator.initialize()
    revoke_at_issuer(oidc_provider, first.refresh_token or "", "refresh_token", "sdk-cli")
    failures: list[str] = []
    authenticator.events.on("refresh-failure", lambda e: failures.append(e.payload["error"]))
    clock.now = first.valid_until + 1

    second = authenticator.initialize()

    assert failures == ["invalid_grant"]
    assert len(shown) == 2  # the user was asked to log in again
    assert second.refresh_token and second.refresh_token != first.refresh_token


def test_revoked_refresh_token_without_interaction_asks_to_log_in(
    oidc_provider: OidcProvider,
    make_authenticator: AuthenticatorFactory,
    sessions: SessionManager,
    clock: FakeClock,
) -> None:
    login = make_authenticator("cli")
    approve_when_asked(oidc_provider, login)
    first = login.initialize()
    revoke_at_issuer(oidc_provider, first.refresh_token or "", "refresh_token", "sdk-cli")
    clock.now = first.valid_until + 1
    background = make_authenticator("cli", interactive=False)

    with pytest.raises(AuthenticationError, match="log in again") as caught:
        background.initialize()
    assert first.refresh_token not in str(caught.value)
    assert sessions.restore(background.session_id) is None  # the dead session is gone


@pytest.mark.parametrize("configured", [True, False], ids=["configured", "discovered"])
def test_revoke_calls_the_issuer_and_deletes_the_local_session(
    oidc_provider: OidcProvider,
    make_authenticator: AuthenticatorFactory,
    sessions: SessionManager,
    configured: bool,
) -> None:
    endpoint = oidc_provider.revocation_endpoint if configured else None
    authenticator = make_authenticator("device", revocation_endpoint=endpoint)
    approve_when_asked(oidc_provider, authenticator)
    info = authenticator.initialize()
    revoked: list[bool] = []
    authenticator.events.on(
        "session-revoked", lambda e: revoked.append(e.payload["server_revoked"])
    )

    authenticator.revoke()

    assert revoked == [True]
    assert sessions.restore(authenticator.session_id) is None
    assert oidc_provider.introspect(info.refresh_token or "")["active"] is False
    assert oidc_provider.introspect(info.access_token or "")["active"] is False


def test_sessions_persist_in_files_without_client_secrets(
    oidc_provider: OidcProvider, make_authenticator: AuthenticatorFactory, tmp_path: Path
) -> None:
    storage_dir = tmp_path / "sessions"
    first = make_authenticator(
        "device", session_manager=SessionManager(FileSessionStorage(storage_dir))
    )
    approve_when_asked(oidc_provider, first)
    token = first.initialize().access_token

    grants: list[str] = []
    second = make_authenticator(
        "device", session_manager=SessionManager(FileSessionStorage(storage_dir))
    )
    second.events.on("authentication-before", lambda e: grants.append(e.payload["grant_type"]))
    assert second.initialize().access_token == token
    assert grants == []

    (session_file,) = storage_dir.glob("*.json")
    text = session_file.read_text()
    assert oidc_provider.confidential_client_secret not in text
    assert json.loads(text)["handler"]["auth_info"]["client_id"] == "sdk-test"
    assert stat.S_IMODE(session_file.stat().st_mode) == 0o600

"""OAuth2Authenticator configuration and failure paths; static bearer tokens; the factory."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from http_unit_support import Recorder

from dnastack.client.models import ServiceEndpoint
from dnastack.exceptions import AuthenticationError, ConfigurationError, TransportError
from dnastack.http.auth import EndpointAuth
from dnastack.http.authenticators.bearer import BearerTokenAuthenticator
from dnastack.http.authenticators.factory import authenticators_for, create_authenticator
from dnastack.http.authenticators.oauth2 import OAuth2Authenticator
from dnastack.http.session_info import InMemorySessionStorage, SessionInfo, SessionManager
from dnastack.http.transport import build_http_client

ISSUER = "https://issuer.example.org"
API = "https://api.example.org/"
CC = {
    "type": "oauth2",
    "grant_type": "client_credentials",
    "token_endpoint": f"{ISSUER}/token",
    "client_id": "svc",
    "client_secret": "svc-secret-value",
}
NOW = 1_800_000_000.0


def authenticator(
    recorder: Recorder, auth_info: dict[str, Any] | None = None, **kwargs: Any
) -> tuple[OAuth2Authenticator, SessionManager]:
    sessions = SessionManager(InMemorySessionStorage())
    client = build_http_client(transport=recorder.transport, trust_env=False)
    return (
        OAuth2Authenticator(
            auth_info or CC,
            sessions,
            endpoint_id="api",
            endpoint_url=API,
            http_client=client,
            clock=lambda: NOW,
            sleep=lambda s: None,
            **kwargs,
        ),
        sessions,
    )


def stored(sessions: SessionManager, auth: OAuth2Authenticator, **fields: Any) -> SessionInfo:
    info = SessionInfo(
        **{
            "access_token": "old-at",
            "refresh_token": "old-rt",
            "issued_at": int(NOW) - 4000,
            "valid_until": int(NOW) - 1,
            **fields,
        }
    )
    sessions.save(auth.session_id, info)
    return info


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"token_endpoint": None}, "needs token_endpoint"),
        ({"grant_type": "password"}, "not supported"),
        ({"type": "basic"}, "not oauth2"),
        (
            {"grant_type": "urn:ietf:params:oauth:grant-type:device_code"},
            "needs device_code_endpoint",
        ),
        ({"grant_type": None, "client_secret": None}, "needs a grant_type"),
        ({"client_id": None}, "needs a client_id"),
    ],
)
def test_incomplete_configurations_are_configuration_errors(
    change: dict[str, Any], message: str
) -> None:
    auth_info = {k: v for k, v in {**CC, **change}.items() if v is not None}
    with pytest.raises(ConfigurationError, match=message) as caught:
        authenticator(Recorder(httpx.Response(500)), auth_info)
    assert "endpoint 'api'" in str(caught.value)
    assert "svc-secret-value" not in str(caught.value)


@pytest.mark.parametrize(
    ("change", "grant"),
    [
        ({"grant_type": None}, "client_credentials"),
        (
            {"grant_type": None, "device_code_endpoint": f"{ISSUER}/device/auth"},
            "urn:ietf:params:oauth:grant-type:device_code",
        ),
    ],
)
def test_grant_type_is_inferred_when_missing(change: dict[str, Any], grant: str) -> None:
    auth_info = {k: v for k, v in {**CC, **change}.items() if v is not None}
    assert authenticator(Recorder(httpx.Response(500)), auth_info)[0].grant_type == grant


def test_repr_and_session_handler_never_show_the_secret() -> None:
    auth, _ = authenticator(Recorder(httpx.Response(200, json={"access_token": "at-1"})))
    info = auth.initialize()
    assert "svc-secret-value" not in repr(auth)
    assert "at-1" not in repr(info)
    assert info.handler is not None and "client_secret" not in info.handler.auth_info


def test_a_refresh_that_cannot_reach_the_issuer_keeps_the_session() -> None:
    auth, sessions = authenticator(Recorder(httpx.ConnectError("refused")))
    stored(sessions, auth)
    with pytest.raises(TransportError):
        auth.initialize()
    kept = sessions.restore(auth.session_id)
    assert kept is not None and kept.refresh_token == "old-rt"


def test_a_refresh_rejected_by_the_issuer_falls_back_to_a_new_grant() -> None:
    recorder = Recorder(
        httpx.Response(400, json={"error": "invalid_grant"}),
        httpx.Response(200, json={"access_token": "new-at", "expires_in": 600}),
    )
    auth, sessions = authenticator(recorder)
    stored(sessions, auth)
    assert auth.initialize().access_token == "new-at"
    grants = [r.content.decode() for r in recorder.requests]
    assert grants[0].startswith("grant_type=refresh_token") and "old-rt" in grants[0]
    assert grants[1].startswith("grant_type=client_credentials")


def test_a_server_that_does_not_rotate_keeps_the_old_refresh_token() -> None:
    auth, sessions = authenticator(
        Recorder(httpx.Response(200, json={"access_token": "new-at", "expires_in": 600}))
    )
    stored(sessions, auth)
    rotated: list[bool] = []
    auth.events.on("refresh-token-used", lambda e: rotated.append(e.payload["rotated"]))
    info = auth.refresh()
    assert (info.access_token, info.refresh_token) == ("new-at", "old-rt")
    assert rotated == [False]


def test_refresh_without_a_refresh_token_asks_to_log_in() -> None:
    auth, _ = authenticator(Recorder(httpx.Response(500)))
    with pytest.raises(AuthenticationError, match="no refresh token"):
        auth.refresh()


def test_a_token_valid_beyond_the_skew_is_used_as_is() -> None:
    recorder = Recorder(httpx.Response(500))
    auth, sessions = authenticator(recorder)
    stored(sessions, auth, valid_until=int(NOW) + 61)
    assert auth.authorization_header() == "Bearer old-at"
    assert recorder.requests == []


def test_a_token_inside_the_skew_is_refreshed_ahead_of_expiry() -> None:
    recorder = Recorder(httpx.Response(200, json={"access_token": "new-at", "expires_in": 600}))
    auth, sessions = authenticator(recorder)
    stored(sessions, auth, valid_until=int(NOW) + 59)
    assert auth.authorization_header() == "Bearer new-at"


def test_revoke_deletes_the_local_session_even_when_the_issuer_fails() -> None:
    recorder = Recorder(httpx.Response(503))
    auth, sessions = authenticator(recorder, {**CC, "revocation_endpoint": f"{ISSUER}/revoke"})
    stored(sessions, auth)
    with pytest.raises(AuthenticationError, match="revocation at the issuer failed") as caught:
        auth.revoke()
    assert sessions.restore(auth.session_id) is None
    assert "old-rt" not in str(caught.value)


def test_revoke_without_a_revocation_endpoint_only_forgets_locally() -> None:
    recorder = Recorder(httpx.Response(404))  # no discovery document either
    auth, sessions = authenticator(recorder)
    stored(sessions, auth)
    outcome: list[bool] = []
    auth.events.on("session-revoked", lambda e: outcome.append(e.payload["server_revoked"]))
    auth.revoke()
    assert outcome == [False]
    assert sessions.restore(auth.session_id) is None
    assert [r.url.path for r in recorder.requests] == [
        "/.well-known/openid-configuration",
        "/.well-known/oauth-authorization-server",
    ]


def test_the_issuer_client_never_carries_the_endpoint_auth() -> None:
    recorder = Recorder(httpx.Response(200, json={"access_token": "at-1"}))
    sessions = SessionManager(InMemorySessionStorage())
    shared = build_http_client(transport=recorder.transport, trust_env=False)
    auth = OAuth2Authenticator(
        {**CC, "token_endpoint": f"{API}oauth/token"},  # the issuer shares the API's origin
        sessions,
        endpoint_id="api",
        endpoint_url=API,
        http_client=shared,
    )
    shared.auth = EndpointAuth([auth])
    shared.get(f"{API}objects/1")
    token_request, api_request = recorder.requests
    assert token_request.headers["Authorization"].startswith("Basic ")
    assert api_request.headers["Authorization"] == "Bearer at-1"


def test_static_bearer_token() -> None:
    bearer = BearerTokenAuthenticator("static-token-value", endpoint_id="api", endpoint_url=API)
    assert bearer.authorization_header() == "Bearer static-token-value"
    assert "static-token-value" not in repr(bearer)
    with pytest.raises(AuthenticationError, match="cannot be refreshed"):
        bearer.refresh()


def test_a_rejected_static_token_names_the_endpoint_not_the_token() -> None:
    bearer = BearerTokenAuthenticator("static-token-value", endpoint_id="api", endpoint_url=API)
    client = build_http_client(
        transport=Recorder(httpx.Response(401)).transport,
        auth=EndpointAuth([bearer]),
        trust_env=False,
    )
    with pytest.raises(AuthenticationError, match="rejected the static token") as caught:
        client.get(f"{API}x")
    assert "endpoint 'api'" in str(caught.value)
    assert "static-token-value" not in str(caught.value)


def test_security_context_is_a_bearer_token() -> None:
    context = {"auth_token_type": "Bearer", "auth_token": "ctx-token"}
    bearer = BearerTokenAuthenticator.from_security_context(context, endpoint_url=API)
    assert bearer.authorization_header() == "Bearer ctx-token"
    with pytest.raises(ConfigurationError, match="Bearer only"):
        BearerTokenAuthenticator.from_security_context(
            {"auth_token_type": "Basic", "auth_token": "x"}
        )
    with pytest.raises(ConfigurationError, match="no auth_token"):
        BearerTokenAuthenticator.from_security_context({"auth_token_type": "Bearer"})


def test_factory_builds_the_endpoint_authenticators_in_order() -> None:
    endpoint = ServiceEndpoint(
        id="drs",
        url=API,
        authentication=CC,
        fallback_authentications=[{"type": "bearer", "token": "fallback-token"}],
    )
    sessions = SessionManager(InMemorySessionStorage())
    primary, fallback = authenticators_for(endpoint, sessions)
    assert isinstance(primary, OAuth2Authenticator) and isinstance(
        fallback, BearerTokenAuthenticator
    )
    assert primary.endpoint_url == fallback.endpoint_url == API
    assert primary.endpoint_id == "drs"


def test_factory_security_context_replaces_the_endpoint_authentication() -> None:
    endpoint = ServiceEndpoint(id="drs", url=API, authentication=CC)
    (only,) = authenticators_for(
        endpoint,
        SessionManager(InMemorySessionStorage()),
        security_context={"auth_token_type": "Bearer", "auth_token": "t"},
    )
    assert only.authorization_header() == "Bearer t"
    assert (
        authenticators_for(
            ServiceEndpoint(id="p", url=API), SessionManager(InMemorySessionStorage())
        )
        == []
    )


def test_factory_rejects_unknown_types() -> None:
    with pytest.raises(ConfigurationError, match="'kerberos' is not supported"):
        create_authenticator({"type": "kerberos"}, SessionManager(InMemorySessionStorage()))

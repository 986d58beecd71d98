"""Credentials sent to a token endpoint stay with its origin, against two real local servers
(two origins on 127.0.0.1): a 307/308 to another origin is refused before the client
secret, refresh or subject token is re-sent; same-origin 307/308 are followed. Device-code
lifetimes from the server are bounded."""

from __future__ import annotations

import json
from collections.abc import Iterator
from urllib.parse import quote

import httpx
import pytest
from hostile_server import HostileServer
from http_unit_support import FakeClock, Recorder

from dnastack.exceptions import AuthenticationError, UnsafeUrlError
from dnastack.http.authenticators.grants.device_code import (
    MAX_DEVICE_CODE_LIFETIME_SECONDS,
    MAX_POLL_INTERVAL_SECONDS,
    request_device_authorization,
)
from dnastack.http.authenticators.grants.refresh_token import refresh_token_grant
from dnastack.http.authenticators.grants.token_endpoint import ClientAuthentication, post_form
from dnastack.http.authenticators.grants.token_exchange import token_exchange_grant
from dnastack.http.transport import build_http_client

SECRET = "client-secret-value"
REFRESH = "refresh-token-value"
SUBJECT = "subject-token-value"


@pytest.fixture(scope="module")
def servers() -> Iterator[tuple[HostileServer, HostileServer]]:
    with HostileServer() as issuer, HostileServer() as elsewhere:
        yield issuer, elsewhere


def redirect(server: HostileServer, to: str, status: int) -> str:
    return f"{server.url}/redirect?status={status}&to={quote(to, safe='')}"


def sent_anywhere(server: HostileServer, *values: str) -> bool:
    return any(
        value.encode() in body or any(value in h for h in headers.values())
        for _, _, headers, body in server.requests
        for value in values
    )


@pytest.mark.parametrize("status", [307, 308])
@pytest.mark.parametrize("method", ["client_secret_post", "client_secret_basic"])
def test_refresh_token_request_is_not_repeated_at_another_origin(
    servers: tuple[HostileServer, HostileServer], status: int, method: str
) -> None:
    issuer, elsewhere = servers
    elsewhere.requests.clear()
    client = ClientAuthentication("sdk", SECRET, method)
    with build_http_client() as http, pytest.raises(AuthenticationError) as caught:
        refresh_token_grant(
            http,
            token_endpoint=redirect(issuer, f"{elsewhere.url}/token", status),
            client=client,
            refresh_token=REFRESH,
            what="token refresh",
        )

    assert elsewhere.requests == []
    assert "only sent to the token endpoint's origin" in str(caught.value)
    assert SECRET not in str(caught.value) and REFRESH not in str(caught.value)


def test_subject_token_is_not_repeated_at_another_origin(
    servers: tuple[HostileServer, HostileServer],
) -> None:
    issuer, elsewhere = servers
    elsewhere.requests.clear()
    with build_http_client() as http, pytest.raises(AuthenticationError):
        token_exchange_grant(
            http,
            token_endpoint=redirect(issuer, f"{elsewhere.url}/token", 307),
            client=ClientAuthentication("sdk", SECRET, "client_secret_post"),
            subject_token=SUBJECT,
            what="token exchange",
        )
    assert not sent_anywhere(elsewhere, SUBJECT, SECRET)


def test_https_to_http_on_the_same_host_is_another_origin(
    servers: tuple[HostileServer, HostileServer],
) -> None:
    issuer, _ = servers
    port = issuer.url.rsplit(":", 1)[1]
    with build_http_client() as http, pytest.raises(AuthenticationError):
        post_form(
            http,
            redirect(issuer, f"http://localhost:{port}/token", 307),
            {"grant_type": "client_credentials"},
            ClientAuthentication("sdk", SECRET, "client_secret_post"),
            what="token request",
        )


@pytest.mark.parametrize("status", [307, 308])
def test_a_same_origin_307_or_308_is_followed_with_the_form(
    servers: tuple[HostileServer, HostileServer], status: int
) -> None:
    issuer, _ = servers
    issuer.requests.clear()
    with build_http_client() as http:
        answer = post_form(
            http,
            redirect(issuer, f"{issuer.url}/token", status),
            {"grant_type": "refresh_token", "refresh_token": REFRESH},
            ClientAuthentication("sdk", SECRET, "client_secret_post"),
            what="token refresh",
        )
    assert answer == {"ok": True}
    second = issuer.requests[-1]
    assert second[0] == "POST" and second[1] == "/token"
    assert REFRESH.encode() in second[3] and SECRET.encode() in second[3]


@pytest.mark.parametrize("status", [301, 302, 303])
def test_a_redirect_that_would_turn_the_post_into_a_get_is_refused(
    servers: tuple[HostileServer, HostileServer], status: int
) -> None:
    issuer, _ = servers
    with build_http_client() as http, pytest.raises(AuthenticationError):
        post_form(
            http,
            redirect(issuer, f"{issuer.url}/token", status),
            {"grant_type": "client_credentials"},
            ClientAuthentication("sdk", SECRET, "client_secret_basic"),
            what="token request",
        )


def test_a_token_endpoint_redirect_to_another_scheme_is_unsafe(
    servers: tuple[HostileServer, HostileServer],
) -> None:
    issuer, _ = servers
    with build_http_client() as http, pytest.raises(UnsafeUrlError):
        post_form(
            http,
            redirect(issuer, "file:///etc/passwd", 307),
            {"grant_type": "client_credentials"},
            ClientAuthentication("sdk", SECRET, "client_secret_post"),
            what="token request",
        )


@pytest.mark.parametrize(
    ("expires_in", "interval", "lifetime", "every"),
    [
        (10**400, 10**400, MAX_DEVICE_CODE_LIFETIME_SECONDS, MAX_POLL_INTERVAL_SECONDS),
        (1e308, 1e308, MAX_DEVICE_CODE_LIFETIME_SECONDS, MAX_POLL_INTERVAL_SECONDS),
        (-5, 0, 600.0, 5.0),
        ("600", True, 600.0, 5.0),
        (900, 3, 900.0, 3.0),
    ],
)
def test_absurd_device_code_lifetimes_are_bounded(
    clock: FakeClock, expires_in: object, interval: object, lifetime: float, every: float
) -> None:
    body = {"device_code": "d", "user_code": "U", "verification_uri": "https://i/device"}
    body |= {"expires_in": expires_in, "interval": interval}
    recorder = Recorder(httpx.Response(200, content=json.dumps(body).encode()))
    with build_http_client(transport=recorder.transport, trust_env=False) as http:
        authorization = request_device_authorization(
            http,
            device_endpoint="https://i/device/auth",
            client=ClientAuthentication("cli"),
            scope=None,
            what="device authorization",
        )
    assert authorization.expires_in == lifetime
    assert authorization.interval == every

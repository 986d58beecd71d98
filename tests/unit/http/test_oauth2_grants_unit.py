"""Grant edge cases the real server does not produce, injected with MockTransport."""

from __future__ import annotations

import base64
from urllib.parse import parse_qs

import httpx
import pytest
from http_unit_support import FakeClock, Recorder

from dnastack.common.events import EventSource
from dnastack.exceptions import AuthenticationError, ConfigurationError, TransportError
from dnastack.http.authenticators.abstract import AUTH_EVENTS
from dnastack.http.authenticators.grants.device_code import (
    DEFAULT_POLL_INTERVAL_SECONDS,
    device_code_grant,
)
from dnastack.http.authenticators.grants.token_endpoint import (
    ClientAuthentication,
    OAuthError,
    post_form,
)
from dnastack.http.transport import build_http_client

ISSUER = "https://issuer.example.org"
DEVICE = {
    "device_code": "dev-code-secret",
    "user_code": "WXYZ-1234",
    "verification_uri": f"{ISSUER}/device",
    "expires_in": 600,
}
TOKEN = {"access_token": "at-secret", "token_type": "Bearer", "expires_in": 300}


def oauth_error(code: str, status: int = 400) -> httpx.Response:
    return httpx.Response(status, json={"error": code, "error_description": f"{code} happened"})


def run_device_flow(recorder: Recorder, clock: FakeClock, **kwargs: object) -> dict[str, object]:
    with build_http_client(transport=recorder.transport, trust_env=False) as client:
        return device_code_grant(
            client,
            device_endpoint=f"{ISSUER}/device/auth",
            token_endpoint=f"{ISSUER}/token",
            client=ClientAuthentication("cli"),
            events=EventSource(AUTH_EVENTS),
            sleep=clock.sleep,
            clock=clock.monotonic,
            **kwargs,  # type: ignore[arg-type]
        )


def test_slow_down_adds_five_seconds_to_the_interval(clock: FakeClock) -> None:
    recorder = Recorder(
        httpx.Response(200, json=DEVICE),
        oauth_error("authorization_pending"),
        oauth_error("slow_down"),
        oauth_error("slow_down"),
        oauth_error("authorization_pending"),
        httpx.Response(200, json=TOKEN),
    )
    assert run_device_flow(recorder, clock)["access_token"] == "at-secret"
    assert clock.sleeps == [5.0, 5.0, 10.0, 15.0, 15.0]


def test_server_interval_is_honoured(clock: FakeClock) -> None:
    recorder = Recorder(
        httpx.Response(200, json={**DEVICE, "interval": 2}), httpx.Response(200, json=TOKEN)
    )
    run_device_flow(recorder, clock)
    assert clock.sleeps == [2.0]


def test_missing_interval_defaults_to_five_seconds(clock: FakeClock) -> None:
    recorder = Recorder(httpx.Response(200, json=DEVICE), httpx.Response(200, json=TOKEN))
    run_device_flow(recorder, clock)
    assert clock.sleeps == [DEFAULT_POLL_INTERVAL_SECONDS] == [5.0]


def test_expired_token_from_the_server_ends_the_flow(clock: FakeClock) -> None:
    recorder = Recorder(httpx.Response(200, json=DEVICE), oauth_error("expired_token"))
    with pytest.raises(AuthenticationError, match="expired") as caught:
        run_device_flow(recorder, clock)
    assert "dev-code-secret" not in str(caught.value)


def test_polling_stops_when_expires_in_has_passed(clock: FakeClock) -> None:
    recorder = Recorder(
        httpx.Response(200, json={**DEVICE, "expires_in": 12}), oauth_error("authorization_pending")
    )
    with pytest.raises(AuthenticationError, match="expired before the sign-in was approved"):
        run_device_flow(recorder, clock)
    assert clock.sleeps == [5.0, 5.0, 5.0]
    assert len(recorder.requests) == 4  # authorization + 3 polls


def test_access_denied_ends_the_flow(clock: FakeClock) -> None:
    recorder = Recorder(httpx.Response(200, json=DEVICE), oauth_error("access_denied"))
    with pytest.raises(AuthenticationError, match="denied"):
        run_device_flow(recorder, clock)


def test_other_token_errors_surface_with_their_code(clock: FakeClock) -> None:
    recorder = Recorder(httpx.Response(200, json=DEVICE), oauth_error("invalid_grant"))
    with pytest.raises(OAuthError) as caught:
        run_device_flow(recorder, clock)
    assert caught.value.error == "invalid_grant"


def test_device_authorization_without_user_code_is_an_error(clock: FakeClock) -> None:
    answer = {k: v for k, v in DEVICE.items() if k != "user_code"}
    with pytest.raises(AuthenticationError, match="user_code"):
        run_device_flow(Recorder(httpx.Response(200, json=answer)), clock)


def test_device_flow_requests_are_form_encoded_and_open_the_browser(clock: FakeClock) -> None:
    opened: list[str] = []
    recorder = Recorder(
        httpx.Response(200, json={**DEVICE, "verification_uri_complete": f"{ISSUER}/device?c=1"}),
        httpx.Response(200, json=TOKEN),
    )
    run_device_flow(recorder, clock, scope="openid offline_access", open_browser=opened.append)
    authorize, poll = recorder.requests
    assert authorize.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert parse_qs(authorize.content.decode()) == {
        "scope": ["openid offline_access"],
        "client_id": ["cli"],
    }
    assert parse_qs(poll.content.decode()) == {
        "grant_type": ["urn:ietf:params:oauth:grant-type:device_code"],
        "device_code": ["dev-code-secret"],
        "client_id": ["cli"],
    }
    assert opened == [f"{ISSUER}/device?c=1"]


def post(recorder: Recorder, client: ClientAuthentication, **kwargs: object) -> dict[str, object]:
    with build_http_client(transport=recorder.transport, trust_env=False) as http:
        return post_form(
            http, f"{ISSUER}/token", {"grant_type": "x"}, client, what="test", **kwargs
        )  # type: ignore[arg-type]


def test_client_secret_basic_form_encodes_id_and_secret() -> None:
    recorder = Recorder(httpx.Response(200, json=TOKEN))
    post(recorder, ClientAuthentication("my client", "s:e/c ret", "client_secret_basic"))
    (request,) = recorder.requests
    scheme, encoded = request.headers["Authorization"].split()
    assert scheme == "Basic"
    assert base64.b64decode(encoded).decode() == "my%20client:s%3Ae%2Fc%20ret"
    assert parse_qs(request.content.decode()) == {"grant_type": ["x"]}


def test_client_secret_post_puts_credentials_in_the_body() -> None:
    recorder = Recorder(httpx.Response(200, json=TOKEN))
    post(recorder, ClientAuthentication("c", "s3cret", "client_secret_post"))
    (request,) = recorder.requests
    assert "Authorization" not in request.headers
    assert parse_qs(request.content.decode()) == {
        "grant_type": ["x"],
        "client_id": ["c"],
        "client_secret": ["s3cret"],
    }


def test_error_descriptions_echoing_secrets_are_scrubbed() -> None:
    answer = httpx.Response(
        401, json={"error": "invalid_client", "error_description": "bad secret s3cret-value"}
    )
    with pytest.raises(OAuthError) as caught:
        post(Recorder(answer), ClientAuthentication("c", "s3cret-value", "client_secret_post"))
    assert "s3cret-value" not in str(caught.value)
    assert caught.value.description == "bad secret ***"


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (httpx.Response(500, text="<html>oops</html>"), "answered HTTP 500"),
        (httpx.Response(200, text="not json"), "without a JSON object"),
        (httpx.Response(200, json=["a", "list"]), "without a JSON object"),
    ],
)
def test_non_oauth_answers_are_authentication_errors(answer: httpx.Response, message: str) -> None:
    with pytest.raises(AuthenticationError, match=message) as caught:
        post(Recorder(answer), ClientAuthentication("c"))
    assert not isinstance(caught.value, OAuthError)


def test_token_endpoint_unreachable_is_a_transport_error() -> None:
    with pytest.raises(TransportError):
        post(Recorder(httpx.ConnectError("refused")), ClientAuthentication("c"))


@pytest.mark.parametrize(
    ("auth_info", "message"),
    [
        ({}, "needs a client_id"),
        ({"client_id": "c", "token_endpoint_auth_method": "private_key_jwt"}, "not one of"),
        (
            {"client_id": "c", "token_endpoint_auth_method": "client_secret_post"},
            "needs a client_secret",
        ),
    ],
)
def test_client_authentication_configuration_errors(
    auth_info: dict[str, str], message: str
) -> None:
    with pytest.raises(ConfigurationError, match=message):
        ClientAuthentication.from_auth_info(auth_info, "endpoint 'x'")


@pytest.mark.parametrize(
    ("auth_info", "method"),
    [
        ({"client_id": "c"}, "none"),
        ({"client_id": "c", "client_secret": "sup3r-secret"}, "client_secret_basic"),
        (
            {
                "client_id": "c",
                "client_secret": "sup3r-secret",
                "token_endpoint_auth_method": "client_secret_post",
            },
            "client_secret_post",
        ),
    ],
)
def test_client_authentication_method_defaults(auth_info: dict[str, str], method: str) -> None:
    client = ClientAuthentication.from_auth_info(auth_info, "endpoint 'x'")
    assert client.method == method
    assert "sup3r-secret" not in repr(client)

"""EndpointAuth: credentials only for the endpoint's origin; one re-authentication on 401."""

from __future__ import annotations

import httpx
import pytest
from http_unit_support import Recorder, ScriptedAuthenticator

from dnastack.exceptions import AuthenticationError, ConfigurationError
from dnastack.http.auth import EndpointAuth, origin_of, same_origin
from dnastack.http.transport import build_http_client

API = "https://api.example.org"
OK = httpx.Response(200, json={})


def client_for(recorder: Recorder, *authenticators: ScriptedAuthenticator) -> httpx.Client:
    return build_http_client(
        transport=recorder.transport, auth=EndpointAuth(authenticators), sleep=lambda s: None
    )


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("https://api.example.org/x", "https://api.example.org:443/y?q=1", True),
        ("http://api.example.org/", "http://api.example.org:80", True),
        ("https://API.example.org/", "https://api.example.org/", True),
        ("https://api.example.org/", "http://api.example.org/", False),
        ("https://api.example.org/", "https://api.example.org:8443/", False),
        ("https://api.example.org/", "https://storage.example.org/", False),
        ("https://api.example.org/", "https://api.example.org.evil.test/", False),
        ("http://127.0.0.1:8080/", "http://localhost:8080/", False),
    ],
)
def test_same_origin_table(a: str, b: str, same: bool) -> None:
    assert same_origin(a, b) is same


def test_origin_fills_in_default_ports() -> None:
    assert origin_of("https://h/x") == ("https", "h", 443)
    assert origin_of("http://h:8080/x") == ("http", "h", 8080)


def test_credentials_go_to_the_endpoint_origin_only(scripted: ScriptedAuthenticator) -> None:
    recorder = Recorder(OK)
    with client_for(recorder, scripted) as client:
        client.get(f"{API}/objects/1")
        client.get("https://storage.example.org/bucket/1")
        client.get("http://api.example.org/objects/1")  # same host, other scheme
        client.get("https://api.example.org:8443/objects/1")  # same host, other port
    headers = [r.headers.get("Authorization") for r in recorder.requests]
    assert headers == ["Bearer token-1", None, None, None]


def test_caller_headers_for_another_origin_are_left_alone(scripted: ScriptedAuthenticator) -> None:
    recorder = Recorder(OK)
    with client_for(recorder, scripted) as client:  # e.g. DRS access URL headers
        client.get("https://storage.example.org/o", headers={"Authorization": "Bearer from-drs"})
    assert recorder.requests[0].headers["Authorization"] == "Bearer from-drs"


def test_authorization_is_dropped_on_a_cross_origin_redirect(
    scripted: ScriptedAuthenticator,
) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.host == "api.example.org":
            return httpx.Response(302, headers={"Location": "https://storage.example.org/blob"})
        return httpx.Response(200, content=b"bytes")

    recorder = Recorder(answer)
    with client_for(recorder, scripted) as client:
        response = client.get(f"{API}/objects/1/access/https")
    assert response.content == b"bytes"
    first, second = recorder.requests
    assert first.headers["Authorization"] == "Bearer token-1"
    assert second.url.host == "storage.example.org"
    assert "Authorization" not in second.headers


def test_a_same_origin_redirect_keeps_credentials(scripted: ScriptedAuthenticator) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/old":
            return httpx.Response(307, headers={"Location": f"{API}/new"})
        return OK

    recorder = Recorder(answer)
    with client_for(recorder, scripted) as client:
        client.get(f"{API}/old")
    assert [r.headers.get("Authorization") for r in recorder.requests] == ["Bearer token-1"] * 2


def test_401_re_authenticates_once_then_succeeds(scripted: ScriptedAuthenticator) -> None:
    recorder = Recorder(httpx.Response(401), OK)
    with client_for(recorder, scripted) as client:
        response = client.post(f"{API}/search", json={"query": "SELECT 1"})
    assert response.status_code == 200
    assert [r.headers["Authorization"] for r in recorder.requests] == [
        "Bearer token-1",
        "Bearer token-2",
    ]
    assert [r.content for r in recorder.requests] == [b'{"query":"SELECT 1"}'] * 2
    assert scripted.cleared == 1


def test_401_after_re_authentication_names_the_endpoint_not_the_token(
    scripted: ScriptedAuthenticator,
) -> None:
    recorder = Recorder(httpx.Response(401))
    with client_for(recorder, scripted) as client, pytest.raises(AuthenticationError) as caught:
        client.get(f"{API}/objects/1?secret=abc")
    message = str(caught.value)
    assert "test-endpoint" in message and "https://api.example.org/" in message
    assert "token-" not in message and "abc" not in message
    assert len(recorder.requests) == 2


def test_fallback_authenticator_is_tried_after_the_first_is_refused() -> None:
    first, fallback = ScriptedAuthenticator(prefix="first"), ScriptedAuthenticator(prefix="fb")

    def answer(request: httpx.Request) -> httpx.Response:
        return (
            OK if request.headers["Authorization"].startswith("Bearer fb") else httpx.Response(401)
        )

    recorder = Recorder(answer)
    with client_for(recorder, first, fallback) as client:
        assert client.get(f"{API}/x").status_code == 200
    assert [r.headers["Authorization"] for r in recorder.requests] == [
        "Bearer first-1",
        "Bearer first-2",
        "Bearer fb-1",
    ]


def test_fallback_authenticator_is_tried_when_the_first_cannot_authenticate() -> None:
    first, fallback = ScriptedAuthenticator(prefix="first"), ScriptedAuthenticator(prefix="fb")
    first.fail_with = AuthenticationError("device flow denied")
    recorder = Recorder(OK)
    with client_for(recorder, first, fallback) as client:
        client.get(f"{API}/x")
    assert recorder.requests[0].headers["Authorization"] == "Bearer fb-1"


def test_authentication_failure_without_fallback_propagates(
    scripted: ScriptedAuthenticator,
) -> None:
    scripted.fail_with = AuthenticationError("denied")
    with (
        client_for(Recorder(OK), scripted) as client,
        pytest.raises(AuthenticationError, match="denied"),
    ):
        client.get(f"{API}/x")


def test_a_401_from_another_origin_does_not_re_authenticate(
    scripted: ScriptedAuthenticator,
) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.host == "api.example.org":
            return httpx.Response(302, headers={"Location": "https://storage.example.org/blob"})
        return httpx.Response(401)

    with client_for(Recorder(answer), scripted) as client:
        assert client.get(f"{API}/x").status_code == 401
    assert scripted.cleared == 0


def test_an_authenticator_without_endpoint_url_is_refused() -> None:
    with pytest.raises(ConfigurationError, match="no endpoint URL"):
        EndpointAuth([ScriptedAuthenticator(endpoint_url=None)])


def test_fallback_is_tried_when_re_authentication_fails() -> None:
    class OneShot(ScriptedAuthenticator):
        def clear_access_token(self) -> None:
            self.fail_with = AuthenticationError("refresh token revoked")

    first, fallback = OneShot(prefix="first"), ScriptedAuthenticator(prefix="fb")

    def answer(request: httpx.Request) -> httpx.Response:
        accepted = request.headers["Authorization"].startswith("Bearer fb")
        return OK if accepted else httpx.Response(401)

    recorder = Recorder(answer)
    with client_for(recorder, first, fallback) as client:
        assert client.get(f"{API}/x").status_code == 200
    assert [r.headers["Authorization"] for r in recorder.requests] == [
        "Bearer first-1",
        "Bearer fb-1",
    ]

"""Optional auth of the devserver against a tiny in-process fake issuer (discovery + RFC 7662).

The real end-to-end auth tests (oidc-provider) live with the auth work; this only checks the
devserver's side: which routes are public, 401/403 rules, error shapes, registry entries.
Discovery is public (service-info, the registry's ``GET /services...``); data is protected.
"""

from __future__ import annotations

import base64
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

import httpx
import pytest

from tests.fixtures.devserver import DevServer, DevServerFactory

pytestmark = pytest.mark.e2e

INTROSPECTION_CREDENTIALS = "Basic " + base64.b64encode(b"sdk-test:sdk-secret").decode()
REQUIRED_SCOPE = "data:read"
DRS_SERVICE_ID = "com.dnastack.devserver.drs"


class FakeIssuer:
    """Answers discovery and introspection; tokens are looked up in `claims_for`."""

    def __init__(self) -> None:
        self.node_url = ""
        self.introspections: list[str] = []
        handler = self._handler()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def claims_for(self, token: str) -> dict[str, Any]:
        node = self.node_url + "/"
        table: dict[str, dict[str, Any]] = {
            "good": {"aud": node, "scope": f"openid {REQUIRED_SCOPE}"},
            "good-list-aud": {"aud": ["other", node], "scope": REQUIRED_SCOPE},
            "good-no-aud": {"scope": REQUIRED_SCOPE},
            "wrong-aud": {"aud": "http://elsewhere.example/", "scope": REQUIRED_SCOPE},
            "no-scope": {"aud": node, "scope": "openid"},
        }
        claims = table.get(token)
        if claims is None:
            return {"active": False}
        return {"active": True, "client_id": "sdk-cli", "sub": "user-1", **claims}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        issuer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                pass

            def _json(self, status: int, body: object) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                if self.path != "/.well-known/openid-configuration":
                    self._json(404, {"error": "not_found"})
                    return
                self._json(
                    200,
                    {
                        "issuer": issuer.url,
                        "token_endpoint": f"{issuer.url}/token",
                        "device_authorization_endpoint": f"{issuer.url}/device/auth",
                        "revocation_endpoint": f"{issuer.url}/token/revocation",
                        "introspection_endpoint": f"{issuer.url}/token/introspection",
                    },
                )

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", "0"))
                form = parse_qs(self.rfile.read(length).decode())
                if self.path != "/token/introspection":
                    self._json(404, {"error": "not_found"})
                elif self.headers.get("authorization") != INTROSPECTION_CREDENTIALS:
                    self._json(401, {"error": "invalid_client"})
                else:
                    token = form.get("token", [""])[0]
                    issuer.introspections.append(token)
                    self._json(200, issuer.claims_for(token))

        return Handler

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


@pytest.fixture(scope="module")
def issuer() -> Iterator[FakeIssuer]:
    fake = FakeIssuer()
    fake.start()
    try:
        yield fake
    finally:
        fake.stop()


@pytest.fixture(scope="module")
def secured(issuer: FakeIssuer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevServer]:
    factory = DevServerFactory(tmp_path_factory.mktemp("auth"))
    server = factory.start(
        "--auth-issuer", issuer.url, "--auth-required-scope", REQUIRED_SCOPE, "--rows", "100"
    )
    issuer.node_url = server.base_url
    try:
        yield server
    finally:
        factory.stop_all()


@pytest.fixture
def http(secured: DevServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=secured.base_url) as client:
        yield client


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


PROTECTED = [
    ("GET", "/data-connect/tables", "data-connect"),
    ("GET", "/ga4gh/drs/v1/objects/hello.json", "drs"),
    ("GET", "/ga4gh/drs/v1/bytes/hello.json", "drs"),
    ("GET", "/collection-service/collections", "registry"),
    ("GET", "/collection-service/collection/cohort-a/data-connect/tables", "data-connect"),
    ("GET", "/explorer/questions", "registry"),
]


def _assert_error_shape(response: httpx.Response, api: str, status: int) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    if api == "data-connect":
        assert body["errors"][0]["title"]
    elif api == "drs":
        assert body["status_code"] == status
    else:
        assert body["status"] == status


@pytest.mark.parametrize(
    "path",
    [
        "/service-info",
        "/data-connect/service-info",
        "/ga4gh/drs/v1/service-info",
        "/collection-service/service-info",
        "/explorer/service-info",
    ],
)
def test_service_info_routes_are_public(http: httpx.Client, path: str) -> None:
    assert http.get(path).status_code == 200


@pytest.mark.parametrize("path", ["/services", "/services/types", f"/services/{DRS_SERVICE_ID}"])
def test_registry_discovery_routes_are_public(http: httpx.Client, path: str) -> None:
    response = http.get(path)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    assert http.head(path).status_code == 200


def test_only_reading_the_registry_is_public(http: httpx.Client) -> None:
    _assert_error_shape(http.post("/services", json={}), "registry", 401)
    _assert_error_shape(http.delete(f"/services/{DRS_SERVICE_ID}"), "registry", 401)


def test_unknown_service_is_404_not_401(http: httpx.Client) -> None:
    _assert_error_shape(http.get("/services/no.such.service"), "registry", 404)


def test_a_token_sent_to_the_registry_is_ignored(http: httpx.Client, issuer: FakeIssuer) -> None:
    token = "ignored-by-public-routes"
    assert http.get("/services", headers=_bearer(token)).status_code == 200
    assert token not in issuer.introspections


@pytest.mark.parametrize(("method", "path", "api"), PROTECTED)
def test_missing_token_is_401_with_a_bearer_challenge(
    http: httpx.Client, method: str, path: str, api: str
) -> None:
    response = http.request(method, path)
    _assert_error_shape(response, api, 401)
    assert response.headers["www-authenticate"].startswith("Bearer")


@pytest.mark.parametrize(("method", "path", "api"), PROTECTED)
def test_valid_token_is_accepted(http: httpx.Client, method: str, path: str, api: str) -> None:
    assert http.request(method, path, headers=_bearer("good")).status_code == 200


@pytest.mark.parametrize("token", ["good-list-aud", "good-no-aud"])
def test_audience_may_be_a_list_or_absent(http: httpx.Client, token: str) -> None:
    assert http.get("/data-connect/tables", headers=_bearer(token)).status_code == 200


def test_inactive_token_is_401(http: httpx.Client) -> None:
    response = http.get("/data-connect/tables", headers=_bearer("revoked-or-unknown"))
    _assert_error_shape(response, "data-connect", 401)
    assert 'error="invalid_token"' in response.headers["www-authenticate"]


@pytest.mark.parametrize("token", ["wrong-aud", "no-scope"])
def test_wrong_audience_or_missing_scope_is_403(http: httpx.Client, token: str) -> None:
    response = http.get("/ga4gh/drs/v1/objects/hello.json", headers=_bearer(token))
    _assert_error_shape(response, "drs", 403)


def test_non_bearer_authorization_is_401(http: httpx.Client) -> None:
    response = http.get(
        "/collection-service/collections", headers={"Authorization": "Basic dXNlcjpwdw=="}
    )
    _assert_error_shape(response, "registry", 401)


def test_introspection_answers_are_cached(http: httpx.Client, issuer: FakeIssuer) -> None:
    token = "good-no-aud"
    http.get("/data-connect/tables", headers=_bearer(token))
    before = issuer.introspections.count(token)
    for _ in range(3):
        http.get("/data-connect/tables", headers=_bearer(token))
    assert issuer.introspections.count(token) == before


def test_registry_entries_tell_an_anonymous_client_how_to_log_in(
    http: httpx.Client, issuer: FakeIssuer, secured: DevServer
) -> None:
    services = http.get("/services").json()
    assert len(services) == 5
    for service in services:
        (auth,) = service["authentication"]
        assert auth == {
            "type": "oauth2",
            "accessTokenUrl": f"{issuer.url}/token",
            "deviceCodeUrl": f"{issuer.url}/device/auth",
            "revocationUrl": f"{issuer.url}/token/revocation",
            "clientId": "sdk-cli",
            "resource": secured.base_url + "/",
            "scope": "openid offline_access",
            "grantType": "urn:ietf:params:oauth:grant-type:device_code",
        }


def test_drs_options_stay_public_and_name_the_issuer(
    http: httpx.Client, issuer: FakeIssuer
) -> None:
    response = http.options("/ga4gh/drs/v1/objects/hello.json")
    assert response.status_code == 200
    assert response.json() == {
        "drs_object_id": "hello.json",
        "supported_types": ["BearerAuth"],
        "bearer_auth_issuers": [issuer.url],
    }


def test_signed_urls_work_without_a_token(http: httpx.Client) -> None:
    access = http.get(
        "/ga4gh/drs/v1/objects/hello.json/access/signed-https", headers=_bearer("good")
    )
    url = access.json()["url"]
    assert httpx.get(url).status_code == 200
    _assert_error_shape(httpx.get(url.replace("signature=", "signature=0")), "drs", 403)


def test_unreachable_issuer_is_503(devserver_factory: DevServerFactory) -> None:
    server = devserver_factory.start("--auth-issuer", "http://127.0.0.1:9")
    response = httpx.get(server.url("/data-connect/tables"), headers=_bearer("good"))
    _assert_error_shape(response, "data-connect", 503)
    assert httpx.get(server.url("/service-info")).status_code == 200


def test_with_the_issuer_unreachable_registry_entries_are_503_not_incomplete(
    devserver_factory: DevServerFactory,
) -> None:
    server = devserver_factory.start("--auth-issuer", "http://127.0.0.1:9")
    for path in ("/services", f"/services/{DRS_SERVICE_ID}"):
        response = httpx.get(server.url(path))
        _assert_error_shape(response, "registry", 503)
        assert "authorization server" in response.json()["detail"]
    assert httpx.get(server.url("/services/types")).status_code == 200

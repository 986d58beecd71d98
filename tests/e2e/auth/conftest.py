"""Helpers for the auth end-to-end tests: local resource servers and authenticator builders.

The resource server validates bearer tokens the way a real one would, by RFC 7662
introspection at the oidc-provider; a second server on another port is another origin
(a storage host that a DRS access URL or a redirect points to). Both record what they saw.
"""

from __future__ import annotations

from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from typing import Any

import httpx
import pytest
from oauth_e2e_support import FakeClock, LocalServer, recording_handler, serve

from dnastack.http.authenticators.oauth2 import OAuth2Authenticator
from dnastack.http.session_info import InMemorySessionStorage, SessionManager
from dnastack.http.transport import build_http_client
from tests.fixtures.oidc import DEVICE_CODE_GRANT, OidcProvider

pytestmark = pytest.mark.e2e


@pytest.fixture
def storage_server() -> Iterator[LocalServer]:
    """Another origin: answers 200 with bytes and records the Authorization it got."""
    record = LocalServer(url="")
    server, record.url = serve(recording_handler(record, lambda h: (200, {}, b"blob-bytes")))
    yield record
    server.shutdown()
    server.server_close()


@pytest.fixture
def resource_server(
    oidc_provider: OidcProvider, storage_server: LocalServer
) -> Iterator[LocalServer]:
    """A protected API: ``/objects/<id>`` needs an active token, ``/always-401`` never
    accepts, ``/to-storage`` redirects to the storage server (another origin)."""
    record = LocalServer(url="")

    def answer(h: BaseHTTPRequestHandler) -> tuple[int, dict[str, str], bytes]:
        if h.path == "/to-storage":
            return 302, {"Location": f"{storage_server.url}/blob"}, b""
        authorization = h.headers.get("Authorization") or ""
        token = authorization.removeprefix("Bearer ")
        if h.path != "/always-401" and token and oidc_provider.introspect(token).get("active"):
            return 200, {"Content-Type": "application/json"}, b'{"id": "obj-1"}'
        return 401, {"WWW-Authenticate": 'Bearer error="invalid_token"'}, b""

    server, record.url = serve(recording_handler(record, answer))
    yield record
    server.shutdown()
    server.server_close()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def sessions() -> SessionManager:
    return SessionManager(InMemorySessionStorage())


@pytest.fixture
def http_client() -> Iterator[httpx.Client]:
    with build_http_client(trust_env=False, sleep=lambda s: None) as client:
        yield client


from oauth_e2e_support import AuthenticatorFactory  # noqa: E402


@pytest.fixture
def make_authenticator(
    oidc_provider: OidcProvider,
    sessions: SessionManager,
    clock: FakeClock,
    http_client: httpx.Client,
    resource_server: LocalServer,
) -> AuthenticatorFactory:
    """``make_authenticator(kind, **overrides)`` for kind ``cli`` (public device flow),
    ``device`` (confidential device flow), ``basic``/``post`` (client credentials)."""

    def make(
        kind: str = "cli", *, session_manager: SessionManager | None = None, **overrides: Any
    ) -> OAuth2Authenticator:
        o = oidc_provider
        base: dict[str, Any] = {"type": "oauth2", "token_endpoint": o.token_endpoint}
        if kind == "cli":
            base |= {
                "grant_type": DEVICE_CODE_GRANT,
                "device_code_endpoint": o.device_endpoint,
                "client_id": o.public_client_id,
                "scope": "openid offline_access",
            }
        elif kind == "device":
            base |= {
                "grant_type": DEVICE_CODE_GRANT,
                "device_code_endpoint": o.device_endpoint,
                "client_id": o.confidential_client_id,
                "client_secret": o.confidential_client_secret,
                "token_endpoint_auth_method": "client_secret_basic",
                "scope": "openid offline_access",
            }
        elif kind == "basic":
            base |= {
                "grant_type": "client_credentials",
                "client_id": o.confidential_client_id,
                "client_secret": o.confidential_client_secret,
                "token_endpoint_auth_method": "client_secret_basic",
            }
        elif kind == "post":
            base |= {
                "grant_type": "client_credentials",
                "client_id": o.post_client_id,
                "client_secret": o.post_client_secret,
                "token_endpoint_auth_method": "client_secret_post",
            }
        else:
            raise ValueError(kind)
        options = {
            k: overrides.pop(k)
            for k in ("interactive", "open_browser", "environ")
            if k in overrides
        }
        auth_info = {k: v for k, v in (base | overrides).items() if v is not None}
        return OAuth2Authenticator(
            auth_info,
            session_manager or sessions,
            endpoint_id="test-api",
            endpoint_url=resource_server.url,
            http_client=http_client,
            sleep=clock.sleep,
            clock=clock,
            **options,
        )

    return make

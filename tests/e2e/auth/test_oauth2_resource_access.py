"""Requests to a protected resource: 401 handling and origin-bound credentials."""

from __future__ import annotations

import httpx
import pytest
from oauth_e2e_support import AuthenticatorFactory, LocalServer

from dnastack.exceptions import AuthenticationError
from dnastack.http.session import HttpSession
from tests.fixtures.oidc import OidcProvider

pytestmark = pytest.mark.e2e


def test_401_from_the_resource_re_authenticates_once(
    oidc_provider: OidcProvider,
    make_authenticator: AuthenticatorFactory,
    resource_server: LocalServer,
    http_client: httpx.Client,
) -> None:
    authenticator = make_authenticator("basic")
    grants: list[str] = []
    authenticator.events.on("authentication-ok", lambda e: grants.append(e.payload["grant_type"]))
    with HttpSession(authenticators=[authenticator], session=http_client) as session:
        session.get(f"{resource_server.url}/objects/1")
        first = authenticator.initialize().access_token or ""
        # the issuer revokes the token although it has not expired
        httpx.post(
            oidc_provider.revocation_endpoint,
            data={"token": first},
            auth=(oidc_provider.confidential_client_id, oidc_provider.confidential_client_secret),
        ).raise_for_status()
        response = session.get(f"{resource_server.url}/objects/1")

    assert response.json() == {"id": "obj-1"}
    assert grants == ["client_credentials", "client_credentials"]
    statuses = [authorization for _, authorization in resource_server.seen]
    assert statuses[0] == statuses[1] == f"Bearer {first}" != statuses[2]


def test_persistent_401_is_an_authentication_error_naming_the_endpoint(
    make_authenticator: AuthenticatorFactory,
    resource_server: LocalServer,
    http_client: httpx.Client,
) -> None:
    authenticator = make_authenticator("basic")
    with (
        HttpSession(authenticators=[authenticator], session=http_client) as session,
        pytest.raises(AuthenticationError) as caught,
    ):
        session.get(f"{resource_server.url}/always-401")
    message = str(caught.value)
    assert "test-api" in message and resource_server.url in message
    token = authenticator.initialize().access_token or ""
    assert token not in message
    assert len(resource_server.seen) == 2  # one re-authentication, no more


def test_authorization_is_never_sent_to_another_origin(
    make_authenticator: AuthenticatorFactory,
    resource_server: LocalServer,
    storage_server: LocalServer,
    http_client: httpx.Client,
) -> None:
    authenticator = make_authenticator("basic")
    with HttpSession(authenticators=[authenticator], session=http_client) as session:
        redirected = session.get(f"{resource_server.url}/to-storage")  # a 302 to storage
        direct = session.get(f"{storage_server.url}/signed-url")  # e.g. a DRS access URL
    assert redirected.content == direct.content == b"blob-bytes"
    assert resource_server.seen[0][1] and resource_server.seen[0][1].startswith("Bearer ")
    assert storage_server.seen == [("/blob", None), ("/signed-url", None)]

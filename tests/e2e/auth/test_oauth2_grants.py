"""Client credentials and token exchange against the real oidc-provider."""

from __future__ import annotations

import pytest
from oauth_e2e_support import AuthenticatorFactory, approve_when_asked

from dnastack.exceptions import AuthenticationError, ConfigurationError
from dnastack.http.authenticators.grants.token_endpoint import OAuthError
from dnastack.http.authenticators.grants.token_exchange import SUBJECT_TOKEN_ENV
from tests.fixtures.oidc import TOKEN_EXCHANGE_GRANT, OidcProvider

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(("kind", "client_id"), [("basic", "sdk-test"), ("post", "sdk-post")])
def test_client_credentials(
    oidc_provider: OidcProvider, make_authenticator: AuthenticatorFactory, kind: str, client_id: str
) -> None:
    info = make_authenticator(kind).initialize()
    assert info.access_token and info.refresh_token is None
    assert info.valid_until - info.issued_at == 600  # the provider's ClientCredentials TTL
    assert oidc_provider.introspect(info.access_token)["client_id"] == client_id


def test_client_credentials_reuses_the_stored_token(
    make_authenticator: AuthenticatorFactory,
) -> None:
    grants: list[str] = []
    first = make_authenticator("basic")
    first.events.on("authentication-ok", lambda e: grants.append(e.payload["grant_type"]))
    token = first.initialize().access_token
    second = make_authenticator("basic")  # same config, same session manager
    second.events.on("authentication-ok", lambda e: grants.append(e.payload["grant_type"]))
    assert second.initialize().access_token == token
    assert grants == ["client_credentials"]


@pytest.mark.parametrize("kind", ["basic", "post"])
def test_wrong_client_secret_is_an_authentication_error_without_the_secret(
    make_authenticator: AuthenticatorFactory, kind: str
) -> None:
    authenticator = make_authenticator(kind, client_secret="wrong-secret-value")
    with pytest.raises(OAuthError) as caught:
        authenticator.initialize()
    error = caught.value
    assert isinstance(error, AuthenticationError)
    assert error.error == "invalid_client"
    assert error.status_code == 401
    assert "invalid_client" in str(error) and "test-api" in str(error)
    assert "wrong-secret-value" not in str(error)
    assert "wrong-secret-value" not in repr(authenticator)


def test_token_exchange_with_the_subject_token_in_the_config(
    oidc_provider: OidcProvider, make_authenticator: AuthenticatorFactory
) -> None:
    subject = make_authenticator("post").initialize().access_token
    exchanger = make_authenticator(
        "basic", grant_type=TOKEN_EXCHANGE_GRANT, subject_token=subject, audience="https://drs"
    )
    info = exchanger.initialize()
    assert info.access_token and info.access_token != subject
    assert oidc_provider.introspect(info.access_token)["client_id"] == "sdk-test"


def test_token_exchange_with_the_subject_token_from_the_environment(
    oidc_provider: OidcProvider, make_authenticator: AuthenticatorFactory
) -> None:
    subject = make_authenticator("post").initialize().access_token or ""
    exchanger = make_authenticator(
        "basic", grant_type=TOKEN_EXCHANGE_GRANT, environ={SUBJECT_TOKEN_ENV: subject}
    )
    info = exchanger.initialize()
    assert oidc_provider.introspect(info.access_token or "")["active"] is True
    other = make_authenticator(
        "basic", grant_type=TOKEN_EXCHANGE_GRANT, environ={SUBJECT_TOKEN_ENV: subject + "x"}
    )
    assert other.session_id != exchanger.session_id  # another subject, another session


def test_token_exchange_with_an_invalid_subject_token(
    make_authenticator: AuthenticatorFactory,
) -> None:
    exchanger = make_authenticator(
        "basic", grant_type=TOKEN_EXCHANGE_GRANT, subject_token="not-a-token-we-issued"
    )
    with pytest.raises(OAuthError) as caught:
        exchanger.initialize()
    assert caught.value.error == "invalid_grant"
    assert "not-a-token-we-issued" not in str(caught.value)


def test_token_exchange_without_a_subject_token_is_a_configuration_error(
    make_authenticator: AuthenticatorFactory,
) -> None:
    with pytest.raises(ConfigurationError, match=SUBJECT_TOKEN_ENV):
        make_authenticator("basic", grant_type=TOKEN_EXCHANGE_GRANT, environ={})


@pytest.mark.parametrize("kind", ["basic", "cli"])
def test_resource_url_is_sent_as_the_rfc_8707_resource(
    oidc_provider: OidcProvider, make_authenticator: AuthenticatorFactory, kind: str
) -> None:
    authenticator = make_authenticator(kind, resource_url="http://127.0.0.1:1/api/")
    approve_when_asked(oidc_provider, authenticator)
    info = authenticator.initialize()
    assert oidc_provider.introspect(info.access_token or "")["aud"] == "http://127.0.0.1:1/api/"

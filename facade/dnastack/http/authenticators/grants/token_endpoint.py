"""One form-encoded POST to an OAuth2 endpoint, with client authentication and error mapping.

Every grant (device code, client credentials, refresh, token exchange) and revocation use
:func:`post_form`. A JSON error body (RFC 6749 section 5.2: ``invalid_client``,
``invalid_grant``, ``authorization_pending``...) becomes :class:`OAuthError`, an
:class:`~dnastack.exceptions.AuthenticationError` carrying the error code and description;
the client secret, refresh token, device code and subject token never appear in it.

Credentials stay with the endpoint's origin: redirects are not left to httpx. A 307/308 to
the same origin (scheme, host, port) is followed (at most :data:`MAX_TOKEN_REDIRECTS`); a
redirect to another origin, or a 301/302/303 (which would turn the POST into a GET), ends
with an :class:`~dnastack.exceptions.AuthenticationError` before anything is re-sent, and a
redirect to a non-http(s) URL with an :class:`~dnastack.exceptions.UnsafeUrlError`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import httpx

from dnastack.common.redact import redact_text
from dnastack.exceptions import AuthenticationError, ConfigurationError, safe_url
from dnastack.http.transport import translated_errors

__all__ = [
    "ACCESS_TOKEN_TYPE",
    "CLIENT_AUTH_METHODS",
    "DEVICE_CODE_GRANT",
    "MAX_TOKEN_REDIRECTS",
    "NO_AUTH",
    "TOKEN_EXCHANGE_GRANT",
    "ClientAuthentication",
    "OAuthError",
    "post_form",
]

DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"
TOKEN_EXCHANGE_GRANT = "urn:ietf:params:oauth:grant-type:token-exchange"
ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token"
CLIENT_AUTH_METHODS = frozenset({"client_secret_basic", "client_secret_post", "none"})
MAX_TOKEN_REDIRECTS = 3
"""Same-origin 307/308 redirects followed by one token request."""
NO_AUTH = httpx.Auth()
"""Per-request ``auth`` that overrides a client's default auth with nothing."""


class OAuthError(AuthenticationError):
    """An OAuth2 endpoint answered with an error code (``error``) and maybe a description."""

    def __init__(
        self, message: str, *, error: str, description: str | None, status_code: int
    ) -> None:
        super().__init__(message)
        self.error = error
        self.description = description
        self.status_code = status_code


@dataclass(frozen=True)
class ClientAuthentication:
    """How the client authenticates to the token endpoint (RFC 6749 section 2.3).

    ``client_secret_basic`` sends HTTP Basic with the form-urlencoded id and secret;
    ``client_secret_post`` puts both in the form body; ``none`` (public clients) sends
    only ``client_id``.
    """

    client_id: str
    client_secret: str | None = field(default=None, repr=False)
    method: str = "none"

    @classmethod
    def from_auth_info(cls, auth_info: Mapping[str, Any], where: str) -> ClientAuthentication:
        """Read ``client_id``, ``client_secret`` and ``token_endpoint_auth_method``.

        Raises:
            ConfigurationError: no client id, an unknown method, or a secret-based method
                without a secret.
        """
        client_id = auth_info.get("client_id")
        if not isinstance(client_id, str) or not client_id:
            raise ConfigurationError(f"{where}: the OAuth2 authentication needs a client_id")
        secret = auth_info.get("client_secret") or None
        method = auth_info.get("token_endpoint_auth_method") or (
            "client_secret_basic" if secret else "none"
        )
        if method not in CLIENT_AUTH_METHODS:
            raise ConfigurationError(
                f"{where}: token_endpoint_auth_method {method!r} is not one of "
                f"{', '.join(sorted(CLIENT_AUTH_METHODS))}"
            )
        if method != "none" and not isinstance(secret, str):
            raise ConfigurationError(f"{where}: {method} needs a client_secret")
        return cls(client_id=client_id, client_secret=secret, method=method)

    def apply(self, form: dict[str, str]) -> httpx.BasicAuth | None:
        """Add the client's credentials to ``form`` or return the Basic auth to send."""
        if self.method == "client_secret_basic" and self.client_secret is not None:
            return httpx.BasicAuth(
                quote(self.client_id, safe=""), quote(self.client_secret, safe="")
            )
        form["client_id"] = self.client_id
        if self.method == "client_secret_post" and self.client_secret is not None:
            form["client_secret"] = self.client_secret
        return None


def post_form(
    http: httpx.Client,
    url: str,
    form: Mapping[str, str | None],
    client: ClientAuthentication,
    *,
    what: str,
    secrets: Iterable[str | None] = (),
    expect_json: bool = True,
) -> dict[str, Any]:
    """POST ``form`` (``None`` values dropped) and return the JSON object of a 2xx answer.

    Args:
        what: names the step in messages ("token request for endpoint 'x'").
        secrets: values to scrub from any message (the client secret is always scrubbed).
        expect_json: ``False`` accepts any 2xx body (RFC 7009 revocation answers 200 with
            an empty body) and returns ``{}`` for a non-JSON one.

    Raises:
        OAuthError: the server answered with an OAuth2 error body.
        AuthenticationError: any other non-2xx answer, or a 2xx answer that is not JSON.
        TransportError: no answer.
    """
    body = {k: v for k, v in form.items() if v is not None}
    basic = client.apply(body)
    response = _post_same_origin(http, url, body, basic, what)
    scrub = [client.client_secret, *secrets]
    payload = _json_object(response)
    if response.is_success:
        if payload is None and not expect_json:
            return {}
        if payload is None:
            raise AuthenticationError(
                f"{what}: {safe_url(url)} answered HTTP {response.status_code} "
                "without a JSON object"
            )
        return payload
    error = payload.get("error") if payload else None
    if isinstance(error, str) and error:
        raw_description = payload.get("error_description") if payload else None
        description = (
            redact_text(raw_description, scrub) if isinstance(raw_description, str) else None
        )
        error = redact_text(error, scrub)
        detail = f"{error}: {description}" if description else error
        raise OAuthError(
            f"{what} failed: {detail}",
            error=error,
            description=description,
            status_code=response.status_code,
        )
    raise AuthenticationError(
        f"{what} failed: {safe_url(url)} answered HTTP {response.status_code}"
    )


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    return url.scheme, url.host, url.port or (443 if url.scheme == "https" else 80)


def _post_same_origin(
    http: httpx.Client,
    url: str,
    body: Mapping[str, str],
    basic: httpx.BasicAuth | None,
    what: str,
) -> httpx.Response:
    """POST ``body``; follow only same-origin 307/308 redirects (credentials never leave)."""
    from dnastack.http.urls import follow_server_url

    target = httpx.URL(url)
    origin = _origin(target)
    for _ in range(MAX_TOKEN_REDIRECTS + 1):
        with translated_errors("POST", target):
            response = http.post(
                target,
                data=body,
                auth=basic or NO_AUTH,  # never the endpoint auth a shared client may carry
                headers={"Accept": "application/json"},
                follow_redirects=False,
            )
        location = response.headers.get("Location")
        if not response.has_redirect_location or location is None:
            return response
        next_url = follow_server_url(response.url, location, what=f"{what}: redirect")
        if _origin(next_url) != origin or response.status_code not in (307, 308):
            raise AuthenticationError(
                f"{what}: {safe_url(target)} answered HTTP {response.status_code} redirecting "
                f"to {safe_url(next_url)}; credentials are only sent to the token endpoint's "
                "origin by POST, so the request was not repeated there"
            )
        target = next_url
    raise AuthenticationError(
        f"{what}: more than {MAX_TOKEN_REDIRECTS} redirects from {safe_url(url)}"
    )


def _json_object(response: httpx.Response) -> dict[str, Any] | None:
    try:
        data = response.json()
    except (ValueError, RecursionError):  # not JSON, or nested deeper than the parser goes
        return None
    return data if isinstance(data, dict) else None

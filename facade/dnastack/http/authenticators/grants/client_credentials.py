"""OAuth 2.0 client credentials grant (RFC 6749 section 4.4)."""

from __future__ import annotations

from typing import Any

import httpx

from dnastack.http.authenticators.grants.token_endpoint import ClientAuthentication, post_form

__all__ = ["client_credentials_grant"]


def client_credentials_grant(
    http: httpx.Client,
    token_endpoint: str,
    client: ClientAuthentication,
    *,
    scope: str | None = None,
    resource: str | None = None,
    what: str = "client credentials token request",
) -> dict[str, Any]:
    """Obtain a token as the client itself (``client_secret_basic`` or ``client_secret_post``).

    Raises:
        OAuthError: e.g. ``invalid_client`` for a wrong secret (the secret is never quoted).
    """
    form = {"grant_type": "client_credentials", "scope": scope, "resource": resource}
    return post_form(http, token_endpoint, form, client, what=what)

"""OAuth 2.0 refresh token grant (RFC 6749 section 6), with refresh token rotation.

A server that rotates refresh tokens returns a new ``refresh_token``; the caller must
store it (the old one is then invalid). ``SessionInfo.from_token_response(...,
previous=...)`` keeps the old refresh token only when the answer carries none.
"""

from __future__ import annotations

from typing import Any

import httpx

from dnastack.http.authenticators.grants.token_endpoint import ClientAuthentication, post_form

__all__ = ["refresh_token_grant"]


def refresh_token_grant(
    http: httpx.Client,
    token_endpoint: str,
    client: ClientAuthentication,
    refresh_token: str,
    *,
    scope: str | None = None,
    what: str = "token refresh",
) -> dict[str, Any]:
    """Exchange ``refresh_token`` for new tokens.

    Raises:
        OAuthError: ``invalid_grant`` when the refresh token is expired, revoked or reused.
    """
    form = {"grant_type": "refresh_token", "refresh_token": refresh_token, "scope": scope}
    return post_form(http, token_endpoint, form, client, what=what, secrets=[refresh_token])

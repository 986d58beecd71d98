"""OAuth 2.0 Token Exchange (RFC 8693): trade a subject token for an access token.

The subject token comes from the authentication config (``subject_token``) or, when the
config has none, from the environment variable ``DNASTACK_SUBJECT_TOKEN`` (e.g. a CI job's
identity token). Its type defaults to an access token.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

import httpx

from dnastack.exceptions import ConfigurationError
from dnastack.http.authenticators.grants.token_endpoint import (
    ACCESS_TOKEN_TYPE,
    TOKEN_EXCHANGE_GRANT,
    ClientAuthentication,
    post_form,
)

__all__ = ["SUBJECT_TOKEN_ENV", "subject_token_from", "token_exchange_grant"]

SUBJECT_TOKEN_ENV = "DNASTACK_SUBJECT_TOKEN"


def subject_token_from(
    auth_info: Mapping[str, Any], environ: Mapping[str, str] | None = None, *, where: str
) -> str:
    """The subject token: ``auth_info["subject_token"]``, else ``$DNASTACK_SUBJECT_TOKEN``.

    Raises:
        ConfigurationError: neither is set.
    """
    token = auth_info.get("subject_token") or (os.environ if environ is None else environ).get(
        SUBJECT_TOKEN_ENV
    )
    if not isinstance(token, str) or not token:
        raise ConfigurationError(
            f"{where}: token exchange needs a subject token: set subject_token in the "
            f"authentication config or the {SUBJECT_TOKEN_ENV} environment variable"
        )
    return token


def token_exchange_grant(
    http: httpx.Client,
    token_endpoint: str,
    client: ClientAuthentication,
    subject_token: str,
    *,
    subject_token_type: str = ACCESS_TOKEN_TYPE,
    requested_token_type: str | None = None,
    audience: str | None = None,
    resource: str | None = None,
    scope: str | None = None,
    what: str = "token exchange",
) -> dict[str, Any]:
    """Exchange ``subject_token`` for a token for ``audience``/``resource``.

    Raises:
        OAuthError: e.g. ``invalid_grant`` for an invalid or expired subject token.
    """
    form = {
        "grant_type": TOKEN_EXCHANGE_GRANT,
        "subject_token": subject_token,
        "subject_token_type": subject_token_type,
        "requested_token_type": requested_token_type,
        "audience": audience,
        "resource": resource,
        "scope": scope,
    }
    return post_form(http, token_endpoint, form, client, what=what, secrets=[subject_token])

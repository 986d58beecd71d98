"""OAuth2 grants as plain functions over an ``httpx.Client`` (one module per grant)."""

from __future__ import annotations

from dnastack.http.authenticators.grants.client_credentials import client_credentials_grant
from dnastack.http.authenticators.grants.device_code import device_code_grant
from dnastack.http.authenticators.grants.refresh_token import refresh_token_grant
from dnastack.http.authenticators.grants.token_endpoint import (
    ACCESS_TOKEN_TYPE,
    DEVICE_CODE_GRANT,
    TOKEN_EXCHANGE_GRANT,
    ClientAuthentication,
    OAuthError,
    post_form,
)
from dnastack.http.authenticators.grants.token_exchange import (
    SUBJECT_TOKEN_ENV,
    subject_token_from,
    token_exchange_grant,
)

__all__ = [
    "ACCESS_TOKEN_TYPE",
    "DEVICE_CODE_GRANT",
    "SUBJECT_TOKEN_ENV",
    "TOKEN_EXCHANGE_GRANT",
    "ClientAuthentication",
    "OAuthError",
    "client_credentials_grant",
    "device_code_grant",
    "post_form",
    "refresh_token_grant",
    "subject_token_from",
    "token_exchange_grant",
]

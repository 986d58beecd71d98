"""Build the authenticators of an endpoint from its authentication dicts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from dnastack.http.authenticators.abstract import Authenticator
from dnastack.http.authenticators.bearer import BearerTokenAuthenticator
from dnastack.http.authenticators.oauth2 import SUPPORTED_GRANT_TYPES, OAuth2Authenticator
from dnastack.http.authenticators.reference_errors import (
    UnsupportedAuthenticationInformationError,
)
from dnastack.http.session_info import SessionManager

if TYPE_CHECKING:
    from dnastack.client.models import ServiceEndpoint

__all__ = [
    "SUPPORTED_GRANT_TYPES",
    "UnsupportedAuthenticationInformationError",
    "authenticators_for",
    "create_authenticator",
]


def create_authenticator(
    auth_info: Mapping[str, Any],
    session_manager: SessionManager,
    *,
    endpoint_id: str | None = None,
    endpoint_url: str | None = None,
    **oauth2_options: Any,
) -> Authenticator:
    """The authenticator for one authentication dict (``type: oauth2`` or ``type: bearer``).

    Args:
        oauth2_options: passed to :class:`OAuth2Authenticator` (``http_client``,
            ``interactive``, ``open_browser``, ...).

    Raises:
        ConfigurationError: an unknown ``type`` or an incomplete dict.
    """
    kind = auth_info.get("type") or "oauth2"
    if kind == "bearer":
        return BearerTokenAuthenticator.from_auth_info(
            auth_info, endpoint_id=endpoint_id, endpoint_url=endpoint_url
        )
    if kind == "oauth2":
        return OAuth2Authenticator(
            auth_info,
            session_manager,
            endpoint_id=endpoint_id,
            endpoint_url=endpoint_url,
            **oauth2_options,
        )
    raise UnsupportedAuthenticationInformationError(
        f"endpoint {endpoint_id or '(unnamed)'}: authentication type {kind!r} is not supported "
        "(oauth2 or bearer)"
    )


def authenticators_for(
    endpoint: ServiceEndpoint,
    session_manager: SessionManager,
    *,
    security_context: Mapping[str, Any] | None = None,
    **oauth2_options: Any,
) -> list[Authenticator]:
    """The endpoint's authenticator followed by its fallbacks.

    A security context (``DNASTACK_SECURITY_CONTEXT`` / ``set_security_context``) replaces
    the endpoint's own authentication: one static token for every endpoint, as in dxpy.
    """
    if security_context:
        return [
            BearerTokenAuthenticator.from_security_context(
                security_context, endpoint_id=endpoint.id, endpoint_url=endpoint.url
            )
        ]
    return [
        create_authenticator(
            auth_info,
            session_manager,
            endpoint_id=endpoint.id,
            endpoint_url=endpoint.url,
            **oauth2_options,
        )
        for auth_info in endpoint.get_authentications()  # a pre-2022 {oauth2: {...}} unwrapped
    ]

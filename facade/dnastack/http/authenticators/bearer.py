"""``BearerTokenAuthenticator``: a static token (``{type: bearer, token}`` or the security context).

The security context follows dxpy's ``DX_SECURITY_CONTEXT``:
``{"auth_token_type": "Bearer", "auth_token": "..."}`` (``DNASTACK_SECURITY_CONTEXT`` or
``dnastack.set_security_context``). A static token cannot be refreshed: when the endpoint
rejects it (401), :meth:`clear_access_token` marks it rejected and the next use raises an
AuthenticationError asking for a new token.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dnastack.exceptions import AuthenticationError, ConfigurationError
from dnastack.http.authenticators.abstract import Authenticator, header_value
from dnastack.http.session_info import NO_EXPIRY, SessionInfo, session_id_for

__all__ = ["BearerTokenAuthenticator"]


class BearerTokenAuthenticator(Authenticator):
    """Sends one fixed token to its endpoint's origin.

    Args:
        token: the token (never shown in a repr or message).
        token_type: the ``Authorization`` scheme (``Bearer``).
        endpoint_id, endpoint_url: the endpoint (credentials only go to its origin).
    """

    def __init__(
        self,
        token: str,
        *,
        token_type: str = "Bearer",
        endpoint_id: str | None = None,
        endpoint_url: str | None = None,
    ) -> None:
        super().__init__(endpoint_id=endpoint_id, endpoint_url=endpoint_url)
        if not token:
            raise ConfigurationError(f"{self.describe()}: the bearer authentication needs a token")
        self._info = SessionInfo(
            access_token=token, token_type=token_type, issued_at=0, valid_until=NO_EXPIRY
        )
        self._session_id = session_id_for({"type": "bearer", "token": token})
        self._rejected = False

    @classmethod
    def from_auth_info(
        cls,
        auth_info: Mapping[str, Any],
        *,
        endpoint_id: str | None = None,
        endpoint_url: str | None = None,
    ) -> BearerTokenAuthenticator:
        """From ``{type: bearer, token: ...}``."""
        token = auth_info.get("token")
        if not isinstance(token, str) or not token:
            raise ConfigurationError(
                f"endpoint {endpoint_id or '(unnamed)'}: the bearer authentication needs a token"
            )
        return cls(token, endpoint_id=endpoint_id, endpoint_url=endpoint_url)

    @classmethod
    def from_security_context(
        cls,
        context: Mapping[str, Any],
        *,
        endpoint_id: str | None = None,
        endpoint_url: str | None = None,
    ) -> BearerTokenAuthenticator:
        """From ``{"auth_token_type": "Bearer", "auth_token": "..."}`` (Bearer only)."""
        token_type = str(context.get("auth_token_type") or "Bearer")
        if token_type.lower() != "bearer":
            raise ConfigurationError(
                f"security context auth_token_type {token_type!r} is not supported (Bearer only)"
            )
        token = context.get("auth_token")
        if not isinstance(token, str) or not token:
            raise ConfigurationError("the security context has no auth_token")
        return cls(token, endpoint_id=endpoint_id, endpoint_url=endpoint_url)

    @property
    def session_id(self) -> str:
        return self._session_id

    def initialize(self) -> SessionInfo:
        if self._rejected:
            raise AuthenticationError(
                f"{self.describe()} rejected the static token (HTTP 401); "
                "replace it (authentication token or DNASTACK_SECURITY_CONTEXT)"
            )
        return self._info

    def cached_authorization_header(self) -> str | None:
        return None if self._rejected else header_value(self._info)

    def authenticate(self) -> SessionInfo:
        return self.initialize()

    def restore_session(self) -> SessionInfo | None:
        return self._info

    def refresh(self) -> SessionInfo:
        raise AuthenticationError(f"a static token for {self.describe()} cannot be refreshed")

    def clear_access_token(self) -> None:
        self._rejected = True

    def revoke(self) -> None:
        """Forget nothing remotely (no issuer); later uses raise until a new token is set."""
        self._rejected = True
        self.events.dispatch(
            "session-revoked", {"session_id": self._session_id, "server_revoked": False}
        )

"""The reference library's (3.x) authentication errors, as subclasses of
:class:`~dnastack.exceptions.AuthenticationError` (each also a ``RuntimeError``).

3.x raises most of them inside its authenticators to steer its own retry loop; here two are
raised where the same situation reaches the caller: :class:`AuthenticationRequired` (a
device-code login is needed but the session is not interactive) and
:class:`NoRefreshToken` (a refresh was asked for without a refresh token). The others exist
for ``except`` clauses and are never raised. Importable from
``dnastack.http.authenticators.abstract``, as in 3.x.
"""

from __future__ import annotations

from typing import Any

from dnastack.exceptions import AuthenticationError, ConfigurationError

__all__ = [
    "AuthException",
    "AuthenticationRequired",
    "FeatureNotAvailable",
    "InvalidStateError",
    "NoRefreshToken",
    "OAuth2MisconfigurationError",
    "ReauthenticationRequired",
    "ReauthenticationRequiredDueToConfigChange",
    "RefreshRequired",
    "RetryWithFallbackAuthentication",
    "UnsupportedAuthenticationInformationError",
]

AuthException = AuthenticationError
"""3.x ``oauth2_adapter.abstract.AuthException`` (a failed token request): the SDK's
:class:`~dnastack.exceptions.AuthenticationError`."""


class AuthenticationRequired(AuthenticationError):
    """A first login is needed (e.g. a device-code login in a non-interactive session)."""


class ReauthenticationRequired(AuthenticationError):
    """The session must be established again."""


class ReauthenticationRequiredDueToConfigChange(ReauthenticationRequired):
    """The endpoint's authentication settings changed since the session was made."""


class RetryWithFallbackAuthentication(AuthenticationError):
    """The next authentication of the endpoint should be tried."""


class RefreshRequired(AuthenticationError):
    """The session must be refreshed (``session``: the session, if given)."""

    def __init__(self, session: Any = None) -> None:
        self.session = session
        super().__init__("Session refresh required")


class NoRefreshToken(AuthenticationError):
    """A refresh was needed but the session has no refresh token."""

    def __init__(self, message: str = "No refresh token") -> None:
        super().__init__(message)


class FeatureNotAvailable(AuthenticationError):
    """The authenticator does not support the feature (safe to ignore)."""

    def __init__(self, message: str = "Feature not available") -> None:
        super().__init__(message)


class InvalidStateError(AuthenticationError):
    """An authenticator in a state it cannot continue from (``details``: what it knew)."""

    def __init__(self, message: str, details: dict[str, Any] | None = None) -> None:
        self.details = dict(details or {})
        super().__init__(message)


class OAuth2MisconfigurationError(ConfigurationError):
    """An endpoint's OAuth2 settings cannot be used (missing or unsupported grant, wrong
    type, a missing required key)."""


class UnsupportedAuthenticationInformationError(ConfigurationError):
    """An endpoint's authentication is of a type the SDK does not support."""

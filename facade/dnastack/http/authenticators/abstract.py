"""The documented ``Authenticator`` base: obtains, refreshes, restores and revokes sessions.

An authenticator belongs to one endpoint (its ``endpoint_url`` origin is the only origin its
credentials are sent to, see :class:`dnastack.http.auth.EndpointAuth`). Its lifecycle:

``initialize()`` returns a usable session: the in-memory one, else the stored one
(``restore_session``), refreshed ahead of expiry when it has a refresh token (``refresh``),
else a brand new grant (``authenticate``). ``clear_access_token()`` forgets the access token
(kept refresh token) after the resource server answered 401. ``revoke()`` ends the session.

Progress is announced on :attr:`Authenticator.events` (see :data:`AUTH_EVENTS`).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING

from dnastack.common.events import EventSource
from dnastack.exceptions import AuthenticationError, safe_url
from dnastack.http.authenticators.reference_errors import (
    AuthenticationRequired,
    FeatureNotAvailable,
    InvalidStateError,
    NoRefreshToken,
    ReauthenticationRequired,
    ReauthenticationRequiredDueToConfigChange,
    RefreshRequired,
    RetryWithFallbackAuthentication,
)
from dnastack.http.authenticators.single_flight import flight_lock

if TYPE_CHECKING:
    from dnastack.http.session_info import SessionInfo

__all__ = [
    "AUTH_EVENTS",
    "AuthenticationRequired",
    "Authenticator",
    "FeatureNotAvailable",
    "InvalidStateError",
    "NoRefreshToken",
    "ReauthenticationRequired",
    "ReauthenticationRequiredDueToConfigChange",
    "RefreshRequired",
    "RetryWithFallbackAuthentication",
    "header_value",
]

AUTH_EVENTS: tuple[str, ...] = (
    "authentication-before",  # {"grant_type"}: a new grant starts
    "authentication-ok",  # {"grant_type"}
    "authentication-failure",  # {"grant_type", "error"}
    "user-verification-required",  # {"user_code", "verification_uri", ...}: show to the user
    "refresh-before",  # {}
    "refresh-token-used",  # {"rotated": bool}: a refresh succeeded
    "refresh-failure",  # {"error"}: falls back to a new grant (or asks to log in)
    "session-restored",  # {"session_id"}
    "session-not-restored",  # {"session_id"}
    "session-revoked",  # {"session_id", "server_revoked": bool}
)
"""Events every authenticator may dispatch, with their payload keys. No payload carries a
token, a device code or a client secret."""


class Authenticator(ABC):
    """Base class of every authenticator.

    Args:
        endpoint_id: the endpoint's id, used in messages.
        endpoint_url: the endpoint's URL; credentials only go to its origin.
    """

    def __init__(self, *, endpoint_id: str | None = None, endpoint_url: str | None = None) -> None:
        self._endpoint_id = endpoint_id
        self._endpoint_url = endpoint_url
        self._events = EventSource(AUTH_EVENTS, origin=self)

    @property
    def endpoint_id(self) -> str | None:
        return self._endpoint_id

    @property
    def endpoint_url(self) -> str | None:
        return self._endpoint_url

    @property
    def events(self) -> EventSource:
        """Authentication progress (see :data:`AUTH_EVENTS`)."""
        return self._events

    @property
    @abstractmethod
    def session_id(self) -> str:
        """The key of this authenticator's stored session (a hash of its configuration)."""

    @abstractmethod
    def initialize(self) -> SessionInfo:
        """A usable session: current, restored, refreshed or newly granted (in that order)."""

    @abstractmethod
    def authenticate(self) -> SessionInfo:
        """Run a new grant now, replacing any stored session."""

    @abstractmethod
    def refresh(self) -> SessionInfo:
        """Exchange the refresh token for new tokens (storing a rotated refresh token).

        Raises:
            AuthenticationError: no refresh token, or the issuer rejected it.
        """

    @abstractmethod
    def revoke(self) -> None:
        """Revoke the tokens at the issuer when it can, and delete the local session."""

    @abstractmethod
    def restore_session(self) -> SessionInfo | None:
        """The stored session, or ``None`` (no side effects beyond reading the store)."""

    @abstractmethod
    def clear_access_token(self) -> None:
        """Forget the access token (keeping any refresh token): the next use re-authenticates."""

    def authorization_header(self) -> str:
        """The ``Authorization`` header value for the current session (``Bearer ...``).

        Raises:
            AuthenticationError: no access token could be obtained.
        """
        info = self.initialize()
        if not info.access_token:
            raise AuthenticationError(f"no access token could be obtained for {self.describe()}")
        return header_value(info)

    def cached_authorization_header(self) -> str | None:
        """The header for a session already in memory and still usable, without any I/O.

        ``None`` means "ask :meth:`authorization_header`" (which may talk to the issuer).
        The asyncio driver calls this on the event loop, so it must never block.
        """
        return None

    def renew_authorization(self, rejected: str) -> str:
        """A header to resend with after the endpoint refused ``rejected`` (HTTP 401).

        Many threads or tasks may meet the same 401 at once: the first one clears the
        access token and obtains a new one (under :func:`flight_lock`); the others find
        the already renewed header and use it, so one rejection costs one refresh.

        Raises:
            AuthenticationError: no new access token could be obtained.
        """
        with flight_lock(self.session_id):
            current = self.cached_authorization_header()
            if current is not None and current != rejected:
                return current
            self.clear_access_token()
            return self.authorization_header()

    def describe(self) -> str:
        """``endpoint 'id' (url)`` for messages: never a credential."""
        name = f"endpoint {self._endpoint_id!r}" if self._endpoint_id else "endpoint"
        return f"{name} ({safe_url(self._endpoint_url)})" if self._endpoint_url else name

    def close(self) -> None:  # noqa: B027 - an optional hook, not an abstract method
        """Release resources (an HTTP client the authenticator created itself)."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.describe()})"


def header_value(info: SessionInfo) -> str:
    """The ``Authorization`` value of a session with an access token (``Bearer ...``)."""
    scheme = "Bearer" if info.token_type.lower() == "bearer" else info.token_type
    return f"{scheme} {info.access_token}"

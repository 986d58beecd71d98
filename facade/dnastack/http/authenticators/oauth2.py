"""``OAuth2Authenticator``: restore -> refresh -> new grant, persisted by the SessionManager.

Authentication config keys read (snake_case, see CONTRIBUTING.md)::

    type                        oauth2 (optional here)
    grant_type                  urn:ietf:params:oauth:grant-type:device_code | client_credentials
                                | urn:ietf:params:oauth:grant-type:token-exchange
                                (default: device code when device_code_endpoint is set,
                                else client credentials when client_secret is set)
    token_endpoint              required
    device_code_endpoint        device flow only (required there)
    revocation_endpoint         optional; otherwise looked up by discovery at revoke time
    issuer                      optional; where discovery looks (default: token endpoint origin)
    client_id                   required
    client_secret               confidential clients
    token_endpoint_auth_method  client_secret_basic (default with a secret) | client_secret_post
                                | none (default without)
    resource_url                optional RFC 8707 ``resource``
    scope                       optional
    audience                    token exchange only
    subject_token               token exchange only (else env DNASTACK_SUBJECT_TOKEN)
    subject_token_type          token exchange only (default: access token)
    requested_token_type        token exchange only (optional)

Sessions are stored under ``session_id_for(effective auth config)``; the stored handler
keeps the config without secrets. Access tokens are refreshed ``refresh_skew_seconds``
(60 s) before they expire. A refresh rejected by the issuer (``invalid_grant``: revoked,
expired or replayed refresh token) deletes the stored session and falls back to a new
grant; for the interactive device flow with ``interactive=False`` it raises an
AuthenticationError telling the user to log in again.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import httpx

from dnastack.common.logs import sdk_logger
from dnastack.exceptions import AuthenticationError, DnastackError
from dnastack.http.auth import origin_of
from dnastack.http.authenticators.abstract import Authenticator, header_value
from dnastack.http.authenticators.grants import (
    ACCESS_TOKEN_TYPE,
    DEVICE_CODE_GRANT,
    TOKEN_EXCHANGE_GRANT,
    ClientAuthentication,
    OAuthError,
    client_credentials_grant,
    device_code_grant,
    post_form,
    refresh_token_grant,
    subject_token_from,
    token_exchange_grant,
)
from dnastack.http.authenticators.grants.token_endpoint import NO_AUTH
from dnastack.http.authenticators.reference_errors import (
    AuthenticationRequired,
    NoRefreshToken,
    OAuth2MisconfigurationError,
)
from dnastack.http.authenticators.single_flight import flight_lock
from dnastack.http.session_info import (
    DEFAULT_SKEW_SECONDS,
    SessionInfo,
    SessionManager,
    session_id_for,
)
from dnastack.http.transport import build_http_client

if TYPE_CHECKING:
    from dnastack.client.models import ServiceEndpoint

__all__ = [
    "CLIENT_CREDENTIALS_GRANT",
    "GRANT_TYPE_TOKEN_EXCHANGE",
    "SUPPORTED_GRANT_TYPES",
    "OAuth2Authenticator",
    "OAuth2MisconfigurationError",
]

CLIENT_CREDENTIALS_GRANT = "client_credentials"
GRANT_TYPE_TOKEN_EXCHANGE = TOKEN_EXCHANGE_GRANT
"""The reference library's name."""
SUPPORTED_GRANT_TYPES = frozenset(
    {DEVICE_CODE_GRANT, CLIENT_CREDENTIALS_GRANT, TOKEN_EXCHANGE_GRANT}
)
_DISCOVERY_PATHS = ("/.well-known/openid-configuration", "/.well-known/oauth-authorization-server")

_logger = sdk_logger("dnastack.http.auth")


class OAuth2Authenticator(Authenticator):
    """Obtains and keeps OAuth2 tokens for one endpoint.

    Args:
        auth_info: the endpoint's authentication dict (keys in the module docstring).
        session_manager: where sessions are restored from and saved to.
        endpoint_id, endpoint_url: the endpoint (credentials only go to its origin).
        http_client: the client for the issuer's endpoints (a default one otherwise,
            closed by :meth:`close`). Requests to the issuer never carry endpoint credentials.
        interactive: whether a device flow may start on its own when no session is usable.
        open_browser: called with the verification URL during a device flow.
        sleep, clock: injected for tests (``time.sleep``, ``time.time``).
        refresh_skew_seconds: refresh this long before the access token expires.
        environ: where ``DNASTACK_SUBJECT_TOKEN`` is read (``os.environ`` by default).

    Raises:
        ConfigurationError: a required key is missing or a value is not supported.
    """

    def __init__(
        self,
        auth_info: Mapping[str, Any],
        session_manager: SessionManager,
        *,
        endpoint_id: str | None = None,
        endpoint_url: str | None = None,
        http_client: httpx.Client | None = None,
        interactive: bool = True,
        open_browser: Callable[[str], object] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
        refresh_skew_seconds: float = DEFAULT_SKEW_SECONDS,
        environ: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(endpoint_id=endpoint_id, endpoint_url=endpoint_url)
        where = self.describe()
        self._grant_type = _grant_type(auth_info, where)
        self._token_endpoint = _required(auth_info, "token_endpoint", where)
        self._device_endpoint = (
            _required(auth_info, "device_code_endpoint", where)
            if self._grant_type == DEVICE_CODE_GRANT
            else None
        )
        self._client = ClientAuthentication.from_auth_info(auth_info, where)
        self._auth_info = dict(auth_info)
        if self._grant_type == TOKEN_EXCHANGE_GRANT:
            subject = subject_token_from(auth_info, environ or os.environ, where=where)
            self._auth_info["subject_token"] = subject  # the effective config
        self._session_id = session_id_for(self._auth_info)
        self._flight = flight_lock(self._session_id)
        self._sessions = session_manager
        self._http = http_client
        self._owns_http = http_client is None
        self._interactive = interactive
        self._open_browser = open_browser
        self._sleep = sleep
        self._clock = clock
        self._skew = refresh_skew_seconds
        self._current: SessionInfo | None = None
        self._revocation_endpoint: str | None = auth_info.get("revocation_endpoint") or None

    @classmethod
    def make(
        cls,
        endpoint: ServiceEndpoint,
        auth_info: Mapping[str, Any],
        session_manager: SessionManager,
        **kwargs: Any,
    ) -> OAuth2Authenticator:
        """Create the authenticator for ``endpoint`` (id and URL taken from it)."""
        return cls(
            auth_info, session_manager, endpoint_id=endpoint.id, endpoint_url=endpoint.url, **kwargs
        )

    @property
    def session_id(self) -> str:
        return self._session_id

    @property
    def grant_type(self) -> str:
        return self._grant_type

    @property
    def http_client(self) -> httpx.Client:
        if self._http is None or self._http.is_closed:
            self._http = build_http_client()
            self._owns_http = True
        return self._http

    # -- the lifecycle ---------------------------------------------------------------------

    def initialize(self) -> SessionInfo:
        current = self._current
        if current is not None and self._usable(current):
            return current
        # Single flight: threads needing a token for this session wait here while the first
        # one restores, refreshes or runs a grant; then they find its session.
        with self._flight:
            current = self._current
            if current is not None and self._usable(current):
                return current
            with self._sessions.lock(self._session_id):  # one refresh per rotation, any process
                info = self.restore_session()
                if info is not None and self._usable(info):
                    self._current = info
                    return info
                if info is not None and info.refreshable():
                    try:
                        return self._refresh(info)
                    except AuthenticationError as exc:
                        if not isinstance(exc, OAuthError):
                            raise  # the issuer did not reject the token: do not throw it away
                        _logger.info(
                            "refresh rejected for %s (%s); starting a new grant",
                            self.describe(),
                            exc.error,
                        )
            return self.authenticate()

    def cached_authorization_header(self) -> str | None:
        current = self._current
        if current is None or not current.access_token or not self._usable(current):
            return None
        return header_value(current)

    def restore_session(self) -> SessionInfo | None:
        info = self._sessions.restore(self._session_id)
        self.events.dispatch(
            "session-restored" if info is not None else "session-not-restored",
            {"session_id": self._session_id},
        )
        return info

    def authenticate(self) -> SessionInfo:
        if self._grant_type == DEVICE_CODE_GRANT and not self._interactive:
            raise AuthenticationRequired(
                f"not logged in to {self.describe()} (no usable session); "
                "log in again with the device code flow (e.g. `dnastack auth login`)"
            )
        self.events.dispatch("authentication-before", {"grant_type": self._grant_type})
        try:
            answer = self._new_grant()
        except DnastackError as exc:
            self.events.dispatch(
                "authentication-failure",
                {
                    "grant_type": self._grant_type,
                    "error": _error_code(exc),
                },
            )
            raise
        info = self._save(answer, previous=None)
        self.events.dispatch("authentication-ok", {"grant_type": self._grant_type})
        return info

    def refresh(self) -> SessionInfo:
        with self._flight, self._sessions.lock(self._session_id):
            info = self._latest()
            if info is None or not info.refreshable():
                raise NoRefreshToken(f"no refresh token for {self.describe()}; log in again")
            return self._refresh(info)

    def clear_access_token(self) -> None:
        with self._flight, self._sessions.lock(self._session_id):
            info = self._latest()
            if info is None:
                return
            cleared = info.copy(update={"access_token": None, "valid_until": 0})
            self._sessions.save(self._session_id, cleared)
            self._current = cleared

    def revoke(self) -> None:
        """Revoke refresh and access tokens (RFC 7009) when the issuer has a revocation
        endpoint, then delete the local session (also when the issuer call fails).

        Raises:
            AuthenticationError: the issuer refused or could not be reached (the local
                session is deleted anyway).
        """
        info = self._latest()
        failure: DnastackError | None = None
        revoked = False
        endpoint = self._find_revocation_endpoint() if info is not None else None
        if info is not None and endpoint is not None:
            tokens = (("refresh_token", info.refresh_token), ("access_token", info.access_token))
            for hint, token in tokens:
                if not token:
                    continue
                try:
                    post_form(
                        self.http_client,
                        endpoint,
                        {"token": token, "token_type_hint": hint},
                        self._client,
                        what=f"token revocation for {self.describe()}",
                        secrets=[token],
                        expect_json=False,
                    )
                    revoked = True
                except DnastackError as exc:
                    failure = failure or exc
        self._sessions.delete(self._session_id)
        self._current = None
        self.events.dispatch(
            "session-revoked", {"session_id": self._session_id, "server_revoked": revoked}
        )
        if failure is not None:
            raise AuthenticationError(
                f"local session for {self.describe()} deleted, but revocation at the issuer "
                f"failed: {failure}"
            ) from failure

    def close(self) -> None:
        if self._owns_http and self._http is not None:
            self._http.close()
        self._http = None

    # -- internals -------------------------------------------------------------------------

    def _latest(self) -> SessionInfo | None:
        """The stored session (another process may have rotated it), else the in-memory one."""
        return self._sessions.restore(self._session_id) or self._current

    def _usable(self, info: SessionInfo) -> bool:
        return info.is_valid(self._skew, now=self._clock())

    def _refresh(self, info: SessionInfo) -> SessionInfo:
        assert info.refresh_token is not None
        self.events.dispatch("refresh-before", {})
        try:
            answer = refresh_token_grant(
                self.http_client,
                self._token_endpoint,
                self._client,
                info.refresh_token,
                what=f"token refresh for {self.describe()}",
            )
        except OAuthError as exc:
            self.events.dispatch("refresh-failure", {"error": exc.error})
            self._sessions.delete(self._session_id)  # the refresh token is dead
            self._current = None
            raise
        except DnastackError as exc:
            self.events.dispatch("refresh-failure", {"error": type(exc).__name__})
            raise
        rotated = (
            bool(answer.get("refresh_token")) and answer.get("refresh_token") != info.refresh_token
        )
        refreshed = self._save(answer, previous=info)
        self.events.dispatch("refresh-token-used", {"rotated": rotated})
        return refreshed

    def _new_grant(self) -> dict[str, Any]:
        info = self._auth_info
        what = f"{_GRANT_NAMES[self._grant_type]} for {self.describe()}"
        scope, resource = info.get("scope"), info.get("resource_url")
        if self._grant_type == DEVICE_CODE_GRANT:
            assert self._device_endpoint is not None
            return device_code_grant(
                self.http_client,
                device_endpoint=self._device_endpoint,
                token_endpoint=self._token_endpoint,
                client=self._client,
                events=self.events,
                sleep=self._sleep,
                clock=self._clock,
                scope=scope,
                resource=resource,
                open_browser=self._open_browser,
                what=what,
            )
        if self._grant_type == TOKEN_EXCHANGE_GRANT:
            return token_exchange_grant(
                self.http_client,
                self._token_endpoint,
                self._client,
                info["subject_token"],
                subject_token_type=info.get("subject_token_type") or ACCESS_TOKEN_TYPE,
                requested_token_type=info.get("requested_token_type"),
                audience=info.get("audience"),
                resource=resource,
                scope=scope,
                what=what,
            )
        return client_credentials_grant(
            self.http_client,
            self._token_endpoint,
            self._client,
            scope=scope,
            resource=resource,
            what=what,
        )

    def _save(self, answer: Mapping[str, Any], previous: SessionInfo | None) -> SessionInfo:
        if not isinstance(answer.get("access_token"), str) or not answer.get("access_token"):
            raise AuthenticationError(f"the issuer returned no access_token for {self.describe()}")
        info = SessionInfo.from_token_response(
            answer, auth_info=self._auth_info, previous=previous, now=self._clock()
        )
        self._sessions.save(self._session_id, info)
        self._current = info
        return info

    def _find_revocation_endpoint(self) -> str | None:
        if self._revocation_endpoint is None:
            self._revocation_endpoint = self._discover("revocation_endpoint")
        return self._revocation_endpoint

    def _discover(self, key: str) -> str | None:
        """Look ``key`` up in the issuer's metadata (OIDC discovery, then RFC 8414)."""
        issuer = self._auth_info.get("issuer")
        if not isinstance(issuer, str) or not issuer:
            scheme, host, port = origin_of(self._token_endpoint)
            issuer = str(httpx.URL(scheme=scheme, host=host, port=port))
        for path in _DISCOVERY_PATHS:
            url = issuer.rstrip("/") + path
            try:
                response = self.http_client.get(url, auth=NO_AUTH)
                value = response.json().get(key) if response.is_success else None
            except (httpx.HTTPError, ValueError, AttributeError):
                continue
            if isinstance(value, str) and value:
                return value
        return None


_GRANT_NAMES = {
    DEVICE_CODE_GRANT: "device code flow",
    CLIENT_CREDENTIALS_GRANT: "client credentials token request",
    TOKEN_EXCHANGE_GRANT: "token exchange",
}


def _error_code(exc: BaseException) -> str:
    """The OAuth2 error code behind ``exc`` (``access_denied``...), else its class name."""
    for candidate in (exc, exc.__cause__):
        if isinstance(candidate, OAuthError):
            return candidate.error
    return type(exc).__name__


def _required(auth_info: Mapping[str, Any], key: str, where: str) -> str:
    value = auth_info.get(key)
    if not isinstance(value, str) or not value:
        raise OAuth2MisconfigurationError(f"{where}: the OAuth2 authentication needs {key}")
    return value


def _grant_type(auth_info: Mapping[str, Any], where: str) -> str:
    kind = auth_info.get("type")
    if kind not in (None, "oauth2"):
        raise OAuth2MisconfigurationError(f"{where}: authentication type {kind!r} is not oauth2")
    grant = auth_info.get("grant_type")
    if grant is None:
        if auth_info.get("device_code_endpoint"):
            return DEVICE_CODE_GRANT
        if auth_info.get("client_secret"):
            return CLIENT_CREDENTIALS_GRANT
        raise OAuth2MisconfigurationError(f"{where}: the OAuth2 authentication needs a grant_type")
    if grant not in SUPPORTED_GRANT_TYPES:
        raise OAuth2MisconfigurationError(
            f"{where}: grant_type {grant!r} is not supported "
            f"(supported: {', '.join(sorted(SUPPORTED_GRANT_TYPES))})"
        )
    return str(grant)

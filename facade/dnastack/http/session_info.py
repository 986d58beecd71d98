"""Session (token) storage: ``SessionInfo``, ``SessionManager`` (storages re-exported).

Sessions are keyed by :func:`session_id_for`, the SHA-256 of the canonical JSON of an
endpoint's authentication config (secret values left out, except identity-bearing tokens
which enter as digests), so any change to the auth config forces a new login.

* The storages (:class:`BaseSessionStorage`, :class:`InMemorySessionStorage`,
  :class:`FileSessionStorage`) live in :mod:`dnastack.http.session_storage` and are
  re-exported here, their documented path. :class:`FileSessionStorage` keeps one JSON file
  per session (``<dir>/<id>.json``, 0600, directory 0700), written atomically;
  :meth:`BaseSessionStorage.lock` is an inter-process lock per session, to hold while
  checking/refreshing/saving a token so that two processes never both spend a rotating
  refresh token.
* :class:`SessionManager` puts a *static* session first: one given as JSON
  (``DNASTACK_SESSION``) or as a file (``DNASTACK_SESSION_FILE``) is returned by
  :meth:`~SessionManager.restore` for every session id, and really used. A refreshed
  static session is kept in memory for the process; the static source is never written.
* Client secrets are never stored: :class:`SessionInfoHandler` drops secret keys from the
  ``auth_info`` it keeps. No repr shows a token.

Usage by an authenticator::

    session_id = session_id_for(auth_info)
    with manager.lock(session_id):
        info = manager.restore(session_id)
        if info is None or not info.is_valid():
            info = refresh_or_login(info)            # network
            manager.save(session_id, info)
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dnastack.common.logs import sdk_logger
from dnastack.common.model import Model, field, model
from dnastack.common.redact import is_secret_key, redacted_repr
from dnastack.exceptions import ConfigurationError, DnastackError, ModelValidationError

__all__ = [
    "DEFAULT_SKEW_SECONDS",
    "MAX_TOKEN_LIFETIME_SECONDS",
    "NO_EXPIRY",
    "SESSION_SCHEMA_VERSION",
    "BaseSessionStorage",
    "FileSessionStorage",
    "InMemorySessionStorage",
    "SessionInfo",
    "SessionInfoHandler",
    "SessionManager",
    "UnknownSessionError",
    "parse_session_json",
    "sanitize_auth_info",
    "session_id_for",
]

if TYPE_CHECKING:
    from dnastack.http.session_storage import (
        BaseSessionStorage,
        FileSessionStorage,
        InMemorySessionStorage,
    )

_logger = sdk_logger("dnastack.http.session_info")

SESSION_SCHEMA_VERSION = 3.0
DEFAULT_SKEW_SECONDS = 60.0
"""A token is treated as expired this many seconds before ``valid_until``."""
MAX_TOKEN_LIFETIME_SECONDS = 10 * 365 * 86400
"""A token's ``expires_in`` beyond this (ten years) is capped to it."""
NO_EXPIRY = 2**53
"""``valid_until`` of a static session that does not say when it expires."""

# Secrets that define *who* the session is for: they enter the session id as a digest, so
# a different subject token gets a different session. Other secrets are left out.
_IDENTITY_SECRET_KEYS = frozenset({"subject_token", "actor_token", "token"})


class UnknownSessionError(DnastackError, KeyError):
    """Raised when an unknown session is requested."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown session"


def sanitize_auth_info(auth_info: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of ``auth_info`` without secret keys (client_secret, tokens, passwords...)."""
    return {
        k: sanitize_auth_info(v) if isinstance(v, Mapping) else v
        for k, v in auth_info.items()
        if not is_secret_key(k)
    }


def session_id_for(auth_info: Mapping[str, Any]) -> str:
    """The session id for an authentication config: a 64-character SHA-256 hex digest.

    Computed over the canonical JSON (sorted keys, compact) of ``auth_info`` with None
    values dropped, secret values (client_secret, password, refresh/access tokens) left
    out, and identity-bearing tokens (``subject_token``, ``actor_token``, ``token``)
    replaced by their SHA-256. Changing anything else (client_id, token_endpoint,
    resource_url, scope, grant_type, audience, ...) gives a new id, hence a new login.
    Pass the *effective* config (e.g. with a subject token read from the environment).
    """
    canonical = json.dumps(
        _identity_view(auth_info), sort_keys=True, separators=(",", ":"), ensure_ascii=True
    )
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def _identity_view(value: Any) -> Any:
    if isinstance(value, Mapping):
        view: dict[str, Any] = {}
        for key, item in value.items():
            if item is None:
                continue
            name = str(key)
            if name in _IDENTITY_SECRET_KEYS and isinstance(item, str):
                view[name] = "sha256:" + hashlib.sha256(item.encode("utf-8")).hexdigest()
            elif not is_secret_key(name):
                view[name] = _identity_view(item)
        return view
    if isinstance(value, list | tuple):
        return [_identity_view(v) for v in value]
    return value


# -- models -------------------------------------------------------------------------------


@model
class SessionInfoHandler(Model):
    """The authentication config a session was obtained with, secrets removed."""

    auth_info: dict[str, Any] = field(factory=dict)

    def __attrs_post_init__(self) -> None:
        self.auth_info = sanitize_auth_info(self.auth_info)


@model
class SessionInfo(Model):
    """Tokens of one session. Times are Unix epoch seconds. Tokens never appear in a repr.

    Attributes:
        dnastack_schema_version: schema version (serialised and passed as ``model_version``).
        config_hash: the session id (:func:`session_id_for`) the tokens belong to.
        access_token, refresh_token, scope, token_type: as returned by the token endpoint.
        handler: the auth config (secrets removed) that produced the session.
        issued_at: when the access token was issued.
        valid_until: when the access token expires.
    """

    dnastack_schema_version: float = field(default=SESSION_SCHEMA_VERSION, alias="model_version")
    config_hash: str | None = None
    access_token: str | None = field(default=None, repr=redacted_repr)
    refresh_token: str | None = field(default=None, repr=redacted_repr)
    scope: str | None = None
    token_type: str = "Bearer"
    handler: SessionInfoHandler | None = None
    issued_at: int
    valid_until: int

    @property
    def model_version(self) -> float:
        """Alias of :attr:`dnastack_schema_version` (the serialised name)."""
        return self.dnastack_schema_version

    def is_valid(
        self, skew_seconds: float = DEFAULT_SKEW_SECONDS, *, now: float | None = None
    ) -> bool:
        """Whether the access token is present and still valid ``skew_seconds`` from now."""
        current = time.time() if now is None else now
        return bool(self.access_token) and current + skew_seconds < self.valid_until

    def refreshable(self) -> bool:
        """Whether a refresh token is available."""
        return bool(self.refresh_token)

    def expires_in(self, *, now: float | None = None) -> float:
        """Seconds until ``valid_until`` (negative once expired)."""
        return self.valid_until - (time.time() if now is None else now)

    @classmethod
    def from_token_response(
        cls,
        response: Mapping[str, Any],
        *,
        auth_info: Mapping[str, Any] | None = None,
        previous: SessionInfo | None = None,
        now: float | None = None,
        default_lifetime_seconds: int = 300,
    ) -> SessionInfo:
        """Build a session from an OAuth2 token response (RFC 6749 section 5.1).

        A response without ``refresh_token`` keeps ``previous.refresh_token`` (servers
        need not rotate it); without ``scope`` keeps the previous scope; without
        ``expires_in`` lasts ``default_lifetime_seconds``. ``config_hash`` is
        ``session_id_for(auth_info)`` when ``auth_info`` is given.

        Raises:
            ModelValidationError: the response has no usable ``access_token``.
        """
        access_token = response.get("access_token")
        if not isinstance(access_token, str) or not access_token:
            raise ModelValidationError("token response has no access_token", model=cls.__name__)
        issued_at = int(time.time() if now is None else now)
        lifetime = _token_lifetime(response.get("expires_in"), default_lifetime_seconds)
        refresh_token = response.get("refresh_token") or (
            previous.refresh_token if previous else None
        )
        scope = response.get("scope") or (previous.scope if previous else None)
        return cls(
            config_hash=session_id_for(auth_info) if auth_info is not None else None,
            access_token=access_token,
            refresh_token=refresh_token if isinstance(refresh_token, str) else None,
            scope=scope if isinstance(scope, str) else None,
            token_type=str(response.get("token_type") or "Bearer"),
            handler=SessionInfoHandler(auth_info=dict(auth_info))
            if auth_info is not None
            else None,
            issued_at=issued_at,
            valid_until=issued_at + lifetime,
        )


def _token_lifetime(expires_in: Any, default: int) -> int:
    """``expires_in`` as whole seconds: absurd values (not a number, negative, infinite)
    give ``default``, and lifetimes beyond :data:`MAX_TOKEN_LIFETIME_SECONDS` are capped."""
    if expires_in is None:
        return default
    try:
        value = float(expires_in)
    except (TypeError, ValueError, OverflowError):
        value = math.nan
    if isinstance(expires_in, bool) or not math.isfinite(value) or value < 0:
        _logger.warning("token response: unusable expires_in; assuming %d s", default)
        return default
    return int(min(value, MAX_TOKEN_LIFETIME_SECONDS))


# -- manager ------------------------------------------------------------------------------


class SessionManager:
    """Session Information Manager

    Args:
        storage: where sessions are kept (:class:`FileSessionStorage` by default in the
            SDK, built by ``Settings.session_manager()``).
        static_session: a session as JSON text (``DNASTACK_SESSION``); returned by
            :meth:`restore` for every session id. ``access_token`` is required;
            ``issued_at`` defaults to now and ``valid_until`` to ``issued_at +
            expires_in`` or, failing that, no expiry.
        static_session_file: a file holding such JSON (``DNASTACK_SESSION_FILE``); read
            on every :meth:`restore`, so a file rotated by another tool is picked up.

    Raises (from :meth:`restore`):
        ConfigurationError: the static session is not valid (the message names the source,
            never the content).
    """

    def __init__(
        self,
        storage: BaseSessionStorage,
        static_session: str | None = None,
        static_session_file: str | os.PathLike[str] | None = None,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.storage = storage
        self._static_session = static_session
        self._static_session_file = (
            Path(static_session_file).expanduser() if static_session_file else None
        )
        self._clock = clock
        self._static_override: SessionInfo | None = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"SessionManager(storage={self.storage!r}, static={self.is_static})"

    @property
    def is_static(self) -> bool:
        """Whether a static session (JSON or file) takes precedence over the storage."""
        return self._static_session is not None or self._static_session_file is not None

    def restore(self, session_id: str) -> SessionInfo | None:
        """The session for ``session_id``: the static one first, else the stored one.

        A stored session recorded for another auth config (``config_hash`` differs) is
        ignored (None), which forces a new login.
        """
        if self.is_static:
            with self._lock:
                if self._static_override is not None:
                    return self._static_override
            return self._load_static()
        info = self.storage.get(session_id)
        if info is not None and info.config_hash not in (None, session_id):
            _logger.info("ignoring session %s: recorded for another auth config", session_id[:12])
            return None
        return info

    def save(self, session_id: str, info: SessionInfo) -> None:
        """Store ``info`` (with ``config_hash`` set to ``session_id`` when missing).

        With a static session, the new session (e.g. refreshed) is kept in memory for
        this process and the static source is left untouched.
        """
        if info.config_hash is None:
            info = info.copy(update={"config_hash": session_id})
        if self.is_static:
            with self._lock:
                self._static_override = info
            _logger.debug("static session updated in memory only")
            return
        self.storage[session_id] = info
        _logger.debug("saved session %s", session_id[:12])

    def delete(self, session_id: str) -> None:
        """Forget the session (no error when there is none)."""
        if self.is_static:
            with self._lock:
                self._static_override = None
            return
        with contextlib.suppress(UnknownSessionError):
            del self.storage[session_id]
        _logger.debug("deleted session %s", session_id[:12])

    def lock(self, session_id: str) -> contextlib.AbstractContextManager[None]:
        """Hold while checking, refreshing and saving a session (see the module example)."""
        if self.is_static:
            return contextlib.nullcontext()
        return self.storage.lock(session_id)

    def _load_static(self) -> SessionInfo:
        if self._static_session is not None:
            text, source = self._static_session, "static session (DNASTACK_SESSION)"
        else:
            assert self._static_session_file is not None
            from dnastack.common.private_files import read_private_text
            from dnastack.exceptions import ConfigurationFileError

            source = f"static session file {self._static_session_file}"
            kind = "static session file"
            read = read_private_text(self._static_session_file, kind=kind)
            if read is None:
                raise ConfigurationFileError(
                    str(self._static_session_file), f"read {kind}", "No such file or directory"
                )
            text = read
        return _static_session_from_json(text, source, self._clock())


def parse_session_json(text: str, source: str) -> dict[str, Any]:
    """The JSON object of a session file or static session, with its times in range.

    Raises:
        ConfigurationError: not JSON, nested too deeply, not an object, or ``issued_at``/
            ``valid_until`` not a number between 0 and :data:`NO_EXPIRY` (names ``source``,
            never the content).
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigurationError(
            f"{source}: not valid JSON (line {exc.lineno}, column {exc.colno})"
        ) from None
    except RecursionError:
        raise ConfigurationError(f"{source}: not a session (JSON nested too deeply)") from None
    except ValueError:  # an integer of more than 4300 digits
        raise ConfigurationError(f"{source}: a number out of range") from None
    if not isinstance(data, dict):
        raise ConfigurationError(f"{source}: expected a JSON object")
    for key in ("issued_at", "valid_until", "expires_in"):
        value = data.get(key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ConfigurationError(f"{source}: {key}: expected a number of seconds")
        if not (math.isfinite(value) and 0 <= value <= NO_EXPIRY):
            raise ConfigurationError(f"{source}: {key}: out of range (0 to 2**53 seconds)")
    return data


def _static_session_from_json(text: str, source: str, now: float) -> SessionInfo:
    data = dict(parse_session_json(text, source))
    if not isinstance(data.get("access_token"), str) or not data["access_token"]:
        raise ConfigurationError(f"{source}: access_token is required")
    issued_at = data.setdefault("issued_at", int(now))
    if "valid_until" not in data:
        expires_in = data.pop("expires_in", None)
        valid = isinstance(expires_in, int | float) and isinstance(issued_at, int | float)
        until = int(issued_at + expires_in) if valid else NO_EXPIRY
        data["valid_until"] = min(until, NO_EXPIRY)
    data.pop("expires_in", None)
    try:
        return SessionInfo.parse_obj(data)
    except ModelValidationError as exc:
        raise ConfigurationError(f"{source}: {exc}") from None


# -- storages (defined in dnastack.http.session_storage, documented here) -----------------

_STORAGE_NAMES = frozenset({"BaseSessionStorage", "FileSessionStorage", "InMemorySessionStorage"})


def __getattr__(name: str) -> Any:
    """The storage classes, from :mod:`dnastack.http.session_storage` on first use.

    Imported lazily because that module imports this one (no import cycle at load time).
    """
    if name not in _STORAGE_NAMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import dnastack.http.session_storage as session_storage

    value = getattr(session_storage, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_STORAGE_NAMES})

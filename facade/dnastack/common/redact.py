"""Redaction helpers: keep secrets out of reprs, logs, reports and error messages.

A masked value keeps nothing recoverable: :func:`mask` returns ``"***"``;
:func:`fingerprint` returns a short hash prefix, enough to tell two tokens apart in a
log and useless for recovering either.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

__all__ = [
    "REDACTED",
    "SECRET_KEYS",
    "fingerprint",
    "is_secret_key",
    "mask",
    "redact_mapping",
    "redact_text",
    "redact_url",
    "redacted_mapping_repr",
    "redacted_repr",
    "redacted_url_repr",
]

REDACTED = "***"

SECRET_KEYS: frozenset[str] = frozenset(
    {
        "access_token",
        "actor_token",
        "api_key",
        "auth_token",
        "authorization",
        "client_secret",
        "cookie",
        "device_code",
        "id_token",
        "passport",
        "passports",
        "password",
        "private_key",
        "proxy_authorization",
        "refresh_token",
        "secret",
        "set_cookie",
        "subject_token",
        "token",
    }
)
"""Keys whose values are secrets (compared case-, ``-``- and ``_``-insensitively)."""

_SECRET_SUFFIXES = ("token", "secret", "password", "passwd", "apikey", "privatekey")
_NORMALISED_KEYS = frozenset(k.replace("_", "") for k in SECRET_KEYS)
_URL_WITH_CREDENTIALS = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")


def _normalise(key: str) -> str:
    return key.lower().replace("_", "").replace("-", "")


def is_secret_key(key: object) -> bool:
    """Whether a mapping key names a secret (``client_secret``, ``clientSecret``, ``x-api-key``).

    Besides :data:`SECRET_KEYS`, any key ending in token/secret/password/api key counts
    (``my_refresh_token``), but not ``token_type`` or ``token_endpoint``.
    """
    if not isinstance(key, str):
        return False
    normal = _normalise(key)
    return normal in _NORMALISED_KEYS or normal.endswith(_SECRET_SUFFIXES)


def mask(value: str | None) -> str | None:
    """``"***"`` for a non-empty secret; ``None`` and ``""`` stay as they are."""
    if value is None or value == "":
        return value
    return REDACTED


def fingerprint(value: str) -> str:
    """A short, non-reversible fingerprint such as ``sha256:1a2b3c4d``."""
    return "sha256:" + hashlib.sha256(value.encode("utf-8")).hexdigest()[:8]


def redact_mapping(data: Mapping[Any, Any], extra_keys: Iterable[str] = ()) -> dict[Any, Any]:
    """A deep copy of ``data`` with the values of secret keys replaced by ``"***"``.

    Lists and nested mappings are walked; URLs carrying credentials are cleaned with
    :func:`redact_url`. ``extra_keys`` adds keys to treat as secret.
    """
    extra = frozenset(_normalise(k) for k in extra_keys)
    return {k: _redact_item(k, v, extra) for k, v in data.items()}


def _redact_item(key: Any, value: Any, extra: frozenset[str]) -> Any:
    if value is not None and (
        is_secret_key(key) or (isinstance(key, str) and _normalise(key) in extra)
    ):
        return REDACTED
    return _redact_value(value, extra)


def _redact_value(value: Any, extra: frozenset[str]) -> Any:
    if isinstance(value, Mapping):
        return {k: _redact_item(k, v, extra) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_redact_value(v, extra) for v in value]
    if isinstance(value, str) and _URL_WITH_CREDENTIALS.match(value):
        return redact_url(value)
    return value


def redact_url(url: str) -> str:
    """The URL with any password in the user-info and secret query values replaced.

    ``https://u:p@h/x?access_token=t&a=1`` -> ``https://u:***@h/x?access_token=***&a=1``.
    Anything that does not parse as a URL is returned unchanged.
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, _, host = netloc.rpartition("@")
        user, sep, _password = userinfo.partition(":")
        netloc = f"{user}:{REDACTED}@{host}" if sep else f"{REDACTED}@{host}"
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        if any(is_secret_key(k) for k, _ in pairs):
            query = urlencode(
                [(k, REDACTED if is_secret_key(k) else v) for k, v in pairs], safe="*"
            )
    if netloc == parts.netloc and query == parts.query:
        return url
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def redact_text(text: str, secrets: Iterable[str | None]) -> str:
    """``text`` with every occurrence of the given secret values replaced by ``"***"``.

    Values shorter than 4 characters are ignored (masking them would mangle the text
    without protecting anything).
    """
    for secret in sorted({s for s in secrets if s and len(s) >= 4}, key=len, reverse=True):
        text = text.replace(secret, REDACTED)
    return text


def redacted_repr(value: object) -> str:
    """``repr`` for a secret attribute (usable as ``attrs.field(repr=redacted_repr)``)."""
    if value is None:
        return "None"
    if value == "":
        return "''"
    return repr(REDACTED)


def redacted_mapping_repr(value: object) -> str:
    """``repr`` of a mapping (or list of mappings) with secret values masked."""
    if isinstance(value, Mapping):
        return repr(redact_mapping(value))
    if isinstance(value, list | tuple):
        return repr([redact_mapping(v) if isinstance(v, Mapping) else v for v in value])
    return repr(value)


def redacted_url_repr(value: object) -> str:
    """``repr`` of a URL with credentials removed (see :func:`redact_url`)."""
    return repr(redact_url(value)) if isinstance(value, str) else repr(value)

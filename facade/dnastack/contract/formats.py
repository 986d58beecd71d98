"""Checkers for the ``format`` keywords our specs use, enforced on every response.

OpenAPI 3.0 schemas are validated with a JSON Schema Draft 4 validator, and Draft 4 treats
``format`` as an annotation: ``uri-reference``, ``int32``/``int64`` (and, depending on the
validator, ``uri`` and ``date-time``) accept anything. The runner therefore registers its own
checkers (:data:`FORMAT_CHECKS`, :data:`INTEGER_FORMATS`; check ``format_conformance``).
Each function takes any JSON value and answers True for values of other types.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable, Mapping
from urllib.parse import urlsplit

__all__ = [
    "FORMAT_CHECKS",
    "INTEGER_FORMATS",
    "is_date",
    "is_date_time",
    "is_email",
    "is_uri",
    "is_uri_reference",
    "is_uuid",
]

_URI_CHARACTERS = re.compile(r"^(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
_DATE_TIME = re.compile(
    r"^(\d{4}-\d{2}-\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+\-]\d{2}:\d{2})$"
)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _split_ok(text: str) -> bool:
    try:
        parts = urlsplit(text)
        _ = parts.port  # raises on a non-numeric port
    except ValueError:
        return False
    return not (parts.scheme in ("http", "https") and not parts.hostname)


def is_uri_reference(value: object) -> bool:
    """RFC 3986 URI-reference: an absolute URI or a relative reference (no spaces)."""
    if not isinstance(value, str):
        return True
    return bool(_URI_CHARACTERS.match(value)) and _split_ok(value)


def is_uri(value: object) -> bool:
    """RFC 3986 URI: a scheme, then the rest (http/https need a host)."""
    if not isinstance(value, str):
        return True
    return bool(_SCHEME.match(value)) and is_uri_reference(value)


def is_date(value: object) -> bool:
    """RFC 3339 full-date: ``2024-02-29``."""
    if not isinstance(value, str):
        return True
    if not _DATE.match(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def is_date_time(value: object) -> bool:
    """RFC 3339 date-time: ``2024-02-29T13:45:30Z`` (an offset is required)."""
    if not isinstance(value, str):
        return True
    match = _DATE_TIME.match(value)
    if match is None or not is_date(match.group(1)):
        return False
    hour, minute, second = (int(match.group(i)) for i in (2, 3, 4))
    return hour < 24 and minute < 60 and second <= 60  # 60: a leap second


def is_email(value: object) -> bool:
    """A plausible address: ``local@domain.tld``."""
    return not isinstance(value, str) or bool(_EMAIL.match(value))


def is_uuid(value: object) -> bool:
    if not isinstance(value, str):
        return True
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


FORMAT_CHECKS: Mapping[str, Callable[[object], bool]] = {
    "uri": is_uri,
    "uri-reference": is_uri_reference,
    "url": is_uri,
    "date-time": is_date_time,
    "date": is_date,
    "email": is_email,
    "uuid": is_uuid,
}
"""String formats the runner enforces (given to the validator as format checkers)."""

INTEGER_FORMATS: Mapping[str, tuple[int, int]] = {
    "int32": (-(2**31), 2**31 - 1),
    "int64": (-(2**63), 2**63 - 1),
}
"""Integer formats, enforced as ``minimum``/``maximum`` (format checkers only see strings)."""

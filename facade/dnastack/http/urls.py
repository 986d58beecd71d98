"""URLs that come from a server, and URLs built from ids: the two rules every client follows.

* :func:`follow_server_url`: a link a server sent (next page, redirect, access URL) is
  followed only when it is, or resolves to, an ``http``/``https`` URL with a host. A link
  that names another scheme (``file:``, ``data:``, ``javascript:``, ``ftp:``..., also behind
  leading blanks or embedded tabs and newlines, as browsers read them) is an
  :class:`~dnastack.exceptions.UnsafeUrlError`; it is never resolved against the endpoint.
* :func:`path_segment`: an object id is always exactly one percent-encoded path segment
  (``/``, ``?``, ``#``, ``%`` are encoded; ``.`` and ``..`` become ``%2E`` and ``%2E%2E``,
  which no client or server normalises away).

Pure functions (no I/O), shared by the sync and async drivers.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import quote

from dnastack.exceptions import UnsafeUrlError, safe_url

if TYPE_CHECKING:
    import httpx

__all__ = ["ALLOWED_SCHEMES", "follow_server_url", "is_followable", "path_segment"]

ALLOWED_SCHEMES = frozenset({"http", "https"})
"""The only schemes followed in a URL sent by a server."""

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_IGNORED_BY_BROWSERS = str.maketrans("", "", "\t\n\r")
_LEADING_BLANKS = "".join(chr(c) for c in range(0x21))  # C0 controls and space


def _declared_scheme(link: str) -> str | None:
    probe = link.translate(_IGNORED_BY_BROWSERS).lstrip(_LEADING_BLANKS)
    match = _SCHEME.match(probe)
    return match.group(1).lower() if match else None


def is_followable(url: httpx.URL) -> bool:
    """Whether an absolute URL may be requested: ``http``/``https`` with a host and, if
    any, a port a socket can use (1-65535; a larger one would wrap around silently)."""
    port = url.port
    return url.scheme in ALLOWED_SCHEMES and bool(url.host) and (port is None or 0 < port < 65536)


def follow_server_url(base: httpx.URL | str, link: str, *, what: str = "link") -> httpx.URL:
    """Resolve ``link`` (sent by the server that answered ``base``) with an RFC 3986 join.

    Raises:
        UnsafeUrlError: the link names a scheme other than http/https, or does not resolve
            to an http(s) URL with a host (the message names ``what`` and both URLs,
            without query strings).
    """
    import httpx  # not at import time: `import httpx` also loads click when installed

    scheme = _declared_scheme(link)
    if scheme is not None and scheme not in ALLOWED_SCHEMES:
        raise UnsafeUrlError(
            f"{what} from {safe_url(base)} uses the {scheme!r} scheme; only http and https "
            "URLs are followed",
            url=f"{scheme}:<redacted>",
        )
    try:
        base_url = base if isinstance(base, httpx.URL) else httpx.URL(base)
        resolved = base_url.join(link)
    except httpx.InvalidURL as exc:
        raise UnsafeUrlError(
            f"{what} from {safe_url(base)} is not a valid URL ({exc})", url="<unparseable>"
        ) from exc
    if not is_followable(resolved):
        raise UnsafeUrlError(
            f"{what} from {safe_url(base)} resolves to {safe_url(resolved)}; only http and "
            "https URLs with a host (and a port up to 65535) are followed",
            url=safe_url(resolved),
        )
    return resolved


#: Most identifiers need no encoding: one regular-expression match instead of ``quote``.
_ALL_UNRESERVED = re.compile(r"[A-Za-z0-9._~-]*").fullmatch


def path_segment(object_id: str) -> str:
    """``object_id`` as exactly one percent-encoded path segment.

    Every character outside RFC 3986 *unreserved* is encoded, and the dot segments ``.``
    and ``..`` (which URL resolution would remove or climb with) are written ``%2E``/``%2E%2E``.
    A lone surrogate (``"\\ud800"``: valid JSON, not encodable as UTF-8) is encoded as its
    three UTF-8-style bytes (``%ED%A0%80``) instead of failing: still one segment.
    """
    encoded = (
        object_id
        if _ALL_UNRESERVED(object_id)
        else quote(object_id, safe="", errors="surrogatepass")
    )
    if encoded in (".", ".."):
        return encoded.replace(".", "%2E")
    return encoded

"""``parsed_url``: an absolute URL string as an ``httpx.URL``, parsing its directory once.

httpx parses every URL string a request is given (~30 µs: a per-character control check,
host encoding, path quoting), which is a tenth of the client's CPU for a small API call such
as a DRS object look-up. Most URLs a client sends share a directory with the ones before
(``.../objects/<id>``), so :func:`parsed_url` keeps the parse of the part up to the last
``/`` and appends the last segment when that segment is already in the form httpx would give
it (RFC 3986 unreserved and sub-delimiter characters, ``:``, ``@`` and upper-case
``%XX`` escapes; not ``.``/``..``). Anything else (a query, a fragment, other characters,
a relative URL) is parsed by httpx as before, so the result is always the URL httpx would
build; a self-check at import turns the shortcut off if httpx's internals ever differ.
"""

from __future__ import annotations

import re
from typing import Final

import httpx
from httpx._urlparse import MAX_URL_LENGTH, ParseResult

__all__ = ["parsed_url"]

_PLAIN_SEGMENT: Final = re.compile(r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@]|%[0-9A-F]{2})+")
_MAX_DIRECTORIES: Final = 256
_directories: dict[str, ParseResult | None] = {}


def _directory(prefix: str) -> ParseResult | None:
    """The parse of ``prefix`` (ends with ``/``) when URLs under it may be built from it."""
    try:
        parsed = httpx.URL(prefix)._uri_reference
    except httpx.InvalidURL:
        return None
    usable = (
        parsed.scheme in ("http", "https")
        and bool(parsed.host)
        and parsed.path.endswith("/")
        and parsed.query is None
        and parsed.fragment is None
    )
    return parsed if usable else None


def _shortcut(url: str) -> httpx.URL | None:
    cut = url.rfind("/") + 1
    segment = url[cut:]
    if (
        not cut
        or len(url) > MAX_URL_LENGTH
        or segment in (".", "..")
        or (segment and _PLAIN_SEGMENT.fullmatch(segment) is None)
    ):
        return None
    prefix = url[:cut]
    try:
        directory = _directories[prefix]
    except KeyError:
        if len(_directories) >= _MAX_DIRECTORIES:
            _directories.clear()
        directory = _directories[prefix] = _directory(prefix)
    if directory is None:
        return None
    scheme, userinfo, host, port, path, _, _ = directory
    built = httpx.URL.__new__(httpx.URL)
    built._uri_reference = ParseResult(scheme, userinfo, host, port, path + segment, None, None)
    return built


def _same(built: httpx.URL | None, parsed: httpx.URL) -> bool:
    return built is not None and tuple(built._uri_reference) == tuple(parsed._uri_reference)


def _shortcut_agrees() -> bool:
    samples = ("http://h.example/a/b", "https://u@H.example:8443/x/./y/%2E%2E", "http://h/a/")
    try:
        return all(_same(_shortcut(s), httpx.URL(s)) for s in samples)
    except Exception:  # noqa: BLE001 - any difference in httpx internals: parse in full
        return False


_ENABLED: Final = _shortcut_agrees()
_directories.clear()


def parsed_url(url: str | httpx.URL) -> httpx.URL:
    """``url`` as an ``httpx.URL`` (equal to ``httpx.URL(url)``).

    Raises:
        httpx.InvalidURL: as ``httpx.URL(url)`` would.
    """
    if isinstance(url, httpx.URL):
        return url
    if _ENABLED:
        built = _shortcut(url)
        if built is not None:
            return built
    return httpx.URL(url)

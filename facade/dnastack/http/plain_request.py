"""The request ``client.build_request`` builds for a plain call, built in one step.

Most of the SDK's calls (every DRS look-up, every Data Connect next page, most metadata
GETs) carry no body, headers, query parameters, cookies or timeout of their own. For them
``build_request`` copies the client's headers twice, looks each automatic header up in
turn and builds a third header set with ``Host`` in front: about a tenth of such a call's
client time. :func:`plain_request` builds the same ``httpx.Request`` (method, URL, header
list in order, empty body, extensions) with httpx's own constructor, once; any call or
client it does not cover goes through ``build_request`` (``tests/unit/http/
test_prepared_call.py`` compares both header list by header list).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx

__all__ = ["plain_request"]

#: Headers httpx adds itself (``Request._prepare``): a client that sets one of them goes
#: through ``build_request``, whose rules decide which copy wins.
_AUTOMATIC = frozenset((b"host", b"content-length", b"transfer-encoding"))
#: Methods httpx gives a ``Content-Length: 0`` when they have no body.
_LENGTH_WITHOUT_BODY = frozenset(("POST", "PUT", "PATCH"))


def plain_request(
    client: httpx.Client | httpx.AsyncClient,
    method: str,
    url: httpx.URL,
    traceparent: str,
    extensions: Mapping[str, Any] | None,
) -> httpx.Request | None:
    """``client.build_request(method, url, extensions=extensions)`` with ``traceparent``
    appended to its headers, or None when the client has a base URL for a relative ``url``,
    query parameters, cookies or an automatic header of its own (the caller builds it then).

    ``method`` is upper-case already.
    """
    if url.is_relative_url or not url.host or client.params or client.cookies:
        return None
    defaults = client.headers.raw
    ascii_only = True
    for name, value in defaults:
        if name.lower() in _AUTOMATIC:
            return None
        ascii_only = ascii_only and name.isascii() and value.isascii()
    head = [(b"Host", url.netloc)]
    if method in _LENGTH_WITHOUT_BODY:
        head.append((b"Content-Length", b"0"))
    if extensions is None or "timeout" not in extensions:
        extensions = {**(extensions or {}), "timeout": client.timeout.as_dict()}
    request = httpx.Request(
        method,
        url,
        headers=[*head, *defaults, (b"traceparent", traceparent.encode("ascii"))],
        extensions=extensions,
        stream=httpx.ByteStream(b""),
    )
    request.read()  # as httpx does for a body given whole: ``request.content`` is b""
    if ascii_only:  # httpx's verdict (the headers added are ASCII), without decoding each
        request.headers.encoding = "ascii"
    return request
